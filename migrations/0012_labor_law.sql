ALTER TABLE "engagements" ADD COLUMN "exempt" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "work_locality" text;--> statement-breakpoint
ALTER TABLE "pay_statement_lines" ADD COLUMN "hundredths_of_hours" integer;--> statement-breakpoint
ALTER TABLE "pay_statement_lines" ADD COLUMN "rate" bigint;