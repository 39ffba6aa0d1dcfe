/** The time_entries table: hours an hourly engagement worked, read by the payroll calculation (payroll-inputs.repository.ts). */
import { check, date, foreignKey, index, integer, pgTable, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps } from "../../db/columns";
import { timeEntryTypeEnum } from "../../db/enums";
import { engagements } from "../engagements/engagement.table";

/** Hours worked by an hourly engagement: idempotent per engagement, date and type. */
export const timeEntries = pgTable(
  "time_entries",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    engagementId: uuid("engagement_id").notNull(),
    workDate: date("work_date", { mode: "string" }).notNull(),
    type: timeEntryTypeEnum("type").notNull(),
    /** Hours in hundredths (7.5 h = 750): exact, no float. */
    hundredthsOfHours: integer("hundredths_of_hours").notNull(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "time_entries_engagement_client_fk",
      columns: [t.engagementId, t.clientId],
      foreignColumns: [engagements.id, engagements.clientId],
    }),
    unique("time_entries_engagement_date_type_key").on(t.engagementId, t.workDate, t.type),
    index("time_entries_client_updated_idx").on(t.clientId, t.updatedAt),
    check("time_entries_hours_check", sql`${t.hundredthsOfHours} between 0 and 2400`),
  ],
);
