ALTER TABLE "msas" ADD COLUMN "client_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "msas" ADD COLUMN "client_accepted_by_kind" "actor_kind";--> statement-breakpoint
ALTER TABLE "msas" ADD COLUMN "client_accepted_by_id" text;--> statement-breakpoint
ALTER TABLE "msas" ADD COLUMN "client_accepted_digest" text;--> statement-breakpoint
ALTER TABLE "msas" ADD COLUMN "eor_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "msas" ADD COLUMN "eor_accepted_by_kind" "actor_kind";--> statement-breakpoint
ALTER TABLE "msas" ADD COLUMN "eor_accepted_by_id" text;--> statement-breakpoint
ALTER TABLE "msas" ADD COLUMN "eor_accepted_digest" text;--> statement-breakpoint
-- An MSA version leaves DRAFT only with both parties' acceptances of the same content: the client side (a CLIENT
-- or PARTNER caller) and the EOR (an OPERATOR), each bound to the digest of the content it accepted.
CREATE FUNCTION "msa_activation_needs_both_acceptances"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.client_accepted_at IS NULL OR NEW.client_accepted_by_kind NOT IN ('CLIENT', 'PARTNER')
     OR NEW.eor_accepted_at IS NULL OR NEW.eor_accepted_by_kind <> 'OPERATOR'
     OR NEW.client_accepted_digest IS NULL OR NEW.client_accepted_digest IS DISTINCT FROM NEW.eor_accepted_digest THEN
    RAISE EXCEPTION 'MSA % cannot become %: the client and the EOR must both accept the same content', NEW.id, NEW.status
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "msas_activation_needs_both_acceptances" BEFORE UPDATE ON "msas"
  FOR EACH ROW WHEN (OLD.status = 'DRAFT' AND NEW.status <> 'DRAFT')
  EXECUTE FUNCTION "msa_activation_needs_both_acceptances"();
