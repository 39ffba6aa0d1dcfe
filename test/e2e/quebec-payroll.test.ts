import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startTestServer, dataOf, type TestServer } from "../support/server";
import { hireOnboarded, newPaySchedule, newTenant, newWorker } from "../support/factories";
import { ApprovePayrollRunDocument, CalculatePayrollRunDocument, CreatePayrollRunDocument, PayrollRunStateDocument, PayrollRunStatementLinesDocument } from "../generated/graphql";
import { remittances } from "../../src/modules/remittances/remittance.table";
import { parseGlobalId } from "../../src/shared/global-id";

/**
 * A Quebec employee paid through the whole flow over the graph (hire, onboard, calculate, approve): the statement
 * carries Quebec income tax (TP-1015.F 2026) and the employer's HSF, CNT and CNESST lines, and the approval schedules
 * QPP, QPIP, Quebec income tax, HSF to Revenu Québec (`RQ`), the labour standards contribution to `RQ-CNT`, and EI
 * and federal tax to the CRA.
 */
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.stop());

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

describe("Quebec payroll end to end", () => {
  it("a CA-QC employee on $60,000 a year, monthly: Quebec tax and employer contributions, APPROVED, remitted to Revenu Québec and the CRA", async () => {
    const tenant = await newTenant(t, "quebec");
    const schedule = await newPaySchedule(t, tenant.clientId, { name: "CA monthly", country: "CA", frequency: "MONTHLY", firstPeriodStart: "2026-01-01", periodsAhead: 2 });
    const worker = await newWorker(t, tenant.clientId, { homeJurisdiction: "CA-QC" });
    const engagement = await hireOnboarded(t, worker.id, {
      workJurisdiction: "CA-QC",
      classification: "CA_T4_EMPLOYEE",
      startDate: "2026-01-01",
      compensation: { basis: "SALARY", amount: { amount: "60000.00", currency: "CAD" } },
      payScheduleId: schedule.id,
    });

    const created = dataOf(
      await t.gql(CreatePayrollRunDocument, { input: { clientId: tenant.clientId, payPeriodId: schedule.periods.nodes[0].id } }, tenant.token),
    ).createPayrollRun;
    expect(created.userErrors).toEqual([]);
    const runId = created.payrollRun!.id;
    expect(dataOf(await t.gql(CalculatePayrollRunDocument, { input: { payrollRunId: runId } }, tenant.token)).calculatePayrollRun.userErrors).toEqual([]);
    const run = await settled(runId, tenant.token);
    expect(run.status).toBe("CALCULATED");
    expect(run.blockers.totalCount).toBe(0);

    const node = dataOf(await t.gql(PayrollRunStatementLinesDocument, { id: runId }, tenant.token)).node;
    if (node?.__typename !== "PayrollRun") throw new Error("not a run");
    const statement = node.statements.nodes.find((s) => s.engagement!.id === engagement.id)!;
    const lines = Object.fromEntries(statement.lines.map((l) => [l.code, l.amount.amount]));
    // $5,000 a month. QPP 0.063 × (5,000 − 291.66) = 296.63; EI 1.30% = 65.00; QPIP 0.430% = 21.50.
    // Quebec (TP-1015.F 2026, no TP-1015.3): H = 1,450/12 = 120.83; CSA = 296.63 × 0.01/0.063 = 47.08;
    // I = 12 × 4,832.09 = 57,985.08; Y = 0.19 × I (11,017.17) − 2,717 − 0.14 × 18,952 (2,653.28) = 5,646.89 → 470.57.
    // Employer: HSF 4.26% (no rate on file) × 5,000 = 213.00; CNT 0.06% = 3.00; CNESST not computed (no rate) 0.
    expect(lines).toMatchObject({
      EARNING_REGULAR: "5000.00",
      CA_QPP_EE: "296.63",
      CA_EI_EE: "65.00",
      CA_QPIP_EE: "21.50",
      CA_QC_PIT: "470.57",
      CA_QC_HSF_ER: "213.00",
      CA_QC_CNT_ER: "3.00",
      CA_QC_CNESST_ER: "0.00",
    });
    expect(statement.lines.find((l) => l.code === "CA_QC_PIT")!.description).toContain("no TP-1015.3 on file");
    expect(statement.lines.find((l) => l.code === "CA_QC_CNESST_ER")!.description).toContain("NOT COMPUTED");

    const approved = dataOf(await t.gql(ApprovePayrollRunDocument, { input: { payrollRunId: runId } }, tenant.token)).approvePayrollRun;
    expect(approved.userErrors).toEqual([]);
    expect(approved.payrollRun!.status).toBe("APPROVED");

    const rows = await t.database.db
      .select()
      .from(remittances)
      .where(eq(remittances.payrollRunId, parseGlobalId(runId, "PayrollRun")!));
    const tax = Object.fromEntries(rows.filter((r) => r.kind === "TAX").map((r) => [r.payeeKey, { ee: r.employeeShare, er: r.employerShare, dueOn: r.dueOn }]));
    const cents = (code: string) => Math.round(Number(lines[code]) * 100);
    const payDate = rows.find((r) => r.kind === "NET_PAY")!.dueOn; // net pay is due on the pay date
    expect(payDate).toMatch(/^2026-0[12]-/);
    const [y, m] = payDate.split("-").map(Number);
    const fifteenthNext = `${y}-${String(m + 1).padStart(2, "0")}-15`;
    expect(tax.RQ).toEqual({
      ee: cents("CA_QPP_EE") + cents("CA_QPIP_EE") + cents("CA_QC_PIT"),
      er: cents("CA_QPP_ER") + cents("CA_QPIP_ER") + cents("CA_QC_HSF_ER"),
      dueOn: expect.stringMatching(new RegExp(`^${fifteenthNext.slice(0, 8)}1[5-7]$`)), // the 15th, or the next business day
    });
    expect(tax["RQ-CNT"]).toEqual({ ee: 0, er: 300, dueOn: "2027-03-01" }); // Feb 28, 2027 is a Sunday
    expect(tax.CRA).toEqual({ ee: cents("CA_EI_EE") + cents("CA_FIT"), er: cents("CA_EI_ER"), dueOn: tax.RQ.dueOn });
  });
});
