/**
 * The classification rules: ONE pure function, `evaluateClassification`, from a work jurisdiction, the answers and
 * the questionnaire version to an outcome with each factor's finding and each test's verdict. No clock, no
 * database: tested factor by factor in test/unit/classification-rules.test.ts. Sources: README.md beside this file.
 */
import { countryOf } from "../../shared/jurisdiction";
import type { Classification } from "../../shared/classification";
import {
  questionnaireFor,
  type AbcProngB,
  type ClassificationAnswerValue,
  type ClassificationFindingValue,
  type ClassificationOutcomeValue,
  type ClassificationQuestionSpec,
  type ClassificationTestName,
  type TestApplication,
} from "./classification.questionnaire";

export interface AnswerInput {
  questionId: string;
  answer: ClassificationAnswerValue;
}

export interface FactorFinding {
  questionId: string;
  test: ClassificationTestName;
  factor: string;
  answer: ClassificationAnswerValue;
  weight: number;
  finding: ClassificationFindingValue;
}

export interface TestVerdict {
  test: ClassificationTestName;
  purpose: string;
  source: string;
  verdict: ClassificationOutcomeValue;
  rationale: string;
}

export interface ClassificationEvaluation {
  outcome: ClassificationOutcomeValue;
  recommendedClassification: Classification;
  tests: TestVerdict[];
  factors: FactorFinding[];
  rationale: string;
  notAssessed: string[];
}

/** A problem with the answers, at `["answers", index?, "questionId"]` (index absent: a missing answer). */
export interface AnswerProblem {
  field: string[];
  message: string;
}

/**
 * Every problem of an answer list for the jurisdiction's questionnaire: an unknown question (or one this
 * jurisdiction does not ask), a question answered twice, a question left unanswered. Empty when the list is usable.
 */
export function answerProblems(jurisdiction: string, version: string, answers: readonly AnswerInput[]): AnswerProblem[] {
  const questionnaire = questionnaireFor(jurisdiction, version);
  if (questionnaire === null) return [{ field: ["questionnaireVersion"], message: `No questionnaire ${version} for ${jurisdiction}` }];
  const asked = new Set(questionnaire.questions.map((q) => q.id));
  const seen = new Map<string, number>();
  const problems: AnswerProblem[] = [];
  answers.forEach((a, i) => {
    const at = ["answers", String(i), "questionId"];
    if (!asked.has(a.questionId)) {
      problems.push({ field: at, message: `"${a.questionId.slice(0, 60)}" is not a question of questionnaire ${version} for ${jurisdiction}` });
    } else if (seen.has(a.questionId)) {
      problems.push({ field: at, message: `${a.questionId} is already answered by answers[${seen.get(a.questionId)}]: answer each question once` });
    } else seen.set(a.questionId, i);
  });
  const missing = questionnaire.questions.filter((q) => !seen.has(q.id)).map((q) => q.id);
  if (missing.length > 0) problems.push({ field: ["answers"], message: `Unanswered: ${missing.join(", ")} (answer UNSURE when the facts are not known)` });
  return problems;
}

/** What one answer says about its factor: the question's YES finding, its opposite for NO, UNDETERMINED for UNSURE. */
export function findingOf(question: Pick<ClassificationQuestionSpec, "yesIndicates">, answer: ClassificationAnswerValue): ClassificationFindingValue {
  if (answer === "UNSURE") return "UNDETERMINED";
  if (question.yesIndicates === "UNDETERMINED") return answer === "YES" ? "UNDETERMINED" : "NEUTRAL";
  if (answer === "YES") return question.yesIndicates;
  return question.yesIndicates === "EMPLOYEE" ? "CONTRACTOR" : "EMPLOYEE";
}

interface Weights {
  employee: number;
  contractor: number;
  unsure: number;
}

function weigh(factors: readonly FactorFinding[]): Weights {
  const w = { employee: 0, contractor: 0, unsure: 0 };
  for (const f of factors) {
    if (f.finding === "EMPLOYEE") w.employee += f.weight;
    else if (f.finding === "CONTRACTOR") w.contractor += f.weight;
    else if (f.finding === "UNDETERMINED") w.unsure += f.weight;
  }
  return w;
}

const describe = (w: Weights) => `employee indicators weigh ${w.employee}, contractor indicators ${w.contractor}, unsure ${w.unsure}`;

/**
 * A weighed multi-factor test (IRS common law, CRA total relationship): EMPLOYEE when the employee indicators
 * outweigh everything else even if every unsure answer went the other way; CONTRACTOR only when the contractor
 * indicators do, and the core control factor (`core`: behavioral control; CRA's level of control) itself points to
 * independence; NEEDS_REVIEW otherwise (close or mixed facts: IRS Form SS-8, a CRA ruling).
 */
export function weighedVerdict(
  factors: readonly FactorFinding[],
  core: (f: FactorFinding) => boolean,
  coreName: string,
): { verdict: ClassificationOutcomeValue; rationale: string } {
  const all = weigh(factors);
  const control = weigh(factors.filter(core));
  if (all.employee > all.contractor + all.unsure) return { verdict: "EMPLOYEE", rationale: `The employee indicators prevail: ${describe(all)}.` };
  if (all.contractor > all.employee + all.unsure) {
    if (control.contractor > control.employee + control.unsure)
      return { verdict: "CONTRACTOR", rationale: `The contractor indicators prevail, ${coreName} included: ${describe(all)}.` };
    return {
      verdict: "NEEDS_REVIEW",
      rationale: `The contractor indicators prevail overall (${describe(all)}) but ${coreName} does not point to independence (${describe(control)}).`,
    };
  }
  return { verdict: "NEEDS_REVIEW", rationale: `The indicators do not clearly point either way: ${describe(all)}.` };
}

type Prong = "HOLDS" | "FAILS" | "UNKNOWN";

/** A prong that needs every answer to hold: FAILS on any contractor-negative answer, UNKNOWN on an unsure one. */
function allHold(factors: readonly FactorFinding[]): Prong {
  if (factors.some((f) => f.finding === "EMPLOYEE")) return "FAILS";
  if (factors.length > 0 && factors.every((f) => f.finding === "CONTRACTOR")) return "HOLDS";
  return "UNKNOWN";
}

/** A prong satisfied by any of its alternatives. */
function anyHolds(factors: readonly FactorFinding[]): Prong {
  if (factors.some((f) => f.finding === "CONTRACTOR")) return "HOLDS";
  if (factors.length > 0 && factors.every((f) => f.finding === "EMPLOYEE")) return "FAILS";
  return "UNKNOWN";
}

/**
 * The ABC test: a contractor only when prongs A, B and C all hold; a prong that fails makes the worker an employee
 * (the statutes presume employment). Prong B is "outside the usual course of business" (California, Massachusetts),
 * or that or "outside all the places of business" (New Jersey, Illinois). A claimed California exemption
 * (§§2776–2784) takes the engagement out of the ABC test: NEEDS_REVIEW (Borello).
 */
export function abcVerdict(factors: readonly FactorFinding[], prongB: AbcProngB): { verdict: ClassificationOutcomeValue; rationale: string } {
  const exemption = factors.find((f) => f.factor === "EXEMPTION");
  const prongA = allHold(factors.filter((f) => f.factor.startsWith("PRONG_A.")));
  const bFactors = factors.filter((f) => f.factor.startsWith("PRONG_B."));
  const prongBResult = prongB === "USUAL_COURSE" ? allHold(bFactors.filter((f) => f.factor === "PRONG_B.USUAL_COURSE")) : anyHolds(bFactors);
  const prongC = allHold(factors.filter((f) => f.factor.startsWith("PRONG_C.")));
  const prongs = `prong A ${prongA}, prong B ${prongBResult}, prong C ${prongC}`;
  if ([prongA, prongBResult, prongC].includes("FAILS")) return { verdict: "EMPLOYEE", rationale: `A prong fails, so the worker is presumed an employee (${prongs}).` };
  if (exemption && exemption.finding !== "NEUTRAL") {
    return { verdict: "NEEDS_REVIEW", rationale: `An exemption of Labor Code §§2776–2784 is claimed or unsure: the Borello test decides, outside this questionnaire (${prongs}).` };
  }
  if (prongA === "HOLDS" && prongBResult === "HOLDS" && prongC === "HOLDS") return { verdict: "CONTRACTOR", rationale: `Every prong holds (${prongs}).` };
  return { verdict: "NEEDS_REVIEW", rationale: `A prong is not established (${prongs}).` };
}

/**
 * The Civil Code of Québec: a relationship of subordination (direction or control, art. 2085; no free choice of
 * means, art. 2099) makes a contract of employment. A contract for services needs both the absence of direction
 * and the free choice of means; any other indicator of subordination, or an unsure answer, is NEEDS_REVIEW.
 */
export function quebecVerdict(factors: readonly FactorFinding[]): { verdict: ClassificationOutcomeValue; rationale: string } {
  const direction = factors.find((f) => f.factor === "SUBORDINATION.DIRECTION_OR_CONTROL");
  const means = factors.find((f) => f.factor === "SUBORDINATION.FREE_CHOICE_OF_MEANS");
  const decisive = [direction, means].filter((f): f is FactorFinding => f !== undefined);
  if (decisive.some((f) => f.finding === "EMPLOYEE")) {
    return {
      verdict: "EMPLOYEE",
      rationale: "A relationship of subordination: the client directs or controls the work, or the worker may not choose the means (arts. 2085, 2099 C.c.Q.).",
    };
  }
  if (decisive.length < 2 || decisive.some((f) => f.finding !== "CONTRACTOR")) {
    return { verdict: "NEEDS_REVIEW", rationale: "Whether a relationship of subordination exists is not established (direction or control, free choice of means)." };
  }
  const rest = weigh(factors.filter((f) => !decisive.includes(f)));
  if (rest.employee > 0 || rest.unsure > 0) {
    return { verdict: "NEEDS_REVIEW", rationale: `No direction and a free choice of means, but other indicators point to subordination or are unsure (${describe(rest)}).` };
  }
  return {
    verdict: "CONTRACTOR",
    rationale:
      "No relationship of subordination: no direction or control, free choice of means, and every other indicator points to a contract for services (arts. 2098, 2099 C.c.Q.).",
  };
}

function verdictOf(application: TestApplication, factors: readonly FactorFinding[]) {
  switch (application.test) {
    case "IRS_COMMON_LAW":
      return weighedVerdict(factors, (f) => f.factor.startsWith("BEHAVIORAL_CONTROL."), "behavioral control");
    case "CRA_TOTAL_RELATIONSHIP":
      return weighedVerdict(factors, (f) => f.factor === "CONTROL", "the level of control");
    case "ABC_TEST":
      return abcVerdict(factors, application.prongB ?? "USUAL_COURSE");
    case "QUEBEC_CIVIL_CODE":
      return quebecVerdict(factors);
  }
}

/** The most protective of several verdicts: any EMPLOYEE wins, then NEEDS_REVIEW, CONTRACTOR only when all agree. */
export function mostProtective(verdicts: readonly ClassificationOutcomeValue[]): ClassificationOutcomeValue {
  if (verdicts.includes("EMPLOYEE")) return "EMPLOYEE";
  if (verdicts.length === 0 || verdicts.includes("NEEDS_REVIEW")) return "NEEDS_REVIEW";
  return "CONTRACTOR";
}

/** CONTRACTOR → the country's contractor classification; EMPLOYEE and NEEDS_REVIEW → its employee one. */
export function recommendedClassificationOf(jurisdiction: string, outcome: ClassificationOutcomeValue): Classification {
  const us = countryOf(jurisdiction) === "US";
  if (outcome === "CONTRACTOR") return us ? "US_1099_CONTRACTOR" : "CA_T4A_CONTRACTOR";
  return us ? "US_W2_EMPLOYEE" : "CA_T4_EMPLOYEE";
}

/**
 * Evaluates answers (already checked with `answerProblems`) under every test governing the jurisdiction. Throws on
 * an unknown version or jurisdiction or an unusable answer list: the caller validates first.
 */
export function evaluateClassification(jurisdiction: string, answers: readonly AnswerInput[], version: string): ClassificationEvaluation {
  const questionnaire = questionnaireFor(jurisdiction, version);
  if (questionnaire === null) throw new Error(`No questionnaire ${version} for ${jurisdiction}`);
  const problems = answerProblems(jurisdiction, version, answers);
  if (problems.length > 0) throw new Error(`Unusable answers: ${problems.map((p) => p.message).join("; ")}`);
  const byId = new Map(answers.map((a) => [a.questionId, a.answer]));
  const factors: FactorFinding[] = questionnaire.questions.map((q) => {
    const answer = byId.get(q.id)!;
    return { questionId: q.id, test: q.test, factor: q.factor, answer, weight: q.weight, finding: findingOf(q, answer) };
  });
  const tests: TestVerdict[] = questionnaire.tests.map((application) => {
    const { verdict, rationale } = verdictOf(
      application,
      factors.filter((f) => f.test === application.test),
    );
    return { test: application.test, purpose: application.purpose, source: application.source, verdict, rationale };
  });
  const outcome = mostProtective(tests.map((t) => t.verdict));
  const summary = tests.map((t) => `${t.test} (${t.purpose}): ${t.verdict}. ${t.rationale}`).join(" ");
  const conclusion =
    outcome === "CONTRACTOR"
      ? "Every governing test points to an independent contractor."
      : outcome === "EMPLOYEE"
        ? "At least one governing test makes the worker an employee; the most protective result applies."
        : "No test makes the worker an employee, but at least one cannot conclude: treat as an employee until reviewed (IRS Form SS-8; a CRA/Revenu Québec ruling).";
  return {
    outcome,
    recommendedClassification: recommendedClassificationOf(jurisdiction, outcome),
    tests,
    factors,
    rationale: `${conclusion} ${summary}`,
    notAssessed: questionnaire.notAssessed,
  };
}
