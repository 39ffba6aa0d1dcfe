import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, dataOf, errorCodes, type TestServer } from "../support/server";
import { hire, newPaySchedule, newTenant, newWorker, onboard } from "../support/factories";
import {
  ApprovePayrollRunDocument,
  CalculatePayrollRunDocument,
  CreatePayrollRunDocument,
  EmployerSuiRatesDocument,
  RunSuiLinesAndRemittancesDocument,
  SetEmployerSuiRateDocument,
  type SetEmployerSuiRateInput,
} from "../generated/graphql";

/**
 * Employer state unemployment insurance end to end: the rate of a registration per year (`setEmployerSuiRate`, its
 * userErrors and authorization, `EmployerRegistration.suiRates`), a run that charges it (`US_TX_SUI_ER` from the demo
 * Texas registration's 2026 rate, 2.7% to $9,000) and remits it to the state's unemployment agency on the quarterly
 * date, and the MISSING_EMPLOYER_RATE blocker of a registration without a rate (the demo Washington one).
 * Years set by these tests are far from any pay date (2031+): on the shared Postgres database other files' runs keep
 * the seeded rates.
 */
let t: TestServer;
let operator: string;
let usEntityId: string;
let caEntityId: string;

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  const entities = dataOf(await t.gql(EmployerSuiRatesDocument, {}, operator)).employerEntities;
  usEntityId = entities.find((e) => e.country === "US")!.id;
  caEntityId = entities.find((e) => e.country === "CA")!.id;
});
afterAll(() => t.stop());

const setRate = async (input: Partial<SetEmployerSuiRateInput>, token: string | null = operator) =>
  t.gql(SetEmployerSuiRateDocument, { input: { employerEntityId: usEntityId, jurisdiction: "US-NY", taxYear: 2031, rate: "4.1", ...input } }, token);

async function registration(jurisdiction: string) {
  const entities = dataOf(await t.gql(EmployerSuiRatesDocument, {}, operator)).employerEntities;
  return entities.find((e) => e.country === "US")!.registrations.find((r) => r.jurisdiction === jurisdiction)!;
}

describe("setEmployerSuiRate", () => {
  it("records a year's rate and base; setting the year again replaces it; other years are kept", async () => {
    const first = dataOf(await setRate({ taxYear: 2031, rate: "4.1", wageBase: { amount: "17600.00", currency: "USD" } })).setEmployerSuiRate;
    expect(first.userErrors).toEqual([]);
    expect(first.registration).toEqual({ jurisdiction: "US-NY" });
    expect(first.suiRate).toEqual({ taxYear: 2031, rate: "4.1", wageBase: { amount: "17600.00", currency: "USD" }, publishedWageBase: null });
    expect(dataOf(await setRate({ taxYear: 2032, rate: "3.925", wageBase: { amount: "18000.00", currency: "USD" } })).setEmployerSuiRate.userErrors).toEqual([]);
    expect(dataOf(await setRate({ taxYear: 2031, rate: "2.5", wageBase: { amount: "17600.00", currency: "USD" } })).setEmployerSuiRate.userErrors).toEqual([]);

    const ny = await registration("US-NY");
    expect(ny.suiRates.filter((r) => r.taxYear >= 2031)).toEqual([
      { taxYear: 2032, rate: "3.925", wageBase: { amount: "18000.00" }, publishedWageBase: null },
      { taxYear: 2031, rate: "2.5", wageBase: { amount: "17600.00" }, publishedWageBase: null },
    ]);
    // The seeded years are there too, newest first.
    expect(ny.suiRates.map((r) => r.taxYear).filter((y) => y <= 2026)).toEqual([2026, 2025]);
    expect(ny.suiRates.length).toBeLessThanOrEqual(5);
    // California's published base (engine table) is shown beside a rate set without one.
    const ca = await registration("US-CA");
    expect(ca.suiRates.find((r) => r.taxYear === 2026)).toEqual({ taxYear: 2026, rate: "3.4", wageBase: null, publishedWageBase: { amount: "7000.00" } });
  });

  it("refuses what the caller can fix with userErrors, and changes nothing", async () => {
    const cases: [Partial<SetEmployerSuiRateInput>, string[], string][] = [
      [{ employerEntityId: "nope" }, ["employerEntityId"], "INVALID_ID"],
      [{ employerEntityId: caEntityId }, ["employerEntityId"], "INVALID_INPUT"],
      [{ jurisdiction: "CA-ON" }, ["jurisdiction"], "INVALID_JURISDICTION"],
      [{ jurisdiction: "US-FL", wageBase: { amount: "7000.00", currency: "USD" } }, ["jurisdiction"], "NOT_FOUND"],
      [{ rate: "3.4%", wageBase: { amount: "1.00", currency: "USD" } }, ["rate"], "INVALID_INPUT"],
      [{ rate: "100", wageBase: { amount: "1.00", currency: "USD" } }, ["rate"], "INVALID_INPUT"],
      [{ taxYear: 1999, wageBase: { amount: "1.00", currency: "USD" } }, ["taxYear"], "INVALID_INPUT"],
      [{ taxYear: 2033 }, ["wageBase"], "INVALID_INPUT"], // no published NY base: the notice's base is required
      [{ taxYear: 2033, wageBase: { amount: "0.00", currency: "USD" } }, ["wageBase", "amount"], "INVALID_AMOUNT"],
      [{ taxYear: 2033, wageBase: { amount: "100.00", currency: "CAD" } }, ["wageBase", "currency"], "CURRENCY_MISMATCH"],
    ];
    for (const [input, field, code] of cases) {
      const res = dataOf(await setRate(input)).setEmployerSuiRate;
      expect(res.suiRate, JSON.stringify(input)).toBeNull();
      expect(
        res.userErrors.map((e) => [e.field, e.code]),
        JSON.stringify(input),
      ).toContainEqual([["input", ...field], code]);
    }
    expect((await registration("US-NY")).suiRates.some((r) => r.taxYear === 2033)).toBe(false);
  });

  it("is the EOR's: a CLIENT, or an operator without payroll:write, is FORBIDDEN", async () => {
    const tenant = await newTenant(t, "sui-client");
    expect(errorCodes(await setRate({ taxYear: 2034 }, tenant.token))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await setRate({ taxYear: 2034 }, await t.token("OPERATOR", { scopes: ["payroll:read"] })))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await setRate({ taxYear: 2034 }, null))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("a payroll run with employer SUI", () => {
  async function calculatedRun(jurisdiction: string) {
    const tenant = await newTenant(t, "sui-run");
    const schedule = await newPaySchedule(t, tenant.clientId);
    const worker = await newWorker(t, tenant.clientId, { homeJurisdiction: jurisdiction, withholding: { w4: { filingStatus: "SINGLE" } } });
    const engagement = await hire(t, worker.id, {
      workJurisdiction: jurisdiction,
      payScheduleId: schedule.id,
      compensation: { basis: "SALARY", amount: { amount: "78000.00", currency: "USD" } },
    });
    await onboard(t, engagement.id);
    const created = dataOf(
      await t.gql(CreatePayrollRunDocument, { input: { clientId: tenant.clientId, payPeriodId: schedule.periods.nodes[0].id } }, tenant.token),
    ).createPayrollRun;
    expect(created.userErrors).toEqual([]);
    const runId = created.payrollRun!.id;
    expect(dataOf(await t.gql(CalculatePayrollRunDocument, { input: { payrollRunId: runId } }, tenant.token)).calculatePayrollRun.userErrors).toEqual([]);
    const deadline = Date.now() + 25_000;
    for (;;) {
      const node = dataOf(await t.gql(RunSuiLinesAndRemittancesDocument, { id: runId }, tenant.token)).node;
      if (node && "status" in node && node.status !== "CALCULATING") return { tenant, runId, run: node };
      if (Date.now() > deadline) throw new Error("still calculating");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it("charges the Texas registration's 2026 rate and remits it to the Texas unemployment agency by the quarter's date", async () => {
    const { tenant, runId, run } = await calculatedRun("US-TX");
    expect(run.status).toBe("CALCULATED");
    expect(run.blockers.nodes).toEqual([]);
    const lines = run.statements.nodes[0].lines;
    const sui = lines.find((l) => l.code === "US_TX_SUI_ER")!;
    // $78,000 biweekly = $3,000.00; 2.7% = $81.00 (under the $9,000 base); after the employer FICA and FUTA lines.
    expect(sui).toMatchObject({ kind: "EMPLOYER_TAX", amount: { amount: "81.00" } });
    expect(sui.description).toContain("2.7%");
    expect(lines.map((l) => l.code).indexOf("US_TX_SUI_ER")).toBeGreaterThan(lines.map((l) => l.code).indexOf("US_FUTA_ER"));

    const approved = dataOf(await t.gql(ApprovePayrollRunDocument, { input: { payrollRunId: runId } }, tenant.token)).approvePayrollRun;
    expect(approved.userErrors).toEqual([]);
    const after = dataOf(await t.gql(RunSuiLinesAndRemittancesDocument, { id: runId }, tenant.token)).node!;
    if (!("remittances" in after)) throw new Error("not a run");
    const remittance = after.remittances!.nodes.find((r) => r.authority === "US-TX-UI")!;
    expect(remittance).toMatchObject({ kind: "TAX", taxAuthority: "US_TX_UI", amount: { amount: "81.00" }, employerShare: { amount: "81.00" } });
    // Pay date in the first quarter of 2026 → the last day of April (a Thursday).
    expect(after.payDate < "2026-04-01").toBe(true);
    expect(remittance.dueOn).toBe("2026-04-30");
  });

  it("a work state whose registration has no rate for the year is blocked with MISSING_EMPLOYER_RATE", async () => {
    const { run } = await calculatedRun("US-WA");
    expect(run.blockers.nodes.map((b) => b.blockerCode)).toEqual(["MISSING_EMPLOYER_RATE"]);
    expect(run.blockers.nodes[0].message).toContain("US-WA for 2026");
    expect(run.statements.nodes[0].lines.some((l) => l.code === "US_WA_SUI_ER")).toBe(false);
  });
});
