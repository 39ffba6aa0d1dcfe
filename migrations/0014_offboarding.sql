CREATE TABLE "final_pays" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"termination_reason" text NOT NULL,
	"final_pay_case" text NOT NULL,
	"notice_given_on" date,
	"last_day_worked" date NOT NULL,
	"deadline" date NOT NULL,
	"rule_text" text NOT NULL,
	"citation" text NOT NULL,
	"statute_found" boolean NOT NULL,
	"next_regular_pay_date" date,
	"paid_by" text NOT NULL,
	"payroll_run_id" uuid,
	"period_start" date,
	"period_end" date,
	"pays_from" date NOT NULL,
	"pays_through" date NOT NULL,
	"pto_hundredths" integer,
	"pto_payout" bigint NOT NULL,
	"pto_rule_text" text NOT NULL,
	"pto_citation" text,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "final_pays_engagement_key" UNIQUE("engagement_id"),
	CONSTRAINT "final_pays_reason_check" CHECK ("final_pays"."termination_reason" in ('VOLUNTARY', 'INVOLUNTARY', 'END_OF_CONTRACT')),
	CONSTRAINT "final_pays_paid_by_check" CHECK (("final_pays"."paid_by" = 'OFF_CYCLE_RUN' and "final_pays"."payroll_run_id" is not null) or ("final_pays"."paid_by" = 'NEXT_REGULAR_RUN' and "final_pays"."payroll_run_id" is null)),
	CONSTRAINT "final_pays_pto_check" CHECK ("final_pays"."pto_payout" >= 0)
);
--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "termination_reason" text;--> statement-breakpoint
ALTER TABLE "final_pays" ADD CONSTRAINT "final_pays_engagement_client_fk" FOREIGN KEY ("engagement_id","client_id") REFERENCES "public"."engagements"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "final_pays" ADD CONSTRAINT "final_pays_run_client_fk" FOREIGN KEY ("payroll_run_id","client_id") REFERENCES "public"."payroll_runs"("id","client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "final_pays_run_idx" ON "final_pays" USING btree ("payroll_run_id");--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_termination_reason_check" CHECK ("engagements"."termination_reason" in ('VOLUNTARY', 'INVOLUNTARY', 'END_OF_CONTRACT'));