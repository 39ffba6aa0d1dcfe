import { describe, expect, it } from "vitest";
import { StatementTiming, describeStatement, type StatementSample } from "../../src/db/statement-timing";

/** The statement labels of the SQL latency metric and spans: kind and first table, never text or values. */
describe("describeStatement", () => {
  it.each([
    ['select "id", "name" from "clients" where "clients"."id" = $1', "select", "clients"],
    ['insert into "events" ("client_id", "seq") values ($1, $2) returning "id"', "insert", "events"],
    ['update "payroll_runs" set "status" = $1 where "id" = $2', "update", "payroll_runs"],
    ['delete from "idempotency_keys" where "expires_at" < $1', "delete", "idempotency_keys"],
    ["/* seed.lock */ select pg_advisory_xact_lock(7262002)", "select", ""],
    ['with recent as (select * from "events" where seq > $1) select * from recent', "with", "events"],
    ["select count(*) from graphile_worker.jobs group by 1", "select", "jobs"],
    ["  \n-- a comment\nSELECT 1", "select", ""],
    ["vacuum analyze workers", "other", ""],
  ])("%s → %s %s", (text, operation, table) => {
    expect(describeStatement(text)).toEqual({ operation, table });
  });
});

describe("StatementTiming", () => {
  it("reports each statement to every observer, failures too, until removed", async () => {
    const timing = new StatementTiming();
    const samples: StatementSample[] = [];
    const remove = timing.observe((s) => samples.push(s));
    expect(
      await timing.time(
        'select * from "workers"',
        async () => ({ count: 3 }),
        (r) => r.count,
      ),
    ).toEqual({ count: 3 });
    await expect(
      timing.time(
        'update "workers" set x = 1',
        () => Promise.reject(new Error("boom")),
        () => 0,
      ),
    ).rejects.toThrow("boom");
    remove();
    await timing.time(
      "select 1",
      async () => null,
      () => undefined,
    );
    expect(samples.map(({ seconds: _s, ...rest }) => rest)).toEqual([
      { operation: "select", table: "workers", ok: true, rows: 3 },
      { operation: "update", table: "workers", ok: false, rows: undefined },
    ]);
    expect(samples.every((s) => s.seconds >= 0)).toBe(true);
  });
});
