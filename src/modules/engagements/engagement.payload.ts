import { Field, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { Engagement } from "./engagement.type";
import { Compensation } from "./compensation.type";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";

@ObjectType({ description: "Result of `hireWorker`." })
export class HireWorkerPayload {
  @Field(() => Engagement, { nullable: true, description: "The new engagement (with its first compensation); null when `userErrors` is not empty." })
  engagement!: Engagement | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `changeCompensation`." })
export class ChangeCompensationPayload {
  @Field(() => Compensation, { nullable: true, description: "The new compensation; null when `userErrors` is not empty." })
  compensation!: Compensation | null;

  @Field(() => Engagement, { nullable: true, description: "The engagement after the change (new `version`); null when `userErrors` is not empty." })
  engagement!: Engagement | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `endEngagement`." })
export class EndEngagementPayload {
  @Field(() => Engagement, { nullable: true, description: "The ended engagement; null when `userErrors` is not empty." })
  engagement!: Engagement | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `updateEngagement`." })
export class UpdateEngagementPayload {
  @Field(() => Engagement, { nullable: true, description: "The engagement after the change (new `version`); null when `userErrors` is not empty." })
  engagement!: Engagement | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}
