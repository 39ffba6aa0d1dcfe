CREATE TYPE "public"."actor_kind" AS ENUM('OPERATOR', 'CLIENT', 'PARTNER', 'SYSTEM');--> statement-breakpoint
CREATE TYPE "public"."classification" AS ENUM('US_W2_EMPLOYEE', 'US_1099_CONTRACTOR', 'CA_T4_EMPLOYEE', 'CA_T4A_CONTRACTOR');--> statement-breakpoint
CREATE TYPE "public"."client_status" AS ENUM('ACTIVE', 'SUSPENDED');--> statement-breakpoint
CREATE TYPE "public"."compensation_basis" AS ENUM('SALARY', 'HOURLY', 'FIXED_FEE');--> statement-breakpoint
CREATE TYPE "public"."country" AS ENUM('US', 'CA');--> statement-breakpoint
CREATE TYPE "public"."employment_model" AS ENUM('EOR', 'PEO');--> statement-breakpoint
CREATE TYPE "public"."engagement_status" AS ENUM('PENDING', 'ACTIVE', 'ENDED');--> statement-breakpoint
CREATE TYPE "public"."w4_filing_status" AS ENUM('SINGLE', 'MARRIED_FILING_JOINTLY', 'HEAD_OF_HOUSEHOLD');--> statement-breakpoint
CREATE TYPE "public"."msa_status" AS ENUM('DRAFT', 'ACTIVE', 'SUPERSEDED');--> statement-breakpoint
CREATE TYPE "public"."pay_frequency" AS ENUM('WEEKLY', 'BIWEEKLY', 'SEMIMONTHLY', 'MONTHLY');--> statement-breakpoint
CREATE TYPE "public"."payroll_run_kind" AS ENUM('REGULAR', 'OFF_CYCLE');--> statement-breakpoint
CREATE TYPE "public"."payroll_run_status" AS ENUM('DRAFT', 'CALCULATING', 'CALCULATED', 'APPROVED', 'FUNDED', 'PAYING', 'PAID', 'PARTIALLY_PAID', 'FAILED', 'CANCELLED', 'REVERSED');--> statement-breakpoint
CREATE TYPE "public"."remittance_kind" AS ENUM('TAX', 'NET_PAY', 'CONTRACTOR_PAYMENT');--> statement-breakpoint
CREATE TYPE "public"."remittance_status" AS ENUM('SCHEDULED', 'SUBMITTED', 'CONFIRMED', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."responsibility_category" AS ENUM('PAYROLL_PROCESSING', 'PAYROLL_APPROVAL', 'TAX_WITHHOLDING', 'TAX_REMITTANCE', 'REGULATORY_FILINGS', 'BENEFITS_ADMINISTRATION', 'EMPLOYMENT_CONTRACTS', 'WORKER_CLASSIFICATION', 'DAY_TO_DAY_SUPERVISION', 'TIME_TRACKING_APPROVAL', 'EXPENSE_REIMBURSEMENT', 'WORKPLACE_SAFETY', 'TERMINATION');--> statement-breakpoint
CREATE TYPE "public"."responsible_party" AS ENUM('EOR', 'CLIENT', 'SHARED');--> statement-breakpoint
CREATE TYPE "public"."statement_line_kind" AS ENUM('EARNING', 'EMPLOYEE_TAX', 'EMPLOYER_TAX', 'DEDUCTION', 'REIMBURSEMENT');--> statement-breakpoint
CREATE TYPE "public"."worker_status" AS ENUM('ACTIVE', 'INACTIVE');--> statement-breakpoint
CREATE TABLE "employer_entities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"country" "country" NOT NULL,
	"legal_name" text NOT NULL,
	"tax_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employer_entities_country_key" UNIQUE("country")
);
--> statement-breakpoint
CREATE TABLE "employer_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"employer_entity_id" uuid NOT NULL,
	"jurisdiction" text NOT NULL,
	"agency" text NOT NULL,
	"account_number" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employer_registrations_entity_jurisdiction_key" UNIQUE("employer_entity_id","jurisdiction"),
	CONSTRAINT "employer_registrations_jurisdiction_check" CHECK ("employer_registrations"."jurisdiction" ~ '^(US|CA)-[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "client_legal_entities" (
	"client_id" uuid NOT NULL,
	"jurisdiction" text NOT NULL,
	CONSTRAINT "client_legal_entities_client_id_jurisdiction_pk" PRIMARY KEY("client_id","jurisdiction"),
	CONSTRAINT "client_legal_entities_jurisdiction_check" CHECK ("client_legal_entities"."jurisdiction" ~ '^(US|CA)(-[A-Z]{2})?$')
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"external_id" text,
	"status" "client_status" DEFAULT 'ACTIVE' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clients_external_id_key" UNIQUE("external_id"),
	CONSTRAINT "clients_name_check" CHECK (length("clients"."name") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "workers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"external_id" text,
	"legal_first_name" text NOT NULL,
	"legal_last_name" text NOT NULL,
	"preferred_name" text,
	"email" text NOT NULL,
	"home_jurisdiction" text NOT NULL,
	"tax_id" text,
	"tax_id_last4" text,
	"status" "worker_status" DEFAULT 'ACTIVE' NOT NULL,
	"w4_filing_status" "w4_filing_status",
	"w4_multiple_jobs" boolean,
	"w4_dependents_amount" bigint,
	"w4_other_income" bigint,
	"w4_deductions" bigint,
	"w4_extra_withholding" bigint,
	"td1_federal_claim_amount" bigint,
	"td1_provincial_claim_amount" bigint,
	"cpp_exempt" boolean DEFAULT false NOT NULL,
	"ei_exempt" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workers_client_external_id_key" UNIQUE("client_id","external_id"),
	CONSTRAINT "workers_id_client_key" UNIQUE("id","client_id"),
	CONSTRAINT "workers_home_jurisdiction_check" CHECK ("workers"."home_jurisdiction" ~ '^(US|CA)-[A-Z]{2}$'),
	CONSTRAINT "workers_tax_id_check" CHECK ("workers"."tax_id" is null or "workers"."tax_id" ~ '^[0-9]{9}$'),
	CONSTRAINT "workers_w4_amounts_check" CHECK (coalesce("workers"."w4_dependents_amount", 0) >= 0 and coalesce("workers"."w4_other_income", 0) >= 0 and coalesce("workers"."w4_deductions", 0) >= 0 and coalesce("workers"."w4_extra_withholding", 0) >= 0),
	CONSTRAINT "workers_td1_amounts_check" CHECK (coalesce("workers"."td1_federal_claim_amount", 0) >= 0 and coalesce("workers"."td1_provincial_claim_amount", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "compensations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"basis" "compensation_basis" NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"effective_from" date NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compensations_engagement_effective_key" UNIQUE("engagement_id","effective_from"),
	CONSTRAINT "compensations_amount_check" CHECK ("compensations"."amount" >= 0),
	CONSTRAINT "compensations_currency_check" CHECK ("compensations"."currency" in ('USD', 'CAD'))
);
--> statement-breakpoint
CREATE TABLE "engagements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"employer_entity_id" uuid NOT NULL,
	"pay_schedule_id" uuid,
	"external_id" text,
	"title" text NOT NULL,
	"work_jurisdiction" text NOT NULL,
	"employment_model" "employment_model" NOT NULL,
	"classification" "classification" NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"status" "engagement_status" NOT NULL,
	"end_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagements_client_external_id_key" UNIQUE("client_id","external_id"),
	CONSTRAINT "engagements_id_client_key" UNIQUE("id","client_id"),
	CONSTRAINT "engagements_dates_check" CHECK ("engagements"."end_date" is null or "engagements"."end_date" >= "engagements"."start_date"),
	CONSTRAINT "engagements_work_jurisdiction_check" CHECK ("engagements"."work_jurisdiction" ~ '^(US|CA)-[A-Z]{2}$'),
	CONSTRAINT "engagements_classification_country_check" CHECK ((left("engagements"."work_jurisdiction", 2) = 'US' and "engagements"."classification" in ('US_W2_EMPLOYEE', 'US_1099_CONTRACTOR'))
        or (left("engagements"."work_jurisdiction", 2) = 'CA' and "engagements"."classification" in ('CA_T4_EMPLOYEE', 'CA_T4A_CONTRACTOR'))),
	CONSTRAINT "engagements_contractor_eor_check" CHECK ("engagements"."employment_model" = 'EOR' or "engagements"."classification" in ('US_W2_EMPLOYEE', 'CA_T4_EMPLOYEE'))
);
--> statement-breakpoint
CREATE TABLE "pay_periods" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"pay_schedule_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"pay_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pay_periods_schedule_start_key" UNIQUE("pay_schedule_id","start_date"),
	CONSTRAINT "pay_periods_id_client_key" UNIQUE("id","client_id"),
	CONSTRAINT "pay_periods_dates_check" CHECK ("pay_periods"."end_date" >= "pay_periods"."start_date" and "pay_periods"."pay_date" >= "pay_periods"."end_date")
);
--> statement-breakpoint
CREATE TABLE "pay_schedules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"name" text NOT NULL,
	"country" "country" NOT NULL,
	"frequency" "pay_frequency" NOT NULL,
	"first_period_start" date NOT NULL,
	"pay_date_offset_days" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pay_schedules_id_client_key" UNIQUE("id","client_id"),
	CONSTRAINT "pay_schedules_client_name_key" UNIQUE("client_id","name"),
	CONSTRAINT "pay_schedules_offset_check" CHECK ("pay_schedules"."pay_date_offset_days" between 0 and 31)
);
--> statement-breakpoint
CREATE TABLE "pay_statement_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"pay_statement_id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" "statement_line_kind" NOT NULL,
	"description" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pay_statement_lines_statement_code_key" UNIQUE("pay_statement_id","code"),
	CONSTRAINT "pay_statement_lines_amount_check" CHECK ("pay_statement_lines"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pay_statements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"payroll_run_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"gross" bigint NOT NULL,
	"net" bigint NOT NULL,
	"employee_taxes" bigint NOT NULL,
	"employer_taxes" bigint NOT NULL,
	"deductions" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pay_statements_run_engagement_key" UNIQUE("payroll_run_id","engagement_id"),
	CONSTRAINT "pay_statements_id_client_key" UNIQUE("id","client_id"),
	CONSTRAINT "pay_statements_amounts_check" CHECK ("pay_statements"."gross" >= 0 and "pay_statements"."net" >= 0 and "pay_statements"."employee_taxes" >= 0 and "pay_statements"."employer_taxes" >= 0 and "pay_statements"."deductions" >= 0)
);
--> statement-breakpoint
CREATE TABLE "payroll_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"employer_entity_id" uuid NOT NULL,
	"pay_period_id" uuid,
	"kind" "payroll_run_kind" DEFAULT 'REGULAR' NOT NULL,
	"status" "payroll_run_status" DEFAULT 'DRAFT' NOT NULL,
	"currency" text NOT NULL,
	"pay_date" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payroll_runs_id_client_key" UNIQUE("id","client_id"),
	CONSTRAINT "payroll_runs_currency_check" CHECK ("payroll_runs"."currency" in ('USD', 'CAD'))
);
--> statement-breakpoint
CREATE TABLE "remittances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"payroll_run_id" uuid NOT NULL,
	"kind" "remittance_kind" NOT NULL,
	"payee_key" text NOT NULL,
	"payee_name" text NOT NULL,
	"employee_share" bigint DEFAULT 0 NOT NULL,
	"employer_share" bigint DEFAULT 0 NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"due_on" date NOT NULL,
	"status" "remittance_status" DEFAULT 'SCHEDULED' NOT NULL,
	"confirmation_number" text,
	"failure_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remittances_run_kind_payee_key" UNIQUE("payroll_run_id","kind","payee_key"),
	CONSTRAINT "remittances_amounts_check" CHECK ("remittances"."amount" >= 0 and "remittances"."employee_share" >= 0 and "remittances"."employer_share" >= 0),
	CONSTRAINT "remittances_currency_check" CHECK ("remittances"."currency" in ('USD', 'CAD'))
);
--> statement-breakpoint
CREATE TABLE "msa_clauses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"msa_id" uuid NOT NULL,
	"category" "responsibility_category" NOT NULL,
	"responsible_party" "responsible_party" NOT NULL,
	"jurisdictions" text[] DEFAULT '{}'::text[] NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "msas" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"version_number" integer NOT NULL,
	"title" text NOT NULL,
	"status" "msa_status" DEFAULT 'DRAFT' NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "msas_client_version_key" UNIQUE("client_id","version_number"),
	CONSTRAINT "msas_id_client_key" UNIQUE("id","client_id"),
	CONSTRAINT "msas_dates_check" CHECK ("msas"."effective_to" is null or "msas"."effective_to" >= "msas"."effective_from")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" uuid,
	"type" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" uuid NOT NULL,
	"actor_kind" "actor_kind" NOT NULL,
	"actor_id" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
ALTER TABLE "employer_registrations" ADD CONSTRAINT "employer_registrations_employer_entity_id_employer_entities_id_fk" FOREIGN KEY ("employer_entity_id") REFERENCES "public"."employer_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_legal_entities" ADD CONSTRAINT "client_legal_entities_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compensations" ADD CONSTRAINT "compensations_engagement_client_fk" FOREIGN KEY ("engagement_id","client_id") REFERENCES "public"."engagements"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_employer_entity_id_employer_entities_id_fk" FOREIGN KEY ("employer_entity_id") REFERENCES "public"."employer_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_pay_schedule_id_pay_schedules_id_fk" FOREIGN KEY ("pay_schedule_id") REFERENCES "public"."pay_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_worker_client_fk" FOREIGN KEY ("worker_id","client_id") REFERENCES "public"."workers"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_periods" ADD CONSTRAINT "pay_periods_schedule_client_fk" FOREIGN KEY ("pay_schedule_id","client_id") REFERENCES "public"."pay_schedules"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_schedules" ADD CONSTRAINT "pay_schedules_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_statement_lines" ADD CONSTRAINT "pay_statement_lines_statement_client_fk" FOREIGN KEY ("pay_statement_id","client_id") REFERENCES "public"."pay_statements"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_statements" ADD CONSTRAINT "pay_statements_run_client_fk" FOREIGN KEY ("payroll_run_id","client_id") REFERENCES "public"."payroll_runs"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_statements" ADD CONSTRAINT "pay_statements_engagement_client_fk" FOREIGN KEY ("engagement_id","client_id") REFERENCES "public"."engagements"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_runs" ADD CONSTRAINT "payroll_runs_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_runs" ADD CONSTRAINT "payroll_runs_employer_entity_id_employer_entities_id_fk" FOREIGN KEY ("employer_entity_id") REFERENCES "public"."employer_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_runs" ADD CONSTRAINT "payroll_runs_pay_period_client_fk" FOREIGN KEY ("pay_period_id","client_id") REFERENCES "public"."pay_periods"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittances" ADD CONSTRAINT "remittances_run_client_fk" FOREIGN KEY ("payroll_run_id","client_id") REFERENCES "public"."payroll_runs"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "msa_clauses" ADD CONSTRAINT "msa_clauses_msa_client_fk" FOREIGN KEY ("msa_id","client_id") REFERENCES "public"."msas"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "msas" ADD CONSTRAINT "msas_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workers_client_updated_idx" ON "workers" USING btree ("client_id","updated_at");--> statement-breakpoint
CREATE INDEX "engagements_worker_idx" ON "engagements" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "engagements_client_updated_idx" ON "engagements" USING btree ("client_id","updated_at");--> statement-breakpoint
CREATE INDEX "pay_periods_client_updated_idx" ON "pay_periods" USING btree ("client_id","updated_at");--> statement-breakpoint
CREATE INDEX "pay_statements_client_updated_idx" ON "pay_statements" USING btree ("client_id","updated_at");--> statement-breakpoint
CREATE INDEX "payroll_runs_client_updated_idx" ON "payroll_runs" USING btree ("client_id","updated_at");--> statement-breakpoint
CREATE INDEX "remittances_client_updated_idx" ON "remittances" USING btree ("client_id","updated_at");--> statement-breakpoint
CREATE INDEX "msa_clauses_msa_idx" ON "msa_clauses" USING btree ("msa_id");--> statement-breakpoint
CREATE INDEX "msas_client_updated_idx" ON "msas" USING btree ("client_id","updated_at");--> statement-breakpoint
CREATE INDEX "events_client_id_idx" ON "events" USING btree ("client_id","id");--> statement-breakpoint
CREATE INDEX "events_object_idx" ON "events" USING btree ("object_id","id");