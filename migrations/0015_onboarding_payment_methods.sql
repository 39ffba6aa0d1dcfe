CREATE TYPE "public"."bank_account_type" AS ENUM('CHECKING', 'SAVINGS');--> statement-breakpoint
CREATE TYPE "public"."employment_agreement_status" AS ENUM('SENT', 'SIGNED', 'SUPERSEDED');--> statement-breakpoint
CREATE TYPE "public"."onboarding_item" AS ENUM('FEDERAL_WITHHOLDING_FORM', 'STATE_WITHHOLDING_FORM', 'PAYMENT_METHOD', 'EMPLOYMENT_AGREEMENT', 'WORK_AUTHORIZATION');--> statement-breakpoint
CREATE TYPE "public"."onboarding_step_status" AS ENUM('NOT_STARTED', 'PENDING', 'COMPLETE');--> statement-breakpoint
CREATE TYPE "public"."payment_method_kind" AS ENUM('BANK_ACCOUNT', 'CHECK');--> statement-breakpoint
CREATE TYPE "public"."payment_method_status" AS ENUM('ACTIVE', 'REPLACED', 'REMOVED');--> statement-breakpoint
CREATE TABLE "payment_methods" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"kind" "payment_method_kind" NOT NULL,
	"status" "payment_method_status" DEFAULT 'ACTIVE' NOT NULL,
	"bank_country" "country",
	"account_type" "bank_account_type",
	"routing_encrypted" text,
	"account_encrypted" text,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_methods_id_client_key" UNIQUE("id","client_id"),
	CONSTRAINT "payment_methods_kind_check" CHECK (("payment_methods"."kind" = 'CHECK' and "payment_methods"."bank_country" is null and "payment_methods"."routing_encrypted" is null and "payment_methods"."account_encrypted" is null and "payment_methods"."account_type" is null)
        or ("payment_methods"."kind" = 'BANK_ACCOUNT' and "payment_methods"."bank_country" is not null and "payment_methods"."routing_encrypted" is not null and "payment_methods"."account_encrypted" is not null)),
	CONSTRAINT "payment_methods_ended_check" CHECK (("payment_methods"."status" = 'ACTIVE') = ("payment_methods"."ended_at" is null))
);
--> statement-breakpoint
CREATE TABLE "employment_agreements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"template_id" text NOT NULL,
	"template_version" integer NOT NULL,
	"status" "employment_agreement_status" DEFAULT 'SENT' NOT NULL,
	"sent_on" date NOT NULL,
	"signed_on" date,
	"term_title" text,
	"term_pay_basis" "compensation_basis",
	"term_pay_amount" bigint,
	"term_pay_currency" text,
	"term_start_date" date,
	"term_probation_days" integer,
	"signed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employment_agreements_signed_check" CHECK (("employment_agreements"."status" = 'SIGNED') = ("employment_agreements"."signed_on" is not null)),
	CONSTRAINT "employment_agreements_dates_check" CHECK ("employment_agreements"."signed_on" is null or "employment_agreements"."signed_on" >= "employment_agreements"."sent_on")
);
--> statement-breakpoint
CREATE TABLE "onboarding_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"item" "onboarding_item" NOT NULL,
	"status" "onboarding_step_status" NOT NULL,
	"completed_on" date,
	"expires_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "onboarding_steps_engagement_item_key" UNIQUE("engagement_id","item"),
	CONSTRAINT "onboarding_steps_completed_check" CHECK (("onboarding_steps"."status" = 'COMPLETE') = ("onboarding_steps"."completed_on" is not null)),
	CONSTRAINT "onboarding_steps_expires_check" CHECK ("onboarding_steps"."expires_on" is null or "onboarding_steps"."item" = 'WORK_AUTHORIZATION')
);
--> statement-breakpoint
ALTER TABLE "remittances" ADD COLUMN "payment_method_id" uuid;--> statement-breakpoint
ALTER TABLE "payment_methods" ADD CONSTRAINT "payment_methods_worker_client_fk" FOREIGN KEY ("worker_id","client_id") REFERENCES "public"."workers"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employment_agreements" ADD CONSTRAINT "employment_agreements_engagement_client_fk" FOREIGN KEY ("engagement_id","client_id") REFERENCES "public"."engagements"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_steps" ADD CONSTRAINT "onboarding_steps_engagement_client_fk" FOREIGN KEY ("engagement_id","client_id") REFERENCES "public"."engagements"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_methods_one_active_per_worker" ON "payment_methods" USING btree ("worker_id") WHERE "payment_methods"."status" = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "payment_methods_client_worker_idx" ON "payment_methods" USING btree ("client_id","worker_id");--> statement-breakpoint
CREATE INDEX "employment_agreements_engagement_idx" ON "employment_agreements" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "employment_agreements_client_updated_idx" ON "employment_agreements" USING btree ("client_id","updated_at");