import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, dataOf, type TestServer } from "../support/server";
import { assessProspective, newPaySchedule, newTenant, newWorker } from "../support/factories";
import {
  CalculatePayrollRunDocument,
  CreatePayrollRunDocument,
  LaborLawChangeCompensationDocument,
  LaborLawHireDocument,
  LaborLawRunLinesDocument,
  LaborLawUpdateEngagementDocument,
  RecordTimeEntriesDocument,
  type HireWorkerInput,
} from "../generated/graphql";

/**
 * Labor-law checks over a real server (Postgres or PGlite): minimum wage at hire and on compensation changes
 * (state, local), the exempt flag against the salary thresholds (hire, update, compensation change), and a
 * California hourly employee's run paying overtime and double time on their own lines with hours and rate.
 * Values and sources: src/modules/labor-law/README.md.
 */
let t: TestServer;
let operator: string;
let tenant: { clientId: string; token: string };
let scheduleId: string;

const usd = (amount: string) => ({ amount, currency: "USD" as const });

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  tenant = await newTenant(t, "labor-law");
  const schedule = await newPaySchedule(t, tenant.clientId, { periodsAhead: 2 }); // biweekly from Monday 2026-01-05
  scheduleId = schedule.id;
});
afterAll(() => t.stop());

async function hire(overrides: Partial<HireWorkerInput>) {
  const jurisdiction = overrides.workJurisdiction ?? "US-CA";
  const worker = await newWorker(t, tenant.clientId, { homeJurisdiction: jurisdiction, withholding: { w4: { filingStatus: "SINGLE" } } });
  const input: HireWorkerInput = {
    workerId: worker.id,
    title: "Technician",
    workJurisdiction: jurisdiction,
    employmentModel: "EOR",
    classification: "US_W2_EMPLOYEE",
    startDate: "2026-01-05",
    compensation: { basis: "HOURLY", amount: usd("30.00") },
    payScheduleId: scheduleId,
    ...overrides,
  };
  return dataOf(await t.gql(LaborLawHireDocument, { input }, operator)).hireWorker;
}

describe("minimum wage", () => {
  it("refuses a hire below the state minimum (California $16.90 from 2026-01-01), naming the rate and source", async () => {
    const res = await hire({ compensation: { basis: "HOURLY", amount: usd("16.89") } });
    expect(res.engagement).toBeNull();
    expect(res.userErrors).toEqual([
      {
        field: ["input", "compensation", "amount"],
        code: "BELOW_MINIMUM_WAGE",
        message:
          '$16.89 an hour is below $16.90 an hour, the minimum wage of California on 2026-01-05 (Cal. Lab. Code §1182.12 (CPI-adjusted by the Department of Finance); US DOL Wage and Hour Division, "State Minimum Wage Laws" (dol.gov/agencies/whd/minimum-wage/state))',
      },
    ]);
    expect((await hire({ compensation: { basis: "HOURLY", amount: usd("16.90") } })).userErrors).toEqual([]);
  });

  it("applies the local minimum with a work locality (San Francisco $19.18) and refuses an unknown or foreign locality", async () => {
    const local = await hire({ workLocality: "US-CA-SF", compensation: { basis: "HOURLY", amount: usd("18.00") } });
    expect(local.userErrors.map((e) => e.code)).toEqual(["BELOW_MINIMUM_WAGE"]);
    expect(local.userErrors[0].message).toContain("$19.18 an hour, the minimum wage of San Francisco, CA");
    const foreign = await hire({ workLocality: "US-WA-SEA" });
    expect(foreign.userErrors).toMatchObject([{ field: ["input", "workLocality"], code: "INVALID_WORK_LOCALITY" }]);
    const ok = await hire({ workLocality: "US-CA-SF", compensation: { basis: "HOURLY", amount: usd("19.18") } });
    expect(ok.userErrors).toEqual([]);
    expect(ok.engagement).toMatchObject({ workLocality: "US-CA-SF", exempt: false });
  });

  it("refuses a salary whose hourly equivalent (÷ 2080 h) is below the minimum, and contractors are not checked", async () => {
    const low = await hire({ compensation: { basis: "SALARY", amount: usd("35151.99") } });
    expect(low.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "compensation", "amount"], "BELOW_MINIMUM_WAGE"]]);
    const assessment = await assessProspective(t, tenant.clientId, "US-CA");
    const contractor = await hire({ classification: "US_1099_CONTRACTOR", classificationAssessmentId: assessment.id, compensation: { basis: "HOURLY", amount: usd("10.00") } });
    expect(contractor.userErrors).toEqual([]);
  });

  it("refuses a compensation change below the minimum on its effective date", async () => {
    const hired = await hire({ compensation: { basis: "HOURLY", amount: usd("20.00") } });
    const engagementId = hired.engagement!.id;
    const change = (amount: string, effectiveFrom: string) =>
      t.gql(LaborLawChangeCompensationDocument, { input: { engagementId, basis: "HOURLY", amount: usd(amount), effectiveFrom } }, operator);
    const below = dataOf(await change("16.50", "2026-03-01")).changeCompensation;
    expect(below.compensation).toBeNull();
    expect(below.userErrors).toMatchObject([{ field: ["input", "amount"], code: "BELOW_MINIMUM_WAGE" }]);
    expect(below.userErrors[0].message).toContain("$16.50 an hour is below $16.90 an hour, the minimum wage of California on 2026-03-01");
    expect(dataOf(await change("17.00", "2026-03-01")).changeCompensation.userErrors).toEqual([]);
  });
});

describe("exempt from overtime", () => {
  it("refuses exempt with a salary below California's threshold ($70,304 in 2026) or hourly pay; accepts it above", async () => {
    const low = await hire({ exempt: true, compensation: { basis: "SALARY", amount: usd("70000.00") } });
    expect(low.userErrors).toMatchObject([{ field: ["input", "compensation", "amount"], code: "EXEMPT_SALARY_BELOW_THRESHOLD" }]);
    expect(low.userErrors[0].message).toContain("$70,304.00 a year");
    const hourly = await hire({ exempt: true });
    expect(hourly.userErrors).toMatchObject([{ field: ["input", "compensation", "basis"], code: "EXEMPT_NOT_ALLOWED" }]);
    const ok = await hire({ exempt: true, compensation: { basis: "SALARY", amount: usd("70304.00") } });
    expect(ok.userErrors).toEqual([]);
    expect(ok.engagement!.exempt).toBe(true);

    // A compensation change under the threshold is refused while the engagement is exempt.
    const change = dataOf(
      await t.gql(
        LaborLawChangeCompensationDocument,
        { input: { engagementId: ok.engagement!.id, basis: "SALARY", amount: usd("60000.00"), effectiveFrom: "2026-04-01" } },
        operator,
      ),
    ).changeCompensation;
    expect(change.userErrors).toMatchObject([{ code: "EXEMPT_SALARY_BELOW_THRESHOLD" }]);
  });

  it("updateEngagement: exempt is refused below the federal threshold ($684 a week) in Texas, allowed above; Canada refuses it", async () => {
    const texan = await hire({ workJurisdiction: "US-TX", compensation: { basis: "SALARY", amount: usd("35000.00") } });
    const { id, version } = texan.engagement!;
    const refused = dataOf(await t.gql(LaborLawUpdateEngagementDocument, { input: { engagementId: id, expectedVersion: version, exempt: true } }, operator)).updateEngagement;
    expect(refused.userErrors).toMatchObject([{ field: ["input", "exempt"], code: "EXEMPT_SALARY_BELOW_THRESHOLD" }]);
    expect(refused.userErrors[0].message).toContain("federal (FLSA) exemption threshold of $35,568.00 a year");
    const hiredAbove = await hire({ workJurisdiction: "US-TX", compensation: { basis: "SALARY", amount: usd("36000.00") } });
    const updated = dataOf(
      await t.gql(
        LaborLawUpdateEngagementDocument,
        { input: { engagementId: hiredAbove.engagement!.id, expectedVersion: hiredAbove.engagement!.version, exempt: true } },
        operator,
      ),
    ).updateEngagement;
    expect(updated.userErrors).toEqual([]);
    expect(updated.engagement).toMatchObject({ exempt: true, version: hiredAbove.engagement!.version + 1 });

    const canadian = await newWorker(t, tenant.clientId, { homeJurisdiction: "CA-ON" });
    const res = dataOf(
      await t.gql(
        LaborLawHireDocument,
        {
          input: {
            workerId: canadian.id,
            title: "Analyst",
            workJurisdiction: "CA-ON",
            employmentModel: "EOR",
            classification: "CA_T4_EMPLOYEE",
            startDate: "2026-01-05",
            exempt: true,
            compensation: { basis: "SALARY", amount: { amount: "90000.00", currency: "CAD" } },
          },
        },
        operator,
      ),
    ).hireWorker;
    expect(res.userErrors).toMatchObject([{ field: ["input", "exempt"], code: "EXEMPT_NOT_ALLOWED" }]);
  });
});

describe("overtime in a payroll run", () => {
  it("pays a California hourly employee's 10-hour day and 45-hour week, and a 13-hour day, on EARNING_OVERTIME and EARNING_DOUBLE_TIME lines", async () => {
    // Its own client and schedule: the run pays every engagement of the schedule.
    const own = await newTenant(t, "labor-law-run");
    const schedule = await newPaySchedule(t, own.clientId, { periodsAhead: 1 });
    const worker = await newWorker(t, own.clientId, { homeJurisdiction: "US-CA", withholding: { w4: { filingStatus: "SINGLE" } } });
    const hired = dataOf(
      await t.gql(
        LaborLawHireDocument,
        {
          input: {
            workerId: worker.id,
            title: "Field Technician",
            workJurisdiction: "US-CA",
            employmentModel: "EOR",
            classification: "US_W2_EMPLOYEE",
            startDate: "2026-01-05",
            compensation: { basis: "HOURLY", amount: usd("30.00") },
            payScheduleId: schedule.id,
          },
        },
        operator,
      ),
    ).hireWorker;
    expect(hired.userErrors).toEqual([]);
    const engagementId = hired.engagement!.id;
    const day = (date: string, hours: string) => ({ engagementId, date, hours, type: "REGULAR" as const });
    const recorded = dataOf(
      await t.gql(
        RecordTimeEntriesDocument,
        {
          input: {
            entries: [
              day("2026-01-05", "10"),
              day("2026-01-06", "8"),
              day("2026-01-07", "8"),
              day("2026-01-08", "8"),
              day("2026-01-09", "8"),
              day("2026-01-10", "3"), // week 1: 45 h, 2 h daily + 3 h weekly overtime
              day("2026-01-12", "13"), // week 2: 8 straight, 4 at 1.5×, 1 at 2×
              day("2026-01-13", "8"),
            ],
          },
        },
        own.token,
      ),
    ).recordTimeEntries;
    expect(recorded.userErrors).toEqual([]);

    const created = dataOf(await t.gql(CreatePayrollRunDocument, { input: { clientId: own.clientId, payPeriodId: schedule.periods.nodes[0].id } }, own.token)).createPayrollRun;
    expect(created.userErrors).toEqual([]);
    const runId = created.payrollRun!.id;
    expect(dataOf(await t.gql(CalculatePayrollRunDocument, { input: { payrollRunId: runId } }, own.token)).calculatePayrollRun.userErrors).toEqual([]);
    let node;
    for (const deadline = Date.now() + 25_000; ;) {
      node = dataOf(await t.gql(LaborLawRunLinesDocument, { id: runId }, own.token)).node;
      if (node?.__typename !== "PayrollRun") throw new Error("not a run");
      if (node.status !== "CALCULATING") break;
      if (Date.now() > deadline) throw new Error("run still CALCULATING");
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(node.status).toBe("CALCULATED");
    const [statement] = node.statements.nodes;
    expect(statement.gross.amount).toBe("2145.00");
    expect(statement.lines.filter((l) => l.code.startsWith("EARNING_"))).toEqual([
      { code: "EARNING_REGULAR", amount: { amount: "1680.00" }, hours: "56.00", rate: { amount: "30.00" } },
      { code: "EARNING_OVERTIME", amount: { amount: "405.00" }, hours: "9.00", rate: { amount: "45.00" } },
      { code: "EARNING_DOUBLE_TIME", amount: { amount: "60.00" }, hours: "1.00", rate: { amount: "60.00" } },
    ]);
    // A tax line is untouched by the split: the engine saw the same gross.
    expect(statement.lines.some((l) => l.code === "US_FIT")).toBe(true);
  });

  it("a workweek crossing the period's start counts the previous period's days of that week, and pays only this period's", async () => {
    // Semi-monthly: the second period starts Friday 2026-01-16, inside the workweek of Monday 2026-01-12.
    const own = await newTenant(t, "labor-law-cross");
    const schedule = await newPaySchedule(t, own.clientId, { frequency: "SEMIMONTHLY", firstPeriodStart: "2026-01-01", periodsAhead: 2 });
    const worker = await newWorker(t, own.clientId, { homeJurisdiction: "US-TX", withholding: { w4: { filingStatus: "SINGLE" } } });
    const hired = dataOf(
      await t.gql(
        LaborLawHireDocument,
        {
          input: {
            workerId: worker.id,
            title: "Warehouse Associate",
            workJurisdiction: "US-TX",
            employmentModel: "EOR",
            classification: "US_W2_EMPLOYEE",
            startDate: "2026-01-01",
            compensation: { basis: "HOURLY", amount: usd("20.00") },
            payScheduleId: schedule.id,
          },
        },
        operator,
      ),
    ).hireWorker;
    expect(hired.userErrors).toEqual([]);
    const engagementId = hired.engagement!.id;
    const day = (date: string, hours: string) => ({ engagementId, date, hours, type: "REGULAR" as const });
    const recorded = dataOf(
      await t.gql(
        RecordTimeEntriesDocument,
        {
          input: {
            entries: [
              day("2026-01-12", "10"),
              day("2026-01-13", "10"),
              day("2026-01-14", "10"),
              day("2026-01-15", "10"), // first period: 40 h of the week
              day("2026-01-16", "8"),
              day("2026-01-17", "2"), // second period: past 40 h in the week → overtime
              day("2026-01-19", "8"),
            ],
          },
        },
        own.token,
      ),
    ).recordTimeEntries;
    expect(recorded.userErrors).toEqual([]);
    const created = dataOf(await t.gql(CreatePayrollRunDocument, { input: { clientId: own.clientId, payPeriodId: schedule.periods.nodes[1].id } }, own.token)).createPayrollRun;
    expect(created.userErrors).toEqual([]);
    const runId = created.payrollRun!.id;
    expect(dataOf(await t.gql(CalculatePayrollRunDocument, { input: { payrollRunId: runId } }, own.token)).calculatePayrollRun.userErrors).toEqual([]);
    let node;
    for (const deadline = Date.now() + 25_000; ;) {
      node = dataOf(await t.gql(LaborLawRunLinesDocument, { id: runId }, own.token)).node;
      if (node?.__typename !== "PayrollRun") throw new Error("not a run");
      if (node.status !== "CALCULATING") break;
      if (Date.now() > deadline) throw new Error("run still CALCULATING");
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(node.status).toBe("CALCULATED");
    const [statement] = node.statements.nodes;
    // 8 h on 2026-01-19 straight ($160) + 10 h overtime at $30 ($300): the 40 h of 12–15 January are not paid here.
    expect(statement.gross.amount).toBe("460.00");
    expect(statement.lines.filter((l) => l.code.startsWith("EARNING_"))).toEqual([
      { code: "EARNING_REGULAR", amount: { amount: "160.00" }, hours: "8.00", rate: { amount: "20.00" } },
      { code: "EARNING_OVERTIME", amount: { amount: "300.00" }, hours: "10.00", rate: { amount: "30.00" } },
    ]);
  });
});
