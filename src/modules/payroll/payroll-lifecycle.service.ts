/**
 * The lifecycle service: the use cases that move a payroll run after its creation (payroll.service.ts creates
 * DRAFT runs) — add a one-off earning, request a calculation, approve, cancel.
 */
import type { Context } from "../../context";
import { newId } from "../../shared/ids";
import { parseGlobalId } from "../../shared/global-id";
import { parseMinorUnits } from "../../shared/money";
import { failed, mapResult, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { expectedVersionRule, staleVersion, userError, UserErrorCode, UserErrors, type UserError } from "../../shared/user-error";
import { canRead } from "../../auth/read-scopes";
import { recordEvent } from "../events/event.repository";
import { engagementById } from "../engagements/engagement.loaders";
import { activeClausesByClientId } from "../msa/msa.loaders";
import { scheduleRemittances } from "../remittances/remittance.scheduler";
import { transitionPayrollRun } from "./payroll-run.transition";
import { payrollRepository } from "./payroll.repository";
import { payrollInputsRepository } from "./payroll-inputs.repository";
import { payrollStatementsRepository } from "./payroll-statements.repository";
import { inputsDigest } from "./payroll-inputs-digest";
import { approvalRule } from "./payroll-approval";
import { payrollRunById } from "./payroll.loaders";
import { PAYROLL_RUN_TRANSITIONS, canTransition, type PayrollRunStatus } from "./payroll-run.status";
import { toOneOffEarning, toPayrollRun, type OneOffEarning, type OneOffEarningRow, type PayrollRun, type PayrollRunRow } from "./payroll.type";
import { eventSnapshots, type SnapshotSpec } from "../events/event-snapshot";
import type { AddOneOffEarningInput, ApprovePayrollRunInput, CalculatePayrollRunInput, CancelPayrollRunInput, RemoveOneOffEarningInput } from "./payroll.input";
import { oneOffEarningById } from "./payroll.loaders";
import { toGlobalId } from "../../shared/global-id";

/** A one-off earning in its run's event: pay of one worker, so the amount and the free-text description are "changed" markers. */
const ONE_OFF_EARNING_SNAPSHOT: SnapshotSpec<OneOffEarningRow> = {
  plain: ["engagementId", "kind", "currency"],
  derived: { oneOffEarningId: (r) => r.id },
  personal: { amount: (r) => r.amount, description: (r) => r.description },
};

const DESCRIPTION_MAX = 500;
const REASON_MAX = 500;

const countryOfCurrency = (currency: string): "US" | "CA" => (currency === "CAD" ? "CA" : "US");

/** The userError of a refused status change, naming the current status and where the change is allowed from. */
function illegalTransition(status: string, to: PayrollRunStatus, action: string): UserError {
  const from = (Object.keys(PAYROLL_RUN_TRANSITIONS) as PayrollRunStatus[]).filter((s) => canTransition(s, to));
  return userError(["payrollRunId"], UserErrorCode.ILLEGAL_STATUS_TRANSITION, `The payroll run is ${status}: it cannot be ${action} (only a ${from.join(" or ")} run can)`);
}

/**
 * The payroll run lifecycle after creation: one-off earnings, calculation requests (the calculation itself is a
 * background job: payroll-calculation.job.ts), approval, cancellation.
 * Every status change follows payroll-run.status.ts: checked with `canTransition`, written with
 * `UPDATE … WHERE status = <from>` under a row lock, and recorded as a `payrollRun.statusChanged` event in the
 * same transaction. Writes need `payroll:write`; approval `payroll:approve` and the MSA's approving party.
 */
export class PayrollLifecycleService {
  constructor(private readonly ctx: Context) {}

  /** STALE_VERSION when `expectedVersion` is given and is not the locked run's version. */
  private stale(run: PayrollRunRow, expectedVersion: number | null | undefined): UserError | null {
    return staleVersion("payroll run", run.version, expectedVersion, canRead(this.ctx.principal, "PayrollRun"));
  }

  /** The caller's run for a global ID, or a userError (INVALID_ID / NOT_FOUND: another tenant's run is missing). */
  private async runOf(errors: UserErrors, globalId: string, expectedVersion: number | null | undefined): Promise<PayrollRunRow | null> {
    expectedVersionRule(errors, expectedVersion);
    const id = parseGlobalId(globalId, "PayrollRun");
    if (id === null) {
      errors.add(["payrollRunId"], UserErrorCode.INVALID_ID, "payrollRunId is not a valid PayrollRun ID");
      return null;
    }
    const run = await this.ctx.loaders.get(payrollRunById).load(id);
    if (run === null) errors.add(["payrollRunId"], UserErrorCode.NOT_FOUND, "No such payroll run");
    return run;
  }

  async addOneOffEarning(input: AddOneOffEarningInput): Promise<CommandResult<{ payrollRun: PayrollRun; oneOffEarning: OneOffEarning }>> {
    const { principal, db, loaders } = this.ctx;
    principal.assertScope("payroll:write");
    const errors = new UserErrors();
    const run = await this.runOf(errors, input.payrollRunId, input.expectedVersion);

    const engagementId = parseGlobalId(input.engagementId, "Engagement");
    let engagement = null;
    if (engagementId === null) errors.add(["engagementId"], UserErrorCode.INVALID_ID, "engagementId is not a valid Engagement ID");
    else {
      engagement = await loaders.get(engagementById).load(engagementId);
      // Another client's engagement (even one the caller may see) is not part of this run: answered like a missing one.
      if (engagement === null || (run !== null && engagement.clientId !== run.clientId)) {
        errors.add(["engagementId"], UserErrorCode.NOT_FOUND, "No such engagement for this run's client");
        engagement = null;
      } else if (run !== null && engagement.employerEntityId !== run.employerEntityId) {
        errors.add(
          ["engagementId"],
          UserErrorCode.INVALID_INPUT,
          `The engagement works in ${engagement.workJurisdiction}: this run pays ${countryOfCurrency(run.currency)} engagements`,
        );
      }
    }
    const amount = parseMinorUnits(input.amount.amount);
    if (amount === null || amount <= 0) errors.add(["amount", "amount"], UserErrorCode.INVALID_AMOUNT, "amount must be greater than zero, with at most two decimals");
    else if (run !== null && (input.amount.currency as string) !== run.currency) {
      errors.add(["amount", "currency"], UserErrorCode.CURRENCY_MISMATCH, `The run pays in ${run.currency}, not ${input.amount.currency}`);
    }
    errors.text("description", input.description, DESCRIPTION_MAX, false);
    if (run !== null && !canTransition(run.status, "CALCULATING")) {
      errors.add(["payrollRunId"], UserErrorCode.ILLEGAL_STATUS_TRANSITION, `The payroll run is ${run.status}: one-off earnings can be added to a DRAFT or CALCULATED run only`);
    }
    if (errors.any || run === null || engagement === null || amount === null) return rejectedBy(errors);

    const outcome = await db.transaction(async (tx): Promise<CommandResult<{ run: PayrollRunRow; earning: OneOffEarningRow }>> => {
      const locked = await payrollRepository.lockRunForTenant(tx, principal.tenants, run.id);
      if (!locked) return failed(userError(["payrollRunId"], UserErrorCode.NOT_FOUND, "No such payroll run"));
      const stale = this.stale(locked, input.expectedVersion);
      if (stale) return failed(stale);
      let current: PayrollRunRow;
      if (locked.status === "CALCULATED") {
        // The calculation no longer reflects the run: back to DRAFT, to be recalculated before approval.
        const updated = await transitionPayrollRun(tx, principal.tenants, run.id, "CALCULATED", "DRAFT", principal.actor, { after: { reason: "ONE_OFF_EARNING_ADDED" } });
        if (!updated) return failed(illegalTransition(locked.status, "DRAFT", "changed"));
        current = updated;
      } else if (locked.status !== "DRAFT") {
        return failed(
          userError(
            ["payrollRunId"],
            UserErrorCode.ILLEGAL_STATUS_TRANSITION,
            `The payroll run is ${locked.status}: one-off earnings can be added to a DRAFT or CALCULATED run only`,
          ),
        );
      } else {
        // A new earning is a change of the run: a new version, and `updatedAt` for incremental sync.
        current = await payrollRepository.touchRun(tx, principal.tenants, run.id);
      }
      const earning = await payrollRepository.insertOneOffEarning(tx, {
        id: newId(),
        clientId: run.clientId,
        payrollRunId: run.id,
        engagementId: engagement.id,
        kind: input.kind,
        amount,
        currency: run.currency,
        description: input.description?.trim() || null,
      });
      // On the run's own event history (`PayrollRun.events`); status subscriptions filter it out by type.
      await recordEvent(tx, {
        clientId: run.clientId,
        type: "payrollRun.oneOffEarningAdded",
        objectType: "PayrollRun",
        objectId: run.id,
        actor: principal.actor,
        after: eventSnapshots(ONE_OFF_EARNING_SNAPSHOT, null, earning).after,
      });
      return succeeded({ run: current, earning });
    });
    return mapResult(outcome, ({ run, earning }) => ({ payrollRun: toPayrollRun(run), oneOffEarning: toOneOffEarning(earning) }));
  }

  /**
   * Removes a one-off earning from its DRAFT or CALCULATED run, like `addOneOffEarning` in reverse: the run locked,
   * a CALCULATED run back to DRAFT (its figures no longer reflect the run), a new version otherwise, and a
   * `payrollRun.oneOffEarningRemoved` event with the earning as `before`, in one transaction. Another tenant's
   * earning, or one already removed, is NOT_FOUND.
   */
  async removeOneOffEarning(input: RemoveOneOffEarningInput): Promise<CommandResult<{ payrollRun: PayrollRun; removedOneOffEarningId: string }>> {
    const { principal, db, loaders } = this.ctx;
    principal.assertScope("payroll:write");
    const errors = new UserErrors();
    expectedVersionRule(errors, input.expectedVersion);
    const id = parseGlobalId(input.oneOffEarningId, "OneOffEarning");
    if (id === null) errors.add(["oneOffEarningId"], UserErrorCode.INVALID_ID, "oneOffEarningId is not a valid OneOffEarning ID");
    const earning = id === null ? null : await loaders.get(oneOffEarningById).load(id);
    if (id !== null && earning === null) errors.add(["oneOffEarningId"], UserErrorCode.NOT_FOUND, "No such one-off earning");
    const run = earning === null ? null : await loaders.get(payrollRunById).load(earning.payrollRunId);
    if (earning !== null && run === null) errors.add(["oneOffEarningId"], UserErrorCode.NOT_FOUND, "No such one-off earning");
    if (run !== null && !canTransition(run.status, "CALCULATING")) {
      errors.add(
        ["oneOffEarningId"],
        UserErrorCode.ILLEGAL_STATUS_TRANSITION,
        `The payroll run is ${run.status}: one-off earnings can be removed from a DRAFT or CALCULATED run only`,
      );
    }
    if (errors.any || run === null || earning === null) return rejectedBy(errors);

    const outcome = await db.transaction(async (tx): Promise<CommandResult<{ run: PayrollRunRow; earning: OneOffEarningRow }>> => {
      const locked = await payrollRepository.lockRunForTenant(tx, principal.tenants, run.id);
      if (!locked) return failed(userError(["oneOffEarningId"], UserErrorCode.NOT_FOUND, "No such one-off earning"));
      const stale = this.stale(locked, input.expectedVersion);
      if (stale) return failed(stale);
      if (locked.status !== "DRAFT" && locked.status !== "CALCULATED") {
        return failed(
          userError(
            ["oneOffEarningId"],
            UserErrorCode.ILLEGAL_STATUS_TRANSITION,
            `The payroll run is ${locked.status}: one-off earnings can be removed from a DRAFT or CALCULATED run only`,
          ),
        );
      }
      // Under the run's lock: a concurrent removal of the same earning finds it gone.
      const removed = await payrollRepository.deleteOneOffEarning(tx, run.id, earning.id);
      if (!removed) return failed(userError(["oneOffEarningId"], UserErrorCode.NOT_FOUND, "No such one-off earning"));
      let current: PayrollRunRow;
      if (locked.status === "CALCULATED") {
        const updated = await transitionPayrollRun(tx, principal.tenants, run.id, "CALCULATED", "DRAFT", principal.actor, { after: { reason: "ONE_OFF_EARNING_REMOVED" } });
        if (!updated) return failed(illegalTransition(locked.status, "DRAFT", "changed"));
        current = updated;
      } else {
        current = await payrollRepository.touchRun(tx, principal.tenants, run.id);
      }
      await recordEvent(tx, {
        clientId: run.clientId,
        type: "payrollRun.oneOffEarningRemoved",
        objectType: "PayrollRun",
        objectId: run.id,
        actor: principal.actor,
        before: eventSnapshots(ONE_OFF_EARNING_SNAPSHOT, removed, null).before,
      });
      return succeeded({ run: current, earning: removed });
    });
    return mapResult(outcome, ({ run, earning }) => ({ payrollRun: toPayrollRun(run), removedOneOffEarningId: toGlobalId("OneOffEarning", earning.id) }));
  }

  /** DRAFT | CALCULATED → CALCULATING and a calculation job, in one transaction; the calculation runs in the background. */
  async requestCalculation(input: CalculatePayrollRunInput): Promise<CommandResult<PayrollRun>> {
    const { principal, db } = this.ctx;
    principal.assertScope("payroll:write");
    const queue = this.ctx.calculations;
    if (!queue) throw new Error("No payroll calculation queue runs on this node");
    const errors = new UserErrors();
    const run = await this.runOf(errors, input.payrollRunId, input.expectedVersion);
    if (errors.any || run === null) return rejectedBy(errors);
    if (!canTransition(run.status, "CALCULATING")) {
      return failed(illegalTransition(run.status, "CALCULATING", "calculated"));
    }

    const outcome = await db.transaction(async (tx): Promise<CommandResult<PayrollRunRow>> => {
      const locked = await payrollRepository.lockRunForTenant(tx, principal.tenants, run.id);
      if (!locked) return failed(userError(["payrollRunId"], UserErrorCode.NOT_FOUND, "No such payroll run"));
      const stale = this.stale(locked, input.expectedVersion);
      if (stale) return failed(stale);
      const from = locked.status;
      const updated = await transitionPayrollRun(tx, principal.tenants, run.id, from, "CALCULATING", principal.actor, { set: { failureReason: null } });
      if (!updated) return failed(illegalTransition(from, "CALCULATING", "calculated"));
      await queue.enqueueInTransaction(tx, run.id);
      return succeeded(updated);
    });
    if (outcome.ok) queue.afterCommit(run.id);
    return mapResult(outcome, toPayrollRun);
  }

  /**
   * CALCULATED → APPROVED. Refused (userErrors) when: the run has blockers; the caller is not the party holding
   * PAYROLL_APPROVAL in the client's MSA; `expectedInputsDigest` differs from the run's; or any input changed
   * since the calculation — the digest is recomputed from the current inputs inside the approval transaction.
   * Two concurrent approvals: the row lock and `WHERE status = 'CALCULATED'` let exactly one win; the other gets
   * ILLEGAL_STATUS_TRANSITION naming APPROVED. The remittances are scheduled in the same transaction.
   */
  async approve(input: ApprovePayrollRunInput): Promise<CommandResult<PayrollRun>> {
    const { principal, db, loaders } = this.ctx;
    principal.assertScope("payroll:approve");
    const errors = new UserErrors();
    const run = await this.runOf(errors, input.payrollRunId, input.expectedVersion);
    if (errors.any || run === null) return rejectedBy(errors);
    if (!canTransition(run.status, "APPROVED")) {
      return failed(illegalTransition(run.status, "APPROVED", "approved"));
    }
    const country = countryOfCurrency(run.currency);
    const rule = approvalRule(await loaders.get(activeClausesByClientId).load(run.clientId), country, principal.role);
    if (!rule.allowed) {
      const holder = rule.party === null ? "the client (the MSA is silent)" : rule.party === "EOR" ? "the EOR" : "the client";
      return failed(
        userError(
          ["payrollRunId"],
          UserErrorCode.NOT_RESPONSIBLE_PARTY,
          `Payroll approval in ${country} belongs to ${holder} under the client's MSA: a ${rule.roles.join(" or ")} caller approves`,
        ),
      );
    }

    const outcome = await db.transaction(async (tx): Promise<CommandResult<PayrollRunRow>> => {
      const locked = await payrollRepository.lockRunForTenant(tx, principal.tenants, run.id);
      if (!locked) return failed(userError(["payrollRunId"], UserErrorCode.NOT_FOUND, "No such payroll run"));
      const stale = this.stale(locked, input.expectedVersion);
      if (stale) return failed(stale);
      if (locked.status !== "CALCULATED") return failed(illegalTransition(locked.status, "APPROVED", "approved"));
      const blockers = await payrollStatementsRepository.blockerCount(tx, locked);
      if (blockers > 0) {
        return failed(userError(["payrollRunId"], UserErrorCode.PAYROLL_RUN_BLOCKED, `The run has ${blockers} blocker(s): see PayrollRun.blockers, fix them and recalculate`));
      }
      if (input.expectedInputsDigest != null && input.expectedInputsDigest !== locked.inputsDigest) {
        return failed(
          userError(["expectedInputsDigest"], UserErrorCode.INPUTS_CHANGED, "The run was recalculated since: review its current figures (inputsDigest) and approve again"),
        );
      }
      const target = await payrollInputsRepository.runForCalculation(tx, principal.tenants, run.id);
      const current = target && inputsDigest(await payrollInputsRepository.readInputs(tx, principal.tenants, target, this.ctx.pii));
      if (current !== locked.inputsDigest) {
        return failed(
          userError(
            ["payrollRunId"],
            UserErrorCode.INPUTS_CHANGED,
            "An input of the calculation changed since it ran (hours, compensation, withholding, one-off earnings or year-to-date amounts): recalculate, review and approve again",
          ),
        );
      }
      const approvedBy = `${principal.role}:${principal.subject}`;
      // The run's APPROVED event comes before the remittances it creates, so a live feed reads in causal order.
      const approved = await transitionPayrollRun(tx, principal.tenants, run.id, "CALCULATED", "APPROVED", principal.actor, {
        set: { approvedAt: new Date(), approvedBy },
        after: { inputsDigest: locked.inputsDigest, approvedBy },
      });
      if (!approved) return failed(illegalTransition(locked.status, "APPROVED", "approved"));
      const statements = await payrollStatementsRepository.statementsForRemittance(tx, approved);
      await scheduleRemittances(
        tx,
        {
          id: approved.id,
          clientId: approved.clientId,
          employerEntityId: approved.employerEntityId,
          payDate: approved.payDate,
          currency: approved.currency as "USD" | "CAD",
          country,
        },
        statements,
        principal.actor,
      );
      return succeeded(approved);
    });
    return mapResult(outcome, toPayrollRun);
  }

  /** DRAFT | CALCULATED → CANCELLED; the reason is recorded on the event. */
  async cancel(input: CancelPayrollRunInput): Promise<CommandResult<PayrollRun>> {
    const { principal, db } = this.ctx;
    principal.assertScope("payroll:write");
    const errors = new UserErrors();
    const run = await this.runOf(errors, input.payrollRunId, input.expectedVersion);
    errors.text("reason", input.reason, REASON_MAX, false);
    if (errors.any || run === null) return rejectedBy(errors);
    if (!canTransition(run.status, "CANCELLED")) {
      return failed(illegalTransition(run.status, "CANCELLED", "cancelled"));
    }
    const outcome = await db.transaction(async (tx): Promise<CommandResult<PayrollRunRow>> => {
      const locked = await payrollRepository.lockRunForTenant(tx, principal.tenants, run.id);
      if (!locked) return failed(userError(["payrollRunId"], UserErrorCode.NOT_FOUND, "No such payroll run"));
      const stale = this.stale(locked, input.expectedVersion);
      if (stale) return failed(stale);
      const from = locked.status;
      const updated = await transitionPayrollRun(tx, principal.tenants, run.id, from, "CANCELLED", principal.actor, { after: { reason: input.reason?.trim() || null } });
      if (!updated) return failed(illegalTransition(from, "CANCELLED", "cancelled"));
      return succeeded(updated);
    });
    return mapResult(outcome, toPayrollRun);
  }
}
