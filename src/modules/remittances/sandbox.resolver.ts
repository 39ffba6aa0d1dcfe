import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { SandboxConfirmRemittanceInput, SandboxFailRemittanceInput, SandboxFundPayrollRunInput, SandboxSubmitRemittanceInput } from "./sandbox.input";
import { SandboxConfirmRemittancePayload, SandboxFailRemittancePayload, SandboxFundPayrollRunPayload, SandboxSubmitRemittancePayload } from "./sandbox.payload";
import { toPayload } from "../../shared/command-result";
import { SandboxService } from "./sandbox.service";

const SANDBOX_ONLY =
  "Sandbox only: refused with FORBIDDEN unless the server runs in sandbox mode (the embedded database unless SANDBOX_RAIL=off, or SANDBOX_RAIL=on). Needs `payroll:write`.";

@Resolver()
export class SandboxResolver {
  @Mutation(() => SandboxFundPayrollRunPayload, {
    description: `Simulates the client's funds arriving: APPROVED → FUNDED. The sandbox payment rail (when running) then submits and confirms the run's remittances, and the run moves to PAYING and PAID. ${SANDBOX_ONLY}`,
  })
  async sandboxFundPayrollRun(@Arg("input", () => SandboxFundPayrollRunInput, { description: "The run to fund." }) input: SandboxFundPayrollRunInput, @Ctx() ctx: Context) {
    return toPayload("payrollRun", await new SandboxService(ctx).fundPayrollRun(input));
  }

  @Mutation(() => SandboxSubmitRemittancePayload, {
    description: `Forces SCHEDULED → SUBMITTED (or resubmits a FAILED, retryable remittance). The run must be funded; the first submission moves a FUNDED run to PAYING. ${SANDBOX_ONLY}`,
  })
  async sandboxSubmitRemittance(
    @Arg("input", () => SandboxSubmitRemittanceInput, { description: "The remittance to submit." }) input: SandboxSubmitRemittanceInput,
    @Ctx() ctx: Context,
  ) {
    return toPayload("remittance", await new SandboxService(ctx).submitRemittance(input));
  }

  @Mutation(() => SandboxConfirmRemittancePayload, {
    description: `Forces SUBMITTED → CONFIRMED with a confirmation number. When the run's last net pay or contractor payment settles, the run becomes PAID (or PARTIALLY_PAID if one failed). ${SANDBOX_ONLY}`,
  })
  async sandboxConfirmRemittance(
    @Arg("input", () => SandboxConfirmRemittanceInput, { description: "The remittance to confirm." }) input: SandboxConfirmRemittanceInput,
    @Ctx() ctx: Context,
  ) {
    return toPayload("remittance", await new SandboxService(ctx).confirmRemittance(input));
  }

  @Mutation(() => SandboxFailRemittancePayload, {
    description: `Forces SUBMITTED → FAILED with a reason and whether a resubmission may succeed. A failed net pay or contractor payment makes the run PARTIALLY_PAID once every payment has settled. ${SANDBOX_ONLY}`,
  })
  async sandboxFailRemittance(@Arg("input", () => SandboxFailRemittanceInput, { description: "The remittance to fail." }) input: SandboxFailRemittanceInput, @Ctx() ctx: Context) {
    return toPayload("remittance", await new SandboxService(ctx).failRemittance(input));
  }
}
