import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { startTestServer, dataOf, errorCodes, type TestServer } from "../support/server";
import { hire, hireOnboarded, newPaySchedule, newTenant, newWorker, onboard, TEST_US_BANK_ACCOUNT, type Tenant } from "../support/factories";
import {
  AgreementNodeDocument,
  ApprovePayrollRunDocument,
  CalculatePayrollRunDocument,
  CreatePayrollRunDocument,
  EngagementOnboardingDocument,
  PaymentMethodNodeDocument,
  PayrollRunStateDocument,
  RecordAgreementSignatureDocument,
  RecordOnboardingStepDocument,
  RemovePaymentMethodDocument,
  RunRemittanceDestinationKindsDocument,
  RunRemittanceDestinationsDocument,
  SendEmploymentAgreementDocument,
  SetPaymentMethodDocument,
  SetPaymentMethodWithDigitsDocument,
  VerifyWorkAuthorizationDocument,
  WorkerPaymentMethodDigitsDocument,
  WorkerPaymentMethodDocument,
  type SetPaymentMethodInput,
} from "../generated/graphql";
import { parseGlobalId } from "../../src/shared/global-id";
import { paymentMethods } from "../../src/modules/payment-methods/payment-method.table";
import { events } from "../../src/modules/events/event.table";
import { openAccount, openRouting } from "../../src/modules/payment-methods/payment-method-secret";
import { testPiiCipher } from "../support/pii";

/**
 * Payment methods, the onboarding checklist, employment agreements and the two run blockers they feed
 * (MISSING_PAYMENT_METHOD, ONBOARDING_INCOMPLETE), through a started server on PGlite or Postgres: encryption at
 * rest, last four digits only with pii:read, each mutation's refusals, cross-tenant and scope refusals, and a run
 * blocked, fixed, approved, with its payments naming their destination.
 */
let t: TestServer;
let operator: string;

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
});
afterAll(() => t.stop());

const CA_SALARY = { basis: "SALARY" as const, amount: { amount: "120000.00", currency: "USD" as const } };

async function setPaymentMethod(input: SetPaymentMethodInput, token = operator) {
  return dataOf(await t.gql(SetPaymentMethodDocument, { input }, token)).setPaymentMethod;
}

async function checklist(engagementId: string, token = operator) {
  const node = dataOf(await t.gql(EngagementOnboardingDocument, { id: engagementId }, token)).node;
  if (!node || !("onboarding" in node)) throw new Error("not an engagement");
  return node;
}

const statuses = (items: readonly { item: string; status: string }[]) => Object.fromEntries(items.map((i) => [i.item, i.status]));

describe("payment methods", () => {
  it("stores the numbers encrypted, shows only their last four digits and only with pii:read", async () => {
    const A = await newTenant(t, "pm");
    const worker = await newWorker(t, A.clientId);
    const set = await setPaymentMethod({ workerId: worker.id, kind: "BANK_ACCOUNT", usBankAccount: { ...TEST_US_BANK_ACCOUNT, routingNumber: "0210-0002 1" } });
    expect(set.userErrors).toEqual([]);
    expect(set.paymentMethod).toMatchObject({ kind: "BANK_ACCOUNT", status: "ACTIVE", bankCountry: "US", accountType: "CHECKING", version: 1 });
    expect(set.replacedPaymentMethod).toBeNull();

    // At rest: envelopes, not digits; they decrypt (with the test key) to the numbers given, bound to their row.
    const [row] = await t.database.db
      .select()
      .from(paymentMethods)
      .where(eq(paymentMethods.id, parseGlobalId(set.paymentMethod!.id, "PaymentMethod")!));
    for (const column of [row.routingEncrypted!, row.accountEncrypted!]) {
      expect(column).toMatch(/^v1\./);
      expect(column).not.toContain("021000021");
      expect(column).not.toContain("123456789");
      expect(column).not.toContain("6789");
    }
    const cipher = testPiiCipher();
    expect(openRouting(cipher, { id: row.id, routingEncrypted: row.routingEncrypted! })).toBe("021000021");
    expect(openAccount(cipher, { id: row.id, accountEncrypted: row.accountEncrypted! })).toBe("000123456789");
    expect(() => openAccount(cipher, { id: row.id, accountEncrypted: row.routingEncrypted! })).toThrow(); // bound to its column

    const withPii = await t.token("CLIENT", { clients: [A.clientId], scopes: ["workers:read", "pii:read"] });
    const digits = dataOf(await t.gql(WorkerPaymentMethodDigitsDocument, { id: worker.id }, withPii)).node;
    expect(digits).toMatchObject({ paymentMethod: { kind: "BANK_ACCOUNT", routingLast4: "0021", accountLast4: "6789" } });
    const withoutPii = await t.token("CLIENT", { clients: [A.clientId], scopes: ["workers:read"] });
    const refused = await t.gql(WorkerPaymentMethodDigitsDocument, { id: worker.id }, withoutPii);
    expect(refused.data?.node).toMatchObject({ paymentMethod: { kind: "BANK_ACCOUNT", routingLast4: null, accountLast4: null } });
    expect(refused.errors?.map((e) => [e.path?.join("."), e.extensions?.code])).toEqual([
      ["node.paymentMethod.routingLast4", "FORBIDDEN"],
      ["node.paymentMethod.accountLast4", "FORBIDDEN"],
    ]);
    // A mutation payload is checked the same way.
    const payloadRefused = await t.gql(
      SetPaymentMethodWithDigitsDocument,
      { input: { workerId: worker.id, kind: "CHECK" } },
      await t.token("CLIENT", { clients: [A.clientId], scopes: ["workers:read", "workers:write"] }),
    );
    expect(payloadRefused.data?.setPaymentMethod.userErrors).toEqual([]);
    expect(payloadRefused.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
  });

  it("replaces (keeping history) and removes under expectedVersion; events never carry a number", async () => {
    const A = await newTenant(t, "pm-history");
    const worker = await newWorker(t, A.clientId, { homeJurisdiction: "CA-ON" });
    const first = await setPaymentMethod({ workerId: worker.id, kind: "CHECK", expectedVersion: 0 });
    expect(first.userErrors).toEqual([]);
    const stale = await setPaymentMethod({ workerId: worker.id, kind: "CHECK", expectedVersion: 0 });
    expect(stale.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([["input.expectedVersion", "STALE_VERSION"]]);
    const second = await setPaymentMethod({
      workerId: worker.id,
      kind: "BANK_ACCOUNT",
      canadianBankAccount: { institutionNumber: "003", transitNumber: "00012", accountNumber: "7654321" },
      expectedVersion: 1,
    });
    expect(second.userErrors).toEqual([]);
    expect(second.paymentMethod).toMatchObject({ bankCountry: "CA", accountType: null, version: 2 });
    expect(second.replacedPaymentMethod).toMatchObject({ id: first.paymentMethod!.id, status: "REPLACED" });
    // The replaced one is still readable (remittances scheduled earlier name it).
    expect(dataOf(await t.gql(PaymentMethodNodeDocument, { id: first.paymentMethod!.id }, operator)).node).toMatchObject({ status: "REPLACED", worker: { id: worker.id } });

    const removed = dataOf(await t.gql(RemovePaymentMethodDocument, { input: { workerId: worker.id, expectedVersion: 2 } }, operator)).removePaymentMethod;
    expect(removed.userErrors).toEqual([]);
    expect(removed.removedPaymentMethod).toMatchObject({ id: second.paymentMethod!.id, status: "REMOVED" });
    expect(removed.removedPaymentMethod!.endedAt).not.toBeNull();
    expect(dataOf(await t.gql(WorkerPaymentMethodDocument, { id: worker.id }, operator)).node).toMatchObject({ paymentMethod: null });
    const again = dataOf(await t.gql(RemovePaymentMethodDocument, { input: { workerId: worker.id } }, operator)).removePaymentMethod;
    expect(again.userErrors.map((e) => e.code)).toEqual(["NO_PAYMENT_METHOD"]);

    const rows = await t.database.db
      .select({ type: events.type, before: events.before, after: events.after })
      .from(events)
      .where(sql`${events.clientId} = ${A.clientDbId} and ${events.objectType} = 'PaymentMethod'`);
    expect(rows.map((r) => r.type).sort()).toEqual(["paymentMethod.removed", "paymentMethod.replaced", "paymentMethod.set", "paymentMethod.set"]);
    const text = JSON.stringify(rows);
    for (const secret of ["7654321", "4321", "00012", "003000"]) expect(text).not.toContain(secret);
  });

  it("refuses bad numbers without echoing them, a kind without its account, another tenant's worker, and a caller without workers:write", async () => {
    const A = await newTenant(t, "pm-bad");
    const B = await newTenant(t, "pm-bad-other");
    const worker = await newWorker(t, A.clientId);
    const bad = await setPaymentMethod({ workerId: worker.id, kind: "BANK_ACCOUNT", usBankAccount: { routingNumber: "021000022", accountNumber: "12", accountType: "SAVINGS" } });
    expect(bad.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([
      ["input.usBankAccount.routingNumber", "INVALID_ROUTING_NUMBER"],
      ["input.usBankAccount.accountNumber", "INVALID_ACCOUNT_NUMBER"],
    ]);
    expect(JSON.stringify(bad.userErrors)).not.toContain("021000022");
    const ca = await setPaymentMethod({
      workerId: worker.id,
      kind: "BANK_ACCOUNT",
      canadianBankAccount: { institutionNumber: "3", transitNumber: "12345", accountNumber: "1234567" },
    });
    expect(ca.userErrors.map((e) => e.code)).toEqual(["INVALID_ROUTING_NUMBER"]);
    expect((await setPaymentMethod({ workerId: worker.id, kind: "BANK_ACCOUNT" })).userErrors.map((e) => e.code)).toEqual(["INVALID_INPUT"]);
    expect((await setPaymentMethod({ workerId: worker.id, kind: "CHECK", usBankAccount: TEST_US_BANK_ACCOUNT })).userErrors.map((e) => e.code)).toEqual(["INVALID_INPUT"]);
    expect((await setPaymentMethod({ workerId: worker.id, kind: "CHECK" }, B.token)).userErrors.map((e) => [e.field.join("."), e.code])).toEqual([["input.workerId", "NOT_FOUND"]]);
    const readOnly = await t.token("CLIENT", { clients: [A.clientId], scopes: ["workers:read"] });
    expect(errorCodes(await t.gql(SetPaymentMethodDocument, { input: { workerId: worker.id, kind: "CHECK" } }, readOnly))).toEqual(["FORBIDDEN"]);
    // Nothing was stored by any of them.
    expect(dataOf(await t.gql(WorkerPaymentMethodDocument, { id: worker.id }, operator)).node).toMatchObject({ paymentMethod: null });
    // Another tenant reads neither the worker's method nor the method by id.
    const set = await setPaymentMethod({ workerId: worker.id, kind: "CHECK" });
    expect(dataOf(await t.gql(PaymentMethodNodeDocument, { id: set.paymentMethod!.id }, B.token)).node).toBeNull();
  });
});

describe("the onboarding checklist", () => {
  it("progresses item by item for a California employee, and copies the agreement's terms at signature", async () => {
    const A = await newTenant(t, "onb-ca");
    const worker = await newWorker(t, A.clientId, { homeJurisdiction: "US-CA", withholding: { w4: { filingStatus: "SINGLE" } } });
    const engagement = await hire(t, worker.id, { workJurisdiction: "US-CA", title: "Data Engineer", startDate: "2026-03-02", compensation: CA_SALARY });
    let node = await checklist(engagement.id);
    expect(node.onboarding!.onboardingStatus).toBe("INCOMPLETE");
    expect(node.onboarding!.items.map((i) => [i.item, i.status, i.form])).toEqual([
      ["FEDERAL_WITHHOLDING_FORM", "COMPLETE", "W-4"],
      ["STATE_WITHHOLDING_FORM", "NOT_STARTED", "DE 4"],
      ["PAYMENT_METHOD", "NOT_STARTED", null],
      ["EMPLOYMENT_AGREEMENT", "NOT_STARTED", "Employment agreement"],
      ["WORK_AUTHORIZATION", "NOT_STARTED", "I-9"],
    ]);
    expect(node.onboarding!.items[4].dueOn).toBe("2026-03-05"); // Monday start: Section 2 by Thursday

    expect((await setPaymentMethod({ workerId: worker.id, kind: "CHECK" })).userErrors).toEqual([]);
    const sent = dataOf(await t.gql(SendEmploymentAgreementDocument, { input: { engagementId: engagement.id, sentOn: "2026-02-20" } }, operator)).sendEmploymentAgreement;
    expect(sent.userErrors).toEqual([]);
    expect(sent.employmentAgreement).toMatchObject({ templateId: "US-CA-EMPLOYEE", templateVersion: 3, versionedTemplateId: "US-CA-EMPLOYEE-v3", status: "SENT", terms: null });
    expect(statuses((await checklist(engagement.id)).onboarding!.items)).toMatchObject({ PAYMENT_METHOD: "COMPLETE", EMPLOYMENT_AGREEMENT: "PENDING" });

    const early = dataOf(await t.gql(RecordAgreementSignatureDocument, { input: { employmentAgreementId: sent.employmentAgreement!.id, signedOn: "2026-02-19" } }, operator));
    expect(early.recordAgreementSignature.userErrors.map((e) => e.code)).toEqual(["INVALID_DATE_RANGE"]);
    const staleSign = dataOf(
      await t.gql(RecordAgreementSignatureDocument, { input: { employmentAgreementId: sent.employmentAgreement!.id, signedOn: "2026-02-23", expectedVersion: 7 } }, operator),
    );
    expect(staleSign.recordAgreementSignature.userErrors.map((e) => e.code)).toEqual(["STALE_VERSION"]);
    const signed = dataOf(
      await t.gql(RecordAgreementSignatureDocument, { input: { employmentAgreementId: sent.employmentAgreement!.id, signedOn: "2026-02-23", expectedVersion: 1 } }, operator),
    ).recordAgreementSignature;
    expect(signed.userErrors).toEqual([]);
    expect(signed.employmentAgreement).toMatchObject({
      status: "SIGNED",
      signedOn: "2026-02-23",
      version: 2,
      terms: { title: "Data Engineer", payBasis: "SALARY", pay: { amount: "120000.00", currency: "USD" }, startDate: "2026-03-02", probationDays: 90 },
    });
    expect(statuses(signed.onboarding!.items).EMPLOYMENT_AGREEMENT).toBe("COMPLETE");
    const twice = dataOf(await t.gql(RecordAgreementSignatureDocument, { input: { employmentAgreementId: sent.employmentAgreement!.id, signedOn: "2026-02-24" } }, operator));
    expect(twice.recordAgreementSignature.userErrors.map((e) => e.code)).toEqual(["AGREEMENT_NOT_SIGNABLE"]);

    const step = (input: object) => t.gql(RecordOnboardingStepDocument, { input: { engagementId: engagement.id, ...input } as never }, operator);
    expect(dataOf(await step({ item: "STATE_WITHHOLDING_FORM", status: "COMPLETE" })).recordOnboardingStep.userErrors.map((e) => e.code)).toEqual(["INVALID_INPUT"]);
    expect(dataOf(await step({ item: "PAYMENT_METHOD", status: "COMPLETE", completedOn: "2026-02-25" })).recordOnboardingStep.userErrors.map((e) => e.code)).toEqual([
      "ONBOARDING_ITEM_DERIVED",
    ]);
    expect(dataOf(await step({ item: "FEDERAL_WITHHOLDING_FORM", status: "COMPLETE", completedOn: "2026-02-25" })).recordOnboardingStep.userErrors.map((e) => e.code)).toEqual([
      "ONBOARDING_ITEM_DERIVED",
    ]);
    const de4 = dataOf(await step({ item: "STATE_WITHHOLDING_FORM", status: "COMPLETE", completedOn: "2026-02-25" })).recordOnboardingStep;
    expect(de4.userErrors).toEqual([]);
    expect(de4.onboarding!.items[1]).toMatchObject({ status: "COMPLETE", completedOn: "2026-02-25" });

    const i9 = dataOf(
      await t.gql(VerifyWorkAuthorizationDocument, { input: { engagementId: engagement.id, status: "COMPLETE", verifiedOn: "2026-03-04" } }, operator),
    ).verifyWorkAuthorization;
    expect(i9.userErrors).toEqual([]);
    expect(i9.onboarding).toMatchObject({ onboardingStatus: "COMPLETE", missingItems: [] });
    node = await checklist(engagement.id);
    expect(node.employmentAgreements!.totalCount).toBe(1);
    expect(node.onboarding!.items[4]).toMatchObject({ status: "COMPLETE", completedOn: "2026-03-04", dueOn: "2026-03-05" });

    // Events name items, statuses and dates only.
    const rows = await t.database.db
      .select({ type: events.type, after: events.after })
      .from(events)
      .where(
        sql`${events.clientId} = ${A.clientDbId} and ${events.type} in ('employmentAgreement.sent', 'employmentAgreement.signed', 'engagement.onboardingStepRecorded', 'engagement.workAuthorizationVerified')`,
      );
    expect(rows.map((r) => r.type).sort()).toEqual([
      "employmentAgreement.sent",
      "employmentAgreement.signed",
      "engagement.onboardingStepRecorded",
      "engagement.workAuthorizationVerified",
    ]);
    expect(JSON.stringify(rows)).not.toContain("120000");
    expect(JSON.stringify(rows)).not.toContain("Data Engineer");
  });

  it("contractors and Canadian employees: what is not required is NOT_REQUIRED and cannot be recorded; a temporary SIN needs its expiry", async () => {
    const A = await newTenant(t, "onb-kinds");
    const contractor = await hire(t, (await newWorker(t, A.clientId)).id, {
      classification: "US_1099_CONTRACTOR",
      compensation: { basis: "FIXED_FEE", amount: { amount: "4000.00", currency: "USD" } },
    });
    const c = (await checklist(contractor.id)).onboarding!;
    expect(c.items.map((i) => [i.item, i.status, i.form])).toEqual([
      ["FEDERAL_WITHHOLDING_FORM", "NOT_STARTED", "W-9"],
      ["STATE_WITHHOLDING_FORM", "NOT_REQUIRED", null],
      ["PAYMENT_METHOD", "NOT_STARTED", null],
      ["EMPLOYMENT_AGREEMENT", "NOT_STARTED", "Contractor agreement"],
      ["WORK_AUTHORIZATION", "NOT_REQUIRED", null],
    ]);
    const i9 = dataOf(await t.gql(VerifyWorkAuthorizationDocument, { input: { engagementId: contractor.id, status: "COMPLETE", verifiedOn: "2026-01-05" } }, operator));
    expect(i9.verifyWorkAuthorization.userErrors.map((e) => e.code)).toEqual(["ONBOARDING_ITEM_NOT_REQUIRED"]);
    const sent = dataOf(await t.gql(SendEmploymentAgreementDocument, { input: { engagementId: contractor.id, sentOn: "2026-01-02" } }, operator)).sendEmploymentAgreement;
    expect(sent.employmentAgreement).toMatchObject({ versionedTemplateId: "US-TX-CONTRACTOR-v1" });
    // A second send supersedes the unsigned first one, which can no longer be signed.
    const resent = dataOf(await t.gql(SendEmploymentAgreementDocument, { input: { engagementId: contractor.id, sentOn: "2026-01-03" } }, operator)).sendEmploymentAgreement;
    const first = dataOf(await t.gql(RecordAgreementSignatureDocument, { input: { employmentAgreementId: sent.employmentAgreement!.id, signedOn: "2026-01-04" } }, operator));
    expect(first.recordAgreementSignature.userErrors.map((e) => e.code)).toEqual(["AGREEMENT_NOT_SIGNABLE"]);
    const signed = dataOf(await t.gql(RecordAgreementSignatureDocument, { input: { employmentAgreementId: resent.employmentAgreement!.id, signedOn: "2026-01-04" } }, operator));
    expect(signed.recordAgreementSignature.employmentAgreement!.terms).toMatchObject({ payBasis: "FIXED_FEE", probationDays: null });

    const temp = await newWorker(t, A.clientId, { homeJurisdiction: "CA-ON", taxId: "912 345 678" });
    const ca = await hire(t, temp.id, {
      workJurisdiction: "CA-ON",
      classification: "CA_T4_EMPLOYEE",
      compensation: { basis: "SALARY", amount: { amount: "90000.00", currency: "CAD" } },
    });
    expect((await checklist(ca.id)).onboarding!.items.map((i) => i.form)).toEqual(["TD1", "TD1ON", null, "Employment agreement", "SIN"]);
    const noExpiry = dataOf(await t.gql(VerifyWorkAuthorizationDocument, { input: { engagementId: ca.id, status: "COMPLETE", verifiedOn: "2026-01-06" } }, operator));
    expect(noExpiry.verifyWorkAuthorization.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([["input.expiresOn", "TEMPORARY_SIN_EXPIRY_REQUIRED"]]);
    expect(JSON.stringify(noExpiry)).not.toContain("912");
    const withExpiry = dataOf(
      await t.gql(VerifyWorkAuthorizationDocument, { input: { engagementId: ca.id, status: "COMPLETE", verifiedOn: "2026-01-06", expiresOn: "2026-02-15" } }, operator),
    ).verifyWorkAuthorization;
    expect(withExpiry.userErrors).toEqual([]);
    // Judged today (after 2026-02-15 the temporary SIN has expired): verified, then expired → PENDING again.
    expect(withExpiry.onboarding!.items[4]).toMatchObject({ expiresOn: "2026-02-15", status: "PENDING" });
  });

  it("is read with onboarding:read only (root, node, edge, payload), written with onboarding:write; another tenant gets NOT_FOUND and null", async () => {
    const A = await newTenant(t, "onb-scope");
    const B = await newTenant(t, "onb-scope-other");
    const engagement = await hireOnboarded(t, (await newWorker(t, A.clientId, { withholding: { w4: { filingStatus: "SINGLE" } } })).id);
    const agreementId = (await checklist(engagement.id)).employmentAgreements!.nodes[0].id;
    const workersOnly = await t.token("CLIENT", { clients: [A.clientId], scopes: ["workers:read"] });
    const edge = await t.gql(EngagementOnboardingDocument, { id: engagement.id }, workersOnly);
    expect(edge.data?.node).toMatchObject({ onboarding: null, employmentAgreements: null });
    expect(edge.errors?.map((e) => [e.path?.join("."), e.extensions?.code]).sort()).toEqual([
      ["node.employmentAgreements", "FORBIDDEN"],
      ["node.onboarding", "FORBIDDEN"],
    ]);
    expect(edge.errors?.[0].message).toContain("onboarding:read");
    const node = await t.gql(AgreementNodeDocument, { id: agreementId }, workersOnly);
    expect(node.data?.node).toBeNull();
    expect(errorCodes(node)).toEqual(["FORBIDDEN"]);
    const reader = await t.token("CLIENT", { clients: [A.clientId], scopes: ["onboarding:read"] });
    const agreement = await t.gql(AgreementNodeDocument, { id: agreementId }, reader);
    expect(agreement.data?.node).toMatchObject({ status: "SIGNED", engagement: null }); // the engagement needs workers:read
    expect(errorCodes(agreement)).toEqual(["FORBIDDEN"]);

    // Write scope without read scope: the step is recorded, the payload's checklist is refused, userErrors answer.
    const writer = await t.token("CLIENT", { clients: [A.clientId], scopes: ["onboarding:write"] });
    const recorded = await t.gql(VerifyWorkAuthorizationDocument, { input: { engagementId: engagement.id, status: "COMPLETE", verifiedOn: "2026-01-07" } }, writer);
    expect(recorded.data?.verifyWorkAuthorization.userErrors).toEqual([]);
    expect(recorded.data?.verifyWorkAuthorization.onboarding).toBeNull();
    expect(recorded.errors?.map((e) => [e.path?.join("."), e.extensions?.code]).sort()).toEqual([
      ["verifyWorkAuthorization.engagement", "FORBIDDEN"],
      ["verifyWorkAuthorization.onboarding", "FORBIDDEN"],
    ]);
    expect((await checklist(engagement.id)).onboarding!.items[4].completedOn).toBe("2026-01-07");
    expect(errorCodes(await t.gql(SendEmploymentAgreementDocument, { input: { engagementId: engagement.id } }, reader))).toEqual(["FORBIDDEN"]);

    // Another tenant: NOT_FOUND on every mutation, null on reads.
    const foreign = [
      dataOf(await t.gql(SendEmploymentAgreementDocument, { input: { engagementId: engagement.id } }, B.token)).sendEmploymentAgreement.userErrors,
      dataOf(await t.gql(RecordAgreementSignatureDocument, { input: { employmentAgreementId: agreementId, signedOn: "2026-02-01" } }, B.token)).recordAgreementSignature.userErrors,
      dataOf(await t.gql(RecordOnboardingStepDocument, { input: { engagementId: engagement.id, item: "STATE_WITHHOLDING_FORM", status: "PENDING" } }, B.token)).recordOnboardingStep
        .userErrors,
      dataOf(await t.gql(VerifyWorkAuthorizationDocument, { input: { engagementId: engagement.id, status: "PENDING" } }, B.token)).verifyWorkAuthorization.userErrors,
    ];
    expect(foreign.map((errors) => errors.map((e) => e.code))).toEqual([["NOT_FOUND"], ["NOT_FOUND"], ["NOT_FOUND"], ["NOT_FOUND"]]);
    expect(dataOf(await t.gql(AgreementNodeDocument, { id: agreementId }, B.token)).node).toBeNull();
    expect(dataOf(await t.gql(EngagementOnboardingDocument, { id: engagement.id }, B.token)).node).toBeNull();
  });
});

describe("payroll runs", () => {
  async function settled(runId: string, token: string) {
    const deadline = Date.now() + 25_000;
    for (;;) {
      const node = dataOf(await t.gql(PayrollRunStateDocument, { id: runId }, token)).node;
      if (node?.__typename !== "PayrollRun") throw new Error("not a run");
      if (node.status !== "CALCULATING") return node;
      if (Date.now() > deadline) throw new Error(`run ${runId} still CALCULATING`);
      await new Promise((r) => setTimeout(r, 40));
    }
  }
  async function calculated(runId: string, tenant: Tenant) {
    const res = dataOf(await t.gql(CalculatePayrollRunDocument, { input: { payrollRunId: runId } }, tenant.token)).calculatePayrollRun;
    expect(res.userErrors).toEqual([]);
    const s = await settled(runId, tenant.token);
    expect(s.status).toBe("CALCULATED");
    return s;
  }

  it("blocks a worker without a payment method and an engagement whose onboarding is incomplete in its first run; fixed, the run is approved and each payment names its destination", async () => {
    const A = await newTenant(t, "onb-run");
    const schedule = await newPaySchedule(t, A.clientId, { periodsAhead: 3 });
    const w4 = { withholding: { w4: { filingStatus: "SINGLE" as const } } };
    const ready = await hireOnboarded(t, (await newWorker(t, A.clientId, w4)).id, { payScheduleId: schedule.id });
    const noMethodWorker = await newWorker(t, A.clientId, w4);
    const noMethod = await hire(t, noMethodWorker.id, { payScheduleId: schedule.id, startDate: "2026-01-12" });
    await onboard(t, noMethod.id);
    const removed = dataOf(await t.gql(RemovePaymentMethodDocument, { input: { workerId: noMethodWorker.id } }, operator)).removePaymentMethod;
    expect(removed.userErrors).toEqual([]);
    const fresh = await hire(t, (await newWorker(t, A.clientId, w4)).id, { payScheduleId: schedule.id, startDate: "2026-01-12" });
    const notStarted = await hire(t, (await newWorker(t, A.clientId, w4)).id, { payScheduleId: schedule.id, startDate: "2026-01-19" });

    const run = dataOf(await t.gql(CreatePayrollRunDocument, { input: { clientId: A.clientId, payPeriodId: schedule.periods.nodes[0].id } }, A.token)).createPayrollRun;
    expect(run.userErrors).toEqual([]);
    const runId = run.payrollRun!.id;
    const s = await calculated(runId, A);
    expect(s.blockers.nodes.map((b) => [b.code, b.engagement?.id, b.message]).sort()).toEqual(
      [
        ["MISSING_PAYMENT_METHOD", noMethod.id, "The worker has no payment method: set a bank account or a check with setPaymentMethod"],
        ["MISSING_PAYMENT_METHOD", fresh.id, "The worker has no payment method: set a bank account or a check with setPaymentMethod"],
        ["ONBOARDING_INCOMPLETE", fresh.id, "Onboarding is incomplete (the engagement started 2026-01-12): missing EMPLOYMENT_AGREEMENT, WORK_AUTHORIZATION"],
      ].sort(),
    );
    expect(s.blockers.nodes.some((b) => b.engagement?.id === ready.id || b.engagement?.id === notStarted.id)).toBe(false);
    const refused = dataOf(await t.gql(ApprovePayrollRunDocument, { input: { payrollRunId: runId } }, A.token)).approvePayrollRun;
    expect(refused.userErrors.map((e) => e.code)).toEqual(["PAYROLL_RUN_BLOCKED"]);

    // Fixed through the same mutations: the run's inputs changed, so it is recalculated before approval.
    expect((await setPaymentMethod({ workerId: noMethodWorker.id, kind: "CHECK" })).userErrors).toEqual([]);
    expect((await onboard(t, fresh.id)).onboardingStatus).toBe("COMPLETE");
    const stale = dataOf(await t.gql(ApprovePayrollRunDocument, { input: { payrollRunId: runId } }, A.token)).approvePayrollRun;
    expect(stale.userErrors.map((e) => e.code)).toEqual(["PAYROLL_RUN_BLOCKED"]);
    const fixed = await calculated(runId, A);
    expect(fixed.blockers.totalCount).toBe(0);
    const approved = dataOf(await t.gql(ApprovePayrollRunDocument, { input: { payrollRunId: runId, expectedInputsDigest: fixed.inputsDigest } }, A.token)).approvePayrollRun;
    expect(approved.userErrors).toEqual([]);

    const payments = (dataOf(await t.gql(RunRemittanceDestinationsDocument, { id: runId }, A.token)).node as { remittances: { nodes: { kind: string; destination: unknown }[] } })
      .remittances.nodes;
    const destinations = payments.filter((r) => r.kind === "NET_PAY").map((r) => r.destination);
    expect(destinations).toHaveLength(3);
    expect(destinations).toContainEqual({ kind: "CHECK", bankCountry: null, routingLast4: null, accountLast4: null });
    expect(destinations).toContainEqual({ kind: "BANK_ACCOUNT", bankCountry: "US", routingLast4: "0021", accountLast4: "6789" });
    expect(payments.filter((r) => r.kind === "TAX").every((r) => r.destination === null)).toBe(true);
    // The kind with remittances:read; the digits need pii:read too.
    const noPii = await t.token("CLIENT", { clients: [A.clientId], scopes: ["payroll:read", "remittances:read"] });
    const kinds = await t.gql(RunRemittanceDestinationKindsDocument, { id: runId }, noPii);
    expect(kinds.errors).toBeUndefined();
    const refusedDigits = await t.gql(RunRemittanceDestinationsDocument, { id: runId }, noPii);
    expect(new Set(errorCodes(refusedDigits))).toEqual(new Set(["FORBIDDEN"]));
    expect(refusedDigits.errors!.every((e) => /(routing|account)Last4$/.test(e.path!.join(".")))).toBe(true);
  });
});
