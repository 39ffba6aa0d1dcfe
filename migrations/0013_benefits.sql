CREATE TYPE "public"."benefit_contribution_method" AS ENUM('NONE', 'FIXED_PER_PERIOD', 'PERCENT_OF_GROSS', 'MATCH');--> statement-breakpoint
CREATE TYPE "public"."benefit_coverage_tier" AS ENUM('EMPLOYEE_ONLY', 'EMPLOYEE_SPOUSE', 'EMPLOYEE_CHILDREN', 'FAMILY');--> statement-breakpoint
CREATE TYPE "public"."benefit_enrollment_status" AS ENUM('ACTIVE', 'SUPERSEDED', 'ENDED');--> statement-breakpoint
CREATE TYPE "public"."benefit_kind" AS ENUM('MEDICAL', 'DENTAL', 'VISION', 'US_401K', 'US_ROTH_401K', 'US_HSA', 'US_HEALTH_FSA', 'US_DEPENDENT_CARE_FSA', 'GROUP_TERM_LIFE', 'CA_GROUP_RRSP', 'CA_HEALTH_DENTAL');--> statement-breakpoint
CREATE TYPE "public"."benefit_plan_status" AS ENUM('ACTIVE', 'RETIRED');--> statement-breakpoint
ALTER TYPE "public"."remittance_kind" ADD VALUE 'BENEFIT_CARRIER';--> statement-breakpoint
CREATE TABLE "benefit_enrollments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" "benefit_kind" NOT NULL,
	"currency" text NOT NULL,
	"elected_amount" bigint,
	"elected_percent_bp" integer,
	"coverage_tier" "benefit_coverage_tier",
	"coverage_amount" bigint,
	"status" "benefit_enrollment_status" DEFAULT 'ACTIVE' NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"previous_enrollment_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefit_enrollments_currency_check" CHECK ("benefit_enrollments"."currency" in ('USD', 'CAD')),
	CONSTRAINT "benefit_enrollments_dates_check" CHECK ("benefit_enrollments"."effective_to" is null or "benefit_enrollments"."effective_to" >= "benefit_enrollments"."effective_from"),
	CONSTRAINT "benefit_enrollments_amounts_check" CHECK (coalesce("benefit_enrollments"."elected_amount", 0) >= 0 and coalesce("benefit_enrollments"."coverage_amount", 0) >= 0 and coalesce("benefit_enrollments"."elected_percent_bp", 0) between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "benefit_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid,
	"employer_entity_id" uuid NOT NULL,
	"kind" "benefit_kind" NOT NULL,
	"name" text NOT NULL,
	"country" "country" NOT NULL,
	"jurisdictions" text[] DEFAULT '{}'::text[] NOT NULL,
	"carrier_name" text NOT NULL,
	"plan_year_start" date NOT NULL,
	"plan_year_end" date NOT NULL,
	"employee_method" "benefit_contribution_method" NOT NULL,
	"employee_amount" bigint,
	"employee_percent_bp" integer,
	"employer_method" "benefit_contribution_method" NOT NULL,
	"employer_amount" bigint,
	"employer_percent_bp" integer,
	"employer_match" jsonb,
	"waiting_period_days" integer DEFAULT 0 NOT NULL,
	"min_hundredths_per_week" integer,
	"status" "benefit_plan_status" DEFAULT 'ACTIVE' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefit_plans_year_check" CHECK ("benefit_plans"."plan_year_end" >= "benefit_plans"."plan_year_start"),
	CONSTRAINT "benefit_plans_waiting_check" CHECK ("benefit_plans"."waiting_period_days" between 0 and 366),
	CONSTRAINT "benefit_plans_amounts_check" CHECK (coalesce("benefit_plans"."employee_amount", 0) >= 0 and coalesce("benefit_plans"."employer_amount", 0) >= 0),
	CONSTRAINT "benefit_plans_percent_check" CHECK (coalesce("benefit_plans"."employee_percent_bp", 0) between 0 and 10000 and coalesce("benefit_plans"."employer_percent_bp", 0) between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "pay_statement_benefits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"pay_statement_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" "benefit_kind" NOT NULL,
	"employee_amount" bigint NOT NULL,
	"employer_amount" bigint NOT NULL,
	CONSTRAINT "pay_statement_benefits_statement_plan_key" UNIQUE("pay_statement_id","plan_id")
);
--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "scheduled_hundredths_per_week" integer;--> statement-breakpoint
ALTER TABLE "benefit_enrollments" ADD CONSTRAINT "benefit_enrollments_plan_id_benefit_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."benefit_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_enrollments" ADD CONSTRAINT "benefit_enrollments_engagement_client_fk" FOREIGN KEY ("engagement_id","client_id") REFERENCES "public"."engagements"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_plans" ADD CONSTRAINT "benefit_plans_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_plans" ADD CONSTRAINT "benefit_plans_employer_entity_id_employer_entities_id_fk" FOREIGN KEY ("employer_entity_id") REFERENCES "public"."employer_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_statement_benefits" ADD CONSTRAINT "pay_statement_benefits_pay_statement_id_pay_statements_id_fk" FOREIGN KEY ("pay_statement_id") REFERENCES "public"."pay_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_statement_benefits" ADD CONSTRAINT "pay_statement_benefits_plan_id_benefit_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."benefit_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "benefit_enrollments_engagement_idx" ON "benefit_enrollments" USING btree ("engagement_id","kind");--> statement-breakpoint
CREATE INDEX "benefit_enrollments_client_updated_idx" ON "benefit_enrollments" USING btree ("client_id","updated_at");--> statement-breakpoint
CREATE INDEX "benefit_plans_entity_idx" ON "benefit_plans" USING btree ("employer_entity_id");--> statement-breakpoint
CREATE INDEX "benefit_plans_client_idx" ON "benefit_plans" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "pay_statement_benefits_client_idx" ON "pay_statement_benefits" USING btree ("client_id");--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_scheduled_hours_check" CHECK ("engagements"."scheduled_hundredths_per_week" is null or "engagements"."scheduled_hundredths_per_week" between 0 and 16800);