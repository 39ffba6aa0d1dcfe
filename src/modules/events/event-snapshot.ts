/**
 * The one way a service turns a row into an event's `before` / `after`: an explicit allow-list. The `events` table
 * is append-only (a trigger refuses UPDATE and DELETE), so it must hold no personal data that a person could ask
 * to have erased: names, emails, addresses, tax ids, withholding elections, pay amounts and free-text reasons are
 * never copied; the snapshot only says which of them changed.
 *
 * - `plain` fields (ids, statuses, dates, codes) are copied as they are;
 * - `derived` values are computed from the row and must not be personal either (e.g. `taxIdOnFile`);
 * - `personal` fields are read only to be compared: `changed` lists those that differ from the row before (on a
 *   creation, those that have a value). The list is always in `after`, possibly empty, in the order of the spec.
 *
 * A field missing from the spec is simply not recorded, so a new column stays out of the log until someone
 * decides which kind it is.
 */
export interface SnapshotSpec<Row> {
  plain: readonly (keyof Row & string)[];
  personal?: Record<string, (row: Row) => unknown>;
  derived?: Record<string, (row: Row) => unknown>;
}

export type EventSnapshot = Record<string, unknown>;

/**
 * `before` and `after` of one change: `before` holds the plain and derived fields of the old row (null on a
 * creation); `after` those of the new row plus `changed` (null on a removal).
 */
export function eventSnapshots<Row>(
  spec: SnapshotSpec<Row>,
  before: Row | null,
  after: Row | null,
): { before: EventSnapshot | null; after: (EventSnapshot & { changed: string[] }) | null } {
  return {
    before: before === null ? null : recorded(spec, before),
    after: after === null ? null : { ...recorded(spec, after), changed: changedFields(spec, before, after) },
  };
}

function recorded<Row>(spec: SnapshotSpec<Row>, row: Row): EventSnapshot {
  const snapshot: EventSnapshot = {};
  for (const field of spec.plain) snapshot[field] = row[field] ?? null;
  for (const [field, compute] of Object.entries(spec.derived ?? {})) snapshot[field] = compute(row);
  return snapshot;
}

function changedFields<Row>(spec: SnapshotSpec<Row>, before: Row | null, after: Row): string[] {
  const changed: string[] = [];
  for (const [field, read] of Object.entries(spec.personal ?? {})) {
    const now = read(after);
    if (before === null ? hasValue(now) : !sameValue(now, read(before))) changed.push(field);
  }
  return changed;
}

function hasValue(value: unknown): boolean {
  return Array.isArray(value) ? value.some((v) => v !== null && v !== undefined) : value !== null && value !== undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
