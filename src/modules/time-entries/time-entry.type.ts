import { Field, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar, DateTimeScalar, DecimalScalar } from "../../shared/scalars";
import { formatMinorUnits } from "../../shared/money";
import type { timeEntries } from "./time-entry.table";

export type TimeEntryRow = typeof timeEntries.$inferSelect;

/** Mirrors `time_entry_type`. */
export enum TimeEntryType {
  REGULAR = "REGULAR",
  OVERTIME = "OVERTIME",
  PTO = "PTO",
}
registerEnumType(TimeEntryType, {
  name: "TimeEntryType",
  description: "What hours are, and how an hourly engagement is paid for them.",
  valuesConfig: {
    REGULAR: {
      description:
        "Hours worked, paid at the hourly rate; for non-exempt employees the payroll run classifies each Monday-to-Sunday workweek's REGULAR hours by the work jurisdiction's overtime rules into straight time, overtime (1.5×) and double time (2×) (README, Labor-law checks).",
    },
    OVERTIME: { description: "Overtime the client already classified, paid at 1.5 × the hourly rate (not counted again towards the overtime thresholds)." },
    PTO: { description: "Paid time off, paid at the hourly rate." },
  },
});

@ObjectType("TimeEntry", {
  description:
    "Hours of one engagement on one date, of one type. At most one entry per engagement, date and type: recording it again replaces the hours. Only engagements paid HOURLY are paid from them.",
})
export class TimeEntry {
  /** Database uuids; not fields. */
  dbId!: string;
  engagementDbId!: string;

  @Field(() => DateScalar, { description: "The work date." })
  date!: string;

  @Field(() => TimeEntryType, { description: "REGULAR, OVERTIME or PTO." })
  type!: TimeEntryType;

  @Field(() => DecimalScalar, { description: 'Hours, with two decimals (e.g. "7.50"), between 0 and 24.' })
  hours!: string;

  @Field(() => DateTimeScalar, { description: "When the entry was first recorded." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When its hours last changed (recording the same hours again does not change it)." })
  updatedAt!: Date;
}

export function toTimeEntry(row: TimeEntryRow): TimeEntry {
  const entry = new TimeEntry();
  entry.dbId = row.id;
  entry.engagementDbId = row.engagementId;
  entry.date = row.workDate;
  entry.type = row.type as TimeEntryType;
  entry.hours = formatMinorUnits(row.hundredthsOfHours);
  entry.createdAt = row.createdAt;
  entry.updatedAt = row.updatedAt;
  return entry;
}
