/**
 * The remittance state machine and the run status it drives. Used by the sandbox mutations (a caller's request)
 * and by the sandbox payment rail (the system); a real payment-rail adapter would call the same functions.
 *
 *   SCHEDULED → SUBMITTED → CONFIRMED
 *                         ↘ FAILED (failureReason, retryable)
 *   FAILED → SUBMITTED     only when `retryable` (a resubmission), and for net pay / contractor payments only while
 *                          the run is still FUNDED or PAYING (a settled run is final: a failed payment of a
 *                          PARTIALLY_PAID run is corrected by an off-cycle run).
 *
 * Submitting needs a funded run: net pay and contractor payments while the run is FUNDED or PAYING; taxes also once
 * the run is PAID or PARTIALLY_PAID (their due dates come after the pay date). The run follows its payments:
 *   APPROVED → FUNDED         funding received (sandboxFundPayrollRun in the sandbox)
 *   FUNDED → PAYING           the first remittance of the run is submitted (or, with no payments, by the rail)
 *   PAYING → PAID             every NET_PAY and CONTRACTOR_PAYMENT is CONFIRMED
 *   PAYING → PARTIALLY_PAID   every one is CONFIRMED or FAILED, and at least one FAILED
 *
 * Concurrency: each function locks the run row first (so the settlement check of one transaction sees the other's
 * committed payments), then changes the remittance with `UPDATE … WHERE status = <from>`: of two concurrent
 * transitions of one remittance exactly one wins, the other gets ILLEGAL_STATUS_TRANSITION naming the status it
 * found. Every change records its event in the same transaction (`remittance.statusChanged`,
 * `payrollRun.statusChanged`).
 */
import type { Db } from "../../db/client";
import { failed, succeeded, type CommandResult } from "../../shared/command-result";
import { userError, UserErrorCode, type UserError } from "../../shared/user-error";
import { recordEvent, type EventInput } from "../events/event.repository";
import type { PayrollRunStatus } from "../payroll/payroll-run.status";
import type { PayrollRunRow } from "../payroll/payroll.type";
import { transitionPayrollRun } from "../payroll/payroll-run.transition";
import { payrollRepository } from "../payroll/payroll.repository";
import { remittanceRepository, type RemittanceChanges, type RunLock } from "./remittance.repository";
import { RemittanceStatus, type RemittanceRow } from "./remittance.type";

export type Actor = EventInput["actor"];

export const REMITTANCE_TRANSITIONS: Record<RemittanceStatus, readonly RemittanceStatus[]> = {
  SCHEDULED: [RemittanceStatus.SUBMITTED],
  SUBMITTED: [RemittanceStatus.CONFIRMED, RemittanceStatus.FAILED],
  CONFIRMED: [],
  FAILED: [RemittanceStatus.SUBMITTED],
};

/** Run statuses in which a remittance of each kind may be submitted. */
const SUBMITTABLE_RUN_STATUSES: Record<"TAX" | "PAYMENT", readonly PayrollRunStatus[]> = {
  PAYMENT: ["FUNDED", "PAYING"],
  TAX: ["FUNDED", "PAYING", "PAID", "PARTIALLY_PAID"],
};

/** Refusals name the input the sandbox mutations take: the run to fund, or the remittance to change. */
const RUN_FIELD = ["payrollRunId"];
const REMITTANCE_FIELD = ["remittanceId"];
const illegal = (field: string[], message: string) => failed(userError(field, UserErrorCode.ILLEGAL_STATUS_TRANSITION, message));
const notFound = (field: string[], message: string) => failed(userError(field, UserErrorCode.NOT_FOUND, message));

const isPayment = (row: Pick<RemittanceRow, "kind">) => row.kind === "NET_PAY" || row.kind === "CONTRACTOR_PAYMENT";

/**
 * The deterministic trace number the sandbox rail gives a confirmed remittance: its whole id (32 hex digits). Unique
 * because the id is: a prefix would not be (ids are UUIDv7, whose first digits are the creation time, shared by
 * every remittance a run's approval schedules).
 */
export function sandboxTraceNumber(remittanceId: string): string {
  return `SBX-${remittanceId.replaceAll("-", "").toUpperCase()}`;
}

async function recordRemittanceChange(tx: Db, row: RemittanceRow, from: RemittanceStatus, actor: Actor, extra: Record<string, unknown> = {}) {
  await recordEvent(tx, {
    clientId: row.clientId,
    type: "remittance.statusChanged",
    objectType: "Remittance",
    objectId: row.id,
    actor,
    before: { status: from },
    after: { status: row.status, payrollRunId: row.payrollRunId, kind: row.kind, ...extra },
  });
}

/** Changes a run's status (the caller holds its lock), checking the run state machine; null when not allowed now. */
export async function moveRun(tx: Db, run: RunLock, to: PayrollRunStatus, actor: Actor, extra: Record<string, unknown> = {}): Promise<PayrollRunRow | null> {
  // The caller holds the run's lock, taken under its tenant scope.
  const updated = await transitionPayrollRun(tx, { all: true }, run.id, run.status, to, actor, { after: extra });
  if (!updated) return null;
  run.status = to;
  return updated;
}

/**
 * PAYING → PAID when every payment is confirmed, → PARTIALLY_PAID when every one is settled and some failed.
 * No-op otherwise (payments still pending, or the run is not PAYING). The caller holds the run lock.
 */
export async function settleRun(tx: Db, run: RunLock, actor: Actor): Promise<void> {
  if (run.status !== "PAYING") return;
  const { total, confirmed, failed } = await remittanceRepository.paymentStatusCounts(tx, run.id);
  if (confirmed === total) await moveRun(tx, run, "PAID", actor, { confirmedPayments: confirmed });
  else if (confirmed + failed === total) await moveRun(tx, run, "PARTIALLY_PAID", actor, { confirmedPayments: confirmed, failedPayments: failed });
}

/**
 * A caller's own precondition on the locked row, checked before the transition (e.g. its `expectedVersion`): a
 * userError refuses the change. The rail passes none.
 */
export type RowGuard<Row> = (row: Row) => UserError | null;

/** APPROVED → FUNDED. */
export async function fundRun(tx: Db, runId: string, actor: Actor, guard: RowGuard<PayrollRunRow> = () => null): Promise<CommandResult<PayrollRunRow>> {
  const run = await payrollRepository.lockRunById(tx, runId);
  if (!run) return notFound(RUN_FIELD, "No such payroll run");
  const refused = guard(run);
  if (refused) return failed(refused);
  const funded = await moveRun(tx, run, "FUNDED", actor);
  if (!funded) return illegal(RUN_FIELD, `The payroll run is ${run.status}: only an APPROVED run can be funded`);
  return succeeded(funded);
}

/**
 * Applies one remittance transition under the run lock: checks the state machine on the status read after the
 * lock, then updates conditionally. `check` adds the transition's own preconditions (run funded, retryable…).
 */
async function transition(
  tx: Db,
  remittanceId: string,
  to: RemittanceStatus,
  changes: (row: RemittanceRow) => RemittanceChanges,
  actor: Actor,
  check: (row: RemittanceRow, run: RunLock) => string | null = () => null,
  eventExtra: (row: RemittanceRow) => Record<string, unknown> = () => ({}),
  guard: RowGuard<RemittanceRow> = () => null,
): Promise<CommandResult<{ remittance: RemittanceRow; run: RunLock }>> {
  const before = await remittanceRepository.findById(tx, remittanceId);
  if (!before) return notFound(REMITTANCE_FIELD, "No such remittance");
  const run = await payrollRepository.lockRunById(tx, before.payrollRunId);
  if (!run) return notFound(REMITTANCE_FIELD, "No such remittance");
  const current = (await remittanceRepository.findById(tx, remittanceId))!;
  const refused = guard(current);
  if (refused) return failed(refused);
  const from = current.status as RemittanceStatus;
  if (!REMITTANCE_TRANSITIONS[from].includes(to)) {
    return illegal(REMITTANCE_FIELD, `The remittance is ${from}: it cannot become ${to} (allowed from ${from}: ${REMITTANCE_TRANSITIONS[from].join(", ") || "none, it is final"})`);
  }
  const problem = check(current, run);
  if (problem) return illegal(REMITTANCE_FIELD, problem);
  const updated = await remittanceRepository.transition(tx, remittanceId, from, to, changes(current));
  if (!updated) {
    const now = await remittanceRepository.findById(tx, remittanceId);
    return illegal(REMITTANCE_FIELD, `The remittance is ${now?.status ?? "gone"}: it changed meanwhile`);
  }
  await recordRemittanceChange(tx, updated, from, actor, eventExtra(updated));
  return succeeded({ remittance: updated, run });
}

/** SCHEDULED → SUBMITTED (or a retryable FAILED → SUBMITTED); a FUNDED run starts PAYING. */
export async function submitRemittance(tx: Db, remittanceId: string, actor: Actor, now = new Date(), guard?: RowGuard<RemittanceRow>): Promise<CommandResult<RemittanceRow>> {
  const result = await transition(
    tx,
    remittanceId,
    RemittanceStatus.SUBMITTED,
    () => ({ submittedAt: now, settledAt: null, failureReason: null, retryable: null, confirmationNumber: null }),
    actor,
    (row, run) => {
      if (row.status === "FAILED" && row.retryable !== true) return "The remittance FAILED and is not retryable: it cannot be submitted again";
      const allowed = SUBMITTABLE_RUN_STATUSES[isPayment(row) ? "PAYMENT" : "TAX"];
      if (!allowed.includes(run.status)) {
        return run.status === "APPROVED"
          ? "The payroll run is APPROVED but not FUNDED: fund it before submitting its remittances"
          : `The payroll run is ${run.status}: this remittance can be submitted only while the run is ${allowed.join(" or ")}`;
      }
      return null;
    },
    (row) => ({ submittedAt: row.submittedAt }),
    guard,
  );
  if (!result.ok) return result;
  const { remittance, run } = result.value;
  if (run.status === "FUNDED") {
    await moveRun(tx, run, "PAYING", actor);
    await settleRun(tx, run, actor); // a run without any payment (taxes only) is paid as soon as it pays
  }
  return succeeded(remittance);
}

/** SUBMITTED → CONFIRMED with a confirmation / trace number; may settle the run. */
export async function confirmRemittance(
  tx: Db,
  remittanceId: string,
  confirmationNumber: string | null,
  actor: Actor,
  now = new Date(),
  guard?: RowGuard<RemittanceRow>,
): Promise<CommandResult<RemittanceRow>> {
  const result = await transition(
    tx,
    remittanceId,
    RemittanceStatus.CONFIRMED,
    (row) => ({ confirmationNumber: confirmationNumber ?? sandboxTraceNumber(row.id), settledAt: now }),
    actor,
    undefined,
    (row) => ({ confirmationNumber: row.confirmationNumber }),
    guard,
  );
  if (!result.ok) return result;
  if (isPayment(result.value.remittance)) await settleRun(tx, result.value.run, actor);
  return succeeded(result.value.remittance);
}

/** SUBMITTED → FAILED with a reason and whether resubmitting may succeed; may settle the run. */
export async function failRemittance(
  tx: Db,
  remittanceId: string,
  reason: string,
  retryable: boolean,
  actor: Actor,
  now = new Date(),
  guard?: RowGuard<RemittanceRow>,
): Promise<CommandResult<RemittanceRow>> {
  const result = await transition(
    tx,
    remittanceId,
    RemittanceStatus.FAILED,
    () => ({ failureReason: reason, retryable, settledAt: now }),
    actor,
    undefined,
    () => ({ failureReason: reason, retryable }),
    guard,
  );
  if (!result.ok) return result;
  if (isPayment(result.value.remittance)) await settleRun(tx, result.value.run, actor);
  return succeeded(result.value.remittance);
}
