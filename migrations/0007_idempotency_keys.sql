CREATE TABLE "idempotency_keys" (
	"principal_sub" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"state" text NOT NULL,
	"reservation" uuid NOT NULL,
	"lease_expires_at" timestamp with time zone NOT NULL,
	"response_status" smallint,
	"response_body" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY("principal_sub","idempotency_key"),
	CONSTRAINT "idempotency_keys_state_check" CHECK ("idempotency_keys"."state" in ('IN_PROGRESS', 'COMPLETED')),
	CONSTRAINT "idempotency_keys_key_check" CHECK ("idempotency_keys"."idempotency_key" ~ '^[ -~]{1,255}$'),
	CONSTRAINT "idempotency_keys_completed_check" CHECK (("idempotency_keys"."state" = 'COMPLETED') = ("idempotency_keys"."response_status" is not null and "idempotency_keys"."response_body" is not null))
);
--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys" USING btree ("expires_at");