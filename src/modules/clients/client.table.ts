import { check, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps, versionColumn } from "../../db/columns";
import { clientStatusEnum } from "../../db/enums";

/** A company the EOR serves: the tenant boundary of the whole graph. */
export const clients = pgTable(
  "clients",
  {
    id: idColumn(),
    name: text("name").notNull(),
    externalId: text("external_id"),
    status: clientStatusEnum("status").notNull().default("ACTIVE"),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [check("clients_name_check", sql`length(${t.name}) between 1 and 200`), unique("clients_external_id_key").on(t.externalId)],
);

/**
 * Jurisdictions where the client has its own legal entity: a country (`US`) or a subdivision (`US-CA`).
 * PEO co-employment is possible only there.
 */
export const clientLegalEntities = pgTable(
  "client_legal_entities",
  {
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    jurisdiction: text("jurisdiction").notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.jurisdiction] }), check("client_legal_entities_jurisdiction_check", sql`${t.jurisdiction} ~ '^(US|CA)(-[A-Z]{2})?$'`)],
);
