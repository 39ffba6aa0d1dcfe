import { Field, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { PayrollRun } from "../payroll/payroll.type";
import { Remittance } from "./remittance.type";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";

@ObjectType({ description: "Result of `sandboxFundPayrollRun`." })
export class SandboxFundPayrollRunPayload {
  @Field(() => PayrollRun, { nullable: true, description: "The run, now FUNDED; null when `userErrors` is not empty." })
  payrollRun!: PayrollRun | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What prevented the change; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `sandboxSubmitRemittance`." })
export class SandboxSubmitRemittancePayload {
  @Field(() => Remittance, { nullable: true, description: "The remittance, now SUBMITTED; null when `userErrors` is not empty." })
  remittance!: Remittance | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What prevented the change; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `sandboxConfirmRemittance`." })
export class SandboxConfirmRemittancePayload {
  @Field(() => Remittance, { nullable: true, description: "The remittance, now CONFIRMED; null when `userErrors` is not empty." })
  remittance!: Remittance | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What prevented the change; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `sandboxFailRemittance`." })
export class SandboxFailRemittancePayload {
  @Field(() => Remittance, { nullable: true, description: "The remittance, now FAILED; null when `userErrors` is not empty." })
  remittance!: Remittance | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What prevented the change; empty on success. At most 50." })
  userErrors!: UserError[];
}
