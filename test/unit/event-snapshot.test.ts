import { describe, expect, it } from "vitest";
import { eventSnapshots, type SnapshotSpec } from "../../src/modules/events/event-snapshot";

// The allow-list that builds every worker / engagement / compensation event: pure, no database.
interface Row {
  id: string;
  status: string;
  name: string;
  email: string | null;
  salary: number;
  note: string;
}
const SPEC: SnapshotSpec<Row> = {
  plain: ["id", "status"],
  derived: { hasEmail: (r) => r.email !== null },
  personal: { name: (r) => r.name, email: (r) => r.email, salary: (r) => r.salary },
};
const row: Row = { id: "w1", status: "ACTIVE", name: "Ada Lovelace", email: "ada@example.com", salary: 12_000_000, note: "not in the spec" };

describe("eventSnapshots", () => {
  it("on a creation: plain and derived fields, personal ones with a value listed as changed, nothing else", () => {
    const { before, after } = eventSnapshots(SPEC, null, { ...row, email: null });
    expect(before).toBeNull();
    expect(after).toEqual({ id: "w1", status: "ACTIVE", hasEmail: false, changed: ["name", "salary"] });
    expect(JSON.stringify(after)).not.toMatch(/Ada|12000000|not in the spec/);
  });

  it("on a change: `changed` lists the personal fields that differ, in the spec's order; values never appear", () => {
    const next = { ...row, status: "INACTIVE", salary: 13_000_000, email: "lovelace@example.com", note: "changed too" };
    const { before, after } = eventSnapshots(SPEC, row, next);
    expect(before).toEqual({ id: "w1", status: "ACTIVE", hasEmail: true });
    expect(after).toEqual({ id: "w1", status: "INACTIVE", hasEmail: true, changed: ["email", "salary"] });
    expect(JSON.stringify({ before, after })).not.toMatch(/ada@|lovelace|13000000|12000000/);
    expect(eventSnapshots(SPEC, row, { ...row }).after!.changed).toEqual([]);
  });

  it("on a removal: `after` is null", () => {
    expect(eventSnapshots(SPEC, row, null)).toEqual({ before: { id: "w1", status: "ACTIVE", hasEmail: true }, after: null });
  });
});
