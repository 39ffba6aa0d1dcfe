import { bigint, boolean, check, date, foreignKey, index, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps, versionColumn } from "../../db/columns";
import { classificationEnum, compensationBasisEnum, employmentModelEnum, engagementStatusEnum } from "../../db/enums";
import { clients } from "../clients/client.table";
import { workers } from "../workers/worker.table";
import { employerEntities } from "../employers/employer.table";
import { paySchedules } from "../pay-schedules/pay-schedule.table";

/**
 * One worker working for one client. The exclusion constraint `engagements_no_overlap` (custom migration,
 * needs btree_gist) makes overlapping engagements of one worker with one client impossible.
 */
export const engagements = pgTable(
  "engagements",
  {
    id: idColumn(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    workerId: uuid("worker_id").notNull(),
    employerEntityId: uuid("employer_entity_id")
      .notNull()
      .references(() => employerEntities.id),
    payScheduleId: uuid("pay_schedule_id").references(() => paySchedules.id),
    externalId: text("external_id"),
    title: text("title").notNull(),
    workJurisdiction: text("work_jurisdiction").notNull(),
    employmentModel: employmentModelEnum("employment_model").notNull(),
    classification: classificationEnum("classification").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }),
    status: engagementStatusEnum("status").notNull(),
    endReason: text("end_reason"),
    /** Exempt from overtime (US white-collar exemption; checked against the salary thresholds of src/modules/labor-law). */
    exempt: boolean("exempt").notNull().default(false),
    /** A place finer than the work jurisdiction whose local labor standards apply (src/modules/labor-law/localities.ts). */
    workLocality: text("work_locality"),
    /** Scheduled hours per week in hundredths (37.5 h = 3750); null: not stated (a SALARY engagement counts as 40 h). Benefits eligibility reads it. */
    scheduledHundredthsPerWeek: integer("scheduled_hundredths_per_week"),
    /** VOLUNTARY, INVOLUNTARY or END_OF_CONTRACT (offboarding/termination-reason.ts); null for ends recorded without one. */
    terminationReason: text("termination_reason"),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "engagements_worker_client_fk",
      columns: [t.workerId, t.clientId],
      foreignColumns: [workers.id, workers.clientId],
    }),
    unique("engagements_client_external_id_key").on(t.clientId, t.externalId),
    unique("engagements_id_client_key").on(t.id, t.clientId),
    index("engagements_worker_idx").on(t.workerId),
    index("engagements_client_updated_idx").on(t.clientId, t.updatedAt),
    check("engagements_dates_check", sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
    check("engagements_work_jurisdiction_check", sql`${t.workJurisdiction} ~ '^(US|CA)-[A-Z]{2}$'`),
    check(
      "engagements_classification_country_check",
      sql`(left(${t.workJurisdiction}, 2) = 'US' and ${t.classification} in ('US_W2_EMPLOYEE', 'US_1099_CONTRACTOR'))
        or (left(${t.workJurisdiction}, 2) = 'CA' and ${t.classification} in ('CA_T4_EMPLOYEE', 'CA_T4A_CONTRACTOR'))`,
    ),
    check("engagements_scheduled_hours_check", sql`${t.scheduledHundredthsPerWeek} is null or ${t.scheduledHundredthsPerWeek} between 0 and 16800`),
    check("engagements_termination_reason_check", sql`${t.terminationReason} in ('VOLUNTARY', 'INVOLUNTARY', 'END_OF_CONTRACT')`),
    check("engagements_contractor_eor_check", sql`${t.employmentModel} = 'EOR' or ${t.classification} in ('US_W2_EMPLOYEE', 'CA_T4_EMPLOYEE')`),
  ],
);

/** Effective-dated compensation: the row with the latest `effective_from` on or before a date applies. */
export const compensations = pgTable(
  "compensations",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    engagementId: uuid("engagement_id").notNull(),
    basis: compensationBasisEnum("basis").notNull(),
    /** Annual salary, hourly rate or fee per pay period, in minor units of `currency`. */
    amount: bigint("amount", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    reason: text("reason"),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "compensations_engagement_client_fk",
      columns: [t.engagementId, t.clientId],
      foreignColumns: [engagements.id, engagements.clientId],
    }),
    unique("compensations_engagement_effective_key").on(t.engagementId, t.effectiveFrom),
    check("compensations_amount_check", sql`${t.amount} >= 0`),
    check("compensations_currency_check", sql`${t.currency} in ('USD', 'CAD')`),
  ],
);
