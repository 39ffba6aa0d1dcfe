import { Field, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { Engagement } from "../engagements/engagement.type";
import { ClassificationAssessment, EngagementClassificationChange } from "./classification.type";

@ObjectType({ description: "Result of `assessClassification`." })
export class AssessClassificationPayload {
  @Field(() => ClassificationAssessment, {
    nullable: true,
    description: "The stored assessment with its outcome; null when `userErrors` is not empty. Needs `classification:read` (null with a FORBIDDEN error otherwise).",
  })
  classificationAssessment!: ClassificationAssessment | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `changeClassification`." })
export class ChangeClassificationPayload {
  @Field(() => Engagement, { nullable: true, description: "The engagement after the change (new `version`); null when `userErrors` is not empty." })
  engagement!: Engagement | null;

  @Field(() => EngagementClassificationChange, { nullable: true, description: "The history entry recorded; null when `userErrors` is not empty." })
  classificationChange!: EngagementClassificationChange | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}
