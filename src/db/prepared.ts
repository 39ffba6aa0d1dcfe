import * as drizzle from "drizzle-orm";
import { Column, SQL, Subquery, and, asc, desc, gt, is, lt, sql, type DriverValueDecoder, type Query } from "drizzle-orm";
import type { PgColumn, SelectedFieldsOrdered } from "drizzle-orm/pg-core";
import type { TenantScope } from "../auth/principal";
import type { PageRequest } from "../shared/pagination";
import type { Db } from "./client";

/** More shapes than any query has (a page: 2 tenant shapes × 2 directions × 4 cursor shapes × its filters). */
const MAX_SHAPES = 256;

/** A select builder of drizzle, as far as a prepared select needs it. */
interface SelectBuilder {
  toSQL(): Query;
  readonly _: { readonly selectedFields: unknown };
}

// drizzle's own ordering of a selection (what `.prepare()` passes to the session): exported at runtime, not typed.
const { orderSelectedFields } = drizzle as unknown as { orderSelectedFields: (fields: unknown) => SelectedFieldsOrdered };

/**
 * A select whose SQL text drizzle builds once per shape (`shapeOf`: e.g. the two tenant shapes), then runs on any database
 * handle with new values bound to its `sql.placeholder`s: the hot loader queries skip drizzle's SQL building on every
 * call (about 5% of the CPU of a nested page under `npm run bench:reads`). Lists of ids are one array parameter
 * (`= any($1::uuid[])`), so the text is the same whatever their number and postgres.js prepares it once per
 * connection.
 *
 * The built text is kept, not drizzle's prepared query: a prepared query is bound to one handle, and every GraphQL
 * operation has its own (`Database.forOperation`, which records what the operation sent). Each call asks the
 * handle's session for a prepared query over the kept text (what `.prepare()` does after building), so the statement
 * goes through that handle's gate, counters and timing like any other.
 *
 * The rows are mapped by `rowMapper` (below), not by drizzle's `mapResultRow`: the same objects, built without its
 * per-row and per-column work.
 */
export function preparedSelect<Input, Row>(
  name: string,
  shapeOf: (input: Input) => string,
  build: (db: Db, input: Input) => SelectBuilder,
): (db: Db, input: Input, values: Record<string, unknown>) => Promise<Row[]> {
  const built = new Map<string, { query: Query; fields: SelectedFieldsOrdered; map: ((rows: unknown[][]) => unknown[]) | undefined }>();
  return async (db, input, values) => {
    const shape = shapeOf(input);
    let one = built.get(shape);
    if (!one) {
      // `build` reads of `input` only what `shapeOf` says: every input of one shape shares the text.
      if (built.size >= MAX_SHAPES) built.clear();
      const builder = build(db, input);
      const fields = orderSelectedFields(builder._.selectedFields);
      built.set(shape, (one = { query: builder.toSQL(), fields, map: rowMapper(fields) }));
    }
    return (await db._.session.prepareQuery(one.query, one.fields, name, true, one.map).execute(values)) as Row[];
  };
}

/**
 * Runs a drizzle select once, its rows mapped by `rowMapper` (below) instead of drizzle's `mapResultRow`: the same
 * objects. For the large one-off reads (a payroll run's inputs: every engagement, compensation, time entry and
 * onboarding step of the run), where drizzle's work per row and column was about a sixth of the reading's CPU at
 * 100,000 engagements. The statement goes through the handle's session like any other (gate, counters, timing).
 */
export function selectRows<B extends SelectBuilder & PromiseLike<unknown>>(db: Db, builder: B): Promise<Awaited<B>> {
  const fields = orderSelectedFields(builder._.selectedFields);
  return db._.session.prepareQuery(builder.toSQL(), fields, undefined, true, rowMapper(fields)).execute() as Promise<Awaited<B>>;
}

/** A column's decoder as drizzle's `mapResultRow` finds it. */
function decoderOf(field: SelectedFieldsOrdered[number]["field"]): DriverValueDecoder<unknown, unknown> {
  type Decoded = { decoder: DriverValueDecoder<unknown, unknown> }; // SQL's decoder is internal (untyped)
  if (is(field, Column)) return field;
  if (is(field, SQL)) return (field as unknown as Decoded).decoder;
  if (is(field, Subquery)) return (field._.sql as unknown as Decoded).decoder;
  return (field.sql as unknown as Decoded).decoder;
}

/** The identity decoder of drizzle's base column (text, uuid, boolean, enum columns keep the driver's value). */
const IDENTITY: unknown = Reflect.get(Column.prototype, "mapFromDriverValue");
const isIdentity = (decoder: DriverValueDecoder<unknown, unknown>) => Reflect.get(decoder, "mapFromDriverValue") === IDENTITY;

/**
 * Maps the driver's rows (arrays, in the selection's order) to objects keyed by the selection's names, as drizzle's
 * `mapResultRow` does — without its work per row and column (an entity check of every column, an iterator over the
 * column's path, a reduce). The decoders are found once: a column whose decoder is the identity is copied, the
 * others (timestamps, dates, bigints, integers) decoded, null staying null. A selection of tables (`{ engagement:
 * engagements, client: clients }`, one level deep) gives an object per table; a table of a left join whose columns
 * are all null (no row joined) is null, as drizzle makes it. Deeper selections keep drizzle's mapping.
 *
 * The mapper of a selection is generated once, as one object literal per table (`new Function` over the selection's
 * own column names, quoted with `JSON.stringify`: no caller's text reaches it): V8 then builds every row with one
 * hidden class, where assigning keys one by one from a list took a dictionary-like path per row and column (the
 * mapping went from 4 % of a nested page's CPU to 1.2 %).
 */
function rowMapper(fields: SelectedFieldsOrdered): ((rows: unknown[][]) => unknown[]) | undefined {
  if (fields.some((f) => f.path.length > 2)) return undefined;
  const decoders = fields.map((f) => {
    const decoder = decoderOf(f.field);
    return isIdentity(decoder) ? null : decoder;
  });
  const value = (i: number) => (decoders[i] === null ? `raw[${i}]` : `(raw[${i}] === null ? null : d[${i}].mapFromDriverValue(raw[${i}]))`);
  const literal = (keys: string[], first: number) => `{ ${keys.map((key, k) => `${JSON.stringify(key)}: ${value(first + k)}`).join(", ")} }`;
  let row: string;
  if (fields.every((f) => f.path.length === 1)) {
    row = literal(
      fields.map((f) => f.path[0]),
      0,
    );
  } else {
    // One object per table: its columns are consecutive in drizzle's order of the selection.
    const groups: { name: string; keys: string[]; first: number }[] = [];
    fields.forEach((f, i) => {
      const last = groups[groups.length - 1];
      if (f.path.length === 2 && last?.name === f.path[0]) last.keys.push(f.path[1]);
      else if (f.path.length === 2 && !groups.some((g) => g.name === f.path[0])) groups.push({ name: f.path[0], keys: [f.path[1]], first: i });
      else groups.push({ name: "", keys: [], first: -1 }); // a flat field beside tables: not mapped here
    });
    if (groups.some((g) => g.first < 0)) return undefined;
    const joined = (g: (typeof groups)[number]) => g.keys.map((_, k) => `raw[${g.first + k}] !== null`).join(" || ");
    row = `{ ${groups.map((g) => `${JSON.stringify(g.name)}: (${joined(g)}) ? ${literal(g.keys, g.first)} : null`).join(", ")} }`;
  }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from the selection's column names (above)
  const factory = new Function("d", `return function mapRow(raw) { return ${row}; };`) as (d: typeof decoders) => (raw: unknown[]) => Record<string, unknown>;
  const map = factory(decoders);
  return (rows: unknown[][]) => {
    const out = new Array<Record<string, unknown>>(rows.length);
    for (let r = 0; r < rows.length; r++) out[r] = map(rows[r]);
    return out;
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

/** The shape of a keyset page request (src/db/keyset.ts): its direction and which bounds it has. */
export function keysetShape(request: PageRequest): string {
  return `${request.direction}${request.afterId !== null ? "+after" : ""}${request.beforeId !== null ? "+before" : ""}`;
}

/**
 * src/db/keyset.ts's WHERE, ORDER BY and LIMIT for a prepared query, the bounds and the limit bound as `afterId`,
 * `beforeId` and `limit` (`keysetValues`). Reads only the request's shape.
 */
export function preparedKeyset(idColumn: PgColumn, request: PageRequest, filter: SQL | undefined) {
  const where = and(
    filter,
    request.afterId !== null ? gt(idColumn, sql.placeholder("afterId")) : undefined,
    request.beforeId !== null ? lt(idColumn, sql.placeholder("beforeId")) : undefined,
  );
  const orderBy = request.direction === "forward" ? asc(idColumn) : desc(idColumn);
  return { where, orderBy, limit: sql.placeholder("limit") };
}

/** The values of `preparedKeyset`'s placeholders: `limit + 1` rows, to know whether more follow. */
export function keysetValues(request: PageRequest) {
  return { afterId: request.afterId, beforeId: request.beforeId, limit: request.limit + 1 };
}

/**
 * The shape of a filter: which of its fields are set (truthy, as the builders test them). A set field outside `handled` (one added to the filter but not
 * to the prepared query) throws instead of being ignored.
 */
export function filterShape<F extends object>(filter: F, handled: readonly (keyof F & string)[]): string {
  const set = Object.entries(filter)
    .filter(([, value]) => Boolean(value)) // as the builders (and filterSql) read them: `filter.x ? … : undefined`
    .map(([key]) => key);
  for (const key of set) if (!handled.includes(key as keyof F & string)) throw new Error(`prepared query: filter field ${key} not handled`);
  return set.sort().join(",");
}
