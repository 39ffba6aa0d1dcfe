import { asc, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { employerEntities, employerRegistrations } from "./employer.table";
import type { EmployerEntityRow, EmployerRegistrationRow } from "./employer.type";

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
};
