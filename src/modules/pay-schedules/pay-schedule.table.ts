import { check, date, foreignKey, index, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps, versionColumn } from "../../db/columns";
import { countryEnum, payDateAdjustmentEnum, payFrequencyEnum } from "../../db/enums";
import { clients } from "../clients/client.table";

/** A client's pay calendar in one country. */
export const paySchedules = pgTable(
  "pay_schedules",
  {
    id: idColumn(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    name: text("name").notNull(),
    country: countryEnum("country").notNull(),
    frequency: payFrequencyEnum("frequency").notNull(),
    /** Start of the first pay period. */
    firstPeriodStart: date("first_period_start", { mode: "string" }).notNull(),
    /** Days from a period's end to its pay (check) date. */
    payDateOffsetDays: integer("pay_date_offset_days").notNull(),
    /** Where a pay date on a weekend or bank holiday of the country moves (schedules created before: PREVIOUS). */
    payDateAdjustment: payDateAdjustmentEnum("pay_date_adjustment").notNull().default("PREVIOUS_BUSINESS_DAY"),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    unique("pay_schedules_id_client_key").on(t.id, t.clientId),
    unique("pay_schedules_client_name_key").on(t.clientId, t.name),
    check("pay_schedules_offset_check", sql`${t.payDateOffsetDays} between 0 and 31`),
  ],
);

export const payPeriods = pgTable(
  "pay_periods",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    payScheduleId: uuid("pay_schedule_id").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    payDate: date("pay_date", { mode: "string" }).notNull(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "pay_periods_schedule_client_fk",
      columns: [t.payScheduleId, t.clientId],
      foreignColumns: [paySchedules.id, paySchedules.clientId],
    }),
    unique("pay_periods_schedule_start_key").on(t.payScheduleId, t.startDate),
    unique("pay_periods_id_client_key").on(t.id, t.clientId),
    index("pay_periods_client_updated_idx").on(t.clientId, t.updatedAt),
    check("pay_periods_dates_check", sql`${t.endDate} >= ${t.startDate} and ${t.payDate} >= ${t.endDate}`),
  ],
);
