/** GraphQL payloads of the payroll mutations (result + userErrors). */
import { Field, ID, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { OneOffEarning, PayrollRun } from "./payroll.type";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";

@ObjectType({ description: "Result of `createPayrollRun`." })
export class CreatePayrollRunPayload {
  @Field(() => PayrollRun, { nullable: true, description: "The new DRAFT run; null when `userErrors` is not empty." })
  payrollRun!: PayrollRun | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `addOneOffEarning`." })
export class AddOneOffEarningPayload {
  @Field(() => PayrollRun, { nullable: true, description: "The run (DRAFT: a CALCULATED run went back to DRAFT); null when `userErrors` is not empty." })
  payrollRun!: PayrollRun | null;

  @Field(() => OneOffEarning, { nullable: true, description: "The earning added; null when `userErrors` is not empty." })
  oneOffEarning!: OneOffEarning | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `removeOneOffEarning`." })
export class RemoveOneOffEarningPayload {
  @Field(() => PayrollRun, { nullable: true, description: "The run (DRAFT: a CALCULATED run went back to DRAFT); null when `userErrors` is not empty." })
  payrollRun!: PayrollRun | null;

  @Field(() => ID, { nullable: true, description: "The global ID of the earning removed; null when `userErrors` is not empty." })
  removedOneOffEarningId!: string | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `calculatePayrollRun`." })
export class CalculatePayrollRunPayload {
  @Field(() => PayrollRun, {
    nullable: true,
    description: "The run, now CALCULATING (the calculation runs in the background: poll the run or subscribe to its status); null when `userErrors` is not empty.",
  })
  payrollRun!: PayrollRun | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `approvePayrollRun`." })
export class ApprovePayrollRunPayload {
  @Field(() => PayrollRun, { nullable: true, description: "The APPROVED run; null when `userErrors` is not empty." })
  payrollRun!: PayrollRun | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "Why the approval was refused; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `cancelPayrollRun`." })
export class CancelPayrollRunPayload {
  @Field(() => PayrollRun, { nullable: true, description: "The CANCELLED run; null when `userErrors` is not empty." })
  payrollRun!: PayrollRun | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}
