CREATE TYPE "public"."pay_date_adjustment" AS ENUM('PREVIOUS_BUSINESS_DAY', 'NEXT_BUSINESS_DAY');--> statement-breakpoint
ALTER TABLE "pay_schedules" ADD COLUMN "pay_date_adjustment" "pay_date_adjustment" DEFAULT 'PREVIOUS_BUSINESS_DAY' NOT NULL;--> statement-breakpoint
ALTER TABLE "pay_statement_lines" ADD COLUMN "taxable_wages" bigint;