import * as drizzle from "drizzle-orm";
import { sql, type Query, type SQL } from "drizzle-orm";
import type { PgColumn, SelectedFieldsOrdered } from "drizzle-orm/pg-core";
import type { TenantScope } from "../auth/principal";
import type { Db } from "./client";

/** A select builder of drizzle, as far as a prepared select needs it. */
interface SelectBuilder {
  toSQL(): Query;
  readonly _: { readonly selectedFields: unknown };
}

// drizzle's own ordering of a selection (what `.prepare()` passes to the session): exported at runtime, not typed.
const { orderSelectedFields } = drizzle as unknown as { orderSelectedFields: (fields: unknown) => SelectedFieldsOrdered };

/**
 * A select whose SQL text drizzle builds once per shape (e.g. the two tenant shapes), then runs on any database
 * handle with new values bound to its `sql.placeholder`s: the hot loader queries skip drizzle's SQL building on every
 * call (about 5% of the CPU of a nested page under `npm run bench:reads`). Lists of ids are one array parameter
 * (`= any($1::uuid[])`), so the text is the same whatever their number and postgres.js prepares it once per
 * connection.
 *
 * The built text is kept, not drizzle's prepared query: a prepared query is bound to one handle, and every GraphQL
 * operation has its own (`Database.forOperation`, which records what the operation sent). Each call asks the
 * handle's session for a prepared query over the kept text (what `.prepare()` does after building), so the statement
 * goes through that handle's gate, counters and timing like any other. The rows are mapped by drizzle as usual.
 */
export function preparedSelect<K extends string, Row>(
  name: string,
  build: (db: Db, shape: K) => SelectBuilder,
): (db: Db, shape: K, values: Record<string, unknown>) => Promise<Row[]> {
  const built = new Map<K, { query: Query; fields: SelectedFieldsOrdered }>();
  return async (db, shape, values) => {
    let one = built.get(shape);
    if (!one) {
      const builder = build(db, shape);
      built.set(shape, (one = { query: builder.toSQL(), fields: orderSelectedFields(builder._.selectedFields) }));
    }
    return (await db._.session.prepareQuery(one.query, one.fields, name, true).execute(values)) as Row[];
  };
}

/** `column = any(:name::uuid[])`, the array bound when the prepared query runs. */
export function anyUuid(column: PgColumn, name: string): SQL {
  return sql`${column} = any(${sql.placeholder(name)}::uuid[])`;
}

/** The two shapes of the tenant filter (src/db/tenant.ts) in a prepared query: no condition, or the caller's clients. */
export type TenantShape = "all" | "scoped";

export function tenantShape(scope: TenantScope): TenantShape {
  return scope.all ? "all" : "scoped";
}

/**
 * The tenant condition of a prepared query of shape `shape`, its clients bound as `tenants` (`tenantValue`): an
 * empty list matches nothing, as tenantFilter's `false` does.
 */
export function preparedTenantFilter(clientIdColumn: PgColumn, shape: TenantShape): SQL | undefined {
  return shape === "all" ? undefined : anyUuid(clientIdColumn, "tenants");
}

/** The value of `tenants` for a scope (unused by the `all` shape). */
export function tenantValue(scope: TenantScope): string[] {
  return scope.all ? [] : [...scope.clientIds];
}
