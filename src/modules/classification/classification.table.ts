/** Classification assessments and the classification history of engagements (src/modules/classification). */
import { check, date, foreignKey, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps } from "../../db/columns";
import { actorKindEnum, classificationEnum, classificationOutcomeEnum } from "../../db/enums";
import { clients } from "../clients/client.table";
import { engagements } from "../engagements/engagement.table";

/**
 * One answered questionnaire, evaluated: for an engagement (`engagement_id`) or a prospective one (null until a
 * hire or a classification change uses it, which links it). Immutable apart from that link.
 */
export const classificationAssessments = pgTable(
  "classification_assessments",
  {
    id: idColumn(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    engagementId: uuid("engagement_id"),
    workJurisdiction: text("work_jurisdiction").notNull(),
    /** The role assessed (the engagement's title, or the prospective role). */
    role: text("role").notNull(),
    questionnaireVersion: text("questionnaire_version").notNull(),
    /** `[{ questionId, answer }]` as given. */
    answers: jsonb("answers").notNull(),
    outcome: classificationOutcomeEnum("outcome").notNull(),
    recommendedClassification: classificationEnum("recommended_classification").notNull(),
    /** `[{ test, purpose, source, verdict, rationale }]` (rules' TestVerdict). */
    tests: jsonb("tests").notNull(),
    /** `[{ questionId, test, factor, answer, weight, finding }]` (rules' FactorFinding). */
    factors: jsonb("factors").notNull(),
    rationale: text("rationale").notNull(),
    notAssessed: jsonb("not_assessed").notNull(),
    assessedAt: timestamp("assessed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    assessedByKind: actorKindEnum("assessed_by_kind").notNull(),
    assessedById: text("assessed_by_id").notNull(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "classification_assessments_engagement_client_fk",
      columns: [t.engagementId, t.clientId],
      foreignColumns: [engagements.id, engagements.clientId],
    }),
    index("classification_assessments_client_idx").on(t.clientId, t.id),
    index("classification_assessments_engagement_idx").on(t.engagementId),
    check("classification_assessments_work_jurisdiction_check", sql`${t.workJurisdiction} ~ '^(US|CA)-[A-Z]{2}$'`),
    check(
      "classification_assessments_recommended_country_check",
      sql`(left(${t.workJurisdiction}, 2) = 'US' and ${t.recommendedClassification} in ('US_W2_EMPLOYEE', 'US_1099_CONTRACTOR'))
        or (left(${t.workJurisdiction}, 2) = 'CA' and ${t.recommendedClassification} in ('CA_T4_EMPLOYEE', 'CA_T4A_CONTRACTOR'))`,
    ),
    check("classification_assessments_outcome_check", sql`(${t.outcome} = 'CONTRACTOR') = (${t.recommendedClassification} in ('US_1099_CONTRACTOR', 'CA_T4A_CONTRACTOR'))`),
  ],
);

/**
 * Every classification an engagement had: the one it was hired with (`from_classification` null) and each
 * `changeClassification`, with the assessment or the operator's override reason that allowed it.
 */
export const engagementClassificationChanges = pgTable(
  "engagement_classification_changes",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    engagementId: uuid("engagement_id").notNull(),
    fromClassification: classificationEnum("from_classification"),
    toClassification: classificationEnum("to_classification").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    assessmentId: uuid("assessment_id").references(() => classificationAssessments.id),
    overrideReason: text("override_reason"),
    changedByKind: actorKindEnum("changed_by_kind").notNull(),
    changedById: text("changed_by_id").notNull(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "engagement_classification_changes_engagement_client_fk",
      columns: [t.engagementId, t.clientId],
      foreignColumns: [engagements.id, engagements.clientId],
    }),
    index("engagement_classification_changes_engagement_idx").on(t.engagementId, t.id),
    check("engagement_classification_changes_country_check", sql`${t.fromClassification} is null or left(${t.fromClassification}::text, 2) = left(${t.toClassification}::text, 2)`),
  ],
);
