import { Field, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { Engagement } from "../engagements/engagement.type";
import { EmploymentAgreement, OnboardingChecklist } from "./onboarding.type";

@ObjectType({ description: "Result of `recordOnboardingStep`." })
export class RecordOnboardingStepPayload {
  @Field(() => Engagement, { nullable: true, description: "The engagement; null when `userErrors` is not empty." })
  engagement!: Engagement | null;

  @Field(() => OnboardingChecklist, { nullable: true, description: "The checklist after the change. Needs `onboarding:read`." })
  onboarding!: OnboardingChecklist | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `verifyWorkAuthorization`." })
export class VerifyWorkAuthorizationPayload {
  @Field(() => Engagement, { nullable: true, description: "The engagement; null when `userErrors` is not empty." })
  engagement!: Engagement | null;

  @Field(() => OnboardingChecklist, { nullable: true, description: "The checklist after the change. Needs `onboarding:read`." })
  onboarding!: OnboardingChecklist | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `sendEmploymentAgreement`." })
export class SendEmploymentAgreementPayload {
  @Field(() => EmploymentAgreement, { nullable: true, description: "The agreement sent; null when `userErrors` is not empty." })
  employmentAgreement!: EmploymentAgreement | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `recordAgreementSignature`." })
export class RecordAgreementSignaturePayload {
  @Field(() => EmploymentAgreement, { nullable: true, description: "The signed agreement with its terms; null when `userErrors` is not empty." })
  employmentAgreement!: EmploymentAgreement | null;

  @Field(() => OnboardingChecklist, { nullable: true, description: "The engagement's checklist after the signature. Needs `onboarding:read`." })
  onboarding!: OnboardingChecklist | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}
