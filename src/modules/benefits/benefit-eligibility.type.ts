import { Field, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { enumObject } from "../../shared/enum-object";
import { MaxItems } from "../../shared/list-limits";
import { INELIGIBILITY_REASONS, type IneligibilityReason } from "./benefit-eligibility";
import { BenefitPlan } from "./benefit-plan.type";

export const BenefitIneligibilityReason = enumObject(INELIGIBILITY_REASONS);
export type BenefitIneligibilityReason = IneligibilityReason;
registerEnumType(BenefitIneligibilityReason, {
  name: "BenefitIneligibilityReason",
  description: "Why an engagement may not enroll in a plan.",
  valuesConfig: {
    CONTRACTOR: { description: "Contractors (US 1099, Canadian T4A) are never eligible: benefits are for employees." },
    OTHER_COUNTRY: { description: "The plan covers another country than the work jurisdiction's." },
    OTHER_JURISDICTION: { description: "The plan covers other states or provinces than the work jurisdiction." },
    NOT_OFFERED: { description: "A client's (PEO) plan is for that client's PEO employees only." },
    WAITING_PERIOD: { description: "The plan's waiting period from the start date has not passed: `until` is the first day coverage may start." },
    HOURS_BELOW_MINIMUM: { description: "The engagement's scheduled hours per week are below the plan's minimum (or not stated for a non-salaried engagement)." },
    PLAN_NOT_ACTIVE: { description: "The plan is retired: it takes no new enrollments." },
    OUTSIDE_PLAN_YEAR: { description: "The date is outside the plan year." },
    ENGAGEMENT_ENDED: { description: "The engagement has ended by that date." },
    ALREADY_ENROLLED: { description: "The engagement already has an enrollment of the same kind on or after that date: change or end it instead." },
  },
});

@ObjectType("BenefitIneligibility", { description: "One reason an engagement may not enroll in a plan." })
export class BenefitIneligibility {
  @Field(() => BenefitIneligibilityReason, { description: "The reason." })
  code!: BenefitIneligibilityReason;

  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => DateScalar, { nullable: true, description: "WAITING_PERIOD: the first day coverage may start. Null otherwise." })
  until!: string | null;
}

@ObjectType("BenefitEligibility", { description: "Whether an engagement may enroll in one plan on a date, and every reason why not." })
export class BenefitEligibility {
  @Field(() => BenefitPlan, { description: "The plan." })
  plan!: BenefitPlan;

  @Field(() => Boolean, { description: "True when `reasons` is empty: `enrollInBenefit` with this date would be accepted (given a valid election)." })
  eligible!: boolean;

  @Field(() => DateScalar, { description: "The first day coverage may start after the waiting period (start date + waiting period days)." })
  eligibleFrom!: string;

  @MaxItems(INELIGIBILITY_REASONS.length)
  @Field(() => [BenefitIneligibility], { description: `Every reason the engagement may not enroll (at most ${INELIGIBILITY_REASONS.length}); empty when eligible.` })
  reasons!: BenefitIneligibility[];
}

export const BenefitEligibilityConnection = ConnectionType(BenefitEligibility, "BenefitEligibility", "benefit eligibilities (one per plan offered to the engagement)");
