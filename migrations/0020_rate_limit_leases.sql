ALTER TABLE "rate_limit_buckets" ADD COLUMN "leased" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rate_limit_buckets" ADD COLUMN "leased_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rate_limit_buckets" ADD COLUMN "leased_until" timestamp with time zone;