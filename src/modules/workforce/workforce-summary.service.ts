import type { Context } from "../../context";
import { notFound } from "../../shared/errors";
import { requireGlobalId } from "../../shared/global-id";
import { addDays, todayUtc } from "../../shared/calendar";
import { missingReadScope } from "../../auth/read-scopes";
import type { Scope } from "../../auth/scopes";
import { clientById } from "../clients/client.loaders";
import { toClient } from "../clients/client.type";
import { payScheduleById } from "../pay-schedules/pay-schedule.loaders";
import { toPaySchedule } from "../pay-schedules/pay-schedule.type";
import { payrollRunById } from "../payroll/payroll.loaders";
import { toPayrollRun } from "../payroll/payroll.type";
import type { EngagementFigureRow, SummaryWindow } from "./workforce-summary.repository";
import { engagementFiguresByWindow, openBlockersByWindow, payrollCostByWindow, remittancesDueByWindow, upcomingPayDatesByWindow } from "./workforce-summary.loaders";
import {
  REMITTANCE_DAYS,
  UPCOMING_PAY_DATE_DAYS,
  WorkforceSummary,
  toCounts,
  toPayrollCostMonth,
  toRemittancesDue,
  toUpcomingPayDate,
  type WorkforceCount,
  type WorkforceUpcomingPayDate,
} from "./workforce-summary.type";

const STATUSES = ["PENDING", "ACTIVE", "ENDED"] as const;

/** The engagement figures of a summary, folded from the grouped rows of one statement. */
export interface EngagementFigures {
  headcount: number;
  byEngagementStatus: WorkforceCount[];
  byWorkJurisdiction: WorkforceCount[];
  byClassification: WorkforceCount[];
  byEmploymentModel: WorkforceCount[];
  hiresLast30Days: number;
  hiresLast90Days: number;
  terminationsLast30Days: number;
  terminationsLast90Days: number;
}

/**
 * `workforceSummary`: one client's workforce on a date. The root needs `workers:read` and a client the caller may
 * act for; each part is read through its loader (one SQL statement per part and request) and needs its own scope:
 * engagement figures `workers:read`, pay dates, payroll cost and blockers `payroll:read`, remittances
 * `remittances:read` (src/auth/read-scopes.ts guards the typed parts; blockers, counted as `WorkforceCount`, are
 * checked here).
 */
export class WorkforceSummaryService {
  constructor(private readonly ctx: Context) {}

  /** The summary's window; NOT_FOUND for a client the caller may not act for or that does not exist. */
  async summary(clientGlobalId: string, asOf: string | null | undefined): Promise<WorkforceSummary> {
    const { principal, loaders } = this.ctx;
    principal.assertScope("workers:read");
    const clientId = requireGlobalId(clientGlobalId, "Client", "clientId");
    // Another tenant's client and an unknown one answer alike, as `quarterlyFilings(clientId)` and the mutations do.
    if (!principal.canAccessClient(clientId) || (await loaders.get(clientById).load(clientId)) === null) throw notFound("Client");
    const day = asOf ?? todayUtc(); // the Date scalar refused anything but a real date
    const year = day.slice(0, 4);
    const window: SummaryWindow = {
      clientId,
      asOf: day,
      today: todayUtc(),
      from30: addDays(day, -29),
      from90: addDays(day, -89),
      payDatesUntil: addDays(day, UPCOMING_PAY_DATE_DAYS),
      remittancesUntil: addDays(day, REMITTANCE_DAYS - 1),
      yearStart: `${year}-01-01`,
      yearEnd: `${year}-12-31`,
    };
    return Object.assign(new WorkforceSummary(), { window, asOf: day });
  }

  async client(summary: WorkforceSummary) {
    const row = await this.ctx.loaders.get(clientById).load(summary.window.clientId);
    return row && toClient(row);
  }

  async engagementFigures(summary: WorkforceSummary): Promise<EngagementFigures> {
    this.need("workers:read", "WorkforceSummary");
    return foldFigures(await this.ctx.loaders.get(engagementFiguresByWindow).load(summary.window));
  }

  async upcomingPayDates(summary: WorkforceSummary) {
    this.need("payroll:read", "WorkforceUpcomingPayDate");
    return (await this.ctx.loaders.get(upcomingPayDatesByWindow).load(summary.window)).map(toUpcomingPayDate);
  }

  async payrollCostByMonth(summary: WorkforceSummary) {
    this.need("payroll:read", "WorkforcePayrollCostMonth");
    return (await this.ctx.loaders.get(payrollCostByWindow).load(summary.window)).map(toPayrollCostMonth);
  }

  /** Blockers are payroll data: `payroll:read` on top of the `workers:read` of `WorkforceCount`. */
  async openBlockersByCode(summary: WorkforceSummary) {
    this.need("payroll:read", "PayrollRunBlocker");
    const rows = await this.ctx.loaders.get(openBlockersByWindow).load(summary.window);
    return toCounts(new Map(rows.map((r) => [r.code, r.count])));
  }

  async remittancesDue(summary: WorkforceSummary) {
    this.need("remittances:read", "WorkforceRemittancesDue");
    return (await this.ctx.loaders.get(remittancesDueByWindow).load(summary.window)).map(toRemittancesDue);
  }

  async paySchedule(payDate: WorkforceUpcomingPayDate) {
    if (payDate.payScheduleDbId === null) return null;
    const row = await this.ctx.loaders.get(payScheduleById).load(payDate.payScheduleDbId);
    return row && toPaySchedule(row);
  }

  async payrollRun(payDate: WorkforceUpcomingPayDate) {
    if (payDate.payrollRunDbId === null) return null;
    const row = await this.ctx.loaders.get(payrollRunById).load(payDate.payrollRunDbId);
    return row && toPayrollRun(row);
  }

  /** FORBIDDEN naming the part and the scope, as every other read-scoped field answers. */
  private need(scope: Scope, typeName: string): void {
    if (!this.ctx.principal.hasScope(scope)) throw missingReadScope(typeName, scope);
  }
}

/** Keys with their counts, most first (then by key), leaving out zeros. */
function ranked(rows: readonly EngagementFigureRow[], key: (r: EngagementFigureRow) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + r.engagements);
  return new Map([...counts].filter(([, n]) => n > 0).sort(([a, n], [b, m]) => m - n || (a < b ? -1 : a > b ? 1 : 0)));
}

export function foldFigures(rows: readonly EngagementFigureRow[]): EngagementFigures {
  const active = rows.filter((r) => r.status === "ACTIVE");
  const sum = (of: readonly EngagementFigureRow[], f: (r: EngagementFigureRow) => number) => of.reduce((s, r) => s + f(r), 0);
  const byStatus = new Map<string, number>(
    STATUSES.map((s) => [
      s,
      sum(
        rows.filter((r) => r.status === s),
        (r) => r.engagements,
      ),
    ]),
  );
  return {
    headcount: sum(active, (r) => r.engagements),
    byEngagementStatus: toCounts(byStatus),
    byWorkJurisdiction: toCounts(ranked(active, (r) => r.workJurisdiction)),
    byClassification: toCounts(ranked(active, (r) => r.classification)),
    byEmploymentModel: toCounts(ranked(active, (r) => r.employmentModel)),
    hiresLast30Days: sum(rows, (r) => r.hires30),
    hiresLast90Days: sum(rows, (r) => r.hires90),
    terminationsLast30Days: sum(rows, (r) => r.terminations30),
    terminationsLast90Days: sum(rows, (r) => r.terminations90),
  };
}
