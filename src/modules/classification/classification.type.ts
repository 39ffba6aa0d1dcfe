import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { toGlobalId } from "../../shared/global-id";
import { enumObject } from "../../shared/enum-object";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { Classification } from "../engagements/engagement.type";
import { type ActorKind, EventActor } from "../events/event.type";
import {
  CLASSIFICATION_ANSWERS,
  CLASSIFICATION_FINDINGS,
  CLASSIFICATION_OUTCOMES,
  CLASSIFICATION_TESTS,
  type ClassificationAnswerValue,
  type ClassificationFindingValue,
  type ClassificationOutcomeValue,
  type ClassificationQuestionSpec,
  type ClassificationTestName,
  type Questionnaire,
  type TestApplication,
} from "./classification.questionnaire";
import type { FactorFinding, TestVerdict } from "./classification.rules";
import type { classificationAssessments, engagementClassificationChanges } from "./classification.table";

export type ClassificationAssessmentRow = typeof classificationAssessments.$inferSelect;
export type ClassificationChangeRow = typeof engagementClassificationChanges.$inferSelect;

export const ClassificationOutcome = enumObject(CLASSIFICATION_OUTCOMES);
export type ClassificationOutcome = ClassificationOutcomeValue;
registerEnumType(ClassificationOutcome, {
  name: "ClassificationOutcome",
  description: "What a classification assessment concludes, the most protective verdict of the tests that govern the work jurisdiction.",
  valuesConfig: {
    EMPLOYEE: { description: "At least one governing test makes the worker an employee: hire with the employee classification (W-2, T4)." },
    CONTRACTOR: { description: "Every governing test points to an independent contractor: a contractor classification (1099, T4A) may be used with this assessment." },
    NEEDS_REVIEW: {
      description:
        "No test makes the worker an employee, but at least one cannot conclude (unsure answers, mixed facts, a claimed exemption): treat as an employee until the facts are reviewed.",
    },
  },
});

export const ClassificationTest = enumObject(CLASSIFICATION_TESTS);
export type ClassificationTest = ClassificationTestName;
registerEnumType(ClassificationTest, {
  name: "ClassificationTest",
  description: "A legal test of employee versus independent contractor. Sources: src/modules/classification/README.md.",
  valuesConfig: {
    IRS_COMMON_LAW: {
      description: "IRS common-law control test (behavioral control, financial control, relationship of the parties), IRS Pub 15-A (2026): US federal employment taxes.",
    },
    ABC_TEST: {
      description:
        "The ABC test of a state's wage or unemployment law: California Labor Code §2775 (AB 5), Massachusetts M.G.L. c.149 §148B, New Jersey N.J.S.A. 43:21-19(i)(6), Illinois 820 ILCS 405/212.",
    },
    CRA_TOTAL_RELATIONSHIP: {
      description:
        "CRA's total-relationship test (intention; control, tools and equipment, subcontracting, financial risk, investment and management, opportunity for profit; integration), guide RC4110, Wiebe Door (1986) and Sagaz (2001 SCC 59): Canada outside Quebec.",
    },
    QUEBEC_CIVIL_CODE: { description: "Civil Code of Québec, arts. 2085, 2098 and 2099 (relationship of subordination): contracts formed in Quebec." },
  },
});

export const ClassificationAnswer = enumObject(CLASSIFICATION_ANSWERS);
export type ClassificationAnswer = ClassificationAnswerValue;
registerEnumType(ClassificationAnswer, {
  name: "ClassificationAnswer",
  description: "An answer to a classification question.",
  valuesConfig: {
    YES: { description: "Yes: the factor points the way the question's `yesIndicates` says." },
    NO: { description: "No: the factor points the other way." },
    UNSURE: { description: "The facts are not known: the factor stays undetermined, which can only lead to NEEDS_REVIEW or EMPLOYEE, never CONTRACTOR on its own." },
  },
});

export const ClassificationFinding = enumObject(CLASSIFICATION_FINDINGS);
export type ClassificationFinding = ClassificationFindingValue;
registerEnumType(ClassificationFinding, {
  name: "ClassificationFinding",
  description: "What a factor's answer indicates.",
  valuesConfig: {
    EMPLOYEE: { description: "An indicator of employment." },
    CONTRACTOR: { description: "An indicator of an independent contractor." },
    UNDETERMINED: { description: "Unsure, or a gate that takes the question out of the test (a claimed California exemption)." },
    NEUTRAL: { description: "The answer points nowhere (e.g. no exemption claimed)." },
  },
});

@ObjectType("ClassificationQuestion", { description: "One question of the classification questionnaire: render it, and send its `id` back with an answer." })
export class ClassificationQuestion {
  @Field(() => String, { description: "Stable identifier to answer with (`ClassificationAnswerInput.questionId`)." })
  id!: string;

  @Field(() => String, { description: "The question, in English." })
  text!: string;

  @Field(() => ClassificationTest, { description: "The test this question feeds." })
  test!: ClassificationTest;

  @Field(() => String, { description: "The factor (or ABC prong) it feeds, e.g. `BEHAVIORAL_CONTROL.INSTRUCTIONS`, `PRONG_A.IN_FACT`." })
  factor!: string;

  @Field(() => ClassificationFinding, { description: "What a YES indicates (NO indicates the opposite); UNDETERMINED for a gate question." })
  yesIndicates!: ClassificationFinding;

  @Field(() => Int, { description: "Relative weight of the factor in its test (ABC prongs: 3, each decisive on its own)." })
  weight!: number;

  @Field(() => String, { description: "The source of the factor (publication, statute, case)." })
  source!: string;

  @MaxItems(3)
  @Field(() => [ClassificationAnswer], { description: "The answers it takes: YES, NO, UNSURE. At most 3." })
  allowedAnswers!: ClassificationAnswer[];
}

@ObjectType("ClassificationTestApplication", { description: "A test that governs a work jurisdiction, and for what." })
export class ClassificationTestApplication {
  @Field(() => ClassificationTest, { description: "The test." })
  test!: ClassificationTest;

  @Field(() => String, { description: "What it decides there (e.g. US federal employment taxes; California wage law and unemployment insurance)." })
  purpose!: string;

  @Field(() => String, { description: "Its source (publication, statute, case)." })
  source!: string;
}

@ObjectType("ClassificationQuestionnaire", {
  description: "The questionnaire of one version for one work jurisdiction: the tests that govern it and every question to answer (all of them, UNSURE when unknown).",
})
export class ClassificationQuestionnaire {
  @Field(() => String, { description: "Questionnaire version (`assessClassification(input.questionnaireVersion)`)." })
  version!: string;

  @Field(() => String, { description: "Work jurisdiction, ISO 3166-2." })
  jurisdiction!: string;

  @MaxItems(4)
  @Field(() => [ClassificationTestApplication], {
    description: "The tests that govern the jurisdiction; the assessment's outcome is the most protective of their verdicts. At most 4.",
  })
  tests!: ClassificationTestApplication[];

  @MaxItems(LIST_LIMITS.classificationQuestions)
  @Field(() => [ClassificationQuestion], { description: `The questions, in display order. At most ${LIST_LIMITS.classificationQuestions}.` })
  questions!: ClassificationQuestion[];

  @MaxItems(4)
  @Field(() => [String], { description: "What this version does not assess for the jurisdiction (e.g. a state's own test), said plainly. At most 4." })
  notAssessed!: string[];
}

@ObjectType("ClassificationFactor", { description: "One factor of an assessment: the answer given, its weight and what it indicates." })
export class ClassificationFactor {
  @Field(() => String, { description: "The question answered." })
  questionId!: string;

  @Field(() => ClassificationTest, { description: "The test the factor belongs to." })
  test!: ClassificationTest;

  @Field(() => String, { description: "The factor (or ABC prong), e.g. `FINANCIAL_CONTROL.PROFIT_OR_LOSS`." })
  factor!: string;

  @Field(() => ClassificationAnswer, { description: "The answer given." })
  answer!: ClassificationAnswer;

  @Field(() => Int, { description: "Weight of the factor in its test." })
  weight!: number;

  @Field(() => ClassificationFinding, { description: "What the answer indicates." })
  finding!: ClassificationFinding;
}

@ObjectType("ClassificationTestResult", { description: "One governing test's verdict in an assessment." })
export class ClassificationTestResult {
  @Field(() => ClassificationTest, { description: "The test." })
  test!: ClassificationTest;

  @Field(() => String, { description: "What it decides in the work jurisdiction." })
  purpose!: string;

  @Field(() => String, { description: "Its source." })
  source!: string;

  @Field(() => ClassificationOutcome, { description: "The test's verdict." })
  verdict!: ClassificationOutcome;

  @Field(() => String, { description: "Why: the weights or prongs that decided." })
  rationale!: string;
}

@ObjectType("ClassificationAssessment", {
  simpleResolvers: true,
  implements: Node,
  description:
    "A classification questionnaire answered by the client (or the EOR) for one engagement or a prospective one, evaluated under every test that governs the work jurisdiction. A CONTRACTOR outcome less than a year old lets `hireWorker` / `changeClassification` use a contractor classification there.",
})
export class ClassificationAssessment implements Node {
  id!: string;
  readonly nodeType = "ClassificationAssessment" as const;
  /** Database uuids; not fields. */
  dbId!: string;
  clientDbId!: string;
  engagementDbId!: string | null;

  @Field(() => ClassificationOutcome, { description: "The most protective verdict of the governing tests." })
  outcome!: ClassificationOutcome;

  @Field(() => Classification, { description: "The classification to use in the work country: the contractor one for CONTRACTOR, the employee one otherwise." })
  recommendedClassification!: Classification;

  @MaxItems(4)
  @Field(() => [ClassificationTestResult], { description: "Each governing test with its verdict. At most 4." })
  tests!: ClassificationTestResult[];

  @MaxItems(LIST_LIMITS.classificationQuestions)
  @Field(() => [ClassificationFactor], { description: `Every factor: answer, weight, finding. At most ${LIST_LIMITS.classificationQuestions}.` })
  factors!: ClassificationFactor[];

  @Field(() => String, { description: "Why the outcome: the conclusion, then each test's reasoning." })
  rationale!: string;

  @MaxItems(4)
  @Field(() => [String], { description: "What was not assessed for this jurisdiction (e.g. a state's own test). At most 4." })
  notAssessed!: string[];

  @Field(() => String, { description: "Work jurisdiction assessed, ISO 3166-2." })
  jurisdiction!: string;

  @Field(() => String, { description: "The role assessed (the engagement's title, or the prospective role)." })
  role!: string;

  @Field(() => String, { description: "Questionnaire version the answers were given under." })
  questionnaireVersion!: string;

  @Field(() => DateTimeScalar, { description: "When it was assessed." })
  assessedAt!: Date;

  @Field(() => DateScalar, { description: "Last day a hire or a classification change may rely on it (a year after `assessedAt`, UTC)." })
  validThrough!: string;

  @Field(() => EventActor, { description: "Who answered: the caller's kind and subject." })
  assessedBy!: EventActor;
}

export const ClassificationAssessmentConnection = ConnectionType(ClassificationAssessment, "ClassificationAssessment", "classification assessments");

@ObjectType("EngagementClassificationChange", {
  description: "One classification of an engagement's history: at hire (`fromClassification` null) or by `changeClassification`, with what allowed it.",
})
export class EngagementClassificationChange {
  /** Database uuids; not fields. */
  dbId!: string;
  engagementDbId!: string;
  assessmentDbId!: string | null;

  @Field(() => Classification, { nullable: true, description: "The classification before; null for the hire." })
  fromClassification!: Classification | null;

  @Field(() => Classification, { description: "The classification from `effectiveFrom`." })
  toClassification!: Classification;

  @Field(() => DateScalar, { description: "First day of the new classification." })
  effectiveFrom!: string;

  @Field(() => String, { nullable: true, description: "The OPERATOR's reason when a contractor classification was allowed without a CONTRACTOR assessment." })
  overrideReason!: string | null;

  @Field(() => EventActor, { description: "Who made the change." })
  changedBy!: EventActor;

  @Field(() => DateTimeScalar, { description: "When it was recorded." })
  changedAt!: Date;
}

/** A year after the assessment's UTC day, minus a day: valid on `validThrough`, refused the day after. */
export function validThroughOf(assessedAt: Date): string {
  const d = new Date(assessedAt.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function toClassificationAssessment(row: ClassificationAssessmentRow): ClassificationAssessment {
  const assessment = new ClassificationAssessment();
  assessment.id = toGlobalId("ClassificationAssessment", row.id);
  assessment.dbId = row.id;
  assessment.clientDbId = row.clientId;
  assessment.engagementDbId = row.engagementId;
  assessment.outcome = row.outcome;
  assessment.recommendedClassification = row.recommendedClassification;
  assessment.tests = (row.tests as TestVerdict[]).map((t) => Object.assign(new ClassificationTestResult(), t));
  assessment.factors = (row.factors as FactorFinding[]).map((f) => Object.assign(new ClassificationFactor(), f));
  assessment.rationale = row.rationale;
  assessment.notAssessed = row.notAssessed as string[];
  assessment.jurisdiction = row.workJurisdiction;
  assessment.role = row.role;
  assessment.questionnaireVersion = row.questionnaireVersion;
  assessment.assessedAt = row.assessedAt;
  assessment.validThrough = validThroughOf(row.assessedAt);
  assessment.assessedBy = Object.assign(new EventActor(), { kind: row.assessedByKind as ActorKind, id: row.assessedById });
  return assessment;
}

export function toClassificationChange(row: ClassificationChangeRow): EngagementClassificationChange {
  return Object.assign(new EngagementClassificationChange(), {
    dbId: row.id,
    engagementDbId: row.engagementId,
    assessmentDbId: row.assessmentId,
    fromClassification: row.fromClassification,
    toClassification: row.toClassification,
    effectiveFrom: row.effectiveFrom,
    overrideReason: row.overrideReason,
    changedBy: Object.assign(new EventActor(), { kind: row.changedByKind as ActorKind, id: row.changedById }),
    changedAt: row.createdAt,
  });
}

export function toQuestionnaire(q: Questionnaire): ClassificationQuestionnaire {
  return Object.assign(new ClassificationQuestionnaire(), {
    version: q.version,
    jurisdiction: q.jurisdiction,
    tests: q.tests.map((t: TestApplication) => Object.assign(new ClassificationTestApplication(), { test: t.test, purpose: t.purpose, source: t.source })),
    questions: q.questions.map((s: ClassificationQuestionSpec) =>
      Object.assign(new ClassificationQuestion(), {
        id: s.id,
        text: s.text,
        test: s.test,
        factor: s.factor,
        yesIndicates: s.yesIndicates,
        weight: s.weight,
        source: s.source,
        allowedAnswers: [...CLASSIFICATION_ANSWERS],
      }),
    ),
    notAssessed: q.notAssessed,
  });
}
