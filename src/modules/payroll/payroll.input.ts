/** GraphQL inputs and arguments of the payroll queries and mutations. */
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { ConnectionArgs } from "../../shared/pagination";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { CountryCode } from "../../shared/country.enum";
import { MoneyInput } from "../../shared/money";
import { OneOffEarningKind, PayrollRunKind, PayrollRunStatus } from "./payroll.type";

@InputType({ description: "A new payroll run, created in DRAFT." })
export class CreatePayrollRunInput {
  @Field(() => ID, { description: "The client whose payroll it is." })
  clientId!: string;

  @Field(() => ID, { nullable: true, description: "The pay period it pays (one of the client's). Required for a REGULAR run; optional for OFF_CYCLE." })
  payPeriodId?: string | null;

  @Field(() => PayrollRunKind, { nullable: true, defaultValue: PayrollRunKind.REGULAR, description: "REGULAR (default) or OFF_CYCLE." })
  kind?: PayrollRunKind | null;

  @Field(() => DateScalar, { nullable: true, description: "Pay (check) date. Default: the pay period's pay date; required without a pay period." })
  payDate?: string | null;

  @Field(() => CountryCode, {
    nullable: true,
    description:
      "Country of the run: decides the employer entity and currency. Default: the pay schedule's country; required without a pay period; must match the schedule's country when both are given.",
  })
  country?: CountryCode | null;
}

@ArgsType()
export class PayrollRunsArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: "Only this client's runs." })
  clientId?: string | null;

  @Field(() => PayrollRunStatus, { nullable: true, description: "Only runs in this status." })
  status?: PayrollRunStatus | null;

  @Field(() => ID, { nullable: true, description: "Only runs of this pay period." })
  payPeriodId?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Only runs changed at or after this instant (a status change counts): inclusive (`updatedAt >= updatedSince`), so what changed at that very instant comes again. For incremental sync pass the greatest `updatedAt` already received minus a margin of a few minutes; deleted objects leave `<type>.deleted` events instead (README, Sync recipe).",
  })
  updatedSince?: Date | null;
}

@InputType({ description: "A bonus or reimbursement for one engagement, paid with a run." })
export class AddOneOffEarningInput {
  @Field(() => ID, { description: "The run (DRAFT or CALCULATED; a CALCULATED run goes back to DRAFT and must be recalculated)." })
  payrollRunId!: string;

  @Field(() => ID, { description: "The engagement paid: one of the run's client, in the run's country." })
  engagementId!: string;

  @Field(() => OneOffEarningKind, { description: "BONUS (supplemental wages, taxed) or REIMBURSEMENT (not taxable)." })
  kind!: OneOffEarningKind;

  @Field(() => MoneyInput, { description: "Amount, greater than zero, in the run's currency." })
  amount!: MoneyInput;

  @Field(() => String, { nullable: true, description: 'What it is for (at most 500 characters), e.g. "Q3 bonus".' })
  description?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The run's `version` the caller last read; when given, a different current version is a `STALE_VERSION` userError and nothing changes.",
  })
  expectedVersion?: number | null;
}

@InputType({ description: "Removes a one-off earning from its run." })
export class RemoveOneOffEarningInput {
  @Field(() => ID, {
    description: "The earning (`OneOffEarning.id`). Its run must be DRAFT or CALCULATED; a CALCULATED run goes back to DRAFT and must be recalculated.",
  })
  oneOffEarningId!: string;

  @Field(() => Int, {
    nullable: true,
    description: "The run's `version` the caller last read; when given, a different current version is a `STALE_VERSION` userError and nothing changes.",
  })
  expectedVersion?: number | null;
}

@InputType({ description: "Starts (or restarts) the calculation of a run." })
export class CalculatePayrollRunInput {
  @Field(() => ID, { description: "The run, DRAFT or CALCULATED." })
  payrollRunId!: string;

  @Field(() => Int, {
    nullable: true,
    description: "The run's `version` the caller last read; when given, a different current version is a `STALE_VERSION` userError and nothing changes.",
  })
  expectedVersion?: number | null;
}

@InputType({ description: "Approves a calculated run." })
export class ApprovePayrollRunInput {
  @Field(() => ID, { description: "The run, CALCULATED and without blockers." })
  payrollRunId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The `inputsDigest` the approver reviewed: when given and the run's is different (it was recalculated since), the approval is refused with INPUTS_CHANGED.",
  })
  expectedInputsDigest?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The run's `version` the caller last read; when given, a different current version is a `STALE_VERSION` userError and nothing changes.",
  })
  expectedVersion?: number | null;
}

@InputType({ description: "Abandons a run before approval." })
export class CancelPayrollRunInput {
  @Field(() => ID, { description: "The run, DRAFT or CALCULATED." })
  payrollRunId!: string;

  @Field(() => String, { nullable: true, description: "Why (at most 500 characters); recorded on the status-change event." })
  reason?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The run's `version` the caller last read; when given, a different current version is a `STALE_VERSION` userError and nothing changes.",
  })
  expectedVersion?: number | null;
}
