import { describe, expect, it } from "vitest";
import {
  CURRENT_QUESTIONNAIRE_VERSION,
  answersIndicating,
  questionnaireFor,
  testsFor,
  type ClassificationAnswerValue,
} from "../../src/modules/classification/classification.questionnaire";
import {
  abcVerdict,
  answerProblems,
  evaluateClassification,
  findingOf,
  mostProtective,
  quebecVerdict,
  recommendedClassificationOf,
  weighedVerdict,
  type AnswerInput,
  type FactorFinding,
} from "../../src/modules/classification/classification.rules";
import { validThroughOf } from "../../src/modules/classification/classification.type";

const V = CURRENT_QUESTIONNAIRE_VERSION;

/** Every question answered toward `base`, with some answers replaced. */
function answers(jurisdiction: string, base: "CONTRACTOR" | "EMPLOYEE" | "UNSURE", replace: Record<string, ClassificationAnswerValue> = {}): AnswerInput[] {
  return answersIndicating(jurisdiction, base).map((a) => (a.questionId in replace ? { ...a, answer: replace[a.questionId] } : a));
}

const verdictOf = (jurisdiction: string, list: AnswerInput[], test: string) => evaluateClassification(jurisdiction, list, V).tests.find((t) => t.test === test)!.verdict;

describe("which tests govern each work jurisdiction", () => {
  it("every US state: the IRS common-law test for federal employment taxes (IRS Pub 15-A 2026, Employee or Independent Contractor?)", () => {
    for (const j of ["US-TX", "US-NY", "US-WA", "US-FL"]) expect(testsFor(j).map((t) => t.test)).toEqual(["IRS_COMMON_LAW"]);
  });

  it("California (Lab. Code §2775, AB 5), Massachusetts (c.149 §148B), New Jersey (43:21-19(i)(6)), Illinois (820 ILCS 405/212): the IRS test AND the state's ABC test", () => {
    expect(testsFor("US-CA")).toMatchObject([{ test: "IRS_COMMON_LAW" }, { test: "ABC_TEST", source: expect.stringContaining("§2775"), prongB: "USUAL_COURSE" }]);
    expect(testsFor("US-MA")).toMatchObject([{ test: "IRS_COMMON_LAW" }, { test: "ABC_TEST", source: "M.G.L. c.149 §148B(a)", prongB: "USUAL_COURSE" }]);
    expect(testsFor("US-NJ")).toMatchObject([
      { test: "IRS_COMMON_LAW" },
      { test: "ABC_TEST", source: expect.stringContaining("43:21-19(i)(6)"), prongB: "USUAL_COURSE_OR_PLACES" },
    ]);
    expect(testsFor("US-IL")).toMatchObject([{ test: "IRS_COMMON_LAW" }, { test: "ABC_TEST", source: "820 ILCS 405/212", prongB: "USUAL_COURSE_OR_PLACES" }]);
  });

  it("Canada outside Quebec: CRA's total-relationship test (RC4110; Wiebe Door; Sagaz); Quebec: the Civil Code (arts. 2085, 2098, 2099 C.c.Q.)", () => {
    for (const j of ["CA-ON", "CA-BC", "CA-AB", "CA-YT"]) expect(testsFor(j).map((t) => t.test)).toEqual(["CRA_TOTAL_RELATIONSHIP"]);
    expect(testsFor("CA-QC").map((t) => t.test)).toEqual(["QUEBEC_CIVIL_CODE"]);
  });

  it("asks each jurisdiction the questions of its tests only (the places-of-business alternative in NJ and IL; the AB 2257 exemption gate in CA)", () => {
    const ids = (j: string) => questionnaireFor(j)!.questions.map((q) => q.id);
    expect(ids("US-TX").every((id) => id.startsWith("IRS_"))).toBe(true);
    expect(ids("US-TX")).toHaveLength(12);
    expect(ids("US-CA")).toContain("CA_ABC_EXEMPTION_CLAIMED");
    expect(ids("US-CA")).not.toContain("ABC_B_OUTSIDE_PLACES_OF_BUSINESS");
    expect(ids("US-MA")).not.toContain("ABC_B_OUTSIDE_PLACES_OF_BUSINESS");
    expect(ids("US-NJ")).toContain("ABC_B_OUTSIDE_PLACES_OF_BUSINESS");
    expect(ids("US-IL")).toContain("ABC_B_OUTSIDE_PLACES_OF_BUSINESS");
    expect(ids("US-NJ")).not.toContain("CA_ABC_EXEMPTION_CLAIMED");
    expect(ids("CA-ON").every((id) => id.startsWith("CRA_"))).toBe(true);
    expect(ids("CA-QC").every((id) => id.startsWith("QC_"))).toBe(true);
  });

  it("says what it does not assess: a state without a state test, a province's employment standards", () => {
    expect(questionnaireFor("US-WA")!.notAssessed[0]).toMatch(/US-WA state wage and unemployment law/);
    expect(questionnaireFor("US-CA")!.notAssessed).toEqual([]);
    expect(questionnaireFor("CA-ON")!.notAssessed[0]).toMatch(/CA-ON provincial employment standards/);
    expect(questionnaireFor("CA-QC")!.notAssessed).toEqual([]);
  });

  it("has no questionnaire for an unknown version or jurisdiction", () => {
    expect(questionnaireFor("US-ZZ")).toBeNull();
    expect(questionnaireFor("US-CA", "1999-1")).toBeNull();
  });
});

describe("answers", () => {
  it("refuse an unknown question, a question of another jurisdiction, a duplicate and a missing one, each at its path", () => {
    const list = answers("US-TX", "CONTRACTOR");
    expect(answerProblems("US-TX", V, list)).toEqual([]);
    const bad = [...list.slice(1), { questionId: "NOPE", answer: "YES" as const }, { questionId: "ABC_C_INDEPENDENT_BUSINESS", answer: "YES" as const }, list[1]];
    const problems = answerProblems("US-TX", V, bad);
    expect(problems.map((p) => p.field.join("."))).toEqual(["answers.11.questionId", "answers.12.questionId", "answers.13.questionId", "answers"]);
    expect(problems[2].message).toMatch(/already answered by answers\[0\]/);
    expect(problems[3].message).toMatch(/Unanswered: IRS_INSTRUCTIONS/);
  });

  it("a YES gives the question's finding, a NO its opposite, UNSURE leaves it undetermined; a gate's NO is neutral", () => {
    expect(findingOf({ yesIndicates: "EMPLOYEE" }, "YES")).toBe("EMPLOYEE");
    expect(findingOf({ yesIndicates: "EMPLOYEE" }, "NO")).toBe("CONTRACTOR");
    expect(findingOf({ yesIndicates: "CONTRACTOR" }, "YES")).toBe("CONTRACTOR");
    expect(findingOf({ yesIndicates: "CONTRACTOR" }, "NO")).toBe("EMPLOYEE");
    expect(findingOf({ yesIndicates: "CONTRACTOR" }, "UNSURE")).toBe("UNDETERMINED");
    expect(findingOf({ yesIndicates: "UNDETERMINED" }, "YES")).toBe("UNDETERMINED");
    expect(findingOf({ yesIndicates: "UNDETERMINED" }, "NO")).toBe("NEUTRAL");
  });
});

describe("IRS common-law control test (IRS Pub 15-A 2026: behavioral control, financial control, relationship of the parties)", () => {
  it("every factor pointing to independence: CONTRACTOR; to employment: EMPLOYEE; all unsure: NEEDS_REVIEW (Form SS-8)", () => {
    expect(verdictOf("US-TX", answers("US-TX", "CONTRACTOR"), "IRS_COMMON_LAW")).toBe("CONTRACTOR");
    expect(verdictOf("US-TX", answers("US-TX", "EMPLOYEE"), "IRS_COMMON_LAW")).toBe("EMPLOYEE");
    expect(verdictOf("US-TX", answers("US-TX", "UNSURE"), "IRS_COMMON_LAW")).toBe("NEEDS_REVIEW");
  });

  it("each factor's finding and weight (Pub 15-A: instructions, training, evaluation; investment, expenses, profit or loss, market, payment; contract, benefits, permanency, key activity)", () => {
    const f = evaluateClassification("US-TX", answers("US-TX", "CONTRACTOR", { IRS_INSTRUCTIONS: "YES", IRS_FLAT_FEE: "UNSURE" }), V).factors;
    const by = (id: string) => f.find((x) => x.questionId === id)!;
    expect(by("IRS_INSTRUCTIONS")).toMatchObject({ factor: "BEHAVIORAL_CONTROL.INSTRUCTIONS", answer: "YES", weight: 3, finding: "EMPLOYEE" });
    expect(by("IRS_TRAINING")).toMatchObject({ factor: "BEHAVIORAL_CONTROL.TRAINING", answer: "NO", weight: 2, finding: "CONTRACTOR" });
    expect(by("IRS_EVALUATION")).toMatchObject({ factor: "BEHAVIORAL_CONTROL.EVALUATION", weight: 1, finding: "CONTRACTOR" });
    expect(by("IRS_SIGNIFICANT_INVESTMENT")).toMatchObject({ factor: "FINANCIAL_CONTROL.INVESTMENT", answer: "YES", weight: 2, finding: "CONTRACTOR" });
    expect(by("IRS_UNREIMBURSED_EXPENSES")).toMatchObject({ weight: 1, finding: "CONTRACTOR" });
    expect(by("IRS_PROFIT_OR_LOSS")).toMatchObject({ weight: 2, finding: "CONTRACTOR" });
    expect(by("IRS_SERVICES_TO_MARKET")).toMatchObject({ weight: 2, finding: "CONTRACTOR" });
    expect(by("IRS_FLAT_FEE")).toMatchObject({ factor: "FINANCIAL_CONTROL.METHOD_OF_PAYMENT", answer: "UNSURE", weight: 1, finding: "UNDETERMINED" });
    expect(by("IRS_WRITTEN_CONTRACT")).toMatchObject({ factor: "RELATIONSHIP.WRITTEN_CONTRACT", weight: 1, finding: "CONTRACTOR" });
    expect(by("IRS_EMPLOYEE_BENEFITS")).toMatchObject({ answer: "NO", weight: 2, finding: "CONTRACTOR" });
    expect(by("IRS_PERMANENCY")).toMatchObject({ answer: "NO", weight: 2, finding: "CONTRACTOR" });
    expect(by("IRS_KEY_ACTIVITY")).toMatchObject({ answer: "NO", weight: 2, finding: "CONTRACTOR" });
  });

  it("behavioral control is the core: contractor indicators prevailing overall with instructions and training given is NEEDS_REVIEW, not CONTRACTOR", () => {
    const list = answers("US-TX", "CONTRACTOR", { IRS_INSTRUCTIONS: "YES", IRS_TRAINING: "YES" });
    expect(verdictOf("US-TX", list, "IRS_COMMON_LAW")).toBe("NEEDS_REVIEW");
  });

  it("one employee factor among contractor ones does not flip it (no single factor decides); employee indicators outweighing the rest do", () => {
    expect(verdictOf("US-TX", answers("US-TX", "CONTRACTOR", { IRS_EMPLOYEE_BENEFITS: "YES" }), "IRS_COMMON_LAW")).toBe("CONTRACTOR");
    expect(verdictOf("US-TX", answers("US-TX", "EMPLOYEE", { IRS_WRITTEN_CONTRACT: "YES", IRS_FLAT_FEE: "YES" }), "IRS_COMMON_LAW")).toBe("EMPLOYEE");
  });

  it("weighs: EMPLOYEE only when the employee weight exceeds contractor + unsure; unsure answers that could flip it give NEEDS_REVIEW", () => {
    const f = (finding: FactorFinding["finding"], weight: number, factor = "FINANCIAL_CONTROL.X"): FactorFinding => ({
      questionId: "Q",
      test: "IRS_COMMON_LAW",
      factor,
      answer: "YES",
      weight,
      finding,
    });
    const core = (x: FactorFinding) => x.factor.startsWith("BEHAVIORAL_CONTROL.");
    expect(weighedVerdict([f("EMPLOYEE", 5), f("CONTRACTOR", 2), f("UNDETERMINED", 2)], core, "behavioral control").verdict).toBe("EMPLOYEE");
    expect(weighedVerdict([f("EMPLOYEE", 4), f("CONTRACTOR", 2), f("UNDETERMINED", 2)], core, "behavioral control").verdict).toBe("NEEDS_REVIEW");
    expect(weighedVerdict([f("CONTRACTOR", 5, "BEHAVIORAL_CONTROL.I"), f("EMPLOYEE", 2)], core, "behavioral control").verdict).toBe("CONTRACTOR");
    expect(weighedVerdict([f("CONTRACTOR", 5), f("EMPLOYEE", 2, "BEHAVIORAL_CONTROL.I")], core, "behavioral control").verdict).toBe("NEEDS_REVIEW");
  });
});

describe("ABC tests (every prong must hold; a failed prong means employment)", () => {
  it("California (Lab. Code §2775(b)(1)): prongs A (contract and in fact), B (usual course), C (independent business)", () => {
    expect(verdictOf("US-CA", answers("US-CA", "CONTRACTOR"), "ABC_TEST")).toBe("CONTRACTOR");
    for (const id of ["ABC_A_FREE_FROM_CONTROL_CONTRACT", "ABC_A_FREE_FROM_CONTROL_IN_FACT", "ABC_B_OUTSIDE_USUAL_COURSE", "ABC_C_INDEPENDENT_BUSINESS"]) {
      expect(verdictOf("US-CA", answers("US-CA", "CONTRACTOR", { [id]: "NO" }), "ABC_TEST"), `${id} NO`).toBe("EMPLOYEE");
      expect(verdictOf("US-CA", answers("US-CA", "CONTRACTOR", { [id]: "UNSURE" }), "ABC_TEST"), `${id} UNSURE`).toBe("NEEDS_REVIEW");
    }
  });

  it("California: a claimed §§2776–2784 exemption (AB 2257) takes it out of the ABC test: NEEDS_REVIEW (Borello decides)", () => {
    expect(verdictOf("US-CA", answers("US-CA", "CONTRACTOR", { CA_ABC_EXEMPTION_CLAIMED: "YES" }), "ABC_TEST")).toBe("NEEDS_REVIEW");
    expect(verdictOf("US-CA", answers("US-CA", "CONTRACTOR", { CA_ABC_EXEMPTION_CLAIMED: "UNSURE" }), "ABC_TEST")).toBe("NEEDS_REVIEW");
  });

  it("Massachusetts (M.G.L. c.149 §148B(a)(2)): prong B is the usual course of business only", () => {
    expect(verdictOf("US-MA", answers("US-MA", "CONTRACTOR", { ABC_B_OUTSIDE_USUAL_COURSE: "NO" }), "ABC_TEST")).toBe("EMPLOYEE");
  });

  it("New Jersey (N.J.S.A. 43:21-19(i)(6)(B)) and Illinois (820 ILCS 405/212(B)): prong B holds outside the usual course OR outside all places of business", () => {
    for (const j of ["US-NJ", "US-IL"]) {
      expect(verdictOf(j, answers(j, "CONTRACTOR", { ABC_B_OUTSIDE_USUAL_COURSE: "NO" }), "ABC_TEST"), j).toBe("CONTRACTOR");
      expect(verdictOf(j, answers(j, "CONTRACTOR", { ABC_B_OUTSIDE_PLACES_OF_BUSINESS: "NO" }), "ABC_TEST"), j).toBe("CONTRACTOR");
      expect(verdictOf(j, answers(j, "CONTRACTOR", { ABC_B_OUTSIDE_USUAL_COURSE: "NO", ABC_B_OUTSIDE_PLACES_OF_BUSINESS: "NO" }), "ABC_TEST"), j).toBe("EMPLOYEE");
      expect(verdictOf(j, answers(j, "CONTRACTOR", { ABC_B_OUTSIDE_USUAL_COURSE: "NO", ABC_B_OUTSIDE_PLACES_OF_BUSINESS: "UNSURE" }), "ABC_TEST"), j).toBe("NEEDS_REVIEW");
      expect(verdictOf(j, answers(j, "CONTRACTOR", { ABC_C_INDEPENDENT_BUSINESS: "NO" }), "ABC_TEST"), j).toBe("EMPLOYEE");
    }
  });

  it("prongs as a pure function: a failed prong beats an exemption claim", () => {
    const p = (factor: string, finding: FactorFinding["finding"]): FactorFinding => ({ questionId: factor, test: "ABC_TEST", factor, answer: "YES", weight: 3, finding });
    expect(
      abcVerdict([p("PRONG_A.X", "CONTRACTOR"), p("PRONG_B.USUAL_COURSE", "EMPLOYEE"), p("PRONG_C.X", "CONTRACTOR"), p("EXEMPTION", "UNDETERMINED")], "USUAL_COURSE").verdict,
    ).toBe("EMPLOYEE");
  });
});

describe("CRA total-relationship test (RC4110; Wiebe Door [1986] 3 F.C. 553; Sagaz 2001 SCC 59)", () => {
  it("intention, control, tools, subcontracting, financial risk, investment and management, opportunity for profit, integration: each factor's finding", () => {
    const f = evaluateClassification("CA-ON", answers("CA-ON", "CONTRACTOR"), V).factors;
    expect(f.map((x) => [x.factor, x.weight, x.finding])).toEqual([
      ["INTENT", 1, "CONTRACTOR"],
      ["CONTROL", 3, "CONTRACTOR"],
      ["TOOLS_AND_EQUIPMENT", 2, "CONTRACTOR"],
      ["SUBCONTRACTING_OR_HIRING_ASSISTANTS", 1, "CONTRACTOR"],
      ["RISK_OF_LOSS", 2, "CONTRACTOR"],
      ["INVESTMENT_AND_MANAGEMENT", 2, "CONTRACTOR"],
      ["CHANCE_OF_PROFIT", 2, "CONTRACTOR"],
      ["INTEGRATION", 2, "CONTRACTOR"],
    ]);
    expect(verdictOf("CA-ON", answers("CA-ON", "CONTRACTOR"), "CRA_TOTAL_RELATIONSHIP")).toBe("CONTRACTOR");
    expect(verdictOf("CA-ON", answers("CA-ON", "EMPLOYEE"), "CRA_TOTAL_RELATIONSHIP")).toBe("EMPLOYEE");
  });

  it("the level of control is the core (Sagaz para. 47): control kept by the payer is never CONTRACTOR", () => {
    expect(verdictOf("CA-BC", answers("CA-BC", "CONTRACTOR", { CRA_CONTROL: "YES" }), "CRA_TOTAL_RELATIONSHIP")).toBe("NEEDS_REVIEW");
    expect(verdictOf("CA-BC", answers("CA-BC", "CONTRACTOR", { CRA_CONTROL: "UNSURE" }), "CRA_TOTAL_RELATIONSHIP")).toBe("NEEDS_REVIEW");
  });

  it("the parties' intention alone does not decide (Connor Homes, 2013 FCA 85): employee facts with a contractor intention stay EMPLOYEE", () => {
    expect(verdictOf("CA-ON", answers("CA-ON", "EMPLOYEE", { CRA_INTENT: "YES" }), "CRA_TOTAL_RELATIONSHIP")).toBe("EMPLOYEE");
  });
});

describe("Civil Code of Québec (arts. 2085, 2098, 2099 C.c.Q.)", () => {
  it("a relationship of subordination — direction or control (art. 2085), or no free choice of means (art. 2099) — is a contract of employment", () => {
    expect(verdictOf("CA-QC", answers("CA-QC", "CONTRACTOR", { QC_DIRECTION_OR_CONTROL: "YES" }), "QUEBEC_CIVIL_CODE")).toBe("EMPLOYEE");
    expect(verdictOf("CA-QC", answers("CA-QC", "CONTRACTOR", { QC_FREE_CHOICE_OF_MEANS: "NO" }), "QUEBEC_CIVIL_CODE")).toBe("EMPLOYEE");
  });

  it("no subordination and every indicator of a contract for services (art. 2098): CONTRACTOR; an indicator of integration or an unsure answer: NEEDS_REVIEW", () => {
    expect(verdictOf("CA-QC", answers("CA-QC", "CONTRACTOR"), "QUEBEC_CIVIL_CODE")).toBe("CONTRACTOR");
    expect(verdictOf("CA-QC", answers("CA-QC", "CONTRACTOR", { QC_INTEGRATION: "YES" }), "QUEBEC_CIVIL_CODE")).toBe("NEEDS_REVIEW");
    expect(verdictOf("CA-QC", answers("CA-QC", "CONTRACTOR", { QC_PRICE_FOR_WORK: "UNSURE" }), "QUEBEC_CIVIL_CODE")).toBe("NEEDS_REVIEW");
    expect(verdictOf("CA-QC", answers("CA-QC", "CONTRACTOR", { QC_DIRECTION_OR_CONTROL: "UNSURE" }), "QUEBEC_CIVIL_CODE")).toBe("NEEDS_REVIEW");
    expect(quebecVerdict([]).verdict).toBe("NEEDS_REVIEW");
  });
});

describe("the outcome: the most protective verdict of the governing tests", () => {
  it("any EMPLOYEE → EMPLOYEE; else any NEEDS_REVIEW → NEEDS_REVIEW; CONTRACTOR only when every test says so", () => {
    expect(mostProtective(["CONTRACTOR", "EMPLOYEE"])).toBe("EMPLOYEE");
    expect(mostProtective(["CONTRACTOR", "NEEDS_REVIEW"])).toBe("NEEDS_REVIEW");
    expect(mostProtective(["NEEDS_REVIEW", "EMPLOYEE"])).toBe("EMPLOYEE");
    expect(mostProtective(["CONTRACTOR", "CONTRACTOR"])).toBe("CONTRACTOR");
    expect(mostProtective([])).toBe("NEEDS_REVIEW");
  });

  it("US-CA: a contractor under the IRS test who fails ABC prong B is an EMPLOYEE (AB 5 is stricter than the common law)", () => {
    const result = evaluateClassification("US-CA", answers("US-CA", "CONTRACTOR", { ABC_B_OUTSIDE_USUAL_COURSE: "NO" }), V);
    expect(result.tests.map((t) => [t.test, t.verdict])).toEqual([
      ["IRS_COMMON_LAW", "CONTRACTOR"],
      ["ABC_TEST", "EMPLOYEE"],
    ]);
    expect(result).toMatchObject({ outcome: "EMPLOYEE", recommendedClassification: "US_W2_EMPLOYEE" });
    expect(result.rationale).toMatch(/^At least one governing test makes the worker an employee/);
  });

  it("recommends the work country's classification: the contractor one for CONTRACTOR, the employee one for EMPLOYEE and NEEDS_REVIEW", () => {
    expect(recommendedClassificationOf("US-NY", "CONTRACTOR")).toBe("US_1099_CONTRACTOR");
    expect(recommendedClassificationOf("US-NY", "NEEDS_REVIEW")).toBe("US_W2_EMPLOYEE");
    expect(recommendedClassificationOf("CA-QC", "CONTRACTOR")).toBe("CA_T4A_CONTRACTOR");
    expect(recommendedClassificationOf("CA-ON", "EMPLOYEE")).toBe("CA_T4_EMPLOYEE");
    expect(evaluateClassification("CA-QC", answers("CA-QC", "UNSURE"), V)).toMatchObject({ outcome: "NEEDS_REVIEW", recommendedClassification: "CA_T4_EMPLOYEE" });
  });

  it("refuses to evaluate unusable answers or an unknown version (the service validates first)", () => {
    expect(() => evaluateClassification("US-TX", [], V)).toThrow(/Unanswered/);
    expect(() => evaluateClassification("US-TX", answers("US-TX", "CONTRACTOR"), "1999-1")).toThrow(/No questionnaire/);
  });

  it("an assessment is valid for a year: through the day before its anniversary", () => {
    expect(validThroughOf(new Date("2026-03-10T15:00:00Z"))).toBe("2027-03-09");
    expect(validThroughOf(new Date("2024-02-29T00:00:00Z"))).toBe("2025-02-28");
  });
});
