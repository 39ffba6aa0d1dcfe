import { Field, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { PaySchedule } from "./pay-schedule.type";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";

@ObjectType({ description: "Result of `createPaySchedule`." })
export class CreatePaySchedulePayload {
  @Field(() => PaySchedule, { nullable: true, description: "The new schedule with its generated periods; null when `userErrors` is not empty." })
  paySchedule!: PaySchedule | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `updatePaySchedule`." })
export class UpdatePaySchedulePayload {
  @Field(() => PaySchedule, { nullable: true, description: "The schedule after the change (new `version`); null when `userErrors` is not empty." })
  paySchedule!: PaySchedule | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}
