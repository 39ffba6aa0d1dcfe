import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { toGlobalId } from "../../shared/global-id";
import { PAY_DATE_ADJUSTMENTS, PAY_FREQUENCIES, type PayDateAdjustment as PayDateAdjustmentValue, type PayFrequency as PayFrequencyValue } from "../../shared/calendar";
import { enumObject } from "../../shared/enum-object";
import { CountryCode } from "../../shared/country.enum";
import type { payPeriods, paySchedules } from "./pay-schedule.table";

export type PayScheduleRow = typeof paySchedules.$inferSelect;
export type PayPeriodRow = typeof payPeriods.$inferSelect;

/** The pay frequencies of src/shared/calendar (also the `pay_frequency` database enum's values). */
export const PayFrequency = enumObject(PAY_FREQUENCIES);
export type PayFrequency = PayFrequencyValue;
registerEnumType(PayFrequency, {
  name: "PayFrequency",
  description: "How often a pay schedule pays: decides the length of its pay periods.",
  valuesConfig: {
    WEEKLY: { description: "Every week: 7-day periods from `firstPeriodStart` (52 a year)." },
    BIWEEKLY: { description: "Every other week: 14-day periods from `firstPeriodStart` (26 a year)." },
    SEMIMONTHLY: { description: "Twice a month: the 1st to the 15th and the 16th to the last day of the month (24 a year). `firstPeriodStart` is a 1st or a 16th." },
    MONTHLY: { description: "Once a month: the 1st to the last day of the month (12 a year). `firstPeriodStart` is a 1st." },
  },
});

/** The pay date adjustments of src/shared/calendar/business-days.ts (the `pay_date_adjustment` database enum's values). */
export const PayDateAdjustment = enumObject(PAY_DATE_ADJUSTMENTS);
export type PayDateAdjustment = PayDateAdjustmentValue;
registerEnumType(PayDateAdjustment, {
  name: "PayDateAdjustment",
  description:
    "Where a generated pay date that falls on a weekend or a bank holiday of the schedule's country moves. US bank holidays: the Federal Reserve's (federal holidays; one on a Sunday closes the Monday, one on a Saturday closes nothing). Canada: the national bank holidays (New Year's Day, Good Friday, Victoria Day, Canada Day, Civic Holiday, Labour Day, National Day for Truth and Reconciliation, Thanksgiving, Remembrance Day, Christmas, Boxing Day). Tax deposit due dates follow the moved pay date.",
  valuesConfig: {
    PREVIOUS_BUSINESS_DAY: { description: "To the previous business day: paid early (the default)." },
    NEXT_BUSINESS_DAY: { description: "To the next business day." },
  },
});

@ObjectType("PaySchedule", {
  simpleResolvers: true,
  implements: Node,
  description: "A client's pay calendar in one country: its frequency and the pay periods generated ahead.",
})
export class PaySchedule implements Node {
  id!: string;
  readonly nodeType = "PaySchedule" as const;
  /** Database uuids; not fields. */
  dbId!: string;
  clientDbId!: string;

  @Field(() => String, { description: 'Name, unique within the client (e.g. "US biweekly").' })
  name!: string;

  @Field(() => CountryCode, { description: "Country whose engagements this schedule pays; decides the employer entity and currency of its payroll runs." })
  country!: CountryCode;

  @Field(() => PayFrequency, { description: "How often it pays." })
  frequency!: PayFrequency;

  @Field(() => DateScalar, { description: "Start date of the first pay period." })
  firstPeriodStart!: string;

  @Field(() => Int, { description: "Days from a period's end date to its pay (check) date, 0-31, before the business-day adjustment." })
  payDateOffsetDays!: number;

  @Field(() => PayDateAdjustment, { description: "Where a pay date on a weekend or bank holiday of the country moves." })
  payDateAdjustment!: PayDateAdjustment;

  @Field(() => Int, { description: "Optimistic-lock version, incremented on every change: pass it as `expectedVersion` to `updatePaySchedule`." })
  version!: number;

  @Field(() => DateTimeScalar, { description: "When the schedule was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the schedule last changed; filter with `updatedSince` to sync incrementally." })
  updatedAt!: Date;
}

@ObjectType("PayPeriod", {
  simpleResolvers: true,
  implements: Node,
  description: "One period of a pay schedule: the days worked and the day they are paid.",
})
export class PayPeriod implements Node {
  id!: string;
  readonly nodeType = "PayPeriod" as const;
  /** Database uuids; not fields. */
  dbId!: string;
  clientDbId!: string;
  payScheduleDbId!: string;

  @Field(() => DateScalar, { description: "First day of the period (inclusive)." })
  startDate!: string;

  @Field(() => DateScalar, { description: "Last day of the period (inclusive)." })
  endDate!: string;

  @Field(() => DateScalar, {
    description:
      "Pay (check) date: `endDate` plus the schedule's `payDateOffsetDays`, moved off a weekend or bank holiday of the country as the schedule's `payDateAdjustment` says (periods generated before that rule keep their date). Decides the tax year.",
  })
  payDate!: string;

  @Field(() => DateTimeScalar, { description: "When the period was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the period last changed; filter with `updatedSince` to sync incrementally." })
  updatedAt!: Date;
}

export const PayScheduleConnection = ConnectionType(PaySchedule, "PaySchedule", "pay schedules");
export const PayPeriodConnection = ConnectionType(PayPeriod, "PayPeriod", "pay periods");

export function toPaySchedule(row: PayScheduleRow): PaySchedule {
  const schedule = new PaySchedule();
  schedule.id = toGlobalId("PaySchedule", row.id);
  schedule.dbId = row.id;
  schedule.clientDbId = row.clientId;
  schedule.name = row.name;
  schedule.country = row.country;
  schedule.frequency = row.frequency;
  schedule.firstPeriodStart = row.firstPeriodStart;
  schedule.payDateOffsetDays = row.payDateOffsetDays;
  schedule.payDateAdjustment = row.payDateAdjustment;
  schedule.version = row.version;
  schedule.createdAt = row.createdAt;
  schedule.updatedAt = row.updatedAt;
  return schedule;
}

export function toPayPeriod(row: PayPeriodRow): PayPeriod {
  const period = new PayPeriod();
  period.id = toGlobalId("PayPeriod", row.id);
  period.dbId = row.id;
  period.clientDbId = row.clientId;
  period.payScheduleDbId = row.payScheduleId;
  period.startDate = row.startDate;
  period.endDate = row.endDate;
  period.payDate = row.payDate;
  period.createdAt = row.createdAt;
  period.updatedAt = row.updatedAt;
  return period;
}
