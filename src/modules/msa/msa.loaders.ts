import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { msaRepository } from "./msa.repository";
import type { MsaClauseRow, MsaRow } from "./msa.type";

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

/** MSA version by uuid, tenant-scoped (another tenant's version loads as null). */
export const msaById: LoaderFactory<DataLoader<string, MsaRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await msaRepository.findByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** Clause by uuid, tenant-scoped. */
export const msaClauseById: LoaderFactory<DataLoader<string, MsaClauseRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await msaRepository.clausesByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** Every clause of an MSA version, in creation order. */
export const clausesByMsaId: LoaderFactory<DataLoader<string, MsaClauseRow[]>> = (db, principal) =>
  new DataLoader(async (msaIds) => groupBy(msaIds, await msaRepository.clausesOfMsas(db, principal.tenants, msaIds), (r) => r.msaId));

/** Every MSA version of a client, in creation order (a handful per client: paged in memory). */
export const msaVersionsByClientId: LoaderFactory<DataLoader<string, MsaRow[]>> = (db, principal) =>
  new DataLoader(async (clientIds) => groupBy(clientIds, await msaRepository.versionsOfClients(db, principal.tenants, clientIds), (r) => r.clientId));

/** The client's ACTIVE MSA version, or null. */
export const activeMsaByClientId: LoaderFactory<DataLoader<string, MsaRow | null>> = (db, principal) =>
  new DataLoader(async (clientIds) => {
    const rows = await msaRepository.activeOfClients(db, principal.tenants, clientIds);
    const byClient = new Map(rows.map((r) => [r.clientId, r]));
    return clientIds.map((id) => byClient.get(id) ?? null);
  });

/** The clauses of the client's ACTIVE MSA version (empty when none): what `responsibilities` reads. */
export const activeClausesByClientId: LoaderFactory<DataLoader<string, MsaClauseRow[]>> = (db, principal) =>
  new DataLoader(async (clientIds) => groupBy(clientIds, await msaRepository.activeClausesOfClients(db, principal.tenants, clientIds), (r) => r.clientId));
