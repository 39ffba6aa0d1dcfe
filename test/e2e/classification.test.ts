import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { startTestServer, dataOf, errorCodes, type TestServer } from "../support/server";
import { assessProspective, newTenant, newWorker, type Tenant } from "../support/factories";
import {
  AssessClassificationDocument,
  ChangeClassificationDocument,
  ClassificationAssessmentNodeDocument,
  ClassificationQuestionnaireDocument,
  ClientClassificationAssessmentsDocument,
  EngagementClassificationDocument,
  HireWorkerDocument,
  type HireWorkerInput,
} from "../generated/graphql";
import { answersIndicating } from "../../src/modules/classification/classification.questionnaire";
import { classificationAssessments } from "../../src/modules/classification/classification.table";
import { events } from "../../src/modules/events/event.table";
import { parseGlobalId } from "../../src/shared/global-id";
import { DEFAULT_SCOPES } from "../../src/auth/scopes";

/**
 * Classification determination end to end (issue 9 §1): the questionnaire, `assessClassification`, the rule in
 * `hireWorker` and `changeClassification`, the OPERATOR override, the history, tenancy and the read scope.
 */
let t: TestServer;
let operator: string;
let A: Tenant;
let B: Tenant;

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  A = await newTenant(t, "classification-a");
  B = await newTenant(t, "classification-b");
});
afterAll(() => t.stop());

const usd = (amount: string) => ({ amount, currency: "USD" as const });
const codes = (errors: { field: string[]; code: string }[]) => errors.map((e) => [e.field.join("."), e.code]);

function contractorHire(workerId: string, overrides: Partial<HireWorkerInput> = {}): HireWorkerInput {
  return {
    workerId,
    title: "Robotics consultant",
    workJurisdiction: "US-CA",
    employmentModel: "EOR",
    classification: "US_1099_CONTRACTOR",
    startDate: "2026-02-02",
    compensation: { basis: "FIXED_FEE", amount: usd("4000.00") },
    ...overrides,
  };
}

async function hireAs(token: string, input: HireWorkerInput) {
  return dataOf(await t.gql(HireWorkerDocument, { input }, token)).hireWorker;
}

async function eventsOf(type: string, objectDbId: string) {
  return t.database.db
    .select()
    .from(events)
    .where(and(eq(events.type, type), eq(events.objectId, objectDbId)));
}

describe("the questionnaire", () => {
  it("lists the tests and questions of a work jurisdiction, for any authenticated caller", async () => {
    const noScopes = await t.token("CLIENT", { clients: [A.clientId], scopes: [] });
    const q = dataOf(await t.gql(ClassificationQuestionnaireDocument, { workJurisdiction: "US-NJ" }, noScopes)).classificationQuestionnaire;
    expect(q).toMatchObject({ version: "2026-1", jurisdiction: "US-NJ", notAssessed: [] });
    expect(q.tests.map((x) => x.test)).toEqual(["IRS_COMMON_LAW", "ABC_TEST"]);
    expect(q.questions.map((x) => x.id)).toContain("ABC_B_OUTSIDE_PLACES_OF_BUSINESS");
    expect(q.questions[0]).toMatchObject({ id: "IRS_INSTRUCTIONS", test: "IRS_COMMON_LAW", yesIndicates: "EMPLOYEE", allowedAnswers: ["YES", "NO", "UNSURE"] });
    expect(errorCodes(await t.gql(ClassificationQuestionnaireDocument, { workJurisdiction: "FR-75" }, noScopes))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.gql(ClassificationQuestionnaireDocument, { workJurisdiction: "US-CA", version: "1999-1" }, noScopes))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("assessClassification", () => {
  it("evaluates a prospective engagement, stores it and records an event without the answers", async () => {
    const assessment = await assessProspective(t, A.clientId, "US-CA", "CONTRACTOR", A.token);
    expect(assessment).toMatchObject({
      outcome: "CONTRACTOR",
      recommendedClassification: "US_1099_CONTRACTOR",
      jurisdiction: "US-CA",
      role: "Consultant",
      questionnaireVersion: "2026-1",
      assessedBy: { kind: "CLIENT" },
      engagement: null,
    });
    expect(assessment.tests.map((x) => [x.test, x.verdict])).toEqual([
      ["IRS_COMMON_LAW", "CONTRACTOR"],
      ["ABC_TEST", "CONTRACTOR"],
    ]);
    expect(assessment.factors).toHaveLength(answersIndicating("US-CA", "CONTRACTOR").length);
    const [event] = await eventsOf("classificationAssessment.created", parseGlobalId(assessment.id, "ClassificationAssessment")!);
    expect(event.after).toMatchObject({ outcome: "CONTRACTOR", workJurisdiction: "US-CA", verdicts: [{ test: "IRS_COMMON_LAW" }, { test: "ABC_TEST" }] });
    expect(JSON.stringify(event.after)).not.toContain("answer");
    // Readable by node(id) and listed on the client.
    expect(dataOf(await t.gql(ClassificationAssessmentNodeDocument, { id: assessment.id }, A.token)).node).toMatchObject({ id: assessment.id, outcome: "CONTRACTOR" });
    const listed = dataOf(await t.gql(ClientClassificationAssessmentsDocument, { clientId: A.clientId }, A.token)).classificationAssessments;
    expect(listed.nodes.map((n) => n.id)).toContain(assessment.id);
  });

  it("answers a missing, an unknown and a duplicate answer with userErrors at their paths; nothing stored", async () => {
    const answers = answersIndicating("US-TX", "CONTRACTOR");
    const res = dataOf(
      await t.gql(
        AssessClassificationDocument,
        { input: { clientId: A.clientId, workJurisdiction: "US-TX", role: "Writer", answers: [...answers.slice(1), { questionId: "NOPE", answer: "YES" }, answers[1]] } },
        A.token,
      ),
    ).assessClassification;
    expect(res.classificationAssessment).toBeNull();
    expect(codes(res.userErrors)).toEqual([
      ["input.answers.11.questionId", "INVALID_INPUT"],
      ["input.answers.12.questionId", "INVALID_INPUT"],
      ["input.answers", "INVALID_INPUT"],
    ]);
    const neither = dataOf(await t.gql(AssessClassificationDocument, { input: { answers } }, A.token)).assessClassification;
    expect(codes(neither.userErrors)).toEqual([
      ["input.clientId", "INVALID_INPUT"],
      ["input.workJurisdiction", "INVALID_INPUT"],
      ["input.role", "INVALID_INPUT"],
    ]);
  });

  it("is refused to a PARTNER (the client answers) and without classification:write", async () => {
    const partner = await t.token("PARTNER", { clients: [A.clientId], scopes: [...DEFAULT_SCOPES.PARTNER, "classification:write"] });
    const input = { clientId: A.clientId, workJurisdiction: "US-TX", role: "Writer", answers: answersIndicating("US-TX", "CONTRACTOR") };
    expect(errorCodes(await t.gql(AssessClassificationDocument, { input }, partner))).toEqual(["FORBIDDEN"]);
    const readOnly = await t.token("CLIENT", { clients: [A.clientId], scopes: ["classification:read"] });
    expect(errorCodes(await t.gql(AssessClassificationDocument, { input }, readOnly))).toEqual(["FORBIDDEN"]);
  });

  it("another client is NOT_FOUND to a CLIENT token", async () => {
    const input = { clientId: B.clientId, workJurisdiction: "US-TX", role: "Writer", answers: answersIndicating("US-TX", "CONTRACTOR") };
    expect(codes(dataOf(await t.gql(AssessClassificationDocument, { input }, A.token)).assessClassification.userErrors)).toEqual([["input.clientId", "NOT_FOUND"]]);
  });
});

describe("hireWorker with a contractor classification", () => {
  it("works with a CONTRACTOR assessment, which gets linked to the new engagement and is in its history", async () => {
    const worker = await newWorker(t, A.clientId, { homeJurisdiction: "US-CA" });
    const assessment = await assessProspective(t, A.clientId, "US-CA", "CONTRACTOR", A.token);
    const res = await hireAs(A.token, contractorHire(worker.id, { classificationAssessmentId: assessment.id }));
    expect(res.userErrors).toEqual([]);
    const engagementId = res.engagement!.id;
    const read = dataOf(await t.gql(EngagementClassificationDocument, { id: engagementId }, A.token)).node as {
      classificationAssessments: { totalCount: number; nodes: { id: string }[] };
      classificationHistory: {
        fromClassification: string | null;
        toClassification: string;
        effectiveFrom: string;
        assessment: { id: string } | null;
        changedBy: { kind: string };
      }[];
    };
    expect(read.classificationAssessments).toEqual({ totalCount: 1, nodes: [{ id: assessment.id, outcome: "CONTRACTOR" }] });
    expect(read.classificationHistory).toMatchObject([
      { fromClassification: null, toClassification: "US_1099_CONTRACTOR", effectiveFrom: "2026-02-02", assessment: { id: assessment.id }, changedBy: { kind: "CLIENT" } },
    ]);
    expect(dataOf(await t.gql(ClassificationAssessmentNodeDocument, { id: assessment.id }, A.token)).node).toMatchObject({ engagement: { id: engagementId } });
    expect(await eventsOf("classificationAssessment.linked", parseGlobalId(assessment.id, "ClassificationAssessment")!)).toHaveLength(1);
    // Used once: another hire cannot rely on the same assessment.
    const other = await newWorker(t, A.clientId);
    expect(codes((await hireAs(A.token, contractorHire(other.id, { classificationAssessmentId: assessment.id }))).userErrors)).toEqual([
      ["input.classificationAssessmentId", "CLASSIFICATION_ASSESSMENT_REQUIRED"],
    ]);
  });

  it("without an assessment: CLASSIFICATION_ASSESSMENT_REQUIRED; an employee hire needs none", async () => {
    const worker = await newWorker(t, A.clientId);
    const res = await hireAs(A.token, contractorHire(worker.id));
    expect(res.engagement).toBeNull();
    expect(codes(res.userErrors)).toEqual([["input.classificationAssessmentId", "CLASSIFICATION_ASSESSMENT_REQUIRED"]]);
    const employee = await hireAs(A.token, contractorHire(worker.id, { classification: "US_W2_EMPLOYEE", compensation: { basis: "SALARY", amount: usd("90000.00") } }));
    expect(employee.userErrors).toEqual([]);
  });

  it("an EMPLOYEE or NEEDS_REVIEW outcome: MISCLASSIFICATION_RISK", async () => {
    for (const indicates of ["EMPLOYEE", "UNSURE"] as const) {
      const assessment = await assessProspective(t, A.clientId, "US-CA", indicates, A.token);
      expect(assessment.outcome).toBe(indicates === "EMPLOYEE" ? "EMPLOYEE" : "NEEDS_REVIEW");
      const worker = await newWorker(t, A.clientId);
      const res = await hireAs(A.token, contractorHire(worker.id, { classificationAssessmentId: assessment.id }));
      expect(codes(res.userErrors)).toEqual([["input.classificationAssessmentId", "MISCLASSIFICATION_RISK"]]);
    }
  });

  it("refuses an assessment older than a year, of another work jurisdiction, or of another client", async () => {
    const worker = await newWorker(t, A.clientId);
    const old = await assessProspective(t, A.clientId, "US-CA", "CONTRACTOR", A.token);
    // A year passes (the clock of the row, not of the test): assessed on 2025-06-01, valid through 2026-05-31.
    await t.database.db
      .update(classificationAssessments)
      .set({ assessedAt: new Date("2025-06-01T12:00:00Z") })
      .where(eq(classificationAssessments.id, parseGlobalId(old.id, "ClassificationAssessment")!));
    const expired = await hireAs(A.token, contractorHire(worker.id, { classificationAssessmentId: old.id }));
    expect(codes(expired.userErrors)).toEqual([["input.classificationAssessmentId", "CLASSIFICATION_ASSESSMENT_REQUIRED"]]);
    expect(expired.userErrors[0].message).toMatch(/valid through 2026-05-31/);

    const texas = await assessProspective(t, A.clientId, "US-TX", "CONTRACTOR", A.token);
    const elsewhere = await hireAs(A.token, contractorHire(worker.id, { classificationAssessmentId: texas.id }));
    expect(codes(elsewhere.userErrors)).toEqual([["input.classificationAssessmentId", "CLASSIFICATION_ASSESSMENT_REQUIRED"]]);
    expect(elsewhere.userErrors[0].message).toMatch(/for US-TX, not US-CA/);

    const theirs = await assessProspective(t, B.clientId, "US-CA", "CONTRACTOR", B.token);
    expect(codes((await hireAs(A.token, contractorHire(worker.id, { classificationAssessmentId: theirs.id }))).userErrors)).toEqual([
      ["input.classificationAssessmentId", "NOT_FOUND"],
    ]);
    const asOperator = await hireAs(operator, contractorHire(worker.id, { classificationAssessmentId: theirs.id }));
    expect(codes(asOperator.userErrors)).toEqual([["input.classificationAssessmentId", "CLASSIFICATION_ASSESSMENT_REQUIRED"]]);
    expect(asOperator.userErrors[0].message).toMatch(/another client/);
  });

  it("an OPERATOR override with a reason works and writes an event without the reason; a CLIENT's is refused", async () => {
    const worker = await newWorker(t, A.clientId);
    const refused = await hireAs(A.token, contractorHire(worker.id, { classificationOverrideReason: "Board decision" }));
    expect(codes(refused.userErrors)).toEqual([["input.classificationOverrideReason", "CLASSIFICATION_OVERRIDE_NOT_ALLOWED"]]);
    const needsReview = await assessProspective(t, A.clientId, "US-CA", "UNSURE", A.token);
    const res = await hireAs(
      operator,
      contractorHire(worker.id, { classificationAssessmentId: needsReview.id, classificationOverrideReason: "Reviewed by EOR counsel, SS-8 on file" }),
    );
    expect(res.userErrors).toEqual([]);
    const engagementDbId = parseGlobalId(res.engagement!.id, "Engagement")!;
    const [event] = await eventsOf("engagement.classificationOverridden", engagementDbId);
    expect(event).toMatchObject({ actorKind: "OPERATOR", after: { classification: "US_1099_CONTRACTOR", workJurisdiction: "US-CA", changed: ["overrideReason"] } });
    expect(JSON.stringify(event.after)).not.toContain("counsel");
    const history = (
      dataOf(await t.gql(EngagementClassificationDocument, { id: res.engagement!.id }, A.token)).node as { classificationHistory: { overrideReason: string | null }[] }
    ).classificationHistory;
    expect(history).toMatchObject([{ overrideReason: "Reviewed by EOR counsel, SS-8 on file", assessment: { id: needsReview.id } }]);
  });
});

describe("changeClassification", () => {
  it("employee → contractor needs the rule; the change and its history are recorded; back to employee needs no assessment", async () => {
    const worker = await newWorker(t, A.clientId);
    const hired = await hireAs(
      A.token,
      contractorHire(worker.id, { classification: "US_W2_EMPLOYEE", compensation: { basis: "HOURLY", amount: usd("60.00") }, startDate: "2026-01-05" }),
    );
    expect(hired.userErrors).toEqual([]);
    const engagementId = hired.engagement!.id;
    const change = async (input: Record<string, unknown>, token = A.token) =>
      dataOf(await t.gql(ChangeClassificationDocument, { input: { engagementId, effectiveFrom: "2026-03-01", ...input } as never }, token)).changeClassification;

    expect(codes((await change({ classification: "US_1099_CONTRACTOR" })).userErrors)).toEqual([["input.classificationAssessmentId", "CLASSIFICATION_ASSESSMENT_REQUIRED"]]);
    const employee = await assessProspective(t, A.clientId, "US-CA", "EMPLOYEE", A.token);
    expect(codes((await change({ classification: "US_1099_CONTRACTOR", classificationAssessmentId: employee.id })).userErrors)).toEqual([
      ["input.classificationAssessmentId", "MISCLASSIFICATION_RISK"],
    ]);
    expect(codes((await change({ classification: "CA_T4A_CONTRACTOR" })).userErrors)).toEqual([["input.classification", "CLASSIFICATION_NOT_VALID_IN_COUNTRY"]]);

    const ok = dataOf(await t.gql(AssessClassificationDocument, { input: { engagementId, answers: answersIndicating("US-CA", "CONTRACTOR") } }, A.token)).assessClassification
      .classificationAssessment!;
    expect(ok).toMatchObject({ outcome: "CONTRACTOR", engagement: { id: engagementId }, role: "Robotics consultant" });
    expect(codes((await change({ classification: "US_1099_CONTRACTOR", classificationAssessmentId: ok.id, effectiveFrom: "2025-12-01" })).userErrors)).toEqual([
      ["input.effectiveFrom", "EFFECTIVE_DATE_OUT_OF_RANGE"],
    ]);
    expect(codes((await change({ classification: "US_1099_CONTRACTOR", classificationAssessmentId: ok.id, expectedVersion: 99 })).userErrors)).toEqual([
      ["input.expectedVersion", "STALE_VERSION"],
    ]);
    const changed = await change({ classification: "US_1099_CONTRACTOR", classificationAssessmentId: ok.id, expectedVersion: 1 });
    expect(changed.userErrors).toEqual([]);
    expect(changed.engagement).toMatchObject({ classification: "US_1099_CONTRACTOR", version: 2 });
    expect(changed.classificationChange).toMatchObject({
      fromClassification: "US_W2_EMPLOYEE",
      toClassification: "US_1099_CONTRACTOR",
      effectiveFrom: "2026-03-01",
      assessment: { id: ok.id },
    });
    const [event] = await eventsOf("engagement.classificationChanged", parseGlobalId(engagementId, "Engagement")!);
    expect(event).toMatchObject({
      before: { classification: "US_W2_EMPLOYEE" },
      after: { classification: "US_1099_CONTRACTOR", effectiveFrom: "2026-03-01", classificationAssessmentId: parseGlobalId(ok.id, "ClassificationAssessment"), overridden: false },
    });

    const back = await change({ classification: "US_W2_EMPLOYEE", effectiveFrom: "2026-04-01" });
    expect(back.userErrors).toEqual([]);
    const history = (dataOf(await t.gql(EngagementClassificationDocument, { id: engagementId }, A.token)).node as { classificationHistory: unknown[] }).classificationHistory;
    expect(history).toMatchObject([
      { fromClassification: null, toClassification: "US_W2_EMPLOYEE", effectiveFrom: "2026-01-05" },
      { fromClassification: "US_W2_EMPLOYEE", toClassification: "US_1099_CONTRACTOR", effectiveFrom: "2026-03-01", assessment: { id: ok.id } },
      { fromClassification: "US_1099_CONTRACTOR", toClassification: "US_W2_EMPLOYEE", effectiveFrom: "2026-04-01", assessment: null, changedBy: { kind: "CLIENT" } },
    ]);
  });

  it("refuses a salaried employee's change to contractor, even overridden: contractors are not paid SALARY", async () => {
    const worker = await newWorker(t, A.clientId);
    const hired = await hireAs(A.token, contractorHire(worker.id, { classification: "US_W2_EMPLOYEE", compensation: { basis: "SALARY", amount: usd("90000.00") } }));
    const engagementId = hired.engagement!.id;
    const input = { engagementId, classification: "US_1099_CONTRACTOR" as const, effectiveFrom: "2026-03-01", overrideReason: "Converted after review" };
    const res = dataOf(await t.gql(ChangeClassificationDocument, { input }, operator)).changeClassification;
    expect(codes(res.userErrors)).toEqual([["input.classification", "COMPENSATION_BASIS_NOT_ALLOWED"]]);
  });
});

describe("tenancy and the read scope", () => {
  it("another client's assessment is null to node(id) and its engagement's edges; classification:read is enforced on node, edge and payload", async () => {
    const theirs = await assessProspective(t, B.clientId, "US-TX", "CONTRACTOR", B.token);
    expect(dataOf(await t.gql(ClassificationAssessmentNodeDocument, { id: theirs.id }, A.token)).node).toBeNull();
    expect(dataOf(await t.gql(ClientClassificationAssessmentsDocument, { clientId: B.clientId }, A.token)).classificationAssessments.nodes).toEqual([]);

    const mine = await assessProspective(t, A.clientId, "US-TX", "CONTRACTOR", A.token);
    const noRead = await t.token("CLIENT", { clients: [A.clientId], scopes: DEFAULT_SCOPES.CLIENT.filter((s) => s !== "classification:read") });
    const node = await t.gql(ClassificationAssessmentNodeDocument, { id: mine.id }, noRead);
    expect(node.data?.node).toBeNull();
    expect(node.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, message: expect.stringContaining("`classification:read`") });

    const worker = await newWorker(t, A.clientId);
    const hired = await hireAs(A.token, contractorHire(worker.id, { workJurisdiction: "US-TX", classificationAssessmentId: mine.id }));
    expect(hired.userErrors).toEqual([]);
    const edge = await t.gql(EngagementClassificationDocument, { id: hired.engagement!.id }, noRead);
    expect(edge.data?.node).toMatchObject({ classificationAssessments: null, classificationHistory: [{ toClassification: "US_1099_CONTRACTOR", assessment: null }] });
    expect(edge.errors?.map((e) => e.path?.join("."))).toEqual(["node.classificationAssessments", "node.classificationHistory.0.assessment"]);

    const payload = await t.gql(
      AssessClassificationDocument,
      { input: { clientId: A.clientId, workJurisdiction: "US-TX", role: "Writer", answers: answersIndicating("US-TX", "CONTRACTOR") } },
      noRead,
    );
    expect(payload.data?.assessClassification).toMatchObject({ classificationAssessment: null, userErrors: [] });
    expect(errorCodes(payload)).toEqual(["FORBIDDEN"]);
  });
});
