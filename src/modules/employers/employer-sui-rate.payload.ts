import { Field, ObjectType } from "type-graphql";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { UserError } from "../../shared/user-error";
import { EmployerRegistration, EmployerSuiRate } from "./employer.type";

@ObjectType({ description: "Result of `setEmployerSuiRate`." })
export class SetEmployerSuiRatePayload {
  @Field(() => EmployerSuiRate, { nullable: true, description: "The year's rate as stored; null when `userErrors` is not empty." })
  suiRate!: EmployerSuiRate | null;

  @Field(() => EmployerRegistration, { nullable: true, description: "The registration the rate belongs to; null when `userErrors` is not empty." })
  registration!: EmployerRegistration | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}
