import { check, date, foreignKey, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps } from "../../db/columns";
import { actorKindEnum, msaStatusEnum, responsibilityCategoryEnum, responsiblePartyEnum } from "../../db/enums";
import { clients } from "../clients/client.table";

/**
 * One party's acceptance of a DRAFT version: when, by whom, and the digest of the content accepted (see
 * `msaContentDigest`). It counts only while the version's content still has that digest.
 */
const acceptance = (party: "client" | "eor") => ({
  at: timestamp(`${party}_accepted_at`, { withTimezone: true, mode: "date" }),
  byKind: actorKindEnum(`${party}_accepted_by_kind`),
  byId: text(`${party}_accepted_by_id`),
  digest: text(`${party}_accepted_digest`),
});
const clientAcceptance = acceptance("client");
const eorAcceptance = acceptance("eor");

/**
 * A client's Master Service Agreement, versioned. DRAFT versions are editable; a DRAFT becomes ACTIVE (immutable,
 * superseding the previous ACTIVE version) once the client side and the EOR have both accepted the same content.
 * At most one ACTIVE version per client (partial index); a trigger refuses leaving DRAFT without both acceptances.
 */
export const msas = pgTable(
  "msas",
  {
    id: idColumn(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    versionNumber: integer("version_number").notNull(),
    title: text("title").notNull(),
    status: msaStatusEnum("status").notNull().default("DRAFT"),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    effectiveTo: date("effective_to", { mode: "string" }),
    clientAcceptedAt: clientAcceptance.at,
    clientAcceptedByKind: clientAcceptance.byKind,
    clientAcceptedById: clientAcceptance.byId,
    clientAcceptedDigest: clientAcceptance.digest,
    eorAcceptedAt: eorAcceptance.at,
    eorAcceptedByKind: eorAcceptance.byKind,
    eorAcceptedById: eorAcceptance.byId,
    eorAcceptedDigest: eorAcceptance.digest,
    ...timestamps(),
  },
  (t) => [
    unique("msas_client_version_key").on(t.clientId, t.versionNumber),
    unique("msas_id_client_key").on(t.id, t.clientId),
    index("msas_client_updated_idx").on(t.clientId, t.updatedAt),
    check("msas_dates_check", sql`${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`),
  ],
);

/** A clause: who (EOR, CLIENT, SHARED) holds one responsibility category, in some jurisdictions or all. */
export const msaClauses = pgTable(
  "msa_clauses",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    msaId: uuid("msa_id").notNull(),
    category: responsibilityCategoryEnum("category").notNull(),
    responsibleParty: responsiblePartyEnum("responsible_party").notNull(),
    /** Country (`US`) or subdivision (`US-CA`) codes; empty means every jurisdiction. */
    jurisdictions: text("jurisdictions")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    title: text("title").notNull(),
    text: text("text").notNull(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "msa_clauses_msa_client_fk",
      columns: [t.msaId, t.clientId],
      foreignColumns: [msas.id, msas.clientId],
    }),
    index("msa_clauses_msa_idx").on(t.msaId),
  ],
);
