import { check, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps } from "../../db/columns";
import { countryEnum } from "../../db/enums";

/** The EOR's own legal entity per country: US (EIN) and CA (BN). Not tenant data: every caller may read it. */
export const employerEntities = pgTable(
  "employer_entities",
  {
    id: idColumn(),
    country: countryEnum("country").notNull(),
    legalName: text("legal_name").notNull(),
    /** EIN (US, NN-NNNNNNN) or BN (CA, 9 digits + program account). Public registration numbers, not PII. */
    taxId: text("tax_id").notNull(),
    ...timestamps(),
  },
  (t) => [unique("employer_entities_country_key").on(t.country)],
);

/** Tax registrations of an employer entity per state / province (withholding account numbers). */
export const employerRegistrations = pgTable(
  "employer_registrations",
  {
    id: idColumn(),
    employerEntityId: uuid("employer_entity_id")
      .notNull()
      .references(() => employerEntities.id),
    jurisdiction: text("jurisdiction").notNull(),
    agency: text("agency").notNull(),
    accountNumber: text("account_number").notNull(),
    ...timestamps(),
  },
  (t) => [
    unique("employer_registrations_entity_jurisdiction_key").on(t.employerEntityId, t.jurisdiction),
    check("employer_registrations_jurisdiction_check", sql`${t.jurisdiction} ~ '^(US|CA)-[A-Z]{2}$'`),
  ],
);
