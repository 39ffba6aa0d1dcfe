-- PII at rest (issue 6 §5): tax ids move from plaintext columns to an application-encrypted envelope and a keyed
-- hash. SQL cannot encrypt, and there is no production deployment yet, so this migration DROPS the plaintext tax
-- ids instead of converting them: a database migrated from an earlier version keeps its workers but without tax ids
-- (the demo seed writes encrypted ones into a fresh database; delete DATA_DIR to reseed the embedded demo).
ALTER TABLE "workers" ADD COLUMN "tax_id_encrypted" text;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "tax_id_hmac" text;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_client_tax_id_hmac_key" UNIQUE("client_id","tax_id_hmac");--> statement-breakpoint
ALTER TABLE "workers" DROP CONSTRAINT "workers_tax_id_check";--> statement-breakpoint
ALTER TABLE "workers" DROP COLUMN "tax_id";--> statement-breakpoint
ALTER TABLE "workers" DROP COLUMN "tax_id_last4";
