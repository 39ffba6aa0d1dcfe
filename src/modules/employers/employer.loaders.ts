import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { employerRepository } from "./employer.repository";
import type { EmployerEntityRow, EmployerRegistrationRow, EmployerSuiRateRow } from "./employer.type";

export type { EmployerEntityRow };

/** Employer entity by uuid. Not tenant data: the same for every caller. */
export const employerEntityById: LoaderFactory<DataLoader<string, EmployerEntityRow | null>> = (db) =>
  new DataLoader(async (ids) => {
    const rows = await employerRepository.findByIds(db, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** The EOR's employer entity in a country (`US`, `CA`); null when none is set up. */
export const employerEntityByCountry: LoaderFactory<DataLoader<"US" | "CA", EmployerEntityRow | null>> = (db) =>
  new DataLoader(async (countries) => {
    const rows = await employerRepository.findByCountries(db, countries);
    const byCountry = new Map(rows.map((r) => [r.country, r]));
    return countries.map((c) => byCountry.get(c) ?? null);
  });

/** Tax registrations per employer entity, by jurisdiction. */
export const registrationsByEmployerEntityId: LoaderFactory<DataLoader<string, EmployerRegistrationRow[]>> = (db) =>
  new DataLoader(async (ids) => {
    const rows = await employerRepository.registrationsOf(db, ids);
    return ids.map((id) => rows.filter((r) => r.employerEntityId === id));
  });

/** SUI rates per registration uuid, newest year first. */
export const suiRatesByRegistrationId: LoaderFactory<DataLoader<string, EmployerSuiRateRow[]>> = (db) =>
  new DataLoader(async (ids) => {
    const rows = await employerRepository.suiRatesOf(db, ids);
    return ids.map((id) => rows.filter((r) => r.employerRegistrationId === id));
  });
