import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { ConnectionArgs } from "../../shared/pagination";
import { toPayload, toPayloadFields } from "../../shared/command-result";
import { Engagement, toEngagement } from "../engagements/engagement.type";
import { engagementById } from "../engagements/engagement.loaders";
import { classificationAssessmentById } from "./classification.loaders";
import { AssessClassificationInput, ChangeClassificationInput, ClassificationAssessmentsArgs } from "./classification.input";
import { AssessClassificationPayload, ChangeClassificationPayload } from "./classification.payload";
import { ClassificationService } from "./classification.service";
import { ClassificationChangeService } from "./classification-change.service";
import {
  ClassificationAssessment,
  ClassificationAssessmentConnection,
  ClassificationQuestionnaire,
  EngagementClassificationChange,
  toClassificationAssessment,
} from "./classification.type";

@Resolver(() => ClassificationAssessment)
export class ClassificationAssessmentResolver {
  @Query(() => ClassificationQuestionnaire, {
    description:
      "The classification questionnaire for a work jurisdiction: the tests that govern it and every question, to render and answer with `assessClassification`. Reference data: any authenticated caller. An unsupported jurisdiction or version is a BAD_USER_INPUT error.",
  })
  classificationQuestionnaire(
    @Arg("workJurisdiction", () => String, { description: "Work jurisdiction, ISO 3166-2 (e.g. `US-CA`, `CA-QC`)." }) workJurisdiction: string,
    @Arg("version", () => String, { nullable: true, description: "Questionnaire version; default: the current one." }) version: string | null | undefined,
    @Ctx() ctx: Context,
  ) {
    return new ClassificationService(ctx).questionnaire(workJurisdiction, version);
  }

  @Query(() => ClassificationAssessmentConnection, {
    description: "A client's classification assessments, prospective and linked, in creation order. Needs `classification:read`.",
  })
  classificationAssessments(@Args(() => ClassificationAssessmentsArgs) args: ClassificationAssessmentsArgs, @Ctx() ctx: Context) {
    return new ClassificationService(ctx).listOfClient(args);
  }

  @Mutation(() => AssessClassificationPayload, {
    description:
      "Answers the classification questionnaire for an engagement or a prospective one and evaluates it under every test of the work jurisdiction (the most protective verdict wins); stores the assessment and records a `classificationAssessment.created` event. Needs `classification:write`, as a CLIENT or an OPERATOR (a PARTNER token is FORBIDDEN: the client answers). Missing, unknown or duplicate answers are `INVALID_INPUT` userErrors at their path.",
  })
  async assessClassification(@Arg("input", () => AssessClassificationInput, { description: "The answers." }) input: AssessClassificationInput, @Ctx() ctx: Context) {
    return toPayload("classificationAssessment", await new ClassificationService(ctx).assess(input));
  }

  @Mutation(() => ChangeClassificationPayload, {
    description:
      "Changes an engagement's classification and records it in `Engagement.classificationHistory`. To a contractor classification it needs a CONTRACTOR assessment less than a year old (`CLASSIFICATION_ASSESSMENT_REQUIRED`, `MISCLASSIFICATION_RISK`) or an OPERATOR's `overrideReason`. Records `engagement.classificationChanged` (and `engagement.classificationOverridden`). Needs `workers:write`.",
  })
  async changeClassification(@Arg("input", () => ChangeClassificationInput, { description: "The change." }) input: ChangeClassificationInput, @Ctx() ctx: Context) {
    return toPayloadFields(await new ClassificationChangeService(ctx).change(input), { engagement: null, classificationChange: null });
  }

  @FieldResolver(() => Engagement, {
    nullable: true,
    description: "The engagement assessed (or linked by the hire or change that used the assessment); null for a prospective one. Needs `workers:read`.",
  })
  async engagement(@Root() assessment: ClassificationAssessment, @Ctx() ctx: Context) {
    if (assessment.engagementDbId === null) return null;
    const row = await ctx.loaders.get(engagementById).load(assessment.engagementDbId);
    return row && toEngagement(row);
  }
}

@Resolver(() => EngagementClassificationChange)
export class EngagementClassificationChangeResolver {
  @FieldResolver(() => ClassificationAssessment, {
    nullable: true,
    description: "The assessment that allowed the classification, if one was given. Needs `classification:read` (null with a FORBIDDEN error otherwise).",
  })
  async assessment(@Root() change: EngagementClassificationChange, @Ctx() ctx: Context) {
    if (change.assessmentDbId === null) return null;
    const row = await ctx.loaders.get(classificationAssessmentById).load(change.assessmentDbId);
    return row && toClassificationAssessment(row);
  }
}

/** The classification module's fields on `Engagement`. */
@Resolver(() => Engagement)
export class EngagementClassificationResolver {
  @FieldResolver(() => ClassificationAssessmentConnection, {
    nullable: true,
    description: "The engagement's classification assessments, oldest first (Relay connection). Needs `classification:read` (null with a FORBIDDEN error otherwise).",
  })
  classificationAssessments(@Root() engagement: Engagement, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    return new ClassificationService(ctx).listOfEngagement(engagement, args);
  }

  @MaxItems(LIST_LIMITS.classificationChangesPerEngagement)
  @FieldResolver(() => [EngagementClassificationChange], {
    description: `Every classification of the engagement, the hire's first, oldest first. At most ${LIST_LIMITS.classificationChangesPerEngagement}. Engagements hired before this history existed start at their first change.`,
  })
  classificationHistory(@Root() engagement: Engagement, @Ctx() ctx: Context) {
    return new ClassificationService(ctx).historyOf(engagement);
  }
}
