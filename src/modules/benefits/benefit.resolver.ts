import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { ConnectionArgs } from "../../shared/pagination";
import { DecimalScalar } from "../../shared/scalars";
import { toPayload, toPayloadFields } from "../../shared/command-result";
import { Client, toClient } from "../clients/client.type";
import { clientById } from "../clients/client.loaders";
import { Engagement, toEngagement } from "../engagements/engagement.type";
import { engagementById } from "../engagements/engagement.loaders";
import { formatWeeklyHundredths } from "../engagements/scheduled-hours";
import { BenefitPlan, BenefitPlanConnection, toBenefitPlan } from "./benefit-plan.type";
import { BenefitEnrollment, BenefitEnrollmentConnection } from "./benefit-enrollment.type";
import { BenefitEligibilityConnection } from "./benefit-eligibility.type";
import {
  BenefitPlansArgs,
  ChangeBenefitElectionInput,
  CreateBenefitPlanInput,
  EligibleBenefitsArgs,
  EndBenefitEnrollmentInput,
  EnrollInBenefitInput,
  RetireBenefitPlanInput,
  UpdateBenefitPlanInput,
} from "./benefit.input";
import {
  ChangeBenefitElectionPayload,
  CreateBenefitPlanPayload,
  EndBenefitEnrollmentPayload,
  EnrollInBenefitPayload,
  RetireBenefitPlanPayload,
  UpdateBenefitPlanPayload,
} from "./benefit.payload";
import { BenefitPlanService } from "./benefit-plan.service";
import { BenefitEnrollmentService } from "./benefit-enrollment.service";
import { benefitPlanById } from "./benefit.loaders";

@Resolver(() => BenefitPlan)
export class BenefitPlanResolver {
  @Query(() => BenefitPlanConnection, {
    description:
      "Benefit plans the caller may see: an operator every plan; a client or partner its clients' own (PEO) plans and the EOR plans of the employer entities that employ its engagements. Needs `benefits:read`.",
  })
  benefitPlans(@Args(() => BenefitPlansArgs) args: BenefitPlansArgs, @Ctx() ctx: Context) {
    return new BenefitPlanService(ctx).list(args);
  }

  @Mutation(() => CreateBenefitPlanPayload, {
    description:
      "Creates a benefit plan of the EOR's employer entity of the country (or, with `clientId`, a client's PEO plan); records `benefitPlan.created`. OPERATOR only, with `benefits:write`.",
  })
  async createBenefitPlan(@Arg("input", () => CreateBenefitPlanInput, { description: "The plan." }) input: CreateBenefitPlanInput, @Ctx() ctx: Context) {
    return toPayload("benefitPlan", await new BenefitPlanService(ctx).create(input));
  }

  @Mutation(() => UpdateBenefitPlanPayload, {
    description:
      "Changes a plan, guarded by `expectedVersion`; records `benefitPlan.updated`. New contribution rules apply to every period calculated afterwards (a CALCULATED run is then refused approval with INPUTS_CHANGED until recalculated). OPERATOR only, with `benefits:write`.",
  })
  async updateBenefitPlan(@Arg("input", () => UpdateBenefitPlanInput, { description: "The changes." }) input: UpdateBenefitPlanInput, @Ctx() ctx: Context) {
    return toPayload("benefitPlan", await new BenefitPlanService(ctx).update(input));
  }

  @Mutation(() => RetireBenefitPlanPayload, {
    description: "Closes a plan to new enrollments (existing ones keep deducting until they end); records `benefitPlan.retired`. OPERATOR only, with `benefits:write`.",
  })
  async retireBenefitPlan(@Arg("input", () => RetireBenefitPlanInput, { description: "The plan." }) input: RetireBenefitPlanInput, @Ctx() ctx: Context) {
    return toPayload("benefitPlan", await new BenefitPlanService(ctx).retire(input));
  }

  @FieldResolver(() => Client, { nullable: true, description: "The client offering the plan (PEO plans); null for an EOR plan. Needs `clients:read`." })
  async client(@Root() plan: BenefitPlan, @Ctx() ctx: Context) {
    if (plan.clientDbId === null) return null;
    const row = await ctx.loaders.get(clientById).load(plan.clientDbId);
    return row && toClient(row);
  }
}

@Resolver(() => BenefitEnrollment)
export class BenefitEnrollmentResolver {
  @Query(() => BenefitEligibilityConnection, {
    description:
      "The plans offered to an engagement (its employer entity's and, for PEO engagements, its client's own), each saying whether the worker may enroll on `asOf` and every reason why not (CONTRACTOR, WAITING_PERIOD with its end date, HOURS_BELOW_MINIMUM, OTHER_COUNTRY, PLAN_NOT_ACTIVE, ALREADY_ENROLLED…). Needs `benefits:read`; another client's engagement is a BAD_USER_INPUT error.",
  })
  eligibleBenefits(@Args(() => EligibleBenefitsArgs) args: EligibleBenefitsArgs, @Ctx() ctx: Context) {
    return new BenefitEnrollmentService(ctx).eligible(args);
  }

  @Mutation(() => EnrollInBenefitPayload, {
    description:
      "Enrolls an engagement in a plan from `effectiveFrom`; records `benefitEnrollment.created`. Refused with NOT_ELIGIBLE (the reason in the message), ENROLLMENT_OVERLAP (`conflictingId`), EFFECTIVE_DATE_OUTSIDE_PLAN_YEAR, ELECTION_REQUIRED or INVALID_CONTRIBUTION_RULE. Needs `benefits:write`.",
  })
  async enrollInBenefit(@Arg("input", () => EnrollInBenefitInput, { description: "The enrollment." }) input: EnrollInBenefitInput, @Ctx() ctx: Context) {
    return toPayload("benefitEnrollment", await new BenefitEnrollmentService(ctx).enroll(input));
  }

  @Mutation(() => ChangeBenefitElectionPayload, {
    description:
      "Changes an ACTIVE enrollment's election from `effectiveFrom`: the enrollment ends the day before (SUPERSEDED) and a new one starts, or on its first day it changes in place; records `benefitEnrollment.electionChanged` (and `benefitEnrollment.created` for the new one). Needs `benefits:write`.",
  })
  async changeBenefitElection(@Arg("input", () => ChangeBenefitElectionInput, { description: "The new election." }) input: ChangeBenefitElectionInput, @Ctx() ctx: Context) {
    return toPayloadFields(await new BenefitEnrollmentService(ctx).changeElection(input), { benefitEnrollment: null, previousEnrollment: null });
  }

  @Mutation(() => EndBenefitEnrollmentPayload, {
    description: "Ends an ACTIVE enrollment on `endDate` (its last day of coverage and deductions); records `benefitEnrollment.ended`. Needs `benefits:write`.",
  })
  async endBenefitEnrollment(@Arg("input", () => EndBenefitEnrollmentInput, { description: "The end." }) input: EndBenefitEnrollmentInput, @Ctx() ctx: Context) {
    return toPayload("benefitEnrollment", await new BenefitEnrollmentService(ctx).end(input));
  }

  @FieldResolver(() => BenefitPlan, { nullable: true, description: "The plan." })
  async plan(@Root() enrollment: BenefitEnrollment, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(benefitPlanById).load(enrollment.planDbId);
    return row && toBenefitPlan(row);
  }

  @FieldResolver(() => Engagement, { nullable: true, description: "The enrolled engagement. Needs `workers:read` (null with a FORBIDDEN error otherwise)." })
  async engagement(@Root() enrollment: BenefitEnrollment, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(engagementById).load(enrollment.engagementDbId);
    return row && toEngagement(row);
  }
}

/** The fields this module contributes to `Engagement`. */
@Resolver(() => Engagement)
export class EngagementBenefitsResolver {
  @FieldResolver(() => BenefitEnrollmentConnection, {
    nullable: true,
    description: "The engagement's benefit enrollments (every status), in creation order. Needs `benefits:read` (null with a FORBIDDEN error otherwise).",
  })
  benefitEnrollments(@Root() engagement: Engagement, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    return new BenefitEnrollmentService(ctx).ofEngagement(engagement.dbId, args);
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: 'Scheduled working hours per week (e.g. "37.50"); null when not stated (a SALARY engagement then counts as 40 for benefits eligibility).',
  })
  scheduledHoursPerWeek(@Root() engagement: Engagement) {
    const hundredths = engagement.row.scheduledHundredthsPerWeek;
    return hundredths === null ? null : formatWeeklyHundredths(hundredths);
  }
}
