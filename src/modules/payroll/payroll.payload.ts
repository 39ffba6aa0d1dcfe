import { Field, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { PayrollRun } from "./payroll.type";

@ObjectType({ description: "Result of `createPayrollRun`." })
export class CreatePayrollRunPayload {
  @Field(() => PayrollRun, { nullable: true, description: "The new DRAFT run; null when `userErrors` is not empty." })
  payrollRun!: PayrollRun | null;

  @Field(() => [UserError], { description: "What to fix in the input; empty on success." })
  userErrors!: UserError[];
}
