import { bigint, check, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
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

/**
 * The state unemployment insurance (SUI) rate a US registration was assigned for a calendar year (the state's annual
 * rate notice), with the taxable wage base when the registration states one (null: the state's published base,
 * engine/us/tables/sui.ts). One row per registration and year: a registration keeps its history; setting a year's
 * rate again replaces that year's row. `rate` is a percentage as written on the notice ("3.4", "1.21").
 */
export const employerSuiRates = pgTable(
  "employer_sui_rates",
  {
    id: idColumn(),
    employerRegistrationId: uuid("employer_registration_id")
      .notNull()
      .references(() => employerRegistrations.id),
    taxYear: integer("tax_year").notNull(),
    rate: text("rate").notNull(),
    /** Cents (USD). */
    wageBase: bigint("wage_base", { mode: "number" }),
    ...timestamps(),
  },
  (t) => [
    unique("employer_sui_rates_registration_year_key").on(t.employerRegistrationId, t.taxYear),
    check("employer_sui_rates_rate_check", sql`${t.rate} ~ '^[0-9]{1,2}(\\.[0-9]{1,4})?$'`),
    check("employer_sui_rates_tax_year_check", sql`${t.taxYear} between 2000 and 2100`),
    check("employer_sui_rates_wage_base_check", sql`${t.wageBase} is null or ${t.wageBase} > 0`),
  ],
);
