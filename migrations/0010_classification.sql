CREATE TYPE "public"."classification_outcome" AS ENUM('EMPLOYEE', 'CONTRACTOR', 'NEEDS_REVIEW');--> statement-breakpoint
CREATE TABLE "classification_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"engagement_id" uuid,
	"work_jurisdiction" text NOT NULL,
	"role" text NOT NULL,
	"questionnaire_version" text NOT NULL,
	"answers" jsonb NOT NULL,
	"outcome" "classification_outcome" NOT NULL,
	"recommended_classification" "classification" NOT NULL,
	"tests" jsonb NOT NULL,
	"factors" jsonb NOT NULL,
	"rationale" text NOT NULL,
	"not_assessed" jsonb NOT NULL,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assessed_by_kind" "actor_kind" NOT NULL,
	"assessed_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "classification_assessments_work_jurisdiction_check" CHECK ("classification_assessments"."work_jurisdiction" ~ '^(US|CA)-[A-Z]{2}$'),
	CONSTRAINT "classification_assessments_recommended_country_check" CHECK ((left("classification_assessments"."work_jurisdiction", 2) = 'US' and "classification_assessments"."recommended_classification" in ('US_W2_EMPLOYEE', 'US_1099_CONTRACTOR'))
        or (left("classification_assessments"."work_jurisdiction", 2) = 'CA' and "classification_assessments"."recommended_classification" in ('CA_T4_EMPLOYEE', 'CA_T4A_CONTRACTOR'))),
	CONSTRAINT "classification_assessments_outcome_check" CHECK (("classification_assessments"."outcome" = 'CONTRACTOR') = ("classification_assessments"."recommended_classification" in ('US_1099_CONTRACTOR', 'CA_T4A_CONTRACTOR')))
);
--> statement-breakpoint
CREATE TABLE "engagement_classification_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"from_classification" "classification",
	"to_classification" "classification" NOT NULL,
	"effective_from" date NOT NULL,
	"assessment_id" uuid,
	"override_reason" text,
	"changed_by_kind" "actor_kind" NOT NULL,
	"changed_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_classification_changes_country_check" CHECK ("engagement_classification_changes"."from_classification" is null or left("engagement_classification_changes"."from_classification"::text, 2) = left("engagement_classification_changes"."to_classification"::text, 2))
);
--> statement-breakpoint
ALTER TABLE "classification_assessments" ADD CONSTRAINT "classification_assessments_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_assessments" ADD CONSTRAINT "classification_assessments_engagement_client_fk" FOREIGN KEY ("engagement_id","client_id") REFERENCES "public"."engagements"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_classification_changes" ADD CONSTRAINT "engagement_classification_changes_assessment_id_classification_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."classification_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_classification_changes" ADD CONSTRAINT "engagement_classification_changes_engagement_client_fk" FOREIGN KEY ("engagement_id","client_id") REFERENCES "public"."engagements"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "classification_assessments_client_idx" ON "classification_assessments" USING btree ("client_id","id");--> statement-breakpoint
CREATE INDEX "classification_assessments_engagement_idx" ON "classification_assessments" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "engagement_classification_changes_engagement_idx" ON "engagement_classification_changes" USING btree ("engagement_id","id");