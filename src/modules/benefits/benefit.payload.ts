import { Field, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { BenefitPlan } from "./benefit-plan.type";
import { BenefitEnrollment } from "./benefit-enrollment.type";

const USER_ERRORS = "What to fix in the input; empty on success. At most 50.";

@ObjectType({ description: "Result of `createBenefitPlan`." })
export class CreateBenefitPlanPayload {
  @Field(() => BenefitPlan, { nullable: true, description: "The new plan; null when `userErrors` is not empty." })
  benefitPlan!: BenefitPlan | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `updateBenefitPlan`." })
export class UpdateBenefitPlanPayload {
  @Field(() => BenefitPlan, { nullable: true, description: "The plan after the change (new `version`); null when `userErrors` is not empty." })
  benefitPlan!: BenefitPlan | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `retireBenefitPlan`." })
export class RetireBenefitPlanPayload {
  @Field(() => BenefitPlan, { nullable: true, description: "The RETIRED plan; null when `userErrors` is not empty." })
  benefitPlan!: BenefitPlan | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `enrollInBenefit`." })
export class EnrollInBenefitPayload {
  @Field(() => BenefitEnrollment, { nullable: true, description: "The new enrollment; null when `userErrors` is not empty. Needs `benefits:read`." })
  benefitEnrollment!: BenefitEnrollment | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `changeBenefitElection`." })
export class ChangeBenefitElectionPayload {
  @Field(() => BenefitEnrollment, {
    nullable: true,
    description: "The enrollment with the new election (a new one, unless changed in place); null when `userErrors` is not empty.",
  })
  benefitEnrollment!: BenefitEnrollment | null;

  @Field(() => BenefitEnrollment, { nullable: true, description: "The enrollment it replaced (SUPERSEDED, ending the day before); null when changed in place or on error." })
  previousEnrollment!: BenefitEnrollment | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `endBenefitEnrollment`." })
export class EndBenefitEnrollmentPayload {
  @Field(() => BenefitEnrollment, { nullable: true, description: "The ENDED enrollment; null when `userErrors` is not empty." })
  benefitEnrollment!: BenefitEnrollment | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}
