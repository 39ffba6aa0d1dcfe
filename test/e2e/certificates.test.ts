import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, dataOf, unique, type TestServer } from "../support/server";
import { hireOnboarded, newPaySchedule, newTenant, type Tenant } from "../support/factories";
import { eq } from "drizzle-orm";
import { US_SUBDIVISIONS } from "../../src/shared/jurisdiction";
import { parseGlobalId } from "../../src/shared/global-id";
import { workers } from "../../src/modules/workers/worker.table";
import { events } from "../../src/modules/events/event.table";
import { SUPPORTED_US_STATES } from "../../src/modules/payroll/engine/us/states";
import {
  ApprovePayrollRunDocument,
  CalculatePayrollRunDocument,
  CertificateRunLinesDocument,
  CertificateRunStatusDocument,
  CreatePayrollRunDocument,
  CreateWorkerWithCertificatesDocument,
  EstimatePaycheckDocument,
  TaxJurisdictionsDocument,
  UpdateWorkerCertificatesDocument,
  type CreateWorkerInput,
  type UpdateWorkerInput,
} from "../generated/graphql";

/**
 * State withholding certificates end to end: set through createWorker / updateWorker / estimatePaycheck, read back
 * under `pii:read`, used by a real payroll run; and the `taxJurisdictions` coverage table. Expected amounts are the
 * EDD 2026 Method B publication's own examples (B: biweekly $1,600, married, 2 + 1 allowances → $2.38; D: weekly
 * $950, head of household, 3 allowances → $1.69), never recomputed with the engine.
 */
let t: TestServer;
let tenant: Tenant;
let operator: string;

beforeAll(async () => {
  t = await startTestServer();
  tenant = await newTenant(t, "certificates");
  operator = await t.token("OPERATOR");
});
afterAll(() => t.stop());

const usd = (amount: string) => ({ amount, currency: "USD" as const });
const cad = (amount: string) => ({ amount, currency: "CAD" as const });
const EXAMPLE_B = { filingStatus: "MARRIED_ONE_INCOME" as const, regularAllowances: 2, estimatedDeductionAllowances: 1 };

async function createWorker(withholding: CreateWorkerInput["withholding"]) {
  const input = { clientId: tenant.clientId, legalFirstName: "Cal", legalLastName: "Ifornia", email: `${unique("cal")}@example.test`, homeJurisdiction: "US-CA", withholding };
  return dataOf(await t.gql(CreateWorkerWithCertificatesDocument, { input }, operator)).createWorker;
}

async function updateWorker(input: Omit<UpdateWorkerInput, "id">) {
  return dataOf(await t.gql(UpdateWorkerCertificatesDocument, { input }, operator)).updateWorker;
}

describe("certificates on a worker", () => {
  it("createWorker stores a DE 4 and reads it back (amounts as Money in USD)", async () => {
    const res = await createWorker({ w4: { filingStatus: "SINGLE" }, certificates: { de4: { ...EXAMPLE_B, extraWithholding: usd("5.00") } } });
    expect(res.userErrors).toEqual([]);
    expect(res.worker!.withholding!.certificates).toEqual({ de4: { ...EXAMPLE_B, extraWithholding: usd("5.00") }, ilW4: null });
  });

  it("bad certificate input is a userError at its field: negative allowances, an amount in CAD", async () => {
    const res = await createWorker({ certificates: { de4: { filingStatus: "HEAD_OF_HOUSEHOLD", regularAllowances: -1, extraWithholding: cad("5.00") } } });
    expect(res.worker).toBeNull();
    expect(res.userErrors.map((e) => [e.field, e.code])).toEqual([
      [["input", "withholding", "certificates", "de4", "extraWithholding", "currency"], "CURRENCY_MISMATCH"],
      [["input", "withholding", "certificates", "de4", "regularAllowances"], "INVALID_INPUT"],
    ]);
  });

  it("updateWorker: an omitted form is unchanged, a given one replaces it, null removes it", async () => {
    const created = (await createWorker({ certificates: { de4: EXAMPLE_B } })).worker!;
    const addIl = await updateWorker({ workerId: created.id, expectedVersion: created.version, withholding: { certificates: { ilW4: { basicAllowances: 1 } } } });
    expect(addIl.userErrors).toEqual([]);
    expect(addIl.worker!.withholding!.certificates.de4).toMatchObject(EXAMPLE_B);
    expect(addIl.worker!.withholding!.certificates.ilW4).toEqual({ basicAllowances: 1, additionalAllowances: null });

    const w4Only = await updateWorker({ workerId: created.id, expectedVersion: addIl.worker!.version, withholding: { w4: { filingStatus: "SINGLE" } } });
    expect(w4Only.worker!.withholding!.certificates.de4).toMatchObject(EXAMPLE_B);

    const removed = await updateWorker({ workerId: created.id, expectedVersion: w4Only.worker!.version, withholding: { certificates: { de4: null } } });
    expect(removed.userErrors).toEqual([]);
    expect(removed.worker!.withholding!.certificates).toEqual({ de4: null, ilW4: { basicAllowances: 1, additionalAllowances: null } });

    const all = await updateWorker({ workerId: created.id, expectedVersion: removed.worker!.version, withholding: { certificates: null } });
    expect(all.worker!.withholding!.certificates).toEqual({ de4: null, ilW4: null });

    // The event log says the withholding changed, never what it is.
    const logged = await t.database.db
      .select()
      .from(events)
      .where(eq(events.objectId, parseGlobalId(created.id, "Worker")!));
    expect(logged.filter((e) => e.type === "worker.updated")).toHaveLength(4);
    const text = JSON.stringify(logged);
    for (const value of ["MARRIED_ONE_INCOME", "basicAllowances", "regularAllowances", "v1."]) expect(text).not.toContain(value);
    expect(text).toContain("withholding");
  });

  it("never stores the elections in plain text", async () => {
    const created = (await createWorker({ certificates: { de4: { filingStatus: "HEAD_OF_HOUSEHOLD", regularAllowances: 3 } } })).worker!;
    const [{ sealed }] = await t.database.db
      .select({ sealed: workers.withholdingCertificatesEncrypted })
      .from(workers)
      .where(eq(workers.id, parseGlobalId(created.id, "Worker")!));
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain("HEAD_OF_HOUSEHOLD");
  });
});

describe("estimatePaycheck with a DE 4", () => {
  const estimate = async (certificates?: object) =>
    dataOf(
      await t.gql(
        EstimatePaycheckDocument,
        {
          input: {
            jurisdiction: "US-CA",
            classification: "US_W2_EMPLOYEE",
            payFrequency: "WEEKLY",
            payDate: "2026-03-06",
            gross: usd("950.00"),
            w4: { filingStatus: "SINGLE" },
            certificates,
          },
        },
        operator,
      ),
    );

  it("EDD Method B Example D: weekly $950, head of household, 3 allowances → $1.69, the line naming the DE 4", async () => {
    const e = (await estimate({ de4: { filingStatus: "HEAD_OF_HOUSEHOLD", regularAllowances: 3 } })).estimatePaycheck;
    const sit = e.lines.find((l) => l.code === "US_CA_SIT")!;
    expect(sit.amount.amount).toBe("1.69");
    expect(sit.description).toContain("DE 4 HEAD_OF_HOUSEHOLD, 3 regular");
    const none = (await estimate()).estimatePaycheck.lines.find((l) => l.code === "US_CA_SIT")!;
    expect(none.description).toContain("no DE 4 on file");
  });

  it("a bad certificate is a BAD_USER_INPUT problem at its field", async () => {
    const res = await t.gql(
      EstimatePaycheckDocument,
      {
        input: {
          jurisdiction: "US-CA",
          classification: "US_W2_EMPLOYEE",
          payFrequency: "WEEKLY",
          payDate: "2026-03-06",
          gross: usd("950.00"),
          certificates: { de4: { filingStatus: "HEAD_OF_HOUSEHOLD", regularAllowances: -3 } },
        },
      },
      operator,
    );
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect((res.errors?.[0].extensions?.problems as { field: string }[]).map((p) => p.field)).toEqual(["input.certificates.de4.regularAllowances"]);
  });
});

describe("a payroll run reads the DE 4", () => {
  it("a California employee with a DE 4 (Example B: biweekly $1,600, married, 2 + 1 allowances) is withheld $2.38", async () => {
    const schedule = await newPaySchedule(t, tenant.clientId, { periodsAhead: 2 });
    const worker = (await createWorker({ w4: { filingStatus: "SINGLE" }, certificates: { de4: EXAMPLE_B } })).worker!;
    await hireOnboarded(t, worker.id, { workJurisdiction: "US-CA", compensation: { basis: "SALARY", amount: usd("41600.00") }, payScheduleId: schedule.id });
    const created = dataOf(
      await t.gql(CreatePayrollRunDocument, { input: { clientId: tenant.clientId, payPeriodId: schedule.periods.nodes[0].id } }, tenant.token),
    ).createPayrollRun;
    expect(created.userErrors).toEqual([]);
    const runId = created.payrollRun!.id;
    expect(dataOf(await t.gql(CalculatePayrollRunDocument, { input: { payrollRunId: runId } }, tenant.token)).calculatePayrollRun.userErrors).toEqual([]);
    const deadline = Date.now() + 25_000;
    let status = "CALCULATING";
    while (status === "CALCULATING" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      const node = dataOf(await t.gql(CertificateRunStatusDocument, { id: runId }, tenant.token)).node as { status: string; blockers: { nodes: unknown[] } };
      status = node.status;
      if (status !== "CALCULATING") expect(node.blockers.nodes).toEqual([]);
    }
    expect(status).toBe("CALCULATED");
    const node = dataOf(await t.gql(CertificateRunLinesDocument, { id: runId }, tenant.token)).node as {
      statements: { nodes: { lines: { code: string; description: string; amount: { amount: string } }[] }[] };
    };
    const lines = node.statements.nodes.flatMap((s) => s.lines);
    expect(lines.find((l) => l.code === "EARNING_REGULAR")!.amount.amount).toBe("1600.00");
    const sit = lines.find((l) => l.code === "US_CA_SIT")!;
    expect(sit.amount.amount).toBe("2.38");
    expect(sit.description).toContain("DE 4 MARRIED_ONE_INCOME, 2 regular + 1 estimated-deduction allowances");

    // A DE 4 changed after the calculation is an input change: approval refuses the stale figures.
    const changed = await updateWorker({ workerId: worker.id, expectedVersion: worker.version, withholding: { certificates: { de4: { filingStatus: "HEAD_OF_HOUSEHOLD" } } } });
    expect(changed.userErrors).toEqual([]);
    const approval = dataOf(await t.gql(ApprovePayrollRunDocument, { input: { payrollRunId: runId } }, tenant.token)).approvePayrollRun;
    expect(approval.userErrors.map((e) => e.code)).toEqual(["INPUTS_CHANGED"]);
  });
});

describe("taxJurisdictions", () => {
  it("lists every US and Canadian jurisdiction with its status, readable without any scope", async () => {
    const noScopes = await t.token("PARTNER", { clients: [tenant.clientId], scopes: [] });
    const rows = dataOf(await t.gql(TaxJurisdictionsDocument, {}, noScopes)).taxJurisdictions;
    expect(rows.length).toBeGreaterThanOrEqual(64);
    for (const r of rows) expect(r.jurisdiction).toMatch(/^(US|CA)-[A-Z]{2}(-[A-Z0-9_]+)?$/);
    const byCode = new Map(rows.map((r) => [r.jurisdiction, r]));
    expect(byCode.get("US-CA")).toMatchObject({ status: "COMPUTED", certificateForm: "de4", certificateTitle: "DE 4" });
    expect(byCode.get("US-CA")!.lineCodes).toContain("US_CA_SIT");
    expect(byCode.get("CA-ON")!.lineCodes).toContain("CA_ON_PIT");
    const unsupported = US_SUBDIVISIONS.filter((s) => !SUPPORTED_US_STATES.includes(s));
    for (const s of unsupported) expect(byCode.get(`US-${s}`)).toMatchObject({ status: "UNSUPPORTED", lineCodes: [], taxYears: [] });
    for (const s of SUPPORTED_US_STATES) expect(byCode.get(`US-${s}`)!.status).not.toBe("UNSUPPORTED");
  });
});
