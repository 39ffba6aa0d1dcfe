import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, dataOf, errorCodes, type TestServer } from "../support/server";
import { hire, hireOnboarded, newClient, newPaySchedule, newTenant, newWorker, type Tenant } from "../support/factories";
import {
  AddOneOffEarningDocument,
  ApprovePayrollRunDocument,
  CalculatePayrollRunDocument,
  CreateBenefitPlanDocument,
  CreatePayrollRunDocument,
  EnrollInBenefitDocument,
  EndEngagementDocument,
  WorkforceHeadcountDocument,
  WorkforceRunFiguresDocument,
  WorkforceSummaryDocument,
  type HireWorkerInput,
} from "../generated/graphql";
import { parseGlobalId, toGlobalId } from "../../src/shared/global-id";
import { newId } from "../../src/shared/ids";
import { parseMinorUnits, formatMinorUnits } from "../../src/shared/money";
import { addDays, todayUtc } from "../../src/shared/calendar";

/**
 * `workforceSummary` (issue 12 §3) end to end, on PGlite or Postgres (the shared database has demo data: every
 * assertion is about clients this file creates). Engagements, runs and remittances are made through the graph
 * (test/support/factories.ts); the expected figures are what the test created, and the payroll and remittance figures
 * are checked against the runs' own totals, blockers and remittances read through the graph.
 *
 * Client A on 2026-03-06 (the pay date of the runs below; the windows: hires/terminations 2026-02-05… (30 days) and
 * 2025-12-07… (90 days), pay dates through 2026-05-05, remittances through 2026-03-19):
 *   paid   US-TX W-2 PEO from 2026-01-05 (the client has a US legal entity), on the US schedule: paid by the approved US run (period 3, 2026-03-06), enrolled
 *          in the client's medical plan (the employer pays $420.00 a period: the run's only benefit line)
 *   ca     CA-ON T4 from 2025-06-01, on the CA schedule: paid by the approved CA run (period 3)
 *   ny     US-NY W-2 from 2026-02-20, on the US schedule: paid (prorated) by the US run
 *   nodocs US-TX W-2 from 2026-03-02 (after the run's period), no W-4, not onboarded: a bonus in an off-cycle run
 *          paying 2026-03-13, left CALCULATED with its blockers
 *   gone   US-TX 1099 contractor from 2025-01-01, ended by endEngagement on 2026-02-27 (paid its last fee by the US run)
 *   later  US-CA W-2 from 2026-04-01 (PENDING on asOf)
 * Every US engagement is on the US schedule (a regular run blocks an engagement without one).
 *   fixed  US-TX W-2 2025-06-01 … 2025-12-31 (a fixed term that ended)
 */
let t: TestServer;
let operator: string;

const AS_OF = "2026-03-06";
const usd = (amount: string) => ({ amount, currency: "USD" as const });

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
});
afterAll(() => t.stop());

async function summary(clientId: string, token: string, asOf: string | null = AS_OF) {
  return t.gql(WorkforceSummaryDocument, { clientId, asOf }, token);
}

/** A worker (with a W-4 unless `w4: false`) hired through the factories; onboarded when it is to be paid. */
async function engage(tenant: Tenant, overrides: Partial<HireWorkerInput>, options: { onboarded?: boolean; w4?: boolean } = {}) {
  const jurisdiction = overrides.workJurisdiction ?? "US-TX";
  const us = jurisdiction.startsWith("US-");
  const worker = await newWorker(t, tenant.clientId, {
    homeJurisdiction: jurisdiction,
    ...(us && options.w4 !== false ? { withholding: { w4: { filingStatus: "SINGLE" as const } } } : {}),
  });
  const currency = us ? ("USD" as const) : ("CAD" as const);
  const input = { workJurisdiction: jurisdiction, compensation: { basis: "SALARY" as const, amount: { amount: "78000.00", currency } }, ...overrides };
  return options.onboarded ? hireOnboarded(t, worker.id, input) : hire(t, worker.id, input);
}

async function runFigures(runId: string, token: string) {
  const data = dataOf(await t.gql(WorkforceRunFiguresDocument, { runId }, token));
  if (data.node?.__typename !== "PayrollRun") throw new Error(`not a run: ${JSON.stringify(data.node)}`);
  return { run: data.node, remittances: data.remittances.nodes };
}

/** calculatePayrollRun, then waits for the background calculation to finish; returns the run's status. */
async function calculate(runId: string, token: string): Promise<string> {
  const res = dataOf(await t.gql(CalculatePayrollRunDocument, { input: { payrollRunId: runId } }, token)).calculatePayrollRun;
  expect(res.userErrors, JSON.stringify(res.userErrors)).toEqual([]);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { run } = await runFigures(runId, token);
    if (run.status !== "CALCULATING") return run.status;
    if (Date.now() > deadline) throw new Error(`run ${runId} still CALCULATING`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function createRun(tenant: Tenant, input: { payPeriodId?: string; kind?: "OFF_CYCLE"; country?: "US" | "CA"; payDate?: string }) {
  const res = dataOf(await t.gql(CreatePayrollRunDocument, { input: { clientId: tenant.clientId, ...input } }, tenant.token)).createPayrollRun;
  expect(res.userErrors, JSON.stringify(res.userErrors)).toEqual([]);
  return res.payrollRun!.id;
}

async function calculatedAndApproved(tenant: Tenant, payPeriodId: string) {
  const runId = await createRun(tenant, { payPeriodId });
  expect(await calculate(runId, tenant.token)).toBe("CALCULATED");
  const { run } = await runFigures(runId, tenant.token);
  expect(run.blockers.nodes, JSON.stringify(run.blockers.nodes)).toEqual([]);
  const approved = dataOf(await t.gql(ApprovePayrollRunDocument, { input: { payrollRunId: runId } }, tenant.token)).approvePayrollRun;
  expect(approved.userErrors, JSON.stringify(approved.userErrors)).toEqual([]);
  expect(approved.payrollRun!.status).toBe("APPROVED");
  return runId;
}

const minor = (amount: string) => parseMinorUnits(amount)!;

describe("workforceSummary of a client on a date", () => {
  let A: Tenant;
  let usSchedule: Awaited<ReturnType<typeof newPaySchedule>>;
  let caSchedule: Awaited<ReturnType<typeof newPaySchedule>>;
  let usRunId: string;
  let caRunId: string;
  let offCycleRunId: string;

  beforeAll(async () => {
    // A legal entity in the US: the medical plan is the client's own (PEO) plan, offered to its PEO engagement.
    const clientId = await newClient(t, "workforce", { legalEntityJurisdictions: ["US"] });
    A = { clientId, clientDbId: parseGlobalId(clientId, "Client")!, token: await t.token("CLIENT", { clients: [clientId] }) };
    usSchedule = await newPaySchedule(t, A.clientId, { name: "US biweekly", country: "US", periodsAhead: 10 });
    caSchedule = await newPaySchedule(t, A.clientId, { name: "CA biweekly", country: "CA", periodsAhead: 10 });
    const us = { payScheduleId: usSchedule.id };
    const paid = await engage(A, { startDate: "2026-01-05", employmentModel: "PEO", ...us }, { onboarded: true });
    const plan = dataOf(
      await t.gql(
        CreateBenefitPlanDocument,
        {
          input: {
            clientId: A.clientId,
            kind: "MEDICAL",
            name: "Workforce medical",
            country: "US",
            carrierName: "Summary Health",
            planYearStart: "2026-01-01",
            planYearEnd: "2026-12-31",
            employeeContribution: { method: "FIXED_PER_PERIOD", amount: usd("85.00") },
            employerContribution: { method: "FIXED_PER_PERIOD", amount: usd("420.00") },
          },
        },
        operator,
      ),
    ).createBenefitPlan;
    expect(plan.userErrors, JSON.stringify(plan.userErrors)).toEqual([]);
    const enrolled = dataOf(
      await t.gql(
        EnrollInBenefitDocument,
        { input: { engagementId: paid.id, benefitPlanId: plan.benefitPlan!.id, effectiveFrom: "2026-01-05", coverageTier: "EMPLOYEE_ONLY" } },
        A.token,
      ),
    ).enrollInBenefit;
    expect(enrolled.userErrors, JSON.stringify(enrolled.userErrors)).toEqual([]);
    await engage(A, { workJurisdiction: "CA-ON", classification: "CA_T4_EMPLOYEE", startDate: "2025-06-01", payScheduleId: caSchedule.id }, { onboarded: true });
    await engage(A, { workJurisdiction: "US-NY", startDate: "2026-02-20", ...us }, { onboarded: true });
    const nodocs = await engage(A, { startDate: "2026-03-02", ...us }, { w4: false });
    const gone = await engage(
      A,
      { classification: "US_1099_CONTRACTOR", startDate: "2025-01-01", compensation: { basis: "FIXED_FEE", amount: usd("5000.00") }, ...us },
      { onboarded: true },
    );
    const ended = dataOf(await t.gql(EndEngagementDocument, { input: { engagementId: gone.id, endDate: "2026-02-27" } }, operator)).endEngagement;
    expect(ended.userErrors, JSON.stringify(ended.userErrors)).toEqual([]);
    await engage(A, { workJurisdiction: "US-CA", startDate: "2026-04-01", ...us });
    await engage(A, { startDate: "2025-06-01", endDate: "2025-12-31", ...us });

    usRunId = await calculatedAndApproved(A, usSchedule.periods.nodes[3].id);
    caRunId = await calculatedAndApproved(A, caSchedule.periods.nodes[3].id);
    offCycleRunId = await createRun(A, { kind: "OFF_CYCLE", country: "US", payDate: "2026-03-13" });
    const bonus = dataOf(
      await t.gql(
        AddOneOffEarningDocument,
        { input: { payrollRunId: offCycleRunId, engagementId: nodocs.id, kind: "BONUS", amount: usd("500.00"), description: "Bonus" } },
        A.token,
      ),
    ).addOneOffEarning;
    expect(bonus.userErrors, JSON.stringify(bonus.userErrors)).toEqual([]);
    expect(await calculate(offCycleRunId, A.token)).toBe("CALCULATED");
  }, 180_000);

  it("counts the engagements active on asOf by status, jurisdiction, classification and model, and the hires and terminations of 30 and 90 days", async () => {
    const s = dataOf(await summary(A.clientId, A.token)).workforceSummary;
    expect(s.asOf).toBe(AS_OF);
    expect(s.client).toEqual({ id: A.clientId });
    expect(s.headcount).toBe(4);
    expect(s.byEngagementStatus).toEqual([
      { key: "PENDING", count: 1 },
      { key: "ACTIVE", count: 4 },
      { key: "ENDED", count: 2 },
    ]);
    expect(s.byWorkJurisdiction).toEqual([
      { key: "US-TX", count: 2 },
      { key: "CA-ON", count: 1 },
      { key: "US-NY", count: 1 },
    ]);
    expect(s.byClassification).toEqual([
      { key: "US_W2_EMPLOYEE", count: 3 },
      { key: "CA_T4_EMPLOYEE", count: 1 },
    ]);
    expect(s.byEmploymentModel).toEqual([
      { key: "EOR", count: 3 },
      { key: "PEO", count: 1 },
    ]);
    expect([s.hiresLast30Days, s.hiresLast90Days]).toEqual([2, 3]); // ny and nodocs; and paid
    expect([s.terminationsLast30Days, s.terminationsLast90Days]).toEqual([1, 2]); // gone; gone and fixed
  });

  it("moves with asOf: the pending hire counts from its start date, and asOf defaults to today (UTC)", async () => {
    const april = dataOf(await t.gql(WorkforceHeadcountDocument, { clientId: A.clientId, asOf: "2026-04-01" }, A.token)).workforceSummary;
    expect(april.headcount).toBe(5);
    const before = dataOf(await t.gql(WorkforceHeadcountDocument, { clientId: A.clientId, asOf: "2025-12-31" }, A.token)).workforceSummary;
    expect(before.headcount).toBe(3); // ca, gone (ended later) and fixed (its last day)
    const today = dataOf(await t.gql(WorkforceHeadcountDocument, { clientId: A.clientId }, A.token)).workforceSummary;
    expect(today.asOf).toBe(todayUtc());
  });

  it("lists the upcoming pay dates of both schedules and the off-cycle run with their runs, earliest first, capped at 10", async () => {
    const s = dataOf(await summary(A.clientId, A.token)).workforceSummary;
    const until = addDays(AS_OF, 60);
    const expected = [
      ...[usSchedule, caSchedule].flatMap((schedule) =>
        schedule.periods.nodes
          .filter((p) => p.payDate >= AS_OF && p.payDate <= until)
          .map((p) => ({
            payDate: p.payDate,
            schedule: schedule.id,
            run: p.id === usSchedule.periods.nodes[3].id ? usRunId : p.id === caSchedule.periods.nodes[3].id ? caRunId : null,
          })),
      ),
      { payDate: "2026-03-13", schedule: null, run: offCycleRunId },
    ];
    expect(expected.length).toBe(11); // five pay dates of each schedule and the off-cycle run: one more than the cap
    const got = s.upcomingPayDates!.map((d) => ({ payDate: d.payDate, schedule: d.paySchedule?.id ?? null, run: d.payrollRun?.id ?? null, status: d.runStatus }));
    expect(got.length).toBe(10);
    expect(got.map((d) => d.payDate)).toEqual([...got.map((d) => d.payDate)].sort());
    const sortKey = (d: { payDate: string; schedule: string | null; run: string | null }) => `${d.payDate} ${d.schedule} ${d.run}`;
    const last = got[9].payDate;
    expect(expected.filter((d) => d.payDate === last).length).toBe(2); // the cap cuts between the two schedules' last date
    expect(
      got
        .filter((d) => d.payDate < last)
        .map(({ payDate, schedule, run }) => ({ payDate, schedule, run }))
        .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1)),
    ).toEqual(expected.filter((d) => d.payDate < last).sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1)));
    const status = (run: string | null) => got.find((d) => d.run === run)?.status;
    expect([status(usRunId), status(caRunId), status(offCycleRunId)]).toEqual(["APPROVED", "APPROVED", "CALCULATED"]);
    expect(got.filter((d) => d.run === null).every((d) => d.status === null)).toBe(true);
  });

  it("costs the approved runs by pay month, one entry per currency, equal to the runs' totals and benefit lines (the calculated run not counted)", async () => {
    const s = dataOf(await summary(A.clientId, A.token)).workforceSummary;
    const expected = [];
    // The CA run has no benefit; the US run the employer's $420.00 medical contribution of one statement.
    for (const [runId, benefits] of [
      [caRunId, 0],
      [usRunId, 420_00],
    ] as const) {
      const { run } = await runFigures(runId, A.token);
      const gross = run.totals.gross;
      const employerTaxes = run.totals.employerTaxes;
      expect(minor(gross.amount)).toBeGreaterThan(0);
      expect(minor(employerTaxes.amount)).toBeGreaterThan(0);
      const total = { amount: formatMinorUnits(minor(gross.amount) + minor(employerTaxes.amount) + benefits), currency: gross.currency };
      expected.push({ month: run.payDate.slice(0, 7), gross, employerTaxes, benefits: { amount: formatMinorUnits(benefits), currency: gross.currency }, total });
    }
    expect(expected.map((e) => [e.month, e.gross.currency])).toEqual([
      ["2026-03", "CAD"],
      ["2026-03", "USD"],
    ]);
    expect(s.payrollCostByMonth).toEqual(expected);
    // Another year has none of these runs.
    expect(dataOf(await summary(A.clientId, A.token, "2025-12-31")).workforceSummary.payrollCostByMonth).toEqual([]);
  });

  it("counts the open blockers of the calculated run by code", async () => {
    const s = dataOf(await summary(A.clientId, A.token)).workforceSummary;
    const { run } = await runFigures(offCycleRunId, A.token);
    expect(run.blockers.totalCount).toBeGreaterThan(0);
    const counts = new Map<string, number>();
    for (const b of run.blockers.nodes) counts.set(b.blockerCode, (counts.get(b.blockerCode) ?? 0) + 1);
    expect(s.openBlockersByCode).toEqual([...counts].map(([key, count]) => ({ key, count })).sort((a, b) => (a.key < b.key ? -1 : 1)));
  });

  it("groups the remittances due in the next 14 days by kind, authority and currency, as the runs scheduled them", async () => {
    const s = dataOf(await summary(A.clientId, A.token)).workforceSummary;
    const last = addDays(AS_OF, 13);
    const groups = new Map<string, { kind: string; authority: string; count: number; minor: number; currency: string; earliestDueOn: string }>();
    let scheduled = 0;
    for (const runId of [usRunId, caRunId]) {
      for (const r of (await runFigures(runId, A.token)).remittances) {
        scheduled += 1;
        if (r.status === "CONFIRMED" || r.dueOn < AS_OF || r.dueOn > last) continue;
        const authority = r.kind === "TAX" ? r.authority! : r.kind;
        const key = `${r.kind} ${authority} ${r.amount.currency}`;
        const g = groups.get(key) ?? { kind: r.kind, authority, count: 0, minor: 0, currency: r.amount.currency, earliestDueOn: r.dueOn };
        g.count += 1;
        g.minor += minor(r.amount.amount);
        if (r.dueOn < g.earliestDueOn) g.earliestDueOn = r.dueOn;
        groups.set(key, g);
      }
    }
    expect(scheduled).toBeGreaterThan(groups.size); // some are due later (FUTA, SUI, CRA on the 15th of next month)
    const expected = [...groups.values()].map((g) => ({
      kind: g.kind,
      authority: g.authority,
      count: g.count,
      amount: { amount: formatMinorUnits(g.minor), currency: g.currency },
      earliestDueOn: g.earliestDueOn,
    }));
    // Net pay (paid and ny; ca), the contractor's fee and the medical carrier's premiums are due on the pay date, in
    // the run's currency.
    const onPayDate = expected.filter((e) => e.kind !== "TAX").map((e) => [e.kind, e.amount.currency, e.count, e.earliestDueOn]);
    expect(onPayDate.sort()).toEqual(
      [
        ["BENEFIT_CARRIER", "USD", 1, AS_OF],
        ["CONTRACTOR_PAYMENT", "USD", 1, AS_OF],
        ["NET_PAY", "CAD", 1, AS_OF],
        ["NET_PAY", "USD", 2, AS_OF],
      ].sort(),
    );
    const order = (e: { earliestDueOn: string; authority: string; amount: { currency: string } }) => `${e.earliestDueOn} ${e.authority} ${e.amount.currency}`;
    expect(s.remittancesDueNext14Days).toEqual(expected.sort((a, b) => (order(a) < order(b) ? -1 : 1)));
  });

  it("refuses another tenant's client, an unknown client, a malformed ID and a date that does not exist", async () => {
    const B = await newTenant(t, "workforce-other");
    const foreign = await summary(A.clientId, B.token);
    expect(errorCodes(foreign)).toEqual(["NOT_FOUND"]);
    expect(foreign.data ?? null).toBeNull();
    expect(errorCodes(await summary(toGlobalId("Client", newId()), operator))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await summary("not-an-id", operator))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await summary(A.clientId, A.token, "2026-02-30"))).toEqual(["BAD_USER_INPUT"]);
    // The operator reads any client's summary.
    expect(dataOf(await summary(A.clientId, operator)).workforceSummary.headcount).toBe(4);
  });

  it("refuses each part whose scope the token lacks with FORBIDDEN on that field only", async () => {
    const workersOnly = await t.token("CLIENT", { clients: [A.clientId], scopes: ["workers:read", "clients:read"] });
    const answer = await summary(A.clientId, workersOnly);
    const s = answer.data!.workforceSummary;
    expect(s.headcount).toBe(4);
    expect([s.upcomingPayDates, s.payrollCostByMonth, s.openBlockersByCode, s.remittancesDueNext14Days]).toEqual([null, null, null, null]);
    const refused = (answer.errors ?? []).map((e) => [e.path?.join("."), e.extensions?.code, /`([a-z]+:[a-z]+)`/.exec(e.message)?.[1]]);
    expect(refused.sort()).toEqual(
      [
        ["workforceSummary.upcomingPayDates", "FORBIDDEN", "payroll:read"],
        ["workforceSummary.payrollCostByMonth", "FORBIDDEN", "payroll:read"],
        ["workforceSummary.openBlockersByCode", "FORBIDDEN", "payroll:read"],
        ["workforceSummary.remittancesDueNext14Days", "FORBIDDEN", "remittances:read"],
      ].sort(),
    );

    const noRemittances = await t.token("CLIENT", { clients: [A.clientId], scopes: ["workers:read", "clients:read", "payroll:read"] });
    const partial = await summary(A.clientId, noRemittances);
    expect(partial.data!.workforceSummary.payrollCostByMonth!.length).toBe(2);
    expect(partial.data!.workforceSummary.remittancesDueNext14Days).toBeNull();
    expect((partial.errors ?? []).map((e) => e.path?.join("."))).toEqual(["workforceSummary.remittancesDueNext14Days"]);

    const payrollOnly = await t.token("CLIENT", { clients: [A.clientId], scopes: ["payroll:read"] });
    const none = await summary(A.clientId, payrollOnly);
    expect(errorCodes(none)).toEqual(["FORBIDDEN"]);
    expect(none.errors![0].message).toContain("`workers:read`");
  });
});

describe("workforceSummary's SQL", () => {
  it("runs the same number of statements for 1 engagement and for 6, with more schedules, runs and remittances", async () => {
    const C = await newTenant(t, "workforce-count");
    const schedule = await newPaySchedule(t, C.clientId, { periodsAhead: 10 });
    await engage(C, { startDate: "2026-01-05", payScheduleId: schedule.id }, { onboarded: true });
    await calculatedAndApproved(C, schedule.periods.nodes[3].id);
    const count = async () => {
      const before = t.database.statements.count;
      const s = dataOf(await summary(C.clientId, C.token)).workforceSummary;
      return { statements: t.database.statements.count - before, s };
    };
    const one = await count();
    expect(one.s.headcount).toBe(1);

    const caSchedule = await newPaySchedule(t, C.clientId, { name: "CA biweekly", country: "CA", periodsAhead: 10 });
    for (const jurisdiction of ["US-NY", "US-CA", "US-TX"])
      await engage(C, { workJurisdiction: jurisdiction, startDate: "2026-02-02", payScheduleId: schedule.id }, { onboarded: true });
    for (const jurisdiction of ["CA-ON", "CA-BC"]) {
      await engage(C, { workJurisdiction: jurisdiction, classification: "CA_T4_EMPLOYEE", startDate: "2026-02-02", payScheduleId: caSchedule.id }, { onboarded: true });
    }
    await calculatedAndApproved(C, schedule.periods.nodes[4].id);
    await calculatedAndApproved(C, caSchedule.periods.nodes[3].id);
    const six = await count();
    expect(six.s.headcount).toBe(6);
    expect(six.s.remittancesDueNext14Days!.length).toBeGreaterThan(one.s.remittancesDueNext14Days!.length);
    expect(six.s.upcomingPayDates!.filter((d) => d.payrollRun !== null).length).toBe(3);
    console.log(`workforceSummary statement count: 1 engagement → ${one.statements}; 6 engagements, 2 schedules, 3 approved runs → ${six.statements}`);
    expect(six.statements).toBe(one.statements);
    // The client check, the engagement figures, pay dates, cost, blockers, remittances, and the pay dates' schedules and runs (batched).
    expect(six.statements).toBeLessThanOrEqual(8);
  }, 180_000);
});
