import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VariablesOf } from "@graphql-typed-document-node/core";
import { eq } from "drizzle-orm";
import { startTestServer, dataOf, errorCodes, unique, type TestServer } from "../support/server";
import { assessProspective, clientOfWorker, newClient } from "../support/factories";
import { isContractor } from "../../src/shared/classification";
import {
  ChangeCompensationDocument,
  ClientEngagementsDocument,
  CreatePayScheduleForHireDocument,
  CreateWorkerBasicDocument,
  EndEngagementDocument,
  EngagementNodeDocument,
  EngagementsDocument,
  HireWorkerDocument,
  UpdateWorkerDocument,
  WorkerEngagementsDocument,
  WorkersWithEngagementsDocument,
  type HireWorkerInput,
} from "../generated/graphql";
import { events } from "../../src/modules/events/event.table";
import { parseGlobalId, toGlobalId } from "../../src/shared/global-id";
import { engagementRepository } from "../../src/modules/engagements/engagement.repository";
import type { PageRequest } from "../../src/shared/pagination";

/**
 * Engagements over a real server and database: hireWorker (every business rule), changeCompensation,
 * endEngagement, derived statuses, the queries and nested connections, and cross-tenant isolation.
 */
let t: TestServer;
let operator: string;
let clientA: string; // own legal entities: US-CA (subdivision) and CA (whole country)
let clientB: string;
let tokenA: string;
let tokenB: string;
let usSchedule: string;
let caSchedule: string;
let scheduleOfB: string;

const MISSING_UUID = "01890000-0000-7000-8000-000000000000";
const usd = (amount: string) => ({ amount, currency: "USD" as const });
const cad = (amount: string) => ({ amount, currency: "CAD" as const });

/** A date `days` from today (UTC), as the server computes "today". */
function day(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const codes = (errors: { field: string[]; code: string }[]) => errors.map((e) => [e.field.join("."), e.code]);

async function newWorker(clientId = clientA, token = tokenA) {
  const res = dataOf(
    await t.gql(CreateWorkerBasicDocument, { input: { clientId, legalFirstName: "Kim", legalLastName: "Lee", email: "kim@example.com", homeJurisdiction: "US-CA" } }, token),
  );
  expect(res.createWorker.userErrors).toEqual([]);
  return res.createWorker.worker!.id;
}

async function newSchedule(clientId: string, country: "US" | "CA") {
  const res = dataOf(
    await t.gql(
      CreatePayScheduleForHireDocument,
      { input: { clientId, name: unique(`sched-${country}`), country, frequency: "MONTHLY", firstPeriodStart: "2025-01-01", periodsAhead: 2 } },
      operator,
    ),
  );
  expect(res.createPaySchedule.userErrors).toEqual([]);
  return res.createPaySchedule.paySchedule!.id;
}

function hireInput(workerId: string, overrides: Partial<HireWorkerInput> = {}): HireWorkerInput {
  return {
    workerId,
    title: "Engineer",
    workJurisdiction: "US-CA",
    employmentModel: "EOR",
    classification: "US_W2_EMPLOYEE",
    startDate: "2025-01-01",
    compensation: { basis: "SALARY", amount: usd("120000.00") },
    ...overrides,
  };
}

/** A hire with `token`; a contractor one first gets its CONTRACTOR assessment, answered with the same token (the classification rule). */
async function hire(workerId: string, overrides: Partial<HireWorkerInput> = {}, token = tokenA) {
  const input = hireInput(workerId, overrides);
  if (isContractor(input.classification) && input.classificationAssessmentId == null) {
    input.classificationAssessmentId = (await assessProspective(t, await clientOfWorker(t, workerId), input.workJurisdiction, "CONTRACTOR", token)).id;
  }
  const res = dataOf(await t.gql(HireWorkerDocument, { input }, token));
  expect(res.hireWorker.userErrors).toEqual([]);
  return res.hireWorker.engagement!;
}

async function hireErrors(input: HireWorkerInput, token = tokenA) {
  const res = dataOf(await t.gql(HireWorkerDocument, { input }, token));
  expect(res.hireWorker.engagement).toBeNull();
  return codes(res.hireWorker.userErrors);
}

async function change(input: VariablesOf<typeof ChangeCompensationDocument>["input"], token = tokenA) {
  return dataOf(await t.gql(ChangeCompensationDocument, { input }, token)).changeCompensation;
}

async function end(input: VariablesOf<typeof EndEngagementDocument>["input"], token = tokenA) {
  return dataOf(await t.gql(EndEngagementDocument, { input }, token)).endEngagement;
}

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  clientA = await newClient(t, "eng-a", { legalEntityJurisdictions: ["US-CA", "CA"] });
  clientB = await newClient(t, "eng-b");
  tokenA = await t.token("CLIENT", { clients: [clientA] });
  tokenB = await t.token("CLIENT", { clients: [clientB] });
  usSchedule = await newSchedule(clientA, "US");
  caSchedule = await newSchedule(clientA, "CA");
  scheduleOfB = await newSchedule(clientB, "US");
});
afterAll(() => t.stop());

describe("hireWorker", () => {
  it("creates an engagement and its first compensation under the EOR's entity, with a pay schedule", async () => {
    const workerId = await newWorker();
    const externalId = unique("eng");
    const e = await hire(workerId, { externalId, payScheduleId: usSchedule, title: "  Staff Engineer " });
    expect(e).toMatchObject({
      externalId,
      title: "Staff Engineer",
      workJurisdiction: "US-CA",
      employmentModel: "EOR",
      classification: "US_W2_EMPLOYEE",
      startDate: "2025-01-01",
      endDate: null,
      status: "ACTIVE",
      endReason: null,
      version: 1,
      worker: { id: workerId },
      client: { id: clientA },
      paySchedule: { id: usSchedule, country: "US" },
      currentCompensation: { basis: "SALARY", amount: { amount: "120000.00", currency: "USD" }, effectiveFrom: "2025-01-01", reason: "Hire" },
    });
    expect(e.compensations).toHaveLength(1);

    const uuid = Buffer.from(e.id, "base64url").toString().split(":")[1];
    const recorded = await t.database.db.select().from(events).where(eq(events.objectId, uuid));
    expect(recorded.map((r) => r.type)).toEqual(["engagement.created"]);
  });

  it("derives PENDING for a future start (current compensation: the one it starts with) and ENDED for a past fixed term", async () => {
    const pending = await hire(await newWorker(), { startDate: day(30) });
    expect(pending).toMatchObject({ status: "PENDING", currentCompensation: { effectiveFrom: day(30) } });
    const past = await hire(await newWorker(), { startDate: "2023-01-01", endDate: "2023-12-31" });
    expect(past).toMatchObject({ status: "ENDED", endDate: "2023-12-31", currentCompensation: { effectiveFrom: "2023-01-01" } });
  });

  it("allows PEO where the client's own entity covers the jurisdiction (subdivision or whole country), and refuses it elsewhere", async () => {
    expect((await hire(await newWorker(), { employmentModel: "PEO" })).employmentModel).toBe("PEO");
    const inCanada = await hire(await newWorker(), {
      employmentModel: "PEO",
      workJurisdiction: "CA-ON",
      classification: "CA_T4_EMPLOYEE",
      compensation: { basis: "HOURLY", amount: cad("45.50") },
      payScheduleId: caSchedule,
    });
    expect(inCanada).toMatchObject({ workJurisdiction: "CA-ON", currentCompensation: { basis: "HOURLY", amount: { amount: "45.50", currency: "CAD" } } });
    expect(await hireErrors(hireInput(await newWorker(), { employmentModel: "PEO", workJurisdiction: "US-TX" }))).toEqual([["input.employmentModel", "PEO_REQUIRES_LEGAL_ENTITY"]]);
    // Client B has no legal entity anywhere.
    expect(await hireErrors(hireInput(await newWorker(clientB, tokenB), { employmentModel: "PEO" }), tokenB)).toEqual([["input.employmentModel", "PEO_REQUIRES_LEGAL_ENTITY"]]);
  });

  it("refuses an unsupported work jurisdiction and a classification of another country", async () => {
    const w = await newWorker();
    for (const workJurisdiction of ["US-ZZ", "US", "FR-75", "x".repeat(300)]) {
      expect(await hireErrors(hireInput(w, { workJurisdiction }))).toEqual([["input.workJurisdiction", "INVALID_JURISDICTION"]]);
    }
    expect(await hireErrors(hireInput(w, { classification: "CA_T4_EMPLOYEE" }))).toEqual([["input.classification", "CLASSIFICATION_NOT_VALID_IN_COUNTRY"]]);
    expect(await hireErrors(hireInput(w, { workJurisdiction: "CA-QC", classification: "US_1099_CONTRACTOR", compensation: { basis: "HOURLY", amount: cad("80") } }))).toEqual([
      ["input.classification", "CLASSIFICATION_NOT_VALID_IN_COUNTRY"],
    ]);
  });

  it("engages contractors under EOR only, paid HOURLY or FIXED_FEE; employees SALARY or HOURLY", async () => {
    const contractor = { classification: "US_1099_CONTRACTOR" as const, compensation: { basis: "FIXED_FEE" as const, amount: usd("5000") } };
    expect(await hire(await newWorker(), contractor)).toMatchObject({ classification: "US_1099_CONTRACTOR", currentCompensation: { basis: "FIXED_FEE" } });
    expect(await hireErrors(hireInput(await newWorker(), { ...contractor, employmentModel: "PEO" }))).toEqual([["input.employmentModel", "CONTRACTOR_REQUIRES_EOR"]]);
    expect(await hireErrors(hireInput(await newWorker(), { ...contractor, compensation: { basis: "SALARY", amount: usd("90000") } }))).toEqual([
      ["input.compensation.basis", "COMPENSATION_BASIS_NOT_ALLOWED"],
    ]);
    expect(await hireErrors(hireInput(await newWorker(), { compensation: { basis: "FIXED_FEE", amount: usd("90000") } }))).toEqual([
      ["input.compensation.basis", "COMPENSATION_BASIS_NOT_ALLOWED"],
    ]);
    const caContractor = await hire(await newWorker(), {
      workJurisdiction: "CA-BC",
      classification: "CA_T4A_CONTRACTOR",
      compensation: { basis: "HOURLY", amount: cad("95") },
    });
    expect(caContractor.currentCompensation).toMatchObject({ basis: "HOURLY", amount: { currency: "CAD" } });
  });

  it("refuses a currency that does not follow the country, and bad amounts", async () => {
    const w = await newWorker();
    expect(await hireErrors(hireInput(w, { compensation: { basis: "SALARY", amount: cad("100000") } }))).toEqual([["input.compensation.amount.currency", "CURRENCY_MISMATCH"]]);
    for (const amount of ["0", "0.00", "1.234", "999999999999999"]) {
      expect(await hireErrors(hireInput(w, { compensation: { basis: "SALARY", amount: usd(amount) } }))).toEqual([["input.compensation.amount.amount", "INVALID_AMOUNT"]]);
    }
    const huge = await t.gql(HireWorkerDocument, { input: hireInput(w, { compensation: { basis: "SALARY", amount: usd("99999999999999999") } }) }, tokenA);
    expect(errorCodes(huge)).toEqual(["BAD_USER_INPUT"]);
  });

  it("refuses bad dates: end before start, first compensation outside the engagement's dates, unparseable dates", async () => {
    const w = await newWorker();
    expect(await hireErrors(hireInput(w, { startDate: "2025-05-01", endDate: "2025-04-30" }))).toEqual([["input.endDate", "INVALID_DATE_RANGE"]]);
    expect(await hireErrors(hireInput(w, { compensation: { basis: "SALARY", amount: usd("1"), effectiveFrom: "2024-12-31" } }))).toEqual([
      ["input.compensation.effectiveFrom", "EFFECTIVE_DATE_OUT_OF_RANGE"],
    ]);
    expect(await hireErrors(hireInput(w, { endDate: "2025-03-31", compensation: { basis: "SALARY", amount: usd("1"), effectiveFrom: "2025-04-01" } }))).toEqual([
      ["input.compensation.effectiveFrom", "EFFECTIVE_DATE_OUT_OF_RANGE"],
    ]);
    expect(errorCodes(await t.gql(HireWorkerDocument, { input: hireInput(w, { startDate: "2025-02-30" }) }, tokenA))).toEqual(["BAD_USER_INPUT"]);
  });

  it("refuses a blank or overlong title and externalId", async () => {
    const w = await newWorker();
    expect(await hireErrors(hireInput(w, { title: " " }))).toEqual([["input.title", "INVALID_INPUT"]]);
    expect(await hireErrors(hireInput(w, { title: "t".repeat(201), externalId: "e".repeat(101) }))).toEqual([
      ["input.title", "TOO_LONG"],
      ["input.externalId", "TOO_LONG"],
    ]);
  });

  it("refuses an INACTIVE worker", async () => {
    const w = await newWorker();
    dataOf(await t.gql(UpdateWorkerDocument, { input: { id: w, expectedVersion: 1, status: "INACTIVE" } }, tokenA));
    expect(await hireErrors(hireInput(w))).toEqual([["input.workerId", "WORKER_NOT_ACTIVE"]]);
  });

  it("refuses an overlapping engagement of the worker with the client, also when two hires race", async () => {
    const w = await newWorker();
    await hire(w, { startDate: "2024-01-01", endDate: "2024-06-30" });
    expect(await hireErrors(hireInput(w, { startDate: "2024-06-30" }))).toEqual([["input.startDate", "OVERLAPPING_ENGAGEMENT"]]);
    expect(await hireErrors(hireInput(w, { startDate: "2023-01-01", endDate: "2024-01-01" }))).toEqual([["input.startDate", "OVERLAPPING_ENGAGEMENT"]]);
    await hire(w, { startDate: "2024-07-01" });
    expect(await hireErrors(hireInput(w, { startDate: "2030-01-01" }))).toEqual([["input.startDate", "OVERLAPPING_ENGAGEMENT"]]);

    const raced = await newWorker();
    const results = await Promise.all([0, 1, 2].map((i) => t.gql(HireWorkerDocument, { input: hireInput(raced, { startDate: `2025-0${i + 1}-01` }) }, tokenA)));
    const payloads = results.map((r) => dataOf(r).hireWorker);
    expect(payloads.filter((p) => p.engagement !== null)).toHaveLength(1);
    expect(payloads.flatMap((p) => p.userErrors.map((e) => e.code))).toEqual(["OVERLAPPING_ENGAGEMENT", "OVERLAPPING_ENGAGEMENT"]);
  });

  it("refuses a duplicate engagement externalId within the client", async () => {
    const externalId = unique("eng-dup");
    await hire(await newWorker(), { externalId });
    expect(await hireErrors(hireInput(await newWorker(), { externalId }))).toEqual([["input.externalId", "DUPLICATE_EXTERNAL_ID"]]);
  });

  it("checks the pay schedule: valid ID, the worker's client, the work country", async () => {
    const w = await newWorker();
    expect(await hireErrors(hireInput(w, { payScheduleId: caSchedule }))).toEqual([["input.payScheduleId", "PAY_SCHEDULE_COUNTRY_MISMATCH"]]);
    expect(await hireErrors(hireInput(w, { payScheduleId: scheduleOfB }))).toEqual([["input.payScheduleId", "NOT_FOUND"]]);
    expect(await hireErrors(hireInput(w, { payScheduleId: w }))).toEqual([["input.payScheduleId", "INVALID_ID"]]);
    expect(await hireErrors(hireInput(w, { payScheduleId: "garbage" }))).toEqual([["input.payScheduleId", "INVALID_ID"]]);
  });

  it("answers bad worker IDs with INVALID_ID and another tenant's or a missing worker with NOT_FOUND", async () => {
    expect(await hireErrors(hireInput("not-an-id"))).toEqual([["input.workerId", "INVALID_ID"]]);
    expect(await hireErrors(hireInput(clientA))).toEqual([["input.workerId", "INVALID_ID"]]);
    expect(await hireErrors(hireInput(toGlobalId("Worker", MISSING_UUID)))).toEqual([["input.workerId", "NOT_FOUND"]]);
    const workerOfA = await newWorker();
    expect(await hireErrors(hireInput(workerOfA), tokenB)).toEqual([["input.workerId", "NOT_FOUND"]]);
  });

  it("needs workers:write", async () => {
    const readOnly = await t.token("CLIENT", { clients: [clientA], scopes: ["workers:read"] });
    expect(errorCodes(await t.gql(HireWorkerDocument, { input: hireInput(await newWorker()) }, readOnly))).toEqual(["FORBIDDEN"]);
  });
});

describe("changeCompensation", () => {
  it("records effective-dated changes; currentCompensation follows today; the engagement's version moves", async () => {
    const e = await hire(await newWorker(), { startDate: "2025-01-01" });
    const raise = await change({ engagementId: e.id, basis: "SALARY", amount: usd("130000"), effectiveFrom: "2025-07-01", reason: "Annual review" });
    expect(raise.userErrors).toEqual([]);
    expect(raise.compensation).toMatchObject({
      basis: "SALARY",
      amount: { amount: "130000.00", currency: "USD" },
      effectiveFrom: "2025-07-01",
      reason: "Annual review",
      engagement: { id: e.id },
    });
    expect(raise.engagement).toMatchObject({ id: e.id, version: 2, currentCompensation: { id: raise.compensation!.id } });

    const future = await change({ engagementId: e.id, basis: "HOURLY", amount: usd("70"), effectiveFrom: day(400) });
    expect(future.engagement).toMatchObject({ version: 3, currentCompensation: { id: raise.compensation!.id } });
    const node = dataOf(await t.gql(EngagementNodeDocument, { id: e.id }, tokenA)).node as { compensations: { effectiveFrom: string }[] };
    expect(node.compensations.map((c) => c.effectiveFrom)).toEqual(["2025-01-01", "2025-07-01", day(400)]);

    const asNode = dataOf(await t.gql(EngagementNodeDocument, { id: raise.compensation!.id }, tokenA)).node;
    expect(asNode).toMatchObject({ id: raise.compensation!.id, basis: "SALARY", effectiveFrom: "2025-07-01", engagement: { id: e.id } });
  });

  it("allows one change per date", async () => {
    const e = await hire(await newWorker());
    expect(codes((await change({ engagementId: e.id, basis: "SALARY", amount: usd("60000"), effectiveFrom: "2025-01-01" })).userErrors)).toEqual([
      ["input.effectiveFrom", "DUPLICATE_EFFECTIVE_DATE"],
    ]);
    const raced = await Promise.all(
      ["61000", "62000"].map((amount) =>
        t.gql(ChangeCompensationDocument, { input: { engagementId: e.id, basis: "SALARY", amount: usd(amount), effectiveFrom: "2025-03-01" } }, tokenA),
      ),
    );
    const payloads = raced.map((r) => dataOf(r).changeCompensation);
    expect(payloads.filter((p) => p.compensation !== null)).toHaveLength(1);
    expect(payloads.flatMap((p) => p.userErrors.map((u) => u.code))).toEqual(["DUPLICATE_EFFECTIVE_DATE"]);
  });

  it("keeps changes within the engagement's dates and applies the basis, currency and amount rules", async () => {
    const e = await hire(await newWorker(), { startDate: "2025-01-01", endDate: day(200) });
    const base = { engagementId: e.id, basis: "SALARY" as const, amount: usd("60000"), effectiveFrom: "2025-02-01" };
    expect(codes((await change({ ...base, effectiveFrom: "2024-12-31" })).userErrors)).toEqual([["input.effectiveFrom", "EFFECTIVE_DATE_OUT_OF_RANGE"]]);
    expect(codes((await change({ ...base, effectiveFrom: day(201) })).userErrors)).toEqual([["input.effectiveFrom", "EFFECTIVE_DATE_OUT_OF_RANGE"]]);
    expect(codes((await change({ ...base, amount: cad("100") })).userErrors)).toEqual([["input.amount.currency", "CURRENCY_MISMATCH"]]);
    expect(codes((await change({ ...base, basis: "FIXED_FEE" })).userErrors)).toEqual([["input.basis", "COMPENSATION_BASIS_NOT_ALLOWED"]]);
    expect(codes((await change({ ...base, amount: usd("0") })).userErrors)).toEqual([["input.amount.amount", "INVALID_AMOUNT"]]);
    expect(codes((await change({ ...base, amount: usd("999999999999999") })).userErrors)).toEqual([["input.amount.amount", "INVALID_AMOUNT"]]);
    expect(codes((await change({ ...base, reason: "r".repeat(501) })).userErrors)).toEqual([["input.reason", "TOO_LONG"]]);
    expect(errorCodes(await t.gql(ChangeCompensationDocument, { input: { ...base, amount: usd("99999999999999999") } }, tokenA))).toEqual(["BAD_USER_INPUT"]);
    expect((await change({ ...base, effectiveFrom: day(200) })).userErrors).toEqual([]);
  });

  it("refuses changes to an ended engagement", async () => {
    const e = await hire(await newWorker());
    expect((await end({ engagementId: e.id, endDate: day(10) })).userErrors).toEqual([]);
    expect(codes((await change({ engagementId: e.id, basis: "SALARY", amount: usd("1"), effectiveFrom: day(5) })).userErrors)).toEqual([
      ["input.engagementId", "ENGAGEMENT_ENDED"],
    ]);
  });

  it("answers bad IDs with INVALID_ID and another tenant's engagement with NOT_FOUND; needs workers:write", async () => {
    const e = await hire(await newWorker());
    const input = { engagementId: e.id, basis: "SALARY" as const, amount: usd("1"), effectiveFrom: "2025-06-01" };
    expect(codes((await change({ ...input, engagementId: "??" })).userErrors)).toEqual([["input.engagementId", "INVALID_ID"]]);
    expect(codes((await change({ ...input, engagementId: clientA })).userErrors)).toEqual([["input.engagementId", "INVALID_ID"]]);
    expect(codes((await change({ ...input, engagementId: toGlobalId("Engagement", MISSING_UUID) })).userErrors)).toEqual([["input.engagementId", "NOT_FOUND"]]);
    expect(codes((await change(input, tokenB)).userErrors)).toEqual([["input.engagementId", "NOT_FOUND"]]);
    const readOnly = await t.token("CLIENT", { clients: [clientA], scopes: ["workers:read"] });
    expect(errorCodes(await t.gql(ChangeCompensationDocument, { input }, readOnly))).toEqual(["FORBIDDEN"]);
    const node = dataOf(await t.gql(EngagementNodeDocument, { id: e.id }, tokenA)).node as { compensations: unknown[]; version: number };
    expect(node).toMatchObject({ version: 1, compensations: [expect.anything()] });
  });
});

describe("endEngagement", () => {
  it("sets the end date, the reason and ENDED; a second end is ENGAGEMENT_ENDED", async () => {
    const e = await hire(await newWorker(), { startDate: "2025-01-01" });
    const ended = await end({ engagementId: e.id, endDate: day(14), reason: "Resigned", expectedVersion: 1 });
    expect(ended.userErrors).toEqual([]);
    expect(ended.engagement).toMatchObject({ status: "ENDED", endDate: day(14), endReason: "Resigned", version: 2 });
    expect(codes((await end({ engagementId: e.id, endDate: day(20) })).userErrors)).toEqual([["input.engagementId", "ENGAGEMENT_ENDED"]]);
    const uuid = Buffer.from(e.id, "base64url").toString().split(":")[1];
    const [recorded] = await t.database.db
      .select()
      .from(events)
      .where(eq(events.objectId, uuid))
      .then((rows) => rows.filter((r) => r.type === "engagement.ended"));
    expect(recorded.before).toMatchObject({ status: "ACTIVE", endDate: null });
    expect(recorded.after).toMatchObject({ status: "ENDED", endDate: day(14), changed: ["endReason"] });
    // The reason (free text about a person) and the pay stay out of the append-only log: "changed" markers only.
    expect(JSON.stringify(recorded)).not.toContain("Resigned");
    const [compensation] = await t.database.db
      .select()
      .from(events)
      .where(eq(events.type, "compensation.created"))
      .then((rows) => rows.filter((r) => (r.after as { engagementId?: string }).engagementId === uuid));
    expect(compensation.after).toEqual({ engagementId: uuid, basis: "SALARY", currency: "USD", effectiveFrom: "2025-01-01", changed: ["amount", "reason"] });
    expect(JSON.stringify(compensation)).not.toMatch(/12000000|120000/);
  });

  it("refuses a stale expectedVersion (optimistic lock), an end before the start, an end before a scheduled change", async () => {
    const e = await hire(await newWorker(), { startDate: "2025-01-01" });
    await change({ engagementId: e.id, basis: "SALARY", amount: usd("150000"), effectiveFrom: day(60) });
    expect(codes((await end({ engagementId: e.id, endDate: day(90), expectedVersion: 1 })).userErrors)).toEqual([["input.expectedVersion", "STALE_VERSION"]]);
    expect(codes((await end({ engagementId: e.id, endDate: "2024-12-31" })).userErrors)).toEqual([["input.endDate", "INVALID_DATE_RANGE"]]);
    expect(codes((await end({ engagementId: e.id, endDate: day(59) })).userErrors)).toEqual([["input.endDate", "EFFECTIVE_DATE_OUT_OF_RANGE"]]);
    expect(codes((await end({ engagementId: e.id, endDate: "2025-01-01", reason: "x".repeat(501) })).userErrors)).toEqual([["input.reason", "TOO_LONG"]]);
    const ok = await end({ engagementId: e.id, endDate: day(60), expectedVersion: 2 });
    expect(ok.engagement).toMatchObject({ status: "ENDED", endDate: day(60), version: 3 });
  });

  it("refuses an end date that runs into the worker's next engagement", async () => {
    const w = await newWorker();
    const first = await hire(w, { startDate: day(10), endDate: day(40) });
    await hire(w, { startDate: day(100) });
    expect(codes((await end({ engagementId: first.id, endDate: day(150) })).userErrors)).toEqual([["input.endDate", "OVERLAPPING_ENGAGEMENT"]]);
    expect((await end({ engagementId: first.id, endDate: day(99) })).engagement).toMatchObject({ status: "ENDED", endDate: day(99) });
  });

  it("lets a worker become INACTIVE only once no engagement is open", async () => {
    const w = await newWorker();
    const e = await hire(w);
    const refused = dataOf(await t.gql(UpdateWorkerDocument, { input: { id: w, expectedVersion: 1, status: "INACTIVE" } }, tokenA)).updateWorker;
    expect(codes(refused.userErrors)).toEqual([["input.status", "ILLEGAL_STATUS_TRANSITION"]]);
    await end({ engagementId: e.id, endDate: day(0) });
    const ok = dataOf(await t.gql(UpdateWorkerDocument, { input: { id: w, expectedVersion: 1, status: "INACTIVE" } }, tokenA)).updateWorker;
    expect(ok.worker).toMatchObject({ status: "INACTIVE" });
  });

  it("answers bad IDs with INVALID_ID and another tenant's engagement with NOT_FOUND; needs workers:write", async () => {
    const e = await hire(await newWorker());
    expect(codes((await end({ engagementId: "", endDate: day(1) })).userErrors)).toEqual([["input.engagementId", "INVALID_ID"]]);
    expect(codes((await end({ engagementId: usSchedule, endDate: day(1) })).userErrors)).toEqual([["input.engagementId", "INVALID_ID"]]);
    expect(codes((await end({ engagementId: e.id, endDate: day(1) }, tokenB)).userErrors)).toEqual([["input.engagementId", "NOT_FOUND"]]);
    const readOnly = await t.token("CLIENT", { clients: [clientA], scopes: ["workers:read"] });
    expect(errorCodes(await t.gql(EndEngagementDocument, { input: { engagementId: e.id, endDate: day(1) } }, readOnly))).toEqual(["FORBIDDEN"]);
    expect(dataOf(await t.gql(EngagementNodeDocument, { id: e.id }, tokenA)).node).toMatchObject({ status: "ACTIVE", endDate: null });
  });
});

describe("engagement queries", () => {
  let client: string;
  let token: string;
  let workerIds: string[];
  let engagementIds: string[];

  beforeAll(async () => {
    client = await newClient(t, "eng-queries", { legalEntityJurisdictions: ["US"] });
    token = await t.token("CLIENT", { clients: [client] });
    workerIds = [];
    engagementIds = [];
    // Worker 0: three engagements in a row (ended, active, pending); workers 1-2: one each.
    workerIds.push(await newWorker(client, token));
    engagementIds.push((await hire(workerIds[0], { startDate: "2023-01-01", endDate: "2023-06-30" }, token)).id);
    engagementIds.push((await hire(workerIds[0], { startDate: "2023-07-01", endDate: day(30) }, token)).id);
    engagementIds.push((await hire(workerIds[0], { startDate: day(31), workJurisdiction: "US-TX", employmentModel: "PEO" }, token)).id);
    for (const classification of ["US_1099_CONTRACTOR", "US_W2_EMPLOYEE"] as const) {
      const w = await newWorker(client, token);
      workerIds.push(w);
      const basis = classification === "US_1099_CONTRACTOR" ? "HOURLY" : "SALARY";
      engagementIds.push((await hire(w, { classification, workJurisdiction: "US-NY", compensation: { basis, amount: usd(basis === "HOURLY" ? "50" : "60000") } }, token)).id);
    }
  });

  it("pages engagements forward and backward with totalCount", async () => {
    const page = async (v: VariablesOf<typeof EngagementsDocument>) => dataOf(await t.gql(EngagementsDocument, { clientId: client, ...v }, token)).engagements;
    const first = await page({ first: 2 });
    expect(first.totalCount).toBe(5);
    expect(first.edges.map((e) => e.node.id)).toEqual(engagementIds.slice(0, 2));
    const next = await page({ first: 10, after: first.pageInfo.endCursor });
    expect(next.edges.map((e) => e.node.id)).toEqual(engagementIds.slice(2));
    expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const last = await page({ last: 2 });
    expect(last.edges.map((e) => e.node.id)).toEqual(engagementIds.slice(3));
    const before = await page({ last: 10, before: last.pageInfo.startCursor });
    expect(before.edges.map((e) => e.node.id)).toEqual(engagementIds.slice(0, 3));
    expect(before.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it("filters by worker, derived status, work jurisdiction, classification and updatedSince", async () => {
    const ids = async (v: VariablesOf<typeof EngagementsDocument>) =>
      dataOf(await t.gql(EngagementsDocument, { clientId: client, ...v }, token)).engagements.edges.map((e) => e.node.id);
    expect(await ids({ workerId: workerIds[0] })).toEqual(engagementIds.slice(0, 3));
    expect(await ids({ status: "ENDED" })).toEqual([engagementIds[0]]);
    expect(await ids({ status: "PENDING" })).toEqual([engagementIds[2]]);
    expect(await ids({ status: "ACTIVE" })).toEqual([engagementIds[1], engagementIds[3], engagementIds[4]]);
    expect(await ids({ workJurisdiction: "US-NY" })).toEqual(engagementIds.slice(3));
    expect(await ids({ classification: "US_1099_CONTRACTOR" })).toEqual([engagementIds[3]]);

    const changed = await change({ engagementId: engagementIds[4], basis: "SALARY", amount: usd("61000"), effectiveFrom: day(1) }, token);
    const node = dataOf(await t.gql(EngagementNodeDocument, { id: engagementIds[4] }, token)).node as { updatedAt: string; version: number };
    expect(node.version).toBe(changed.engagement!.version);
    expect(await ids({ updatedSince: node.updatedAt })).toEqual([engagementIds[4]]);
  });

  it("refuses bad arguments with BAD_USER_INPUT", async () => {
    for (const v of [{ workerId: "bad" }, { clientId: workerIds[0] }, { workJurisdiction: "US" }, { first: 500 }, { after: "nope" }]) {
      expect(errorCodes(await t.gql(EngagementsDocument, v, token))).toEqual(["BAD_USER_INPUT"]);
    }
    expect(errorCodes(await t.gql(WorkerEngagementsDocument, { id: workerIds[0], first: 101 }, token))).toEqual(["BAD_USER_INPUT"]);
  });

  it("pages Worker.engagements both ways, reading one page per worker (not its whole history) in one batched statement", async () => {
    const nested = async (v: Omit<VariablesOf<typeof WorkerEngagementsDocument>, "id">) => {
      const node = dataOf(await t.gql(WorkerEngagementsDocument, { id: workerIds[0], ...v }, token)).node;
      if (!node || !("engagements" in node)) throw new Error("not a worker");
      return node.engagements;
    };
    const first = await nested({ first: 2 });
    expect(first.totalCount).toBe(3);
    expect(first.nodes.map((n) => n.id)).toEqual(engagementIds.slice(0, 2));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const rest = await nested({ first: 2, after: first.pageInfo.endCursor });
    expect(rest.nodes.map((n) => n.id)).toEqual([engagementIds[2]]);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const last = await nested({ last: 1 });
    expect(last.nodes.map((n) => n.id)).toEqual([engagementIds[2]]);
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const before = await nested({ last: 5, before: last.pageInfo.startCursor });
    expect(before.nodes.map((n) => n.id)).toEqual(engagementIds.slice(0, 2));
    expect(before.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });

    // Across a page of workers: each worker's own list, with its own cursor arguments.
    const all = dataOf(await t.gql(WorkersWithEngagementsDocument, { clientId: client }, token)).workers.nodes;
    expect(all.map((w) => w.id)).toEqual(workerIds);
    expect(all.map((w) => w.engagements.totalCount)).toEqual([3, 1, 1]);
    expect(all.map((w) => w.engagements.nodes[0].id)).toEqual([engagementIds[0], engagementIds[3], engagementIds[4]]);
    expect(all.map((w) => w.engagements.pageInfo.hasNextPage)).toEqual([true, false, false]);

    // The statement behind it reads `limit + 1` engagements of each worker, in the page's direction, after the cursor.
    const ids = (globalIds: string[]) => globalIds.map((id) => parseGlobalId(id, "Engagement")!);
    const workers = workerIds.map((id) => parseGlobalId(id, "Worker")!);
    const page = (request: Partial<PageRequest>) =>
      engagementRepository.pagesByWorkerIds(t.database.db, { all: true }, workers, { direction: "forward", limit: 1, afterId: null, beforeId: null, ...request }, "2026-11-30");
    expect((await page({})).map((r) => r.engagement.id)).toEqual(ids([engagementIds[0], engagementIds[1], engagementIds[3], engagementIds[4]]));
    expect((await page({ direction: "backward" })).map((r) => r.engagement.id)).toEqual(ids([engagementIds[2], engagementIds[1], engagementIds[3], engagementIds[4]]));
    expect((await page({ afterId: ids([engagementIds[0]])[0] })).map((r) => r.engagement.id)).toEqual(ids(engagementIds.slice(1)));
  });

  it("pages Client.engagements with filters", async () => {
    const ofClient = async (v: Omit<VariablesOf<typeof ClientEngagementsDocument>, "id">) => {
      const node = dataOf(await t.gql(ClientEngagementsDocument, { id: client, ...v }, token)).node;
      if (!node || !("engagements" in node)) throw new Error("not a client");
      return node.engagements;
    };
    const first = await ofClient({ first: 3 });
    expect(first!.totalCount).toBe(5);
    expect(first!.nodes.map((n) => n.id)).toEqual(engagementIds.slice(0, 3));
    expect(first!.nodes.map((n) => n.status)).toEqual(["ENDED", "ACTIVE", "PENDING"]);
    const rest = await ofClient({ first: 3, after: first!.pageInfo.endCursor });
    expect(rest!.nodes.map((n) => n.id)).toEqual(engagementIds.slice(3));
    expect(rest!.pageInfo.hasNextPage).toBe(false);
    const pending = await ofClient({ status: "PENDING" });
    expect(pending).toMatchObject({ totalCount: 1, nodes: [{ id: engagementIds[2] }] });
  });

  it("shows another client's token nothing: null nodes, empty connections, NOT_FOUND on writes", async () => {
    expect(dataOf(await t.gql(EngagementNodeDocument, { id: engagementIds[1] }, tokenB)).node).toBeNull();
    const engagement = dataOf(await t.gql(EngagementNodeDocument, { id: engagementIds[1] }, token)).node as { currentCompensation: { id: string } };
    expect(dataOf(await t.gql(EngagementNodeDocument, { id: engagement.currentCompensation.id }, tokenB)).node).toBeNull();
    expect(dataOf(await t.gql(EngagementsDocument, { clientId: client }, tokenB)).engagements).toMatchObject({ totalCount: 0, edges: [] });
    expect(dataOf(await t.gql(EngagementsDocument, { workerId: workerIds[0] }, tokenB)).engagements.totalCount).toBe(0);
    const all = dataOf(await t.gql(EngagementsDocument, { first: 100 }, tokenB)).engagements.edges.map((e) => e.node.id);
    expect(all.filter((id) => engagementIds.includes(id))).toEqual([]);
    expect(dataOf(await t.gql(WorkerEngagementsDocument, { id: workerIds[0] }, tokenB)).node).toBeNull();
    expect(dataOf(await t.gql(ClientEngagementsDocument, { id: client }, tokenB)).node).toBeNull();
    expect(
      codes(dataOf(await t.gql(HireWorkerDocument, { input: hireInput(workerIds[1], { startDate: "2010-01-01", endDate: "2010-01-31" }) }, tokenB)).hireWorker.userErrors),
    ).toEqual([["input.workerId", "NOT_FOUND"]]);
    const noRead = await t.token("CLIENT", { clients: [client], scopes: ["clients:read"] });
    expect(errorCodes(await t.gql(EngagementsDocument, {}, noRead))).toEqual(["FORBIDDEN"]);
  });
});
