-- Constraints drizzle-kit cannot express. Written by hand.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- A worker's engagements with one client never overlap (end_date null = open-ended).
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_no_overlap"
  EXCLUDE USING gist ("client_id" WITH =, "worker_id" WITH =, daterange("start_date", "end_date", '[]') WITH &&);
--> statement-breakpoint
-- At most one ACTIVE MSA version per client.
CREATE UNIQUE INDEX "msas_one_active_per_client" ON "msas" ("client_id") WHERE "status" = 'ACTIVE';
--> statement-breakpoint
-- The audit trail is append-only.
CREATE FUNCTION "events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "events_no_update_delete" BEFORE UPDATE OR DELETE ON "events"
  FOR EACH ROW EXECUTE FUNCTION "events_append_only"();
--> statement-breakpoint
-- An ACTIVE or SUPERSEDED MSA is immutable: its clauses cannot be added, changed or removed.
CREATE FUNCTION "msa_clauses_only_on_draft"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  msa_status text;
BEGIN
  SELECT status INTO msa_status FROM msas WHERE id = COALESCE(NEW.msa_id, OLD.msa_id);
  IF msa_status <> 'DRAFT' THEN
    RAISE EXCEPTION 'MSA % is % and immutable', COALESCE(NEW.msa_id, OLD.msa_id), msa_status USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN COALESCE(NEW, OLD);
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "msa_clauses_draft_only" BEFORE INSERT OR UPDATE OR DELETE ON "msa_clauses"
  FOR EACH ROW EXECUTE FUNCTION "msa_clauses_only_on_draft"();
