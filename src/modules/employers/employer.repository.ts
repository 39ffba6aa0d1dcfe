import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { newId } from "../../shared/ids";
import { employerEntities, employerRegistrations, employerSuiRates } from "./employer.table";
import type { EmployerEntityRow, EmployerRegistrationRow, EmployerSuiRateRow } from "./employer.type";

/**
 * All SQL about the EOR's employer entities. Not tenant data (the EOR's own entities, public registration
 * numbers), so no tenant filter: every authenticated caller may read them.
 */
export const employerRepository = {
  async all(db: Db): Promise<EmployerEntityRow[]> {
    /* employerEntities.all */
    return db.select().from(employerEntities).orderBy(asc(employerEntities.country));
  },

  async findByIds(db: Db, ids: readonly string[]): Promise<EmployerEntityRow[]> {
    /* employerEntities.findByIds */
    return db
      .select()
      .from(employerEntities)
      .where(inArray(employerEntities.id, [...ids]));
  },

  async findByCountries(db: Db, countries: readonly ("US" | "CA")[]): Promise<EmployerEntityRow[]> {
    /* employerEntities.findByCountries */
    return db
      .select()
      .from(employerEntities)
      .where(inArray(employerEntities.country, [...countries]));
  },

  async registrationsOf(db: Db, entityIds: readonly string[]): Promise<EmployerRegistrationRow[]> {
    /* employerRegistrations.ofEntities */
    return db
      .select()
      .from(employerRegistrations)
      .where(inArray(employerRegistrations.employerEntityId, [...entityIds]))
      .orderBy(asc(employerRegistrations.jurisdiction));
  },

  async registrationOf(db: Db, entityId: string, jurisdiction: string): Promise<EmployerRegistrationRow | null> {
    /* employerRegistrations.ofEntityInJurisdiction */
    const rows = await db
      .select()
      .from(employerRegistrations)
      .where(and(eq(employerRegistrations.employerEntityId, entityId), eq(employerRegistrations.jurisdiction, jurisdiction)))
      .limit(1);
    return rows[0] ?? null;
  },

  /** Newest year first, at most `limit` per registration. */
  async suiRatesOf(db: Db, registrationIds: readonly string[]): Promise<EmployerSuiRateRow[]> {
    /* employerSuiRates.ofRegistrations */
    return db
      .select()
      .from(employerSuiRates)
      .where(inArray(employerSuiRates.employerRegistrationId, [...registrationIds]))
      .orderBy(asc(employerSuiRates.employerRegistrationId), desc(employerSuiRates.taxYear));
  },

  /** Sets a registration's rate for a year: inserts, or replaces that year's rate and base. */
  async upsertSuiRate(db: Db, value: { employerRegistrationId: string; taxYear: number; rate: string; wageBase: number | null }): Promise<EmployerSuiRateRow> {
    /* employerSuiRates.upsert */
    const [row] = await db
      .insert(employerSuiRates)
      .values({ id: newId(), ...value })
      .onConflictDoUpdate({
        target: [employerSuiRates.employerRegistrationId, employerSuiRates.taxYear],
        set: { rate: value.rate, wageBase: value.wageBase, updatedAt: sql`now()` },
      })
      .returning();
    return row;
  },

  /**
   * The SUI rates of an employer entity's registrations in `jurisdictions` for one year (the payroll run's inputs):
   * one row per registration that has a rate for the year.
   */
  async suiRatesForYear(db: Db, entityId: string, jurisdictions: readonly string[], taxYear: number): Promise<{ jurisdiction: string; rate: string; wageBase: number | null }[]> {
    if (jurisdictions.length === 0) return [];
    /* employerSuiRates.forRun */
    return db
      .select({ jurisdiction: employerRegistrations.jurisdiction, rate: employerSuiRates.rate, wageBase: employerSuiRates.wageBase })
      .from(employerSuiRates)
      .innerJoin(employerRegistrations, eq(employerRegistrations.id, employerSuiRates.employerRegistrationId))
      .where(and(eq(employerRegistrations.employerEntityId, entityId), inArray(employerRegistrations.jurisdiction, [...jurisdictions]), eq(employerSuiRates.taxYear, taxYear)))
      .orderBy(asc(employerRegistrations.jurisdiction));
  },
};
