import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { groupByShape } from "../../db/keyset-per-parent";
import { timeEntryRepository, type TimeEntryRange } from "./time-entry.repository";
import type { TimeEntryRow } from "./time-entry.type";

export interface EngagementTimeEntriesKey {
  engagementId: string;
  range: TimeEntryRange;
}

const shapeOf = (range: TimeEntryRange) => `${range.from}|${range.to}|${range.type ?? ""}`;

/** Time entries per engagement and range: keys with the same range (a page of engagements) share one statement. */
export const timeEntriesByEngagement: LoaderFactory<DataLoader<EngagementTimeEntriesKey, TimeEntryRow[], string>> = (db, principal) =>
  new DataLoader(
    async (keys) => {
      const results = new Map<string, TimeEntryRow[]>();
      for (const group of groupByShape(keys, (k) => shapeOf(k.range))) {
        const rows = await timeEntryRepository.ofEngagements(
          db,
          principal.tenants,
          group.map((k) => k.engagementId),
          group[0].range,
        );
        for (const k of group) results.set(`${k.engagementId}|${shapeOf(k.range)}`, []);
        for (const row of rows) results.get(`${row.engagementId}|${shapeOf(group[0].range)}`)?.push(row);
      }
      return keys.map((k) => results.get(`${k.engagementId}|${shapeOf(k.range)}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.engagementId}|${shapeOf(k.range)}` },
  );
