CREATE TABLE "rate_limit_buckets" (
	"subject_hash" "bytea" PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"granted" boolean NOT NULL
);
