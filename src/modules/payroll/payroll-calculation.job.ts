/**
 * The calculation job: what one background calculation of a CALCULATING run does — read its inputs
 * (payroll-inputs.repository.ts), compute statements (payroll-statements.compute.ts), write them
 * (payroll-statements.repository.ts) and move the run to CALCULATED, or to FAILED. The queue that runs it,
 * retries it and recovers it after a crash is payroll-calculation.queue.ts.
 */
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import type { Logger } from "../../logger";
import type { PiiCipher } from "../../pii/pii-cipher";
import { computeRunStatementsInParts, type CalculationInputs, type CalculationResult } from "./payroll-statements.compute";
import { inputsDigest } from "./payroll-inputs-digest";
import { payrollInputsRepository, type RunForCalculation } from "./payroll-inputs.repository";
import { payrollStatementsRepository, type ResultWriteMethod } from "./payroll-statements.repository";
import { payrollRepository } from "./payroll.repository";
import { transitionPayrollRun } from "./payroll-run.transition";
import { recordEvents } from "../events/event.repository";

/** Who changes a run's status in background calculation work (recorded on its events). */
export const CALCULATION_JOB_ACTOR = { kind: "SYSTEM", id: "calculator" } as const;

/** Background work acts for every tenant; each query is still narrowed to the run's client. */
const SYSTEM_SCOPE: TenantScope = { all: true };

/** Longest failure reason stored on a run. */
const REASON_MAX = 500;

export type CalculationOutcome =
  | { status: "CALCULATED"; statements: number; blockers: number; rowsWritten: number; inputsDigest: string; timings: CalculationTimings }
  | { status: "FAILED"; reason: string }
  /** The run was not CALCULATING (already calculated by another worker, or gone): nothing done. */
  | { status: "SKIPPED" };

export interface CalculationTimings {
  /** Reading every input. */
  loadMs: number;
  /** Gross-to-net and the digest, in this process (overlapping the database's writes). */
  computeMs: number;
  /** The rest of the writing transaction: waiting for the database. */
  persistMs: number;
}

const since = (start: number) => Math.round(performance.now() - start);

/** Reads every input in one REPEATABLE READ transaction, so all of them come from one snapshot. */
export async function readInputsSnapshot(db: Db, scope: TenantScope, target: RunForCalculation, pii: PiiCipher): Promise<CalculationInputs> {
  return db.transaction((tx) => payrollInputsRepository.readInputs(tx, scope, target, pii), { isolationLevel: "repeatable read", accessMode: "read only" });
}

/** An error thrown by the pure calculation (not the database): retrying cannot help. */
class ComputeFailure extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

/**
 * Calculates a run that is CALCULATING and persists the result, in one transaction that first locks the run and
 * checks it is still CALCULATING (two workers calculating the same run — a retry racing a recovered job — write
 * once; the other is SKIPPED), then replaces statements, lines and blockers part by part: each part is sent to
 * the database while the next is computed, so the CPU work here overlaps the database's. Deterministic: same
 * inputs, same statements. When the pure calculation throws (a bug, or an input the engine cannot take)
 * retrying cannot help: the run goes to FAILED at once with the reason. Database errors are thrown, for the
 * caller's retry policy. `pii` opens the workers' sealed withholding certificates (in memory only). `writeMethod`
 * picks the result writer's way of writing (default: COPY; the benchmark compares with unnest inserts).
 */
export async function runCalculationJob(db: Db, pii: PiiCipher, runId: string, logger?: Logger, writeMethod?: ResultWriteMethod): Promise<CalculationOutcome> {
  const target = await payrollInputsRepository.runForCalculation(db, SYSTEM_SCOPE, runId);
  if (!target || target.row.status !== "CALCULATING") return { status: "SKIPPED" };
  await payrollStatementsRepository.countAttempt(db, runId);

  let start = performance.now();
  const inputs = await readInputsSnapshot(db, SYSTEM_SCOPE, target, pii);
  const loadMs = since(start);

  start = performance.now();
  let computeMs = 0;
  let persisted: { rowsWritten: number; statements: number; blockers: number; digest: string } | null;
  try {
    persisted = await db.transaction(async (tx) => {
      const locked = await payrollRepository.lockRunById(tx, runId);
      if (!locked || locked.status !== "CALCULATING") return null;
      const replaced = await payrollStatementsRepository.deleteResult(tx, target.run);
      // A recalculation replaces the statements with new ones (new ids): each old one is gone for a mirror.
      await recordEvents(
        tx,
        replaced.map((statement) => ({
          clientId: target.run.clientId,
          type: "payStatement.deleted" as const,
          objectType: "PayStatement",
          objectId: statement.id,
          actor: CALCULATION_JOB_ACTOR,
          before: { payrollRunId: runId, engagementId: statement.engagementId },
          after: null,
        })),
      );
      const writer = payrollStatementsRepository.resultWriter(tx, target.run, writeMethod);
      const computing = performance.now();
      let parts: Generator<CalculationResult>;
      try {
        parts = computeRunStatementsInParts(inputs, writer.partSize);
      } catch (error) {
        throw new ComputeFailure(error);
      }
      computeMs += performance.now() - computing;
      for (;;) {
        const step = performance.now();
        let next: IteratorResult<CalculationResult>;
        try {
          next = parts.next();
        } catch (error) {
          throw new ComputeFailure(error);
        }
        computeMs += performance.now() - step;
        if (next.done) break;
        await writer.write(next.value);
        await new Promise((resolve) => setImmediate(resolve)); // let the pipelined inserts go out
      }
      // The digest of the same inputs (the calculation never changes them), while the database writes the last parts.
      const digesting = performance.now();
      let digest: string;
      try {
        digest = inputsDigest(inputs);
      } catch (error) {
        throw new ComputeFailure(error);
      }
      computeMs += performance.now() - digesting;
      const written = await writer.finish();
      const updated = await transitionPayrollRun(tx, SYSTEM_SCOPE, runId, "CALCULATING", "CALCULATED", CALCULATION_JOB_ACTOR, {
        set: { inputsDigest: digest, calculatedAt: new Date(), failureReason: null },
        after: { statementCount: written.statements, blockerCount: written.blockers, inputsDigest: digest },
      });
      if (!updated) return null;
      return { ...written, digest };
    });
  } catch (error) {
    if (!(error instanceof ComputeFailure)) throw error;
    const reason = `The calculation failed: ${error.message}`.slice(0, REASON_MAX);
    logger?.error({ runId, err: error.original }, "payroll calculation failed");
    return (await markCalculationFailed(db, runId, reason)) ? { status: "FAILED", reason } : { status: "SKIPPED" };
  }
  if (!persisted) return { status: "SKIPPED" };
  const timings = { loadMs, computeMs: Math.round(computeMs), persistMs: Math.round(since(start) - computeMs) };
  logger?.info({ runId, statements: persisted.statements, blockers: persisted.blockers, ...timings }, "payroll run calculated");
  return { status: "CALCULATED", statements: persisted.statements, blockers: persisted.blockers, rowsWritten: persisted.rowsWritten, inputsDigest: persisted.digest, timings };
}

/** CALCULATING → FAILED with the reason; false when the run was no longer CALCULATING. */
export async function markCalculationFailed(db: Db, runId: string, reason: string): Promise<boolean> {
  const text = reason.slice(0, REASON_MAX);
  return db.transaction(async (tx) => {
    const updated = await transitionPayrollRun(tx, SYSTEM_SCOPE, runId, "CALCULATING", "FAILED", CALCULATION_JOB_ACTOR, {
      set: { failureReason: text },
      after: { reason: text },
    });
    if (!updated) return false;
    return true;
  });
}
