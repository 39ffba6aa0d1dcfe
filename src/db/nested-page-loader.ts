import DataLoader from "dataloader";
import type { Page, PageRequest } from "../shared/pagination";
import { groupByShape, pagesByParent } from "./keyset-per-parent";

/** Key of a nested connection page: the parent and the page request of the selection. */
export interface NestedPageKey {
  parentId: string;
  request: PageRequest;
}

function shapeOf(request: PageRequest): string {
  return `${request.direction}:${request.limit}:${request.afterId ?? ""}:${request.beforeId ?? ""}`;
}

/**
 * A DataLoader of nested connection pages (no filter besides the parent): keys sharing a page request — the
 * usual case, one selection over a page of parents — are answered by one `fetch` (one `keysetPerParent`
 * statement returning rows ordered by parent and rank).
 */
export function nestedPageLoader<Row>(
  fetch: (parentIds: readonly string[], request: PageRequest) => Promise<Row[]>,
  parentOf: (row: Row) => string,
): DataLoader<NestedPageKey, Page<Row>, string> {
  const cacheKeyFn = (k: NestedPageKey) => `${k.parentId}|${shapeOf(k.request)}`;
  return new DataLoader<NestedPageKey, Page<Row>, string>(
    async (keys) => {
      const pages = new Map<string, Page<Row>>();
      for (const group of groupByShape(keys, (k) => shapeOf(k.request))) {
        const parentIds = group.map((k) => k.parentId);
        const request = group[0].request;
        const rows = await fetch(parentIds, request);
        pagesByParent(rows, parentOf, parentIds, request).forEach((page, i) => pages.set(cacheKeyFn(group[i]), page));
      }
      return keys.map((k) => pages.get(cacheKeyFn(k))!);
    },
    { cacheKeyFn },
  );
}

/** A DataLoader of child counts per parent (`totalCount` of a nested connection): one grouped query. */
export function childCountLoader(fetch: (parentIds: readonly string[]) => Promise<{ parentId: string; n: number }[]>) {
  return new DataLoader<string, number>(async (parentIds) => {
    const rows = await fetch(parentIds);
    const byParent = new Map(rows.map((r) => [r.parentId, Number(r.n)]));
    return parentIds.map((id) => byParent.get(id) ?? 0);
  });
}
