import { bigint, check, date, foreignKey, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps, versionColumn } from "../../db/columns";
import { compensationBasisEnum, employmentAgreementStatusEnum, onboardingItemEnum, onboardingStepStatusEnum } from "../../db/enums";
import { engagements } from "../engagements/engagement.table";

/**
 * Onboarding steps recorded by the caller (the items whose status no other data holds: a W-9, a state or
 * provincial withholding certificate, work authorization), one row per engagement and item, replaced in place.
 * Work authorization keeps status and dates only — never a document, its number or its type.
 */
export const onboardingSteps = pgTable(
  "onboarding_steps",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    engagementId: uuid("engagement_id").notNull(),
    item: onboardingItemEnum("item").notNull(),
    status: onboardingStepStatusEnum("status").notNull(),
    /** The day the step was completed (required for COMPLETE). */
    completedOn: date("completed_on", { mode: "string" }),
    /** Work authorization only: when a temporary authorization ends (a SIN starting with 9, a work permit). */
    expiresOn: date("expires_on", { mode: "string" }),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: "onboarding_steps_engagement_client_fk", columns: [t.engagementId, t.clientId], foreignColumns: [engagements.id, engagements.clientId] }),
    unique("onboarding_steps_engagement_item_key").on(t.engagementId, t.item),
    check("onboarding_steps_completed_check", sql`(${t.status} = 'COMPLETE') = (${t.completedOn} is not null)`),
    check("onboarding_steps_expires_check", sql`${t.expiresOn} is null or ${t.item} = 'WORK_AUTHORIZATION'`),
  ],
);

/**
 * An employment (or contractor) agreement as data: the template and version sent, when it was sent and signed,
 * and the key terms copied at signature. No document is stored. Sending a new one supersedes an unsigned one.
 */
export const employmentAgreements = pgTable(
  "employment_agreements",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    engagementId: uuid("engagement_id").notNull(),
    /** `<jurisdiction>-<EMPLOYEE|CONTRACTOR>`, e.g. `US-CA-EMPLOYEE`. */
    templateId: text("template_id").notNull(),
    templateVersion: integer("template_version").notNull(),
    status: employmentAgreementStatusEnum("status").notNull().default("SENT"),
    sentOn: date("sent_on", { mode: "string" }).notNull(),
    signedOn: date("signed_on", { mode: "string" }),
    // Key terms, copied from the engagement when the signature is recorded (null before).
    termTitle: text("term_title"),
    termPayBasis: compensationBasisEnum("term_pay_basis"),
    termPayAmount: bigint("term_pay_amount", { mode: "number" }),
    termPayCurrency: text("term_pay_currency"),
    termStartDate: date("term_start_date", { mode: "string" }),
    termProbationDays: integer("term_probation_days"),
    signedAt: timestamp("signed_at", { withTimezone: true, mode: "date" }),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: "employment_agreements_engagement_client_fk", columns: [t.engagementId, t.clientId], foreignColumns: [engagements.id, engagements.clientId] }),
    index("employment_agreements_engagement_idx").on(t.engagementId),
    index("employment_agreements_client_updated_idx").on(t.clientId, t.updatedAt),
    check("employment_agreements_signed_check", sql`(${t.status} = 'SIGNED') = (${t.signedOn} is not null)`),
    check("employment_agreements_dates_check", sql`${t.signedOn} is null or ${t.signedOn} >= ${t.sentOn}`),
  ],
);
