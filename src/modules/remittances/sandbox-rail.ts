/**
 * The sandbox payment rail: a stand-in for the bank and the tax authorities' payment systems, so partners can
 * watch a payroll go from FUNDED to PAID without real money. In-process timer, started by the app (src/app.ts) when
 * `sandboxEnabled` (the embedded database, or SANDBOX_RAIL=on).
 *
 * Each tick, for every run with work (FUNDED, or with SCHEDULED / SUBMITTED remittances after funding), in one
 * transaction per run that holds the run's lock (`FOR UPDATE SKIP LOCKED`: two nodes never work on one run):
 *   1. submits every SCHEDULED remittance (whatever its due date: the sandbox does not wait), which moves a FUNDED
 *      run to PAYING (a FUNDED run without payments moves to PAYING and then PAID directly);
 *   2. confirms every remittance SUBMITTED at least `confirmAfterMs` ago with the deterministic trace number
 *      `SBX-<the 32 hex digits of its id>`, which settles the run (PAID) once its last payment is confirmed.
 * It never fails a remittance: `sandboxFailRemittance` does that. Actor of its events: SYSTEM `payment-rail`.
 */
import type { Db } from "../../db/client";
import type { Logger } from "../../logger";
import { confirmRemittance, moveRun, settleRun, submitRemittance, type Actor } from "./remittance.lifecycle";
import { payrollRepository } from "../payroll/payroll.repository";
import { remittanceRepository } from "./remittance.repository";
import { RemittanceStatus } from "./remittance.type";

export const RAIL_ACTOR: Actor = { kind: "SYSTEM", id: "payment-rail" };

/** How often the rail looks for work, and how long a submitted remittance waits before it is confirmed. */
export const RAIL_INTERVAL_MS = 500;
export const RAIL_CONFIRM_AFTER_MS = 1_000;
/** Runs handled per tick (the rest wait for the next tick). */
const RUNS_PER_TICK = 50;

/**
 * Whether the sandbox runs — its mutations (`sandbox*`) and its payment rail, one rule for both: SANDBOX_RAIL=on,
 * or SANDBOX_RAIL unset on the embedded database. Never on Postgres by default, whatever NODE_ENV says: a
 * deployment that forgot NODE_ENV=production must not let a client fund its own run or confirm a payment with a
 * made-up confirmation number. SANDBOX_RAIL=off turns both off, on the embedded database too.
 */
export function sandboxEnabled(config: { sandboxRail?: "on" | "off" }, databaseKind: "postgres" | "pglite"): boolean {
  return config.sandboxRail === "on" || (config.sandboxRail === undefined && databaseKind === "pglite");
}

export interface RailTickResult {
  submitted: number;
  confirmed: number;
}

/**
 * One pass of the rail. `clientId` limits it to one client's runs (tests on the shared Postgres database drive
 * the rail for their own client only); `now` is the clock.
 */
export async function runSandboxRailOnce(db: Db, options: { clientId?: string; now?: Date; confirmAfterMs?: number } = {}): Promise<RailTickResult> {
  const now = options.now ?? new Date();
  const confirmBefore = new Date(now.getTime() - (options.confirmAfterMs ?? RAIL_CONFIRM_AFTER_MS));
  const result: RailTickResult = { submitted: 0, confirmed: 0 };
  for (const runId of await remittanceRepository.railRuns(db, RUNS_PER_TICK, options.clientId)) {
    await db.transaction(async (tx) => {
      const run = await payrollRepository.lockRunById(tx, runId, { skipLocked: true });
      if (!run) return; // another node has it
      for (const id of await remittanceRepository.idsOfRunInStatus(tx, runId, RemittanceStatus.SCHEDULED)) {
        if ((await submitRemittance(tx, id, RAIL_ACTOR, now)).ok) result.submitted++;
      }
      for (const id of await remittanceRepository.idsOfRunInStatus(tx, runId, RemittanceStatus.SUBMITTED, confirmBefore)) {
        if ((await confirmRemittance(tx, id, null, RAIL_ACTOR, now)).ok) result.confirmed++;
      }
      const current = await payrollRepository.lockRunById(tx, runId);
      // A funded run with nothing to submit starts paying anyway; a run without payments settles at once (PAID).
      if (current?.status === "FUNDED") await moveRun(tx, current, "PAYING", RAIL_ACTOR);
      if (current) await settleRun(tx, current, RAIL_ACTOR);
    });
  }
  return result;
}

export interface SandboxRail {
  stop(): Promise<void>;
}

/** Starts the rail's timer: one tick at a time, never overlapping; `stop` waits for the tick in flight. */
export function startSandboxRail(db: Db, logger: Logger, options: { intervalMs?: number; confirmAfterMs?: number } = {}): SandboxRail {
  const intervalMs = options.intervalMs ?? RAIL_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      const { submitted, confirmed } = await runSandboxRailOnce(db, { confirmAfterMs: options.confirmAfterMs });
      if (submitted + confirmed > 0) logger.info({ submitted, confirmed }, "sandbox rail advanced remittances");
    } catch (error) {
      logger.error({ err: error }, "sandbox rail tick failed"); // redacted by the logger (errorForLog)
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = tick().finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();
  logger.info({ intervalMs }, "sandbox payment rail started");

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
