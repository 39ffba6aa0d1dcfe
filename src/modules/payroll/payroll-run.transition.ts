/** The one writer of a run's status: a checked, conditional UPDATE plus its event. */
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { recordEvent, type EventInput } from "../events/event.repository";
import { payrollRepository } from "./payroll.repository";
import { canTransition, type PayrollRunStatus } from "./payroll-run.status";
import type { payrollRuns } from "./payroll.table";
import type { PayrollRunRow } from "./payroll.type";

/**
 * The one way a run's status changes, for the lifecycle, the calculation job and the payment rail alike: the state
 * machine allows `from → to`, the UPDATE matches only while the status is still `from` (of two concurrent changes
 * exactly one wins), and the `payrollRun.statusChanged` event is written in the same transaction.
 * Null when the transition is not allowed or the status changed meanwhile.
 */
export async function transitionPayrollRun(
  tx: Db,
  scope: TenantScope,
  runId: string,
  from: PayrollRunStatus,
  to: PayrollRunStatus,
  actor: EventInput["actor"],
  options: { set?: Partial<typeof payrollRuns.$inferInsert>; after?: Record<string, unknown> } = {},
): Promise<PayrollRunRow | null> {
  if (!canTransition(from, to)) return null;
  const updated = await payrollRepository.transition(tx, scope, runId, from, to, options.set);
  if (!updated) return null;
  await recordEvent(tx, {
    clientId: updated.clientId,
    type: "payrollRun.statusChanged",
    objectType: "PayrollRun",
    objectId: updated.id,
    actor,
    before: { status: from },
    after: { status: to, ...options.after },
  });
  return updated;
}
