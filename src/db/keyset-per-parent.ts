import { and, eq, getTableColumns, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./client";
import { toPage, type Page, type PageRequest } from "../shared/pagination";
import { keyset } from "./keyset";

/**
 * One keyset page per parent in ONE statement (nested connections such as `Client.workers` for every client of
 * a page): rank rows per parent with `row_number()` in the request's direction, keep `rank <= limit + 1`.
 * Use `where` and `rank` in a subquery, filter the outer query with `rank <= limit`, order by parent and rank,
 * then `pagesByParent` splits the rows into Relay pages.
 */
export function keysetPerParent(parentColumn: PgColumn, idColumn: PgColumn, parentIds: readonly string[], request: PageRequest, filter: SQL | undefined) {
  const { where } = keyset(idColumn, request, and(inArray(parentColumn, [...parentIds]), filter));
  const direction = sql.raw(request.direction === "forward" ? "asc" : "desc");
  const rank = sql<number>`row_number() over (partition by ${parentColumn} order by ${idColumn} ${direction})`;
  return { where, rank, limit: request.limit + 1 };
}

/**
 * Runs the per-parent keyset page as one statement: a ranked subquery of ids, joined back to the table,
 * `rank <= limit + 1`, ordered by parent and rank. `columns` defaults to every column of the table (pass a
 * narrower set to keep a column such as a tax id out of the application entirely).
 */
export async function selectPagesPerParent<TRow>(
  db: Db,
  table: PgTable,
  columns: Record<string, PgColumn> | undefined,
  parentColumn: PgColumn,
  idColumn: PgColumn,
  parentIds: readonly string[],
  request: PageRequest,
  filter: SQL | undefined,
): Promise<TRow[]> {
  if (parentIds.length === 0) return [];
  const q = keysetPerParent(parentColumn, idColumn, parentIds, request, filter);
  const ranked = db
    .select({ id: idColumn, rank: q.rank.as("rank") })
    .from(table)
    .where(q.where)
    .as("ranked");
  const rows = await db
    .select(columns ?? getTableColumns(table))
    .from(table)
    .innerJoin(ranked, eq(ranked.id, idColumn))
    .where(lte(ranked.rank, q.limit))
    .orderBy(parentColumn, ranked.rank);
  return rows as TRow[];
}

/** Splits rows ordered by (parent, rank) into one page per parent id (an empty page for a parent without rows). */
export function pagesByParent<T>(rows: T[], parentOf: (row: T) => string, parentIds: readonly string[], request: PageRequest): Page<T>[] {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(parentOf(row));
    if (list) list.push(row);
    else grouped.set(parentOf(row), [row]);
  }
  return parentIds.map((id) => toPage(grouped.get(id) ?? [], request));
}

/**
 * For DataLoader batch functions of nested connections: groups keys that share a shape (same filter and page
 * request), so each group is answered by one `keysetPerParent` statement.
 */
export function groupByShape<T>(keys: readonly T[], shapeOf: (key: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const key of keys) {
    const shape = shapeOf(key);
    const list = groups.get(shape);
    if (list) list.push(key);
    else groups.set(shape, [key]);
  }
  return [...groups.values()];
}
