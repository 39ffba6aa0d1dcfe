/**
 * The classification questionnaire as data: which tests govern each work jurisdiction, and the questions that feed
 * each test's factors. Versioned: an assessment stores the version it was answered under, and a new version is a new
 * entry of QUESTIONNAIRES (never an edit of a published one). Sources: src/modules/classification/README.md.
 */
import { countryOf, isSubdivision } from "../../shared/jurisdiction";

export const CLASSIFICATION_TESTS = ["IRS_COMMON_LAW", "ABC_TEST", "CRA_TOTAL_RELATIONSHIP", "QUEBEC_CIVIL_CODE"] as const;
export type ClassificationTestName = (typeof CLASSIFICATION_TESTS)[number];

/** The answers a question takes. UNSURE is a real answer: it leaves the factor undetermined (→ NEEDS_REVIEW). */
export const CLASSIFICATION_ANSWERS = ["YES", "NO", "UNSURE"] as const;
export type ClassificationAnswerValue = (typeof CLASSIFICATION_ANSWERS)[number];

/** What a factor (or a test) points to. NEUTRAL: the answer points nowhere (e.g. no exemption claimed). */
export const CLASSIFICATION_FINDINGS = ["EMPLOYEE", "CONTRACTOR", "UNDETERMINED", "NEUTRAL"] as const;
export type ClassificationFindingValue = (typeof CLASSIFICATION_FINDINGS)[number];

export { CLASSIFICATION_OUTCOMES, type ClassificationOutcomeValue } from "../../shared/classification";

/** Prong B of an ABC test: "outside the usual course of business" only, or that OR "outside all places of business". */
export type AbcProngB = "USUAL_COURSE" | "USUAL_COURSE_OR_PLACES";

export interface ClassificationQuestionSpec {
  /** Stable id, unique across versions for the same meaning. */
  id: string;
  text: string;
  test: ClassificationTestName;
  /** The factor (or ABC prong) it feeds, e.g. `BEHAVIORAL_CONTROL.INSTRUCTIONS`, `PRONG_A`. */
  factor: string;
  /** What a YES answer indicates; NO indicates the opposite (EMPLOYEE ↔ CONTRACTOR); UNDETERMINED for a gate question. */
  yesIndicates: "EMPLOYEE" | "CONTRACTOR" | "UNDETERMINED";
  /** Relative weight in a weighed test (IRS, CRA, Quebec); an ABC prong is decisive on its own (weight 3). */
  weight: number;
  /** Where the factor comes from. */
  source: string;
  /** Only these jurisdictions ask it (default: every jurisdiction whose tests include `test`). */
  only?: readonly string[];
}

/** One test applied to a jurisdiction, for one purpose. */
export interface TestApplication {
  test: ClassificationTestName;
  purpose: string;
  source: string;
  /** ABC tests: prong B's form. */
  prongB?: AbcProngB;
}

const PUB_15A = 'IRS Publication 15-A (2026), Employer\'s Supplemental Tax Guide, section 2 "Employee or Independent Contractor?", Common-Law Rules';
const RC4110 =
  "CRA guide RC4110, Employee or Self-employed?; Wiebe Door Services Ltd. v. M.N.R., [1986] 3 F.C. 553 (FCA); 671122 Ontario Ltd. v. Sagaz Industries Canada Inc., 2001 SCC 59";
const CCQ = 'Civil Code of Québec, arts. 2085, 2098 and 2099; CRA "Contract formed in Quebec" (RC4110)';

/** The questions of version 2026-1, in the order an integrator renders them (by test, then factor). */
const QUESTIONS_2026_1: readonly ClassificationQuestionSpec[] = [
  // IRS common-law control test (federal employment taxes).
  {
    id: "IRS_INSTRUCTIONS",
    text: "Does the client instruct the worker on when, where and how to do the work (hours, place, sequence, methods, tools)?",
    test: "IRS_COMMON_LAW",
    factor: "BEHAVIORAL_CONTROL.INSTRUCTIONS",
    yesIndicates: "EMPLOYEE",
    weight: 3,
    source: `${PUB_15A}: behavioral control (instructions)`,
  },
  {
    id: "IRS_TRAINING",
    text: "Does the client train the worker in its own methods or procedures?",
    test: "IRS_COMMON_LAW",
    factor: "BEHAVIORAL_CONTROL.TRAINING",
    yesIndicates: "EMPLOYEE",
    weight: 2,
    source: `${PUB_15A}: behavioral control (training)`,
  },
  {
    id: "IRS_EVALUATION",
    text: "Does the client evaluate how the work is performed (its methods), not only the result?",
    test: "IRS_COMMON_LAW",
    factor: "BEHAVIORAL_CONTROL.EVALUATION",
    yesIndicates: "EMPLOYEE",
    weight: 1,
    source: `${PUB_15A}: behavioral control; IRS Publication 1779`,
  },
  {
    id: "IRS_SIGNIFICANT_INVESTMENT",
    text: "Has the worker made a significant investment in the equipment or facilities used for the work?",
    test: "IRS_COMMON_LAW",
    factor: "FINANCIAL_CONTROL.INVESTMENT",
    yesIndicates: "CONTRACTOR",
    weight: 2,
    source: `${PUB_15A}: financial control (investment in facilities or tools)`,
  },
  {
    id: "IRS_UNREIMBURSED_EXPENSES",
    text: "Does the worker bear business expenses that the client does not reimburse?",
    test: "IRS_COMMON_LAW",
    factor: "FINANCIAL_CONTROL.UNREIMBURSED_EXPENSES",
    yesIndicates: "CONTRACTOR",
    weight: 1,
    source: `${PUB_15A}: financial control (unreimbursed business expenses)`,
  },
  {
    id: "IRS_PROFIT_OR_LOSS",
    text: "Can the worker realize a profit or incur a loss on the work?",
    test: "IRS_COMMON_LAW",
    factor: "FINANCIAL_CONTROL.PROFIT_OR_LOSS",
    yesIndicates: "CONTRACTOR",
    weight: 2,
    source: `${PUB_15A}: financial control (opportunity for profit or loss)`,
  },
  {
    id: "IRS_SERVICES_TO_MARKET",
    text: "Does the worker offer the same services to other businesses or the public?",
    test: "IRS_COMMON_LAW",
    factor: "FINANCIAL_CONTROL.SERVICES_AVAILABLE_TO_MARKET",
    yesIndicates: "CONTRACTOR",
    weight: 2,
    source: `${PUB_15A}: financial control (services available to the market)`,
  },
  {
    id: "IRS_FLAT_FEE",
    text: "Is the worker paid a flat fee per job or deliverable, rather than by the hour, week or month?",
    test: "IRS_COMMON_LAW",
    factor: "FINANCIAL_CONTROL.METHOD_OF_PAYMENT",
    yesIndicates: "CONTRACTOR",
    weight: 1,
    source: `${PUB_15A}: financial control (method of payment)`,
  },
  {
    id: "IRS_WRITTEN_CONTRACT",
    text: "Does a written contract say that the worker is an independent contractor?",
    test: "IRS_COMMON_LAW",
    factor: "RELATIONSHIP.WRITTEN_CONTRACT",
    yesIndicates: "CONTRACTOR",
    weight: 1,
    source: `${PUB_15A}: relationship of the parties (written contracts; not sufficient on their own)`,
  },
  {
    id: "IRS_EMPLOYEE_BENEFITS",
    text: "Does the client provide employee-type benefits (insurance, pension plan, paid vacation or sick leave)?",
    test: "IRS_COMMON_LAW",
    factor: "RELATIONSHIP.EMPLOYEE_BENEFITS",
    yesIndicates: "EMPLOYEE",
    weight: 2,
    source: `${PUB_15A}: relationship of the parties (employee benefits)`,
  },
  {
    id: "IRS_PERMANENCY",
    text: "Is the relationship expected to continue indefinitely, rather than for a specific project or period?",
    test: "IRS_COMMON_LAW",
    factor: "RELATIONSHIP.PERMANENCY",
    yesIndicates: "EMPLOYEE",
    weight: 2,
    source: `${PUB_15A}: relationship of the parties (permanency)`,
  },
  {
    id: "IRS_KEY_ACTIVITY",
    text: "Are the services a key aspect of the client's regular business?",
    test: "IRS_COMMON_LAW",
    factor: "RELATIONSHIP.KEY_ACTIVITY",
    yesIndicates: "EMPLOYEE",
    weight: 2,
    source: `${PUB_15A}: relationship of the parties (services that are a key activity of the business)`,
  },

  // ABC test (California, Massachusetts, New Jersey, Illinois): every prong must hold for a contractor.
  {
    id: "ABC_A_FREE_FROM_CONTROL_CONTRACT",
    text: "Under the contract, is the worker free from the client's control and direction in performing the work?",
    test: "ABC_TEST",
    factor: "PRONG_A.UNDER_CONTRACT",
    yesIndicates: "CONTRACTOR",
    weight: 3,
    source: "Prong A: Cal. Lab. Code §2775(b)(1)(A); M.G.L. c.149 §148B(a)(1); N.J.S.A. 43:21-19(i)(6)(A); 820 ILCS 405/212(A)",
  },
  {
    id: "ABC_A_FREE_FROM_CONTROL_IN_FACT",
    text: "In fact, is the worker free from the client's control and direction in performing the work?",
    test: "ABC_TEST",
    factor: "PRONG_A.IN_FACT",
    yesIndicates: "CONTRACTOR",
    weight: 3,
    source: 'Prong A ("both under the contract … and in fact"): Cal. Lab. Code §2775(b)(1)(A); M.G.L. c.149 §148B(a)(1); N.J.S.A. 43:21-19(i)(6)(A); 820 ILCS 405/212(A)',
  },
  {
    id: "ABC_B_OUTSIDE_USUAL_COURSE",
    text: "Is the work outside the usual course of the client's business?",
    test: "ABC_TEST",
    factor: "PRONG_B.USUAL_COURSE",
    yesIndicates: "CONTRACTOR",
    weight: 3,
    source: "Prong B: Cal. Lab. Code §2775(b)(1)(B); M.G.L. c.149 §148B(a)(2); N.J.S.A. 43:21-19(i)(6)(B); 820 ILCS 405/212(B)",
  },
  {
    id: "ABC_B_OUTSIDE_PLACES_OF_BUSINESS",
    text: "Is the work performed outside all of the client's places of business?",
    test: "ABC_TEST",
    factor: "PRONG_B.PLACES_OF_BUSINESS",
    yesIndicates: "CONTRACTOR",
    weight: 3,
    source: "Prong B's alternative (New Jersey and Illinois only): N.J.S.A. 43:21-19(i)(6)(B); 820 ILCS 405/212(B)",
    only: ["US-NJ", "US-IL"],
  },
  {
    id: "ABC_C_INDEPENDENT_BUSINESS",
    text: "Is the worker customarily engaged in an independently established trade, occupation or business of the same nature as the work (own business, other clients, offers services to the public)?",
    test: "ABC_TEST",
    factor: "PRONG_C.INDEPENDENT_BUSINESS",
    yesIndicates: "CONTRACTOR",
    weight: 3,
    source: "Prong C: Cal. Lab. Code §2775(b)(1)(C); M.G.L. c.149 §148B(a)(3); N.J.S.A. 43:21-19(i)(6)(C); 820 ILCS 405/212(C)",
  },
  {
    id: "CA_ABC_EXEMPTION_CLAIMED",
    text: "Does the client rely on an exemption of California Labor Code §§2776–2784 (business-to-business, professional services, referral agency …)?",
    test: "ABC_TEST",
    factor: "EXEMPTION",
    yesIndicates: "UNDETERMINED",
    weight: 0,
    source:
      "Cal. Lab. Code §§2776–2784 (AB 2257): an exempt engagement is judged by S.G. Borello & Sons, Inc. v. Department of Industrial Relations (1989) 48 Cal.3d 341, which this questionnaire does not evaluate",
    only: ["US-CA"],
  },

  // CRA total-relationship test (Canada outside Quebec).
  {
    id: "CRA_INTENT",
    text: "Did both parties intend a contract for services (a business relationship), and does their written agreement say so?",
    test: "CRA_TOTAL_RELATIONSHIP",
    factor: "INTENT",
    yesIndicates: "CONTRACTOR",
    weight: 1,
    source: `${RC4110}: step 1, the parties' intention; 1392644 Ontario Inc. (Connor Homes) v. M.N.R., 2013 FCA 85`,
  },
  {
    id: "CRA_CONTROL",
    text: "Does the payer control how, when and where the work is done (sets hours, supervises, reviews methods, can discipline)?",
    test: "CRA_TOTAL_RELATIONSHIP",
    factor: "CONTROL",
    yesIndicates: "EMPLOYEE",
    weight: 3,
    source: `${RC4110}: level of control`,
  },
  {
    id: "CRA_TOOLS_AND_EQUIPMENT",
    text: "Does the worker supply, and pay for, the tools and equipment the work needs?",
    test: "CRA_TOTAL_RELATIONSHIP",
    factor: "TOOLS_AND_EQUIPMENT",
    yesIndicates: "CONTRACTOR",
    weight: 2,
    source: `${RC4110}: tools and equipment (Wiebe Door: ownership of tools)`,
  },
  {
    id: "CRA_SUBCONTRACTING",
    text: "May the worker hire assistants or subcontract the work, at their own expense, without the payer's approval?",
    test: "CRA_TOTAL_RELATIONSHIP",
    factor: "SUBCONTRACTING_OR_HIRING_ASSISTANTS",
    yesIndicates: "CONTRACTOR",
    weight: 1,
    source: `${RC4110}: subcontracting work or hiring assistants (Sagaz, para. 47)`,
  },
  {
    id: "CRA_FINANCIAL_RISK",
    text: "Does the worker bear financial risk (unreimbursed expenses, fixed costs, redoing faulty work at their own cost)?",
    test: "CRA_TOTAL_RELATIONSHIP",
    factor: "RISK_OF_LOSS",
    yesIndicates: "CONTRACTOR",
    weight: 2,
    source: `${RC4110}: financial risk (Wiebe Door: risk of loss)`,
  },
  {
    id: "CRA_INVESTMENT_AND_MANAGEMENT",
    text: "Has the worker invested in, and does the worker manage, a business of their own (registration, premises, marketing, other clients)?",
    test: "CRA_TOTAL_RELATIONSHIP",
    factor: "INVESTMENT_AND_MANAGEMENT",
    yesIndicates: "CONTRACTOR",
    weight: 2,
    source: `${RC4110}: responsibility for investment and management`,
  },
  {
    id: "CRA_OPPORTUNITY_FOR_PROFIT",
    text: "Can the worker increase their profit by how they manage the work (pricing, efficiency, taking other work)?",
    test: "CRA_TOTAL_RELATIONSHIP",
    factor: "CHANCE_OF_PROFIT",
    yesIndicates: "CONTRACTOR",
    weight: 2,
    source: `${RC4110}: opportunity for profit (Wiebe Door: chance of profit)`,
  },
  {
    id: "CRA_INTEGRATION",
    text: "Is the work integrated into the payer's business (done as part of its organization rather than accessory to it)?",
    test: "CRA_TOTAL_RELATIONSHIP",
    factor: "INTEGRATION",
    yesIndicates: "EMPLOYEE",
    weight: 2,
    source: "Wiebe Door Services Ltd. v. M.N.R., [1986] 3 F.C. 553 (organization or integration test); Sagaz, 2001 SCC 59, paras. 46–47",
  },

  // Civil Code of Québec (contracts formed in Quebec).
  {
    id: "QC_INTENT",
    text: "Did both parties intend a contract for services (art. 2098 C.c.Q.), and does their agreement say so?",
    test: "QUEBEC_CIVIL_CODE",
    factor: "INTENT",
    yesIndicates: "CONTRACTOR",
    weight: 1,
    source: `${CCQ}: step 1, the parties' intention`,
  },
  {
    id: "QC_DIRECTION_OR_CONTROL",
    text: "Does the client direct or control how the work is performed (instructions, schedules, supervision)?",
    test: "QUEBEC_CIVIL_CODE",
    factor: "SUBORDINATION.DIRECTION_OR_CONTROL",
    yesIndicates: "EMPLOYEE",
    weight: 3,
    source: 'Civil Code of Québec, art. 2085: work "according to the instructions and under the direction or control" of the employer',
  },
  {
    id: "QC_FREE_CHOICE_OF_MEANS",
    text: "Is the worker free to choose the means of performing the work?",
    test: "QUEBEC_CIVIL_CODE",
    factor: "SUBORDINATION.FREE_CHOICE_OF_MEANS",
    yesIndicates: "CONTRACTOR",
    weight: 3,
    source: "Civil Code of Québec, art. 2099: the contractor or provider of services is free to choose the means of performing the contract, with no relationship of subordination",
  },
  {
    id: "QC_INTEGRATION",
    text: "Is the worker integrated into the client's organization (fixed schedule, reporting, presence at its premises, exclusivity)?",
    test: "QUEBEC_CIVIL_CODE",
    factor: "SUBORDINATION.INTEGRATION",
    yesIndicates: "EMPLOYEE",
    weight: 2,
    source: `${CCQ}: indicators of a relationship of subordination`,
  },
  {
    id: "QC_PRICE_FOR_WORK",
    text: "Is the worker paid a price for the work or service (art. 2098), rather than remuneration for time worked?",
    test: "QUEBEC_CIVIL_CODE",
    factor: "REMUNERATION",
    yesIndicates: "CONTRACTOR",
    weight: 1,
    source: "Civil Code of Québec, arts. 2085 (remuneration) and 2098 (price)",
  },
  {
    id: "QC_RISK_OF_LOSS",
    text: "Does the worker bear the costs of performing the work and the risk of a loss?",
    test: "QUEBEC_CIVIL_CODE",
    factor: "FINANCIAL_RISK",
    yesIndicates: "CONTRACTOR",
    weight: 1,
    source: `${CCQ}: indicators of a business relationship`,
  },
];

/** The tests of each ABC state: purpose, statute and prong B's form. */
const ABC_STATES: Readonly<Record<string, TestApplication>> = {
  "US-CA": {
    test: "ABC_TEST",
    purpose: "California Labor Code, Unemployment Insurance Code and IWC wage orders",
    source: "Cal. Lab. Code §2775(b)(1) (AB 5, Stats. 2019, ch. 296; as amended by AB 2257, Stats. 2022)",
    prongB: "USUAL_COURSE",
  },
  "US-MA": {
    test: "ABC_TEST",
    purpose: "Massachusetts wage and hour laws (M.G.L. c.149 and c.151)",
    source: "M.G.L. c.149 §148B(a)",
    prongB: "USUAL_COURSE",
  },
  "US-NJ": {
    test: "ABC_TEST",
    purpose: "New Jersey unemployment compensation, and wage payment and wage and hour laws (Hargrove v. Sleepy's, LLC, 220 N.J. 289 (2015))",
    source: "N.J.S.A. 43:21-19(i)(6)(A)-(C)",
    prongB: "USUAL_COURSE_OR_PLACES",
  },
  "US-IL": {
    test: "ABC_TEST",
    purpose: "Illinois unemployment insurance",
    source: "820 ILCS 405/212",
    prongB: "USUAL_COURSE_OR_PLACES",
  },
};

const IRS: TestApplication = { test: "IRS_COMMON_LAW", purpose: "US federal employment taxes (income tax withholding, FICA, FUTA)", source: PUB_15A };
const CRA: TestApplication = { test: "CRA_TOTAL_RELATIONSHIP", purpose: "Canadian CPP contributions, EI premiums and income tax deductions", source: RC4110 };
const QUEBEC: TestApplication = {
  test: "QUEBEC_CIVIL_CODE",
  purpose: "CPP/QPP, EI, QPIP and income tax deductions for a contract formed in Quebec (federal and Revenu Québec)",
  source: CCQ,
};

export interface Questionnaire {
  version: string;
  jurisdiction: string;
  tests: TestApplication[];
  questions: ClassificationQuestionSpec[];
  /** What the version does not assess for this jurisdiction, said plainly (never a silent gap). */
  notAssessed: string[];
}

/** Published questionnaire versions, newest last. */
export const QUESTIONNAIRE_VERSIONS = ["2026-1"] as const;
export const CURRENT_QUESTIONNAIRE_VERSION = QUESTIONNAIRE_VERSIONS[QUESTIONNAIRE_VERSIONS.length - 1];
const QUESTIONS: Readonly<Record<string, readonly ClassificationQuestionSpec[]>> = { "2026-1": QUESTIONS_2026_1 };

export function isQuestionnaireVersion(version: string): boolean {
  return Object.hasOwn(QUESTIONS, version);
}

/** The tests that govern a work jurisdiction (every one applies: the most protective verdict wins). */
export function testsFor(jurisdiction: string): TestApplication[] {
  if (countryOf(jurisdiction) === "US") return ABC_STATES[jurisdiction] ? [IRS, ABC_STATES[jurisdiction]] : [IRS];
  return jurisdiction === "CA-QC" ? [QUEBEC] : [CRA];
}

/**
 * The questionnaire of a version for a work jurisdiction, or null when the version or the jurisdiction is unknown
 * (the caller reports which).
 */
export function questionnaireFor(jurisdiction: string, version: string = CURRENT_QUESTIONNAIRE_VERSION): Questionnaire | null {
  if (!isSubdivision(jurisdiction) || !isQuestionnaireVersion(version)) return null;
  const tests = testsFor(jurisdiction);
  const names = new Set(tests.map((t) => t.test));
  const questions = QUESTIONS[version].filter((q) => names.has(q.test) && (q.only === undefined || q.only.includes(jurisdiction)));
  const notAssessed: string[] = [];
  if (countryOf(jurisdiction) === "US" && !ABC_STATES[jurisdiction]) {
    notAssessed.push(
      `${jurisdiction} state wage and unemployment law: questionnaire ${version} has no state test for it (state tests: ${Object.keys(ABC_STATES).join(", ")}); the federal common-law test decides, and a stricter state test may still apply`,
    );
  }
  if (countryOf(jurisdiction) === "CA" && jurisdiction !== "CA-QC") {
    notAssessed.push(`${jurisdiction} provincial employment standards: questionnaire ${version} applies CRA's test (CPP/EI and income tax) only`);
  }
  return { version, jurisdiction, tests, questions, notAssessed };
}

/**
 * A consistent answer set for a jurisdiction (demo data and tests): every factor pointing to `target`, gate
 * questions answered NO (no exemption claimed); `UNSURE` answers every question UNSURE.
 */
export function answersIndicating(
  jurisdiction: string,
  target: "EMPLOYEE" | "CONTRACTOR" | "UNSURE",
  version: string = CURRENT_QUESTIONNAIRE_VERSION,
): { questionId: string; answer: ClassificationAnswerValue }[] {
  const questionnaire = questionnaireFor(jurisdiction, version);
  if (questionnaire === null) throw new Error(`No questionnaire ${version} for ${jurisdiction}`);
  const answerOf = (q: ClassificationQuestionSpec): ClassificationAnswerValue => (target === "UNSURE" ? "UNSURE" : q.yesIndicates === target ? "YES" : "NO");
  return questionnaire.questions.map((q) => ({ questionId: q.id, answer: answerOf(q) }));
}
