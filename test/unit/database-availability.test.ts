import { describe, expect, it } from "vitest";
import { DrizzleQueryError } from "drizzle-orm/errors";
import postgres from "postgres";
import { classifyDatabaseError, DatabaseUnavailableError, isDatabaseUnavailable, neverReachedDatabase } from "../../src/db/availability";
import { ConnectionGate } from "../../src/db/client";
import { unavailableResult } from "../../src/service-unavailable";
import { OperationTypeNode } from "graphql";

/**
 * What a database failure means (src/db/availability.ts), the gate in front of the pool (src/db/client.ts
 * ConnectionGate) and the answer built from them (src/service-unavailable.ts). Pure: errors are built as the drivers
 * build them; the gate runs functions that stand for statements (resolved or rejected by the test).
 */

const coded = (code: string, message = code) => Object.assign(new Error(message), { code });
const pgError = (code: string) => Object.assign(new postgres.PostgresError("from the server"), { code, severity: "FATAL" });
const viaDrizzle = (cause: Error) => new DrizzleQueryError("select 1", [], cause);

describe("classifyDatabaseError", () => {
  it("an outage: refused, reset, timed out, closed connections and the server's connection and shutdown codes, along the cause chain", () => {
    for (const e of [
      coded("ECONNREFUSED"),
      coded("ECONNRESET"),
      coded("CONNECT_TIMEOUT"),
      coded("CONNECTION_CLOSED"),
      pgError("57P01"),
      pgError("57P03"),
      pgError("08006"),
      pgError("53300"),
    ]) {
      expect(classifyDatabaseError(viaDrizzle(e)), String((e as { code: string }).code)).toBe("unavailable");
    }
    expect(isDatabaseUnavailable(new DatabaseUnavailableError("no connection", "busy"))).toBe(true);
  });

  it("a conflict: serialization failures and deadlocks; anything else is internal", () => {
    expect(classifyDatabaseError(viaDrizzle(pgError("40001")))).toBe("conflict");
    expect(classifyDatabaseError(viaDrizzle(pgError("40P01")))).toBe("conflict");
    expect(classifyDatabaseError(viaDrizzle(pgError("23505")))).toBe("internal");
    expect(classifyDatabaseError(new Error("a bug"))).toBe("internal");
    expect(classifyDatabaseError("not an error")).toBe("internal");
  });

  it("knows which failures happened before a statement could be sent", () => {
    expect(neverReachedDatabase(viaDrizzle(coded("ECONNREFUSED")))).toBe(true);
    expect(neverReachedDatabase(viaDrizzle(coded("CONNECT_TIMEOUT")))).toBe(true);
    expect(neverReachedDatabase(new DatabaseUnavailableError("unreachable", "unreachable"))).toBe(true);
    expect(neverReachedDatabase(viaDrizzle(coded("CONNECTION_CLOSED")))).toBe(false); // may have been sent
    expect(neverReachedDatabase(viaDrizzle(pgError("57P01")))).toBe(false);
  });
});

/** Lets the gate's pending promise callbacks run (the statements it admits start on a later microtask). */
const flush = () => new Promise((resolve) => setImmediate(resolve));

/** A statement the test settles: `gate.run(statement.run)` runs until `resolve` or `reject`. */
function statement() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  let started = false;
  const run = () => {
    started = true;
    return new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  };
  return { run, resolve: () => resolve(), reject: (e: unknown) => reject(e), started: () => started };
}

describe("ConnectionGate", () => {
  it("runs at most `slots` statements at once; the next one starts when one ends", async () => {
    const gate = new ConnectionGate(2, 60_000);
    const [a, b, c] = [statement(), statement(), statement()];
    const runs = [gate.run(a.run), gate.run(b.run), gate.run(c.run)];
    await flush();
    expect([a.started(), b.started(), c.started()]).toEqual([true, true, false]);
    a.resolve();
    await runs[0];
    await flush();
    expect(c.started()).toBe(true);
    b.resolve();
    c.resolve();
    await Promise.all(runs);
    expect(gate.inFlight).toBe(0);
  });

  it("a statement waiting longer than the bound fails with DatabaseUnavailableError, never having started", async () => {
    const gate = new ConnectionGate(1, 20);
    const [a, b] = [statement(), statement()];
    const first = gate.run(a.run);
    const waited = gate.run(b.run);
    await expect(waited).rejects.toMatchObject({ code: "DB_NO_CONNECTION", reason: "busy" });
    expect(b.started()).toBe(false);
    a.resolve();
    await first;
  });

  it("once the database is found unreachable: the waiting statements fail at once, then one probe at a time, until one succeeds", async () => {
    const gate = new ConnectionGate(2, 60_000);
    const [a, b, waiting] = [statement(), statement(), statement()];
    const runA = gate.run(a.run);
    const runB = gate.run(b.run);
    const runWaiting = gate.run(waiting.run);
    await flush();
    a.reject(coded("ECONNREFUSED"));
    await expect(runA).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await expect(runWaiting).rejects.toMatchObject({ reason: "unreachable" });
    expect(waiting.started()).toBe(false);
    b.reject(coded("ECONNREFUSED"));
    await expect(runB).rejects.toMatchObject({ code: "ECONNREFUSED" });

    const probe = statement();
    const runProbe = gate.run(probe.run);
    await flush();
    await expect(gate.run(statement().run)).rejects.toMatchObject({ reason: "unreachable" }); // a free slot, but a probe is out
    probe.resolve();
    await runProbe;
    const [c, d] = [statement(), statement()];
    const runs = [gate.run(c.run), gate.run(d.run)];
    await flush();
    expect([c.started(), d.started()]).toEqual([true, true]);
    c.resolve();
    d.resolve();
    await Promise.all(runs);
  });
});

describe("unavailableResult", () => {
  const unavailable = { errors: [{ message: "x", extensions: { code: "SERVICE_UNAVAILABLE", retryable: true } }] };
  it("a query, or a mutation that wrote nothing: retryable; a mutation that may have written: not retryable", () => {
    expect(unavailableResult(unavailable, OperationTypeNode.QUERY, { mayHaveWritten: true })!.errors![0].extensions).toMatchObject({ retryable: true });
    expect(unavailableResult(unavailable, OperationTypeNode.MUTATION, { mayHaveWritten: false })!.errors![0].extensions).toMatchObject({ retryable: true });
    expect(unavailableResult(unavailable, OperationTypeNode.MUTATION, { mayHaveWritten: true })!.errors![0].extensions).toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      retryable: false,
    });
    expect(unavailableResult({ errors: [{ message: "y", extensions: { code: "NOT_FOUND" } }] }, OperationTypeNode.QUERY, undefined)).toBeNull();
  });
});
