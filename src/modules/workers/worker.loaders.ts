import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { groupByShape } from "../../db/keyset-per-parent";
import type { Page, PageRequest } from "../../shared/pagination";
import { workerRepository, type WorkerFilter } from "./worker.repository";
import type { WorkerRow } from "./worker.type";

/** Worker by uuid, scoped to the caller's tenants (another tenant's worker loads as null). */
export const workerById: LoaderFactory<DataLoader<string, WorkerRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await workerRepository.findByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

export interface ClientWorkersKey {
  clientId: string;
  filter: WorkerFilter;
  request: PageRequest;
}

/**
 * A page of a client's workers (`Client.workers`). Keys with the same filter and page request (every client
 * of a page asking the same selection) are answered by one statement.
 */
export const workersPageByClient: LoaderFactory<DataLoader<ClientWorkersKey, Page<WorkerRow>, string>> = (db, principal) =>
  new DataLoader(
    async (keys) => {
      const results = new Map<ClientWorkersKey, Page<WorkerRow>>();
      for (const group of groupByShape(keys, (k) => JSON.stringify([k.filter, k.request]))) {
        const clientIds = group.map((k) => k.clientId);
        const pages = await workerRepository.pageByClients(db, principal.tenants, clientIds, group[0].filter, group[0].request);
        group.forEach((k, i) => results.set(k, pages[i]));
      }
      return keys.map((k) => results.get(k)!);
    },
    { cacheKeyFn: (k) => JSON.stringify([k.clientId, k.filter, k.request]) },
  );

/** Number of a client's workers matching a filter (`Client.workers.totalCount`), batched like the pages. */
export const workerCountByClient: LoaderFactory<DataLoader<{ clientId: string; filter: WorkerFilter }, number, string>> = (db, principal) =>
  new DataLoader(
    async (keys) => {
      const results = new Map<object, number>();
      for (const group of groupByShape(keys, (k) => JSON.stringify(k.filter))) {
        const counts = await workerRepository.countByClients(
          db,
          principal.tenants,
          group.map((k) => k.clientId),
          group[0].filter,
        );
        group.forEach((k) => results.set(k, counts.get(k.clientId) ?? 0));
      }
      return keys.map((k) => results.get(k)!);
    },
    { cacheKeyFn: (k) => JSON.stringify([k.clientId, k.filter]) },
  );
