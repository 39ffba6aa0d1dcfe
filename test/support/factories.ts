/**
 * Test factories: every object is made the way an integrator makes it — a GraphQL mutation through the test
 * server — or, for what only the system does (a status change of the calculation job or the payment rail), by the
 * production function that does it. No hand-written INSERT for something a service creates.
 */
import { expect } from "vitest";
import { createServer, type AddressInfo } from "node:net";
import { dataOf, unique, type TestServer } from "./server";
import {
  AssessClassificationDocument,
  CreateClientDocument,
  CreatePayrollRunDocument,
  CreatePayScheduleDocument,
  CreateWorkerBasicDocument,
  HireWorkerDocument,
  WorkerClientDocument,
  EngagementOnboardingDocument,
  RecordAgreementSignatureDocument,
  RecordOnboardingStepDocument,
  SendEmploymentAgreementDocument,
  SetPaymentMethodDocument,
  VerifyWorkAuthorizationDocument,
  type CreateClientInput,
  type CreatePayrollRunInput,
  type CreatePayScheduleInput,
  type CreateWorkerInput,
  type HireWorkerInput,
} from "../generated/graphql";
import { parseGlobalId } from "../../src/shared/global-id";
import { transitionPayrollRun } from "../../src/modules/payroll/payroll-run.transition";
import type { PayrollRunStatus } from "../../src/modules/payroll/payroll-run.status";
import type { EventInput } from "../../src/modules/events/event.repository";
import { answersIndicating } from "../../src/modules/classification/classification.questionnaire";
import { isContractor, type Classification } from "../../src/shared/classification";

/** A client and a CLIENT token limited to it. */
export interface Tenant {
  clientId: string;
  clientDbId: string;
  token: string;
}

/** `createClient` as an operator, named `prefix` plus a unique suffix; returns the client's global ID. */
export async function newClient(t: TestServer, prefix = "client", input: Omit<Partial<CreateClientInput>, "name"> = {}): Promise<string> {
  const operator = await t.token("OPERATOR");
  const res = dataOf(await t.gql(CreateClientDocument, { input: { ...input, name: unique(prefix) } }, operator)).createClient;
  expect(res.userErrors, JSON.stringify(res.userErrors)).toEqual([]);
  return res.client!.id;
}

/** A new client (`createClient`) and a CLIENT token for it. */
export async function newTenant(t: TestServer, prefix = "tenant"): Promise<Tenant> {
  const clientId = await newClient(t, prefix);
  return { clientId, clientDbId: parseGlobalId(clientId, "Client")!, token: await t.token("CLIENT", { clients: [clientId] }) };
}

/** `createPaySchedule` as an operator (US biweekly from 2026-01-05 unless overridden); returns the schedule and its periods. */
export async function newPaySchedule(t: TestServer, clientId: string, overrides: Partial<CreatePayScheduleInput> = {}) {
  const operator = await t.token("OPERATOR");
  const res = dataOf(
    await t.gql(
      CreatePayScheduleDocument,
      { input: { clientId, name: "US biweekly", country: "US", frequency: "BIWEEKLY", firstPeriodStart: "2026-01-05", ...overrides } },
      operator,
    ),
  ).createPaySchedule;
  expect(res.userErrors, JSON.stringify(res.userErrors)).toEqual([]);
  return res.paySchedule!;
}

/** `createWorker` as an operator (a US-TX worker unless overridden); returns the worker. */
export async function newWorker(t: TestServer, clientId: string, overrides: Partial<CreateWorkerInput> = {}) {
  const operator = await t.token("OPERATOR");
  const res = dataOf(
    await t.gql(
      CreateWorkerBasicDocument,
      { input: { clientId, legalFirstName: "Pat", legalLastName: "Worker", email: `${unique("w")}@example.test`, homeJurisdiction: "US-TX", ...overrides } },
      operator,
    ),
  ).createWorker;
  expect(res.userErrors, JSON.stringify(res.userErrors)).toEqual([]);
  return res.worker!;
}

/**
 * `assessClassification` for a prospective engagement of the client, with every factor pointing to `indicates`
 * (`UNSURE`: every answer UNSURE → NEEDS_REVIEW); as an operator unless a token is given. Returns the assessment.
 */
export async function assessProspective(t: TestServer, clientId: string, workJurisdiction: string, indicates: "CONTRACTOR" | "EMPLOYEE" | "UNSURE" = "CONTRACTOR", token?: string) {
  const res = dataOf(
    await t.gql(
      AssessClassificationDocument,
      { input: { clientId, workJurisdiction, role: "Consultant", answers: answersIndicating(workJurisdiction, indicates) } },
      token ?? (await t.token("OPERATOR")),
    ),
  ).assessClassification;
  expect(res.userErrors, JSON.stringify(res.userErrors)).toEqual([]);
  return res.classificationAssessment!;
}

/** The client (global ID) of a worker, read as an operator. */
export async function clientOfWorker(t: TestServer, workerId: string): Promise<string> {
  const node = dataOf(await t.gql(WorkerClientDocument, { id: workerId }, await t.token("OPERATOR"))).node;
  return (node as { client: { id: string } }).client.id;
}

/**
 * `hireWorker` as an operator: a US-TX W-2 salaried EOR engagement from 2026-01-05 unless overridden. A contractor
 * hire goes through the classification rule as an integrator's does: a CONTRACTOR assessment of the worker's client
 * for the work jurisdiction first (unless `classificationAssessmentId` or an override reason is given).
 */
export async function hire(t: TestServer, workerId: string, overrides: Partial<HireWorkerInput> = {}) {
  const operator = await t.token("OPERATOR");
  const input = {
    workerId,
    title: "Engineer",
    workJurisdiction: "US-TX",
    employmentModel: "EOR" as const,
    classification: "US_W2_EMPLOYEE" as Classification,
    startDate: "2026-01-05",
    endDate: null,
    compensation: { basis: "SALARY" as const, amount: { amount: "78000.00", currency: "USD" as const } },
    ...overrides,
  };
  if (isContractor(input.classification) && input.classificationAssessmentId == null && input.classificationOverrideReason == null) {
    input.classificationAssessmentId = (await assessProspective(t, await clientOfWorker(t, workerId), input.workJurisdiction)).id;
  }
  const res = dataOf(await t.gql(HireWorkerDocument, { input }, operator)).hireWorker;
  expect(res.userErrors, JSON.stringify(res.userErrors)).toEqual([]);
  return res.engagement!;
}

/** Test bank accounts: a valid ABA routing number (JPMorgan Chase, 021000021) and a Canadian RBC branch. */
export const TEST_US_BANK_ACCOUNT = { routingNumber: "021000021", accountNumber: "000123456789", accountType: "CHECKING" as const };
export const TEST_CA_BANK_ACCOUNT = { institutionNumber: "003", transitNumber: "00012", accountNumber: "1234567" };

/**
 * Completes an engagement's onboarding through the production mutations, as an operator: whatever its checklist
 * still needs among a payment method (a bank account of the work country, unless the worker has one), the
 * agreement (sent and signed on the start date), work authorization (verified on the start date) and the
 * recorded forms (W-9, state or provincial certificate, TD1). A US employee's W-4 comes from the worker's data
 * only: an engagement whose worker has none stays INCOMPLETE (as a payroll would see it). Returns the checklist.
 */
export async function onboard(t: TestServer, engagementId: string) {
  const operator = await t.token("OPERATOR");
  const read = async () => {
    const node = dataOf(await t.gql(EngagementOnboardingDocument, { id: engagementId }, operator)).node;
    if (!node || !("onboarding" in node)) throw new Error(`engagement ${engagementId} not found`);
    return node;
  };
  const ok = (userErrors: readonly { code: string; message: string }[]) => expect(userErrors, JSON.stringify(userErrors)).toEqual([]);
  const engagement = await read();
  const on = engagement.startDate;
  for (const item of engagement.onboarding!.items) {
    if (item.status === "COMPLETE" || item.status === "NOT_REQUIRED") continue;
    switch (item.item) {
      case "PAYMENT_METHOD": {
        const us = engagement.workJurisdiction.startsWith("US-");
        const input = {
          workerId: engagement.worker.id,
          kind: "BANK_ACCOUNT" as const,
          ...(us ? { usBankAccount: TEST_US_BANK_ACCOUNT } : { canadianBankAccount: TEST_CA_BANK_ACCOUNT }),
        };
        ok(dataOf(await t.gql(SetPaymentMethodDocument, { input }, operator)).setPaymentMethod.userErrors);
        break;
      }
      case "EMPLOYMENT_AGREEMENT": {
        const sent = dataOf(await t.gql(SendEmploymentAgreementDocument, { input: { engagementId, sentOn: on } }, operator)).sendEmploymentAgreement;
        ok(sent.userErrors);
        const signed = dataOf(await t.gql(RecordAgreementSignatureDocument, { input: { employmentAgreementId: sent.employmentAgreement!.id, signedOn: on } }, operator));
        ok(signed.recordAgreementSignature.userErrors);
        break;
      }
      case "WORK_AUTHORIZATION": {
        const input = { engagementId, status: "COMPLETE" as const, verifiedOn: on, ...(item.form === "SIN" ? { expiresOn: "2099-12-31" } : {}) };
        ok(dataOf(await t.gql(VerifyWorkAuthorizationDocument, { input }, operator)).verifyWorkAuthorization.userErrors);
        break;
      }
      case "FEDERAL_WITHHOLDING_FORM":
        if (item.form === "W-4") break; // the worker's W-4 elections (updateWorker), never a recorded step
        ok(
          dataOf(await t.gql(RecordOnboardingStepDocument, { input: { engagementId, item: item.item, status: "COMPLETE", completedOn: on } }, operator)).recordOnboardingStep
            .userErrors,
        );
        break;
      case "STATE_WITHHOLDING_FORM":
        ok(
          dataOf(await t.gql(RecordOnboardingStepDocument, { input: { engagementId, item: item.item, status: "COMPLETE", completedOn: on } }, operator)).recordOnboardingStep
            .userErrors,
        );
        break;
    }
  }
  return (await read()).onboarding!;
}

/** `hire`, then `onboard`: the engagement of a normal flow, ready to be paid. */
export async function hireOnboarded(t: TestServer, workerId: string, overrides: Partial<HireWorkerInput> = {}) {
  const engagement = await hire(t, workerId, overrides);
  await onboard(t, engagement.id);
  return engagement;
}

/** `createPayrollRun` with the tenant's token (an off-cycle US run paid 2026-03-13 unless overridden). */
export async function newPayrollRun(t: TestServer, tenant: Tenant, overrides: Partial<CreatePayrollRunInput> = {}): Promise<{ id: string; dbId: string }> {
  const res = dataOf(
    await t.gql(CreatePayrollRunDocument, { input: { clientId: tenant.clientId, kind: "OFF_CYCLE", country: "US", payDate: "2026-03-13", ...overrides } }, tenant.token),
  ).createPayrollRun;
  expect(res.userErrors, JSON.stringify(res.userErrors)).toEqual([]);
  return { id: res.payrollRun!.id, dbId: parseGlobalId(res.payrollRun!.id, "PayrollRun")! };
}

/**
 * Moves a run `from → to` with the production writer (`transitionPayrollRun`: state machine, guarded UPDATE and the
 * `payrollRun.statusChanged` event in one transaction), as the calculation job or the payment rail does. For
 * tests of event delivery that must not depend on the calculation engine or the rail.
 */
export async function transitionRun(
  t: TestServer,
  runDbId: string,
  from: PayrollRunStatus,
  to: PayrollRunStatus,
  actor: EventInput["actor"] = { kind: "SYSTEM", id: "calculator" },
) {
  const updated = await t.database.db.transaction((tx) => transitionPayrollRun(tx, { all: true }, runDbId, from, to, actor));
  expect(updated, `${from} → ${to}`).not.toBeNull();
  return updated!;
}

/** A TCP port free on 127.0.0.1 right now (for servers started in child processes). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
