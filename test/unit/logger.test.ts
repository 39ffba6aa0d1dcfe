import { PiiCipher } from "../../src/pii/pii-cipher";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DrizzleQueryError } from "drizzle-orm/errors";
import postgres from "postgres";
import { createLogger, errorForLog } from "../../src/logger";
import type { Db } from "../../src/db/client";
import { InProcessCalculationQueue } from "../../src/modules/payroll/payroll-calculation.queue";

/**
 * The one log redactor (src/logger.ts `errorForLog`), which every logger made by `createLogger` runs on the `err`
 * field of every log call: what of an error may reach the log. Real logger writing to a memory stream; the one
 * fake is a database whose every call fails with a query error carrying personal data.
 */

const TAX_ID = "123-45-6789";
const NAME = "Zelda";

/** A failed insert as drizzle reports it: the statement, its bound parameters, the database's error as cause. */
function failedQuery() {
  const cause = Object.assign(new Error('duplicate key value violates unique constraint "workers_tax_id_key"'), {
    code: "23505",
    constraint_name: "workers_tax_id_key",
    detail: `Key (tax_id)=(${TAX_ID}) already exists.`,
  });
  return new DrizzleQueryError('insert into "workers" ("legal_first_name", "tax_id") values ($1, $2)', [NAME, TAX_ID], cause);
}

/** A logger at trace level writing into `lines`. */
function memoryLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger("trace", sink);
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown> & { msg: string; err?: Record<string, unknown> });
  return { logger, lines, records };
}

const leaks = (text: string) => [TAX_ID, "123456789", NAME].filter((secret) => text.includes(secret));

describe("errorForLog", () => {
  it("keeps the SQL of a failed query and drops its parameters", () => {
    const logged = errorForLog(failedQuery());
    expect(leaks(JSON.stringify(logged))).toEqual([]);
    expect(logged).toMatchObject({
      message: 'Failed query: insert into "workers" ("legal_first_name", "tax_id") values ($1, $2)',
      cause: { code: "23505", constraint: "workers_tax_id_key" },
    });
    expect(String(logged.stack)).toMatch(/^\s+at /);
  });

  it("keeps a postgres.js error's SQLSTATE, constraint, table, severity and cause chain, never its detail", () => {
    // A real postgres.js error object, as the driver builds it from the server's ErrorResponse.
    const cause = new postgres.PostgresError('duplicate key value violates unique constraint "workers_tax_id_key"');
    Object.assign(cause, {
      severity: "ERROR",
      code: "23505",
      detail: `Key (client_id, tax_id_hash)=(0190, ${TAX_ID}) already exists.`,
      schema_name: "public",
      table_name: "workers",
      constraint_name: "workers_tax_id_key",
      routine: "_bt_check_unique",
    });
    const logged = errorForLog(new DrizzleQueryError('insert into "workers" ("legal_first_name", "tax_id") values ($1, $2)', [NAME, TAX_ID], cause));
    expect(logged.cause).toMatchObject({
      name: "PostgresError",
      code: "23505",
      constraint: "workers_tax_id_key",
      table: "workers",
      severity: "ERROR",
      routine: "_bt_check_unique",
    });
    const text = JSON.stringify(logged);
    expect(text).not.toContain(TAX_ID);
    expect(text).not.toContain(NAME);
    expect(text).not.toContain("already exists");
  });

  it("says which database failures are an outage or a conflict: deadlock, refused connection, lost connection", () => {
    const deadlock = Object.assign(new postgres.PostgresError("deadlock detected"), { code: "40P01", severity: "ERROR" });
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const lost = Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" });
    const wrap = (e: Error) => new DrizzleQueryError("select 1", [], e);
    expect(errorForLog(wrap(deadlock))).toMatchObject({ database: "conflict", cause: { code: "40P01", severity: "ERROR" } });
    expect(errorForLog(wrap(refused))).toMatchObject({ database: "unavailable", cause: { code: "ECONNREFUSED" } });
    expect(errorForLog(wrap(lost))).toMatchObject({ database: "unavailable", cause: { code: "CONNECTION_CLOSED" } });
    expect(errorForLog(failedQuery())).not.toHaveProperty("database"); // a constraint: the caller's input, or a bug
  });

  it("masks values quoted in other messages and survives non-errors", () => {
    const logged = errorForLog(new TypeError(`invalid input syntax for type integer: "${TAX_ID}"`));
    expect(logged.message).toBe('invalid input syntax for type integer: "…"');
    expect(logged.name).toBe("TypeError");
    expect(errorForLog(`Jane Doe ${TAX_ID}`)).toEqual({ message: "(non-Error thrown)" });
    expect(errorForLog({ taxId: TAX_ID })).toEqual({ message: "object" });
  });

  it("masks tax-id-like digit runs, unquoted and in a statement's literals, and keeps short numbers", () => {
    const logged = errorForLog(new Error(`rejected SSN ${TAX_ID}, SIN 046 454 286, EIN 12-3456789 and 123456789 after attempt 3 of 5 on port 5432`));
    expect(logged.message).toBe("rejected SSN …, SIN …, EIN … and … after attempt 3 of 5 on port 5432");
    const literal = errorForLog(new Error(`Failed query: select 1 from "workers" where "note" = 'Zelda ${TAX_ID}' and "n" = 123456789\nparams: `));
    expect(literal.message).toBe(`Failed query: select 1 from "workers" where "note" = '…' and "n" = …`);
  });
});

describe("every log call carrying an error is redacted by the logger", () => {
  it("redacts `err` in a log call, in a child logger's, an error passed on its own, and the message pino takes from it", () => {
    const { logger, records } = memoryLogger();
    const error = failedQuery();
    logger.error({ err: error }, "direct");
    logger.child({ requestId: "r-1" }).warn({ err: failedQuery(), runId: "run-1" }, "child");
    logger.error(failedQuery());
    logger.warn({ err: new Error(`no worker named "${NAME}" with tax id ${TAX_ID}`) });
    const [direct, child, alone, unnamed] = records();
    expect(direct.err).toEqual(errorForLog(error));
    expect(child).toMatchObject({ msg: "child", requestId: "r-1", runId: "run-1", err: { name: "Error", cause: { code: "23505" } } });
    expect(alone.err).toMatchObject({ message: expect.stringMatching(/^Failed query: insert into "workers"/) });
    // Without a message of its own, pino would take the raw error's: it gets the redacted one.
    expect(alone.msg).toBe(alone.err!.message);
    expect(unnamed.msg).toBe('no worker named "…" with tax id …');
    expect(leaks(JSON.stringify(records()))).toEqual([]);
  });

  it("a payroll calculation failing in the background job logs its database error redacted", async () => {
    const { logger, lines, records } = memoryLogger();
    // A database on which every statement fails with the error above (the fake: nothing reaches a database).
    const failing = new Proxy({} as Db, {
      get: () => () => {
        throw failedQuery();
      },
    });
    const queue = new InProcessCalculationQueue(failing, new PiiCipher(Buffer.alloc(32)), logger, []); // one attempt, no retry delay
    queue.afterCommit("00000000-0000-4000-8000-000000000001");
    await queue.idle();
    await queue.stop();

    const attempt = records().find((r) => r.msg === "payroll calculation attempt failed");
    expect(attempt, lines.join("\n")).toBeDefined();
    expect(attempt).toMatchObject({ level: 40, runId: "00000000-0000-4000-8000-000000000001", attempt: 1 });
    expect(attempt!.err).toMatchObject({
      message: 'Failed query: insert into "workers" ("legal_first_name", "tax_id") values ($1, $2)',
      cause: { code: "23505", constraint: "workers_tax_id_key" },
    });
    expect(leaks(lines.join("\n"))).toEqual([]);
  });
});
