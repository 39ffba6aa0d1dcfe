import type { Context } from "../../context";
import { forbidden } from "../../shared/errors";
import { parseGlobalId } from "../../shared/global-id";
import { mapResult, rejectedBy, type CommandResult } from "../../shared/command-result";
import { expectedVersionRule, staleVersion, UserErrorCode, UserErrors } from "../../shared/user-error";
import { canRead } from "../../auth/read-scopes";
import { payrollRunById } from "../payroll/payroll.loaders";
import { toPayrollRun, type PayrollRun } from "../payroll/payroll.type";
import { confirmRemittance, failRemittance, fundRun, submitRemittance, type RowGuard } from "./remittance.lifecycle";
import { remittanceById } from "./remittance.loaders";
import { toRemittance, type Remittance, type RemittanceRow } from "./remittance.type";
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

  async fundPayrollRun(input: SandboxFundPayrollRunInput): Promise<CommandResult<PayrollRun>> {
    this.assertAllowed();
    const { db, principal, loaders } = this.ctx;
    const errors = new UserErrors();
    expectedVersionRule(errors, input.expectedVersion);
    const runId = parseGlobalId(input.payrollRunId, "PayrollRun");
    if (runId === null) errors.add(["payrollRunId"], UserErrorCode.INVALID_ID, "payrollRunId is not a valid PayrollRun ID");
    else if ((await loaders.get(payrollRunById).load(runId)) === null) errors.add(["payrollRunId"], UserErrorCode.NOT_FOUND, "No such payroll run");
    if (errors.any || runId === null) return rejectedBy(errors);
    const guard = (run: { version: number }) => staleVersion("payroll run", run.version, input.expectedVersion, canRead(principal, "PayrollRun"));
    return mapResult(await db.transaction((tx) => fundRun(tx, runId, principal.actor, guard)), toPayrollRun);
  }

  submitRemittance(input: SandboxSubmitRemittanceInput): Promise<CommandResult<Remittance>> {
    this.assertAllowed();
    return this.change(input.remittanceId, input.expectedVersion, new UserErrors(), (tx, id, guard) => submitRemittance(tx, id, this.ctx.principal.actor, new Date(), guard));
  }

  confirmRemittance(input: SandboxConfirmRemittanceInput): Promise<CommandResult<Remittance>> {
    this.assertAllowed();
    const errors = new UserErrors();
    errors.text("confirmationNumber", input.confirmationNumber, 100, false);
    if (input.confirmationNumber != null && input.confirmationNumber.trim() === "") {
      errors.add(["confirmationNumber"], UserErrorCode.INVALID_INPUT, "confirmationNumber must not be blank (omit it for the default trace number)");
    }
    return this.change(input.remittanceId, input.expectedVersion, errors, (tx, id, guard) =>
      confirmRemittance(tx, id, input.confirmationNumber?.trim() ?? null, this.ctx.principal.actor, new Date(), guard),
    );
  }

  failRemittance(input: SandboxFailRemittanceInput): Promise<CommandResult<Remittance>> {
    this.assertAllowed();
    const errors = new UserErrors();
    errors.text("reason", input.reason, 500);
    return this.change(input.remittanceId, input.expectedVersion, errors, (tx, id, guard) =>
      failRemittance(tx, id, input.reason.trim(), input.retryable, this.ctx.principal.actor, new Date(), guard),
    );
  }

  /**
   * Common to the remittance mutations: ID → visible remittance → one transaction with the transition, refused
   * with STALE_VERSION when `expectedVersion` is given and is not the remittance's version under the run lock.
   */
  private async change(
    globalId: string,
    expectedVersion: number | null | undefined,
    errors: UserErrors,
    apply: (tx: Context["db"], remittanceId: string, guard: RowGuard<RemittanceRow>) => Promise<CommandResult<RemittanceRow>>,
  ): Promise<CommandResult<Remittance>> {
    expectedVersionRule(errors, expectedVersion);
    const guard = (row: RemittanceRow) => staleVersion("remittance", row.version, expectedVersion, canRead(this.ctx.principal, "Remittance"));
    const id = parseGlobalId(globalId, "Remittance");
    if (id === null) errors.add(["remittanceId"], UserErrorCode.INVALID_ID, "remittanceId is not a valid Remittance ID");
    else if ((await this.ctx.loaders.get(remittanceById).load(id)) === null) errors.add(["remittanceId"], UserErrorCode.NOT_FOUND, "No such remittance");
    if (errors.any || id === null) return rejectedBy(errors);
    return mapResult(await this.ctx.db.transaction((tx) => apply(tx, id, guard)), toRemittance);
  }
}
