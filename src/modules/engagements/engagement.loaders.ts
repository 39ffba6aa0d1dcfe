import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { groupByShape, pagesByParent } from "../../db/keyset-per-parent";
import { pageRequestKey, type Page, type PageRequest } from "../../shared/pagination";
import {
  compensationRepository,
  engagementPageColumnsKey,
  engagementRepository,
  type EngagementFilter,
  type EngagementPageColumns,
  type EngagementWithRelations,
} from "./engagement.repository";
import type { EngagementRow } from "./engagement.type";
import type { CompensationRow } from "./compensation.type";
import type { ClientRow } from "../clients/client.repository";
import { todayUtc } from "../../shared/calendar";
import { clientById } from "../clients/client.loaders";

/** Engagement by uuid, scoped to the caller's tenants (another tenant's loads as null). */
export const engagementById: LoaderFactory<DataLoader<string, EngagementRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await engagementRepository.findByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

export interface WorkerEngagementsKey {
  workerId: string;
  request: PageRequest;
  /** The columns the page's selection needs (`ENGAGEMENT_PAGE_SUMMARY`). */
  columns: EngagementPageColumns;
}

/**
 * A page of a worker's engagements (`Worker.engagements`): keys of the same page shape share one statement, which
 * reads at most the page (`limit + 1`) of each worker, however long its history. The same statement reads each
 * engagement's client and current compensation: they stay on the page's rows (`Engagement.related`, answered by
 * the fields `client` and `currentCompensation` without a statement or a promise), and, when read whole, are primed
 * into `clientById` and `currentCompensationByEngagementId` for any other path of the same request that reaches
 * them. The key's `columns` (from the page's selection) says which parts are read whole.
 */
export const engagementsPageByWorker: LoaderFactory<DataLoader<WorkerEngagementsKey, Page<EngagementWithRelations>, string>> = (db, principal, loaders) =>
  new DataLoader(
    async (keys) => {
      const today = todayUtc();
      const clientLoader = loaders.get(clientById);
      const compensationLoader = loaders.get(currentCompensationByEngagementId);
      const results = new Map<WorkerEngagementsKey, Page<EngagementWithRelations>>();
      for (const group of groupByShape(keys, (k) => `${engagementPageColumnsKey(k.columns)} ${pageRequestKey(k.request)}`)) {
        const workerIds = group.map((k) => k.workerId);
        const { request, columns } = group[0];
        const rows = await engagementRepository.pagesByWorkerIds(db, principal.tenants, workerIds, request, today, columns);
        // Whole rows only: a summary in a loader would answer another path's fields with undefined.
        if (columns.client === "all") for (const { client } of rows) clientLoader.prime(client.id, client as ClientRow);
        if (columns.compensation === "all") for (const { engagement, compensation } of rows) compensationLoader.prime(engagement.id, compensation as CompensationRow | null);
        const pages = pagesByParent(rows, (r) => r.engagement.workerId, workerIds, request);
        group.forEach((k, i) => results.set(k, pages[i]));
      }
      return keys.map((k) => results.get(k)!);
    },
    { cacheKeyFn: (k) => `${k.workerId} ${engagementPageColumnsKey(k.columns)} ${pageRequestKey(k.request)}` },
  );

/** Number of each worker's engagements (`Worker.engagements.totalCount`): one statement for every worker asked. */
export const engagementCountByWorker: LoaderFactory<DataLoader<string, number>> = (db, principal) =>
  new DataLoader(async (workerIds) => {
    const counts = await engagementRepository.countByWorkerIds(db, principal.tenants, workerIds);
    return workerIds.map((id) => counts.get(id) ?? 0);
  });

export interface ClientEngagementsKey {
  clientId: string;
  filter: EngagementFilter;
  request: PageRequest;
}

/** A page of a client's engagements (`Client.engagements`): keys of the same shape share one statement. */
export const engagementsPageByClient: LoaderFactory<DataLoader<ClientEngagementsKey, Page<EngagementRow>, string>> = (db, principal) =>
  new DataLoader(
    async (keys) => {
      const today = todayUtc();
      const results = new Map<ClientEngagementsKey, Page<EngagementRow>>();
      for (const group of groupByShape(keys, (k) => JSON.stringify([k.filter, k.request]))) {
        const clientIds = group.map((k) => k.clientId);
        const pages = await engagementRepository.pageByClients(db, principal.tenants, clientIds, group[0].filter, group[0].request, today);
        group.forEach((k, i) => results.set(k, pages[i]));
      }
      return keys.map((k) => results.get(k)!);
    },
    { cacheKeyFn: (k) => JSON.stringify([k.clientId, k.filter, k.request]) },
  );

/** Number of a client's engagements matching a filter (`Client.engagements.totalCount`). */
export const engagementCountByClient: LoaderFactory<DataLoader<{ clientId: string; filter: EngagementFilter }, number, string>> = (db, principal) =>
  new DataLoader(
    async (keys) => {
      const today = todayUtc();
      const results = new Map<object, number>();
      for (const group of groupByShape(keys, (k) => JSON.stringify(k.filter))) {
        const counts = await engagementRepository.countByClients(
          db,
          principal.tenants,
          group.map((k) => k.clientId),
          group[0].filter,
          today,
        );
        group.forEach((k) => results.set(k, counts.get(k.clientId) ?? 0));
      }
      return keys.map((k) => results.get(k)!);
    },
    { cacheKeyFn: (k) => JSON.stringify([k.clientId, k.filter]) },
  );

/** Compensation by uuid, tenant-scoped. */
export const compensationById: LoaderFactory<DataLoader<string, CompensationRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await compensationRepository.findByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** Every compensation of each engagement, oldest first (`Engagement.compensations`). */
export const compensationsByEngagementId: LoaderFactory<DataLoader<string, CompensationRow[]>> = (db, principal) =>
  new DataLoader(async (engagementIds) => {
    const rows = await compensationRepository.findByEngagementIds(db, principal.tenants, engagementIds);
    const grouped = byParent(rows, (r) => r.engagementId);
    return engagementIds.map((id) => grouped.get(id) ?? []);
  });

/** The compensation in effect today for each engagement (`Engagement.currentCompensation`): one DISTINCT ON. */
export const currentCompensationByEngagementId: LoaderFactory<DataLoader<string, CompensationRow | null>> = (db, principal) =>
  new DataLoader(async (engagementIds) => {
    const rows = await compensationRepository.currentByEngagementIds(db, principal.tenants, engagementIds, todayUtc());
    const byId = new Map(rows.map((r) => [r.engagementId, r]));
    return engagementIds.map((id) => byId.get(id) ?? null);
  });

/** Rows grouped by parent id, keeping their order. */
function byParent<T>(rows: T[], parentOf: (row: T) => string): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(parentOf(row));
    if (list) list.push(row);
    else grouped.set(parentOf(row), [row]);
  }
  return grouped;
}
