import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { ConnectionArgs } from "../../shared/pagination";
import { DateScalar } from "../../shared/scalars";
import { Classification } from "../engagements/engagement.type";
import { ClassificationAnswer } from "./classification.type";

@InputType({ description: "One answer of a classification questionnaire." })
export class ClassificationAnswerInput {
  @Field(() => String, { description: "The question (`ClassificationQuestion.id`)." })
  questionId!: string;

  @Field(() => ClassificationAnswer, { description: "YES, NO, or UNSURE when the facts are not known." })
  answer!: ClassificationAnswer;
}

@InputType({
  description:
    "A classification questionnaire answered for one engagement (`engagementId`) or a prospective one (`clientId` + `workJurisdiction` + `role`). Every question of the jurisdiction's questionnaire must be answered once.",
})
export class AssessClassificationInput {
  @Field(() => ID, { nullable: true, description: "The engagement assessed (global ID). Its client, work jurisdiction and title are used; omit `clientId` and `role`." })
  engagementId?: string | null;

  @Field(() => ID, { nullable: true, description: "A prospective engagement's client (global ID), without `engagementId`." })
  clientId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Work jurisdiction (ISO 3166-2, e.g. `US-CA`): required for a prospective engagement; with `engagementId`, it must be the engagement's if given.",
  })
  workJurisdiction?: string | null;

  @Field(() => String, { nullable: true, description: "The role (job title) of a prospective engagement, 1-200 characters; with `engagementId` the engagement's title is used." })
  role?: string | null;

  @Field(() => String, { nullable: true, description: "Questionnaire version the answers follow (`classificationQuestionnaire.version`). Default: the current one." })
  questionnaireVersion?: string | null;

  @Field(() => [ClassificationAnswerInput], { description: "One answer per question (at most 40)." })
  answers!: ClassificationAnswerInput[];
}

@InputType({ description: "Changes an engagement's classification, recorded in its history." })
export class ChangeClassificationInput {
  @Field(() => ID, { description: "The engagement (global ID); must not have ended." })
  engagementId!: string;

  @Field(() => Classification, {
    description: "The new classification, in the work country; a contractor one needs EOR and the classification rule (see `classificationAssessmentId`).",
  })
  classification!: Classification;

  @Field(() => ID, {
    nullable: true,
    description:
      "For a contractor classification: a CONTRACTOR assessment of this engagement (or an unlinked prospective one of the client, which gets linked), for its work jurisdiction, less than a year old.",
  })
  classificationAssessmentId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "OPERATOR only: why a contractor classification is allowed without a CONTRACTOR assessment (1-500 characters); records an event.",
  })
  overrideReason?: string | null;

  @Field(() => DateScalar, {
    description:
      "First day of the new classification: within the engagement's dates, not before the last change's, and not after today (or the start date of an engagement not yet started).",
  })
  effectiveFrom!: string;

  @Field(() => Int, { nullable: true, description: "The engagement's `version` the caller last read; a different current version is a `STALE_VERSION` userError." })
  expectedVersion?: number | null;
}

@ArgsType()
export class ClassificationAssessmentsArgs extends ConnectionArgs {
  @Field(() => ID, { description: "The client (global ID)." })
  clientId!: string;
}
