import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testPiiCipher } from "../support/pii";
import { and, eq } from "drizzle-orm";
import type { Database, Db } from "../../src/db/client";
import { openTestDatabase } from "../support/database";
import { createLogger } from "../../src/logger";
import { newId } from "../../src/shared/ids";
import { clients } from "../../src/modules/clients/client.table";
import { employerEntities } from "../../src/modules/employers/employer.table";
import { compensations, engagements } from "../../src/modules/engagements/engagement.table";
import { workers } from "../../src/modules/workers/worker.table";
import { payPeriods, paySchedules } from "../../src/modules/pay-schedules/pay-schedule.table";
import { payrollRuns, payStatements } from "../../src/modules/payroll/payroll.table";
import { events } from "../../src/modules/events/event.table";
import { paymentMethods } from "../../src/modules/payment-methods/payment-method.table";
import { employmentAgreements, onboardingSteps } from "../../src/modules/onboarding/onboarding.table";
import { runCalculationJob } from "../../src/modules/payroll/payroll-calculation.job";
import { payrollInputsRepository } from "../../src/modules/payroll/payroll-inputs.repository";
import { payrollStatementsRepository } from "../../src/modules/payroll/payroll-statements.repository";
import { inputsDigest } from "../../src/modules/payroll/payroll-inputs-digest";
import { InProcessCalculationQueue } from "../../src/modules/payroll/payroll-calculation.queue";
import * as computeModule from "../../src/modules/payroll/payroll-statements.compute";

/**
 * The background calculation against a real database (the shared Postgres with DATABASE_URL, else an in-memory
 * PGlite): persisting a result, skipping a run that is not CALCULATING, FAILED on a calculation that throws,
 * retries of database errors by the in-process runner, and the recovery query. Runs are inserted directly.
 */
let database: Database;
let db: Db;
let clientId: string;
let periodId: string;
let usEntityId: string;
const logger = createLogger("silent");

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
  [{ id: usEntityId }] = await db.select({ id: employerEntities.id }).from(employerEntities).where(eq(employerEntities.country, "US"));
  clientId = newId();
  await db.insert(clients).values({ id: clientId, name: `calc-${clientId}`, status: "ACTIVE" });
  const scheduleId = newId();
  await db
    .insert(paySchedules)
    .values({ id: scheduleId, clientId, name: "US biweekly", country: "US", frequency: "BIWEEKLY", firstPeriodStart: "2026-01-05", payDateOffsetDays: 5 });
  periodId = newId();
  await db.insert(payPeriods).values({ id: periodId, clientId, payScheduleId: scheduleId, startDate: "2026-01-05", endDate: "2026-01-18", payDate: "2026-01-23" });
  for (const annual of [7_800_000, 5_200_000]) {
    const workerId = newId();
    await db
      .insert(workers)
      .values({ id: workerId, clientId, legalFirstName: "A", legalLastName: "B", email: `${workerId}@example.test`, homeJurisdiction: "US-TX", w4FilingStatus: "SINGLE" });
    const engagementId = newId();
    await db.insert(engagements).values({
      id: engagementId,
      clientId,
      workerId,
      employerEntityId: usEntityId,
      payScheduleId: scheduleId,
      title: "Engineer",
      workJurisdiction: "US-TX",
      employmentModel: "EOR",
      classification: "US_W2_EMPLOYEE",
      startDate: "2026-01-01",
      status: "ACTIVE",
    });
    await db.insert(compensations).values({ id: newId(), clientId, engagementId, basis: "SALARY", amount: annual, currency: "USD", effectiveFrom: "2026-01-01" });
    // Onboarded: paid by check, agreement signed, Form I-9 done (US-TX has no state certificate; the W-4 is above).
    await db.insert(paymentMethods).values({ id: newId(), clientId, workerId, kind: "CHECK" });
    await db
      .insert(employmentAgreements)
      .values({ id: newId(), clientId, engagementId, templateId: "US-TX-EMPLOYEE", templateVersion: 1, status: "SIGNED", sentOn: "2025-12-15", signedOn: "2025-12-16" });
    await db.insert(onboardingSteps).values({ id: newId(), clientId, engagementId, item: "WORK_AUTHORIZATION", status: "COMPLETE", completedOn: "2026-01-02" });
  }
});
afterAll(() => database.close());

async function runIn(status: "CALCULATING" | "DRAFT", updatedAt = new Date()) {
  const id = newId();
  await db
    .insert(payrollRuns)
    .values({ id, clientId, employerEntityId: usEntityId, payPeriodId: periodId, kind: "REGULAR", status, currency: "USD", payDate: "2026-01-23", updatedAt });
  return id;
}

async function runRow(id: string) {
  const [row] = await db.select().from(payrollRuns).where(eq(payrollRuns.id, id));
  return row;
}

/** A Db whose input-loading transactions (the REPEATABLE READ ones) fail `failures` times, like a lost connection. */
function flakyDb(failures: number): Db {
  let left = failures;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "transaction") {
        return (fn: never, config?: unknown) => {
          if (config && left-- > 0) return Promise.reject(new Error("connection terminated unexpectedly"));
          return target.transaction(fn, config as never);
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe("runCalculationJob", () => {
  it("persists statements, the digest of what it read, and the status change, in one go", async () => {
    const id = await runIn("CALCULATING");
    const outcome = await runCalculationJob(db, testPiiCipher(), id);
    expect(outcome).toMatchObject({ status: "CALCULATED", statements: 2, blockers: 0 });
    const row = await runRow(id);
    expect(row).toMatchObject({ status: "CALCULATED", calculationAttempts: 1, failureReason: null });
    expect(row.calculatedAt).toBeInstanceOf(Date);
    const statements = await db.select().from(payStatements).where(eq(payStatements.payrollRunId, id));
    expect(statements.map((s) => s.gross).sort()).toEqual([200_000, 300_000]);
    // What approval recomputes inside its transaction is the stored digest.
    const target = (await payrollInputsRepository.runForCalculation(db, { all: true }, id))!;
    expect(inputsDigest(await payrollInputsRepository.readInputs(db, { all: true }, target, testPiiCipher()))).toBe(row.inputsDigest);
    expect(outcome.status === "CALCULATED" && outcome.rowsWritten).toBeGreaterThan(2);
  });

  it("does nothing to a run that is not CALCULATING (already done by another worker)", async () => {
    const id = await runIn("DRAFT");
    expect(await runCalculationJob(db, testPiiCipher(), id)).toEqual({ status: "SKIPPED" });
    expect(await runCalculationJob(db, testPiiCipher(), newId())).toEqual({ status: "SKIPPED" });
    expect((await runRow(id)).status).toBe("DRAFT");
  });

  it("moves the run to FAILED with the reason when the calculation throws", async () => {
    // A spy, not vi.mock: test files share their worker's modules (vitest.config.ts, isolate: false).
    // eslint-disable-next-line require-yield -- a generator that throws before its first part, as a failing engine would
    const engine = vi.spyOn(computeModule, "computeRunStatementsInParts").mockImplementation(function* () {
      throw new Error("engine exploded");
    });
    const id = await runIn("CALCULATING");
    try {
      expect(await runCalculationJob(db, testPiiCipher(), id, logger)).toEqual({ status: "FAILED", reason: "The calculation failed: engine exploded" });
    } finally {
      engine.mockRestore();
    }
    expect(await runRow(id)).toMatchObject({ status: "FAILED", failureReason: "The calculation failed: engine exploded" });
    const [event] = await db
      .select()
      .from(events)
      .where(and(eq(events.objectId, id), eq(events.type, "payrollRun.statusChanged")));
    expect([event.actorKind, event.actorId, event.before, event.after]).toEqual([
      "SYSTEM",
      "calculator",
      { status: "CALCULATING" },
      { status: "FAILED", reason: "The calculation failed: engine exploded" },
    ]);
  });
});

describe("the in-process runner", () => {
  it("retries database errors and then succeeds", async () => {
    const id = await runIn("CALCULATING");
    const queue = new InProcessCalculationQueue(flakyDb(2), testPiiCipher(), logger, [1, 1, 1, 1]);
    queue.afterCommit(id);
    await queue.idle();
    expect(await runRow(id)).toMatchObject({ status: "CALCULATED", calculationAttempts: 3 });
    await queue.stop();
  });

  it("moves the run to FAILED after the last attempt", async () => {
    const id = await runIn("CALCULATING");
    const queue = new InProcessCalculationQueue(flakyDb(100), testPiiCipher(), logger, [1, 1, 1, 1]);
    queue.afterCommit(id);
    await queue.idle();
    const row = await runRow(id);
    expect(row).toMatchObject({ status: "FAILED", calculationAttempts: 5 });
    expect(row.failureReason).toBe("The calculation could not complete after 5 attempt(s): connection terminated unexpectedly");
    await queue.stop();
  });
});

describe("recovery", () => {
  it("finds CALCULATING runs, and on Postgres only those idle for longer than the grace period", async () => {
    const fresh = await runIn("CALCULATING");
    const idle = await runIn("CALCULATING", new Date(Date.now() - 10 * 60_000));
    const all = await payrollStatementsRepository.calculatingRuns(db);
    expect(all).toEqual(expect.arrayContaining([fresh, idle]));
    const stale = await payrollStatementsRepository.calculatingRuns(db, 120);
    expect(stale).toContain(idle);
    expect(stale).not.toContain(fresh);
    // Leave nothing CALCULATING behind on the shared database.
    await db.update(payrollRuns).set({ status: "CANCELLED" }).where(eq(payrollRuns.clientId, clientId));
  });
});
