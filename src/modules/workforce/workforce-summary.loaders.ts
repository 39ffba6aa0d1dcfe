/**
 * DataLoaders of the summary's parts, keyed by the summary's window: each part runs its one statement once per
 * request, however many fields read it (the nine engagement figures share one statement).
 */
import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { workforceSummaryRepository as repo, type SummaryWindow } from "./workforce-summary.repository";
import { WORKFORCE_LIMITS } from "./workforce-summary.type";

/** A loader running `read` once per distinct window (a request normally has one: one statement per part). */
function perWindow<T>(read: (db: Db, scope: TenantScope, window: SummaryWindow) => Promise<T>): LoaderFactory<DataLoader<SummaryWindow, T, string>> {
  return (db, principal) => new DataLoader((windows) => Promise.all(windows.map((w) => read(db, principal.tenants, w))), { cacheKeyFn: (w) => JSON.stringify(w) });
}

export const engagementFiguresByWindow = perWindow((db, scope, w) => repo.engagementFigures(db, scope, w));
export const upcomingPayDatesByWindow = perWindow((db, scope, w) => repo.upcomingPayDates(db, scope, w, WORKFORCE_LIMITS.upcomingPayDates));
export const payrollCostByWindow = perWindow((db, scope, w) => repo.payrollCostByMonth(db, scope, w));
export const openBlockersByWindow = perWindow((db, scope, w) => repo.openBlockersByCode(db, scope, w));
export const remittancesDueByWindow = perWindow((db, scope, w) => repo.remittancesDue(db, scope, w, WORKFORCE_LIMITS.remittanceGroups));
