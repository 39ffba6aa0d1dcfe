import type { Context } from "../../context";
import { forbidden } from "../../shared/errors";
import { parseGlobalId } from "../../shared/global-id";
import { userError, UserErrorCode, UserErrors, type UserError } from "../../shared/user-error";
import { payrollRunById } from "../payroll/payroll.loaders";
import { toPayrollRun } from "../payroll/payroll.type";
import { confirmRemittance, failRemittance, fundRun, submitRemittance, type LifecycleResult } from "./remittance.lifecycle";
import { remittanceById } from "./remittance.loaders";
import { toRemittance, type RemittanceRow } from "./remittance.type";
import type { SandboxConfirmRemittanceInput, SandboxFailRemittanceInput, SandboxFundPayrollRunInput, SandboxSubmitRemittanceInput } from "./sandbox.input";

/**
 * Sandbox-only mutations: they force what the bank and the authorities would do, so partners can exercise every
 * path of their integration (funding, confirmation, failure, retry). Refused with FORBIDDEN outside sandbox mode
 * (on Postgres without SANDBOX_RAIL=on, or with SANDBOX_RAIL=off). Scope: `payroll:write` — forcing a payment state is a payroll
 * operation of the client's, like creating a run; reading remittances needs `remittances:read` as usual.
 */
export class SandboxService {
  constructor(private readonly ctx: Context) {}

  private assertAllowed() {
    if (!this.ctx.sandbox) {
      throw forbidden("Sandbox mutations are available only on a sandbox server (the embedded database, or SANDBOX_RAIL=on)");
    }
    this.ctx.principal.assertScope("payroll:write");
  }

  async fundPayrollRun(input: SandboxFundPayrollRunInput) {
    this.assertAllowed();
    const { db, principal, loaders } = this.ctx;
    const runId = parseGlobalId(input.payrollRunId, "PayrollRun");
    if (runId === null) return { payrollRun: null, userErrors: [userError(["payrollRunId"], UserErrorCode.INVALID_ID, "payrollRunId is not a valid PayrollRun ID")] };
    if ((await loaders.get(payrollRunById).load(runId)) === null) {
      return { payrollRun: null, userErrors: [userError(["payrollRunId"], UserErrorCode.NOT_FOUND, "No such payroll run")] };
    }
    const result = await db.transaction((tx) => fundRun(tx, runId, principal.actor));
    if (!result.ok) return { payrollRun: null, userErrors: [userError(["payrollRunId"], UserErrorCode[result.code], result.message)] };
    return { payrollRun: toPayrollRun(result.value), userErrors: [] };
  }

  submitRemittance(input: SandboxSubmitRemittanceInput) {
    this.assertAllowed();
    return this.change(input.remittanceId, new UserErrors(), (tx, id) => submitRemittance(tx, id, this.ctx.principal.actor));
  }

  confirmRemittance(input: SandboxConfirmRemittanceInput) {
    this.assertAllowed();
    const errors = new UserErrors();
    errors.text("confirmationNumber", input.confirmationNumber, 100, false);
    if (input.confirmationNumber != null && input.confirmationNumber.trim() === "") {
      errors.add(["confirmationNumber"], UserErrorCode.INVALID_INPUT, "confirmationNumber must not be blank (omit it for the default trace number)");
    }
    return this.change(input.remittanceId, errors, (tx, id) => confirmRemittance(tx, id, input.confirmationNumber?.trim() ?? null, this.ctx.principal.actor));
  }

  failRemittance(input: SandboxFailRemittanceInput) {
    this.assertAllowed();
    const errors = new UserErrors();
    errors.text("reason", input.reason, 500);
    return this.change(input.remittanceId, errors, (tx, id) => failRemittance(tx, id, input.reason.trim(), input.retryable, this.ctx.principal.actor));
  }

  /** Common to the remittance mutations: ID → visible remittance → one transaction with the transition. */
  private async change(
    globalId: string,
    errors: UserErrors,
    apply: (tx: Context["db"], remittanceId: string) => Promise<LifecycleResult<RemittanceRow>>,
  ): Promise<{ remittance: ReturnType<typeof toRemittance> | null; userErrors: UserError[] }> {
    const id = parseGlobalId(globalId, "Remittance");
    if (id === null) errors.add(["remittanceId"], UserErrorCode.INVALID_ID, "remittanceId is not a valid Remittance ID");
    else if ((await this.ctx.loaders.get(remittanceById).load(id)) === null) errors.add(["remittanceId"], UserErrorCode.NOT_FOUND, "No such remittance");
    if (errors.any || id === null) return { remittance: null, userErrors: errors.list };
    const result = await this.ctx.db.transaction((tx) => apply(tx, id));
    if (!result.ok) return { remittance: null, userErrors: [userError(["remittanceId"], UserErrorCode[result.code], result.message)] };
    return { remittance: toRemittance(result.value), userErrors: [] };
  }
}
