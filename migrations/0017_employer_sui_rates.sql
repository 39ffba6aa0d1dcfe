CREATE TABLE "employer_sui_rates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"employer_registration_id" uuid NOT NULL,
	"tax_year" integer NOT NULL,
	"rate" text NOT NULL,
	"wage_base" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employer_sui_rates_registration_year_key" UNIQUE("employer_registration_id","tax_year"),
	CONSTRAINT "employer_sui_rates_rate_check" CHECK ("employer_sui_rates"."rate" ~ '^[0-9]{1,2}(\.[0-9]{1,4})?$'),
	CONSTRAINT "employer_sui_rates_tax_year_check" CHECK ("employer_sui_rates"."tax_year" between 2000 and 2100),
	CONSTRAINT "employer_sui_rates_wage_base_check" CHECK ("employer_sui_rates"."wage_base" is null or "employer_sui_rates"."wage_base" > 0)
);
--> statement-breakpoint
ALTER TABLE "employer_sui_rates" ADD CONSTRAINT "employer_sui_rates_employer_registration_id_employer_registrations_id_fk" FOREIGN KEY ("employer_registration_id") REFERENCES "public"."employer_registrations"("id") ON DELETE no action ON UPDATE no action;