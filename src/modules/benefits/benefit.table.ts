/** The benefits tables: plans, enrollments, and what each pay statement deducted and contributed per plan. */
import { bigint, check, date, foreignKey, index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps, versionColumn } from "../../db/columns";
import { benefitContributionMethodEnum, benefitCoverageTierEnum, benefitEnrollmentStatusEnum, benefitKindEnum, benefitPlanStatusEnum, countryEnum } from "../../db/enums";
import { clients } from "../clients/client.table";
import { employerEntities } from "../employers/employer.table";
import { engagements } from "../engagements/engagement.table";
import { payStatements } from "../payroll/payroll.table";

/** One tier of an employer match: `rateBasisPoints` of the deferral between the previous tiers' end and `upToBasisPoints` more of gross. */
export interface MatchTier {
  rateBasisPoints: number;
  upToBasisPoints: number;
}

/**
 * A benefit plan. Offered by the EOR's employer entity (`client_id` null: open to every client whose engagements
 * that entity employs) or, for PEO co-employment, by one client (`client_id` set).
 */
export const benefitPlans = pgTable(
  "benefit_plans",
  {
    id: idColumn(),
    /** Null: an EOR plan of `employer_entity_id`, visible to every client with engagements it employs. */
    clientId: uuid("client_id").references(() => clients.id),
    employerEntityId: uuid("employer_entity_id")
      .notNull()
      .references(() => employerEntities.id),
    kind: benefitKindEnum("kind").notNull(),
    name: text("name").notNull(),
    country: countryEnum("country").notNull(),
    /** Work jurisdictions (ISO 3166-2) the plan covers; empty: the whole country. */
    jurisdictions: text("jurisdictions")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The carrier, administrator or trustee the contributions are remitted to (an organization, never a person). */
    carrierName: text("carrier_name").notNull(),
    planYearStart: date("plan_year_start", { mode: "string" }).notNull(),
    planYearEnd: date("plan_year_end", { mode: "string" }).notNull(),
    employeeMethod: benefitContributionMethodEnum("employee_method").notNull(),
    /** FIXED_PER_PERIOD: the default employee amount per pay period (an election may replace it), minor units. */
    employeeAmount: bigint("employee_amount", { mode: "number" }),
    /** PERCENT_OF_GROSS: the default employee percent of the period's gross in basis points (an election may replace it). */
    employeePercentBasisPoints: integer("employee_percent_bp"),
    employerMethod: benefitContributionMethodEnum("employer_method").notNull(),
    employerAmount: bigint("employer_amount", { mode: "number" }),
    employerPercentBasisPoints: integer("employer_percent_bp"),
    /** MATCH: tiers in order, e.g. [{100%, 3%}, {50%, 2%}]. */
    employerMatch: jsonb("employer_match").$type<MatchTier[]>(),
    waitingPeriodDays: integer("waiting_period_days").notNull().default(0),
    /** Minimum scheduled hours per week in hundredths; null: no minimum. */
    minHundredthsPerWeek: integer("min_hundredths_per_week"),
    status: benefitPlanStatusEnum("status").notNull().default("ACTIVE"),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    index("benefit_plans_entity_idx").on(t.employerEntityId),
    index("benefit_plans_client_idx").on(t.clientId),
    check("benefit_plans_year_check", sql`${t.planYearEnd} >= ${t.planYearStart}`),
    check("benefit_plans_waiting_check", sql`${t.waitingPeriodDays} between 0 and 366`),
    check("benefit_plans_amounts_check", sql`coalesce(${t.employeeAmount}, 0) >= 0 and coalesce(${t.employerAmount}, 0) >= 0`),
    check(
      "benefit_plans_percent_check",
      sql`coalesce(${t.employeePercentBasisPoints}, 0) between 0 and 10000 and coalesce(${t.employerPercentBasisPoints}, 0) between 0 and 10000`,
    ),
  ],
);

/** One engagement's enrollment in one plan over a date range. Per engagement and benefit kind, the ranges of enrollments do not overlap. */
export const benefitEnrollments = pgTable(
  "benefit_enrollments",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    engagementId: uuid("engagement_id").notNull(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => benefitPlans.id),
    kind: benefitKindEnum("kind").notNull(),
    /** Currency of the amounts: the plan country's. */
    currency: text("currency").notNull(),
    /** Elected employee amount per pay period (FIXED_PER_PERIOD plans), minor units; null: the plan's amount. */
    electedAmount: bigint("elected_amount", { mode: "number" }),
    /** Elected percent of gross in basis points (PERCENT_OF_GROSS plans); null: the plan's percent. */
    electedPercentBasisPoints: integer("elected_percent_bp"),
    coverageTier: benefitCoverageTierEnum("coverage_tier"),
    /** GROUP_TERM_LIFE: coverage amount, minor units. */
    coverageAmount: bigint("coverage_amount", { mode: "number" }),
    status: benefitEnrollmentStatusEnum("status").notNull().default("ACTIVE"),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    /** Last day (inclusive); null: until the plan year ends. */
    effectiveTo: date("effective_to", { mode: "string" }),
    /** The enrollment a `changeBenefitElection` replaced. */
    previousEnrollmentId: uuid("previous_enrollment_id"),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "benefit_enrollments_engagement_client_fk",
      columns: [t.engagementId, t.clientId],
      foreignColumns: [engagements.id, engagements.clientId],
    }),
    index("benefit_enrollments_engagement_idx").on(t.engagementId, t.kind),
    index("benefit_enrollments_client_updated_idx").on(t.clientId, t.updatedAt),
    check("benefit_enrollments_currency_check", sql`${t.currency} in ('USD', 'CAD')`),
    check("benefit_enrollments_dates_check", sql`${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`),
    check(
      "benefit_enrollments_amounts_check",
      sql`coalesce(${t.electedAmount}, 0) >= 0 and coalesce(${t.coverageAmount}, 0) >= 0 and coalesce(${t.electedPercentBasisPoints}, 0) between 0 and 10000`,
    ),
  ],
);

/** What the engine applied for one plan on one pay statement (after annual limits): the basis of BENEFIT_CARRIER remittances. */
export const payStatementBenefits = pgTable(
  "pay_statement_benefits",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    payStatementId: uuid("pay_statement_id")
      .notNull()
      .references(() => payStatements.id),
    planId: uuid("plan_id")
      .notNull()
      .references(() => benefitPlans.id),
    kind: benefitKindEnum("kind").notNull(),
    employeeAmount: bigint("employee_amount", { mode: "number" }).notNull(),
    employerAmount: bigint("employer_amount", { mode: "number" }).notNull(),
  },
  (t) => [unique("pay_statement_benefits_statement_plan_key").on(t.payStatementId, t.planId), index("pay_statement_benefits_client_idx").on(t.clientId)],
);
