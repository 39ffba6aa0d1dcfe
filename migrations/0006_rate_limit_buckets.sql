CREATE TABLE "rate_limit_buckets" (
	"subject_hash" "bytea" PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"granted" boolean NOT NULL
);
--> statement-breakpoint
-- The buckets are throttling state, not records: no WAL (a request is not made to wait for a durable commit of its
-- bucket), not replicated; after a crash the table is empty, which is every principal with a full bucket.
ALTER TABLE "rate_limit_buckets" SET UNLOGGED;
