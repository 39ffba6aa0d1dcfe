CREATE TYPE "public"."one_off_earning_kind" AS ENUM('BONUS', 'REIMBURSEMENT');--> statement-breakpoint
CREATE TYPE "public"."time_entry_type" AS ENUM('REGULAR', 'OVERTIME', 'PTO');--> statement-breakpoint
CREATE TABLE "one_off_earnings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"payroll_run_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"kind" "one_off_earning_kind" NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "one_off_earnings_amount_check" CHECK ("one_off_earnings"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "payroll_run_blockers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"payroll_run_id" uuid NOT NULL,
	"engagement_id" uuid,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "time_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"work_date" date NOT NULL,
	"type" time_entry_type NOT NULL,
	"hundredths_of_hours" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_entries_engagement_date_type_key" UNIQUE("engagement_id","work_date","type"),
	CONSTRAINT "time_entries_hours_check" CHECK ("time_entries"."hundredths_of_hours" between 0 and 2400)
);
--> statement-breakpoint
CREATE TABLE "remittance_items" (
	"remittance_id" uuid NOT NULL,
	"pay_statement_line_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "remittance_items_remittance_line_key" UNIQUE("remittance_id","pay_statement_line_id"),
	CONSTRAINT "remittance_items_amount_check" CHECK ("remittance_items"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "client_event_sequences" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payroll_runs" ADD COLUMN "inputs_digest" text;--> statement-breakpoint
ALTER TABLE "payroll_runs" ADD COLUMN "calculation_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payroll_runs" ADD COLUMN "calculated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payroll_runs" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payroll_runs" ADD COLUMN "approved_by" text;--> statement-breakpoint
ALTER TABLE "payroll_runs" ADD COLUMN "failure_reason" text;--> statement-breakpoint
ALTER TABLE "remittances" ADD COLUMN "retryable" boolean;--> statement-breakpoint
ALTER TABLE "remittances" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "remittances" ADD COLUMN "settled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "one_off_earnings" ADD CONSTRAINT "one_off_earnings_run_client_fk" FOREIGN KEY ("payroll_run_id","client_id") REFERENCES "public"."payroll_runs"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_off_earnings" ADD CONSTRAINT "one_off_earnings_engagement_client_fk" FOREIGN KEY ("engagement_id","client_id") REFERENCES "public"."engagements"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_run_blockers" ADD CONSTRAINT "payroll_run_blockers_run_client_fk" FOREIGN KEY ("payroll_run_id","client_id") REFERENCES "public"."payroll_runs"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_engagement_client_fk" FOREIGN KEY ("engagement_id","client_id") REFERENCES "public"."engagements"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_items" ADD CONSTRAINT "remittance_items_remittance_id_remittances_id_fk" FOREIGN KEY ("remittance_id") REFERENCES "public"."remittances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_items" ADD CONSTRAINT "remittance_items_pay_statement_line_id_pay_statement_lines_id_fk" FOREIGN KEY ("pay_statement_line_id") REFERENCES "public"."pay_statement_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "one_off_earnings_run_idx" ON "one_off_earnings" USING btree ("payroll_run_id");--> statement-breakpoint
CREATE INDEX "payroll_run_blockers_run_idx" ON "payroll_run_blockers" USING btree ("payroll_run_id");--> statement-breakpoint
CREATE INDEX "time_entries_client_updated_idx" ON "time_entries" USING btree ("client_id","updated_at");--> statement-breakpoint
CREATE INDEX "remittance_items_line_idx" ON "remittance_items" USING btree ("pay_statement_line_id");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_client_seq_key" UNIQUE("client_id","seq");