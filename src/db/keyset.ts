import { and, asc, desc, gt, lt, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { PageRequest } from "../shared/pagination";

/** WHERE and ORDER BY for a keyset page on an id column; fetch `limit + 1` rows to know whether more follow. */
export function keyset(idColumn: PgColumn, request: PageRequest, filter: SQL | undefined) {
  const where = and(filter, request.afterId !== null ? gt(idColumn, request.afterId) : undefined, request.beforeId !== null ? lt(idColumn, request.beforeId) : undefined);
  const orderBy = request.direction === "forward" ? asc(idColumn) : desc(idColumn);
  return { where, orderBy, limit: request.limit + 1 };
}
