/**
 * The demo's offboarding: the final pay of each ended demo engagement that has a `terminationReason`, planned with
 * the production rules (offboarding.service.ts `planFinalPay`, the deadline and payout rules), and the OFF_CYCLE
 * DRAFT run of those whose next regular payday is after the deadline. No run has been paid in the demo, so every
 * final pay covers its whole final pay period; an engagement that ended before the demo's pay calendar begins is
 * taken as paid (outside the platform) through the end of the month before its end date.
 */
import { addDays, generatePayPeriodsThrough } from "../shared/calendar";
import { countryOf } from "../shared/jurisdiction";
import type { finalPays } from "../modules/offboarding/final-pay.table";
import type { payrollRuns } from "../modules/payroll/payroll.table";
import type { compensations, engagements } from "../modules/engagements/engagement.table";
import type { paySchedules } from "../modules/pay-schedules/pay-schedule.table";
import { finalPayDeadline } from "../modules/offboarding/final-pay-rules";
import { ptoPayoutCents, ptoPayoutDecision } from "../modules/offboarding/pto-payout-rules";
import { planFinalPay } from "../modules/offboarding/final-pay-plan";
import type { TerminationReason } from "../modules/offboarding/termination-reason";
import type { DemoEngagementSpec } from "./demo-roster";

type Stamped = { id: string; at: Date };

export function demoFinalPays(
  ended: { row: typeof engagements.$inferSelect; spec: DemoEngagementSpec }[],
  schedules: readonly (typeof paySchedules.$inferSelect)[],
  comps: readonly (typeof compensations.$inferSelect)[],
  next: (key: string) => Stamped,
): { payrollRuns: (typeof payrollRuns.$inferSelect)[]; finalPays: (typeof finalPays.$inferSelect)[] } {
  const runs: (typeof payrollRuns.$inferSelect)[] = [];
  const pays: (typeof finalPays.$inferSelect)[] = [];
  for (const { row, spec } of ended) {
    if (!row.terminationReason || !row.endDate || !spec.offboarding) continue;
    const endDate = row.endDate;
    const schedule = schedules.find((s) => s.id === row.payScheduleId) ?? null;
    const period =
      schedule && schedule.firstPeriodStart <= endDate
        ? (generatePayPeriodsThrough({ ...schedule, businessDays: { country: schedule.country, adjustment: schedule.payDateAdjustment } }, endDate).at(-1) ?? null)
        : null;
    const reason = row.terminationReason as TerminationReason;
    const o = spec.offboarding;
    const deadline = finalPayDeadline({
      jurisdiction: row.workJurisdiction,
      reason,
      endDate,
      noticeGivenOn: o.noticeGivenOn ?? null,
      nextRegularPayDate: period?.payDate ?? null,
      payPeriodDays: null,
    });
    const decision = ptoPayoutDecision({ jurisdiction: row.workJurisdiction, startDate: row.startDate, endDate, optIn: false });
    const comp = comps.filter((c) => c.engagementId === row.id && c.effectiveFrom <= endDate).at(-1)!;
    const ptoHundredths = o.unusedPtoHours === undefined ? null : o.unusedPtoHours * 100;
    const ptoPayout = countryOf(row.workJurisdiction) === "CA" ? (o.vacationPayOwed ?? 0) : ptoHundredths === null ? 0 : ptoPayoutCents(comp.basis, comp.amount, ptoHundredths);
    const plan = planFinalPay({
      engagement: row,
      endDate,
      parsed: { reason, noticeGivenOn: o.noticeGivenOn ?? null, lastDayWorked: null, ptoHundredths, payOutPto: false, vacationPayOwed: null },
      period,
      deadline,
      decision,
      ptoPayout,
      lastPaidPeriodEnd: period === null ? addDays(`${endDate.slice(0, 7)}-01`, -1) : null,
    });
    let payrollRunId: string | null = null;
    if (plan.row.paidBy === "OFF_CYCLE_RUN") {
      const run = next(`final-pay-run:${row.externalId}`);
      payrollRunId = run.id;
      runs.push({
        id: run.id,
        clientId: row.clientId,
        employerEntityId: row.employerEntityId,
        payPeriodId: null,
        kind: "OFF_CYCLE",
        status: "DRAFT",
        currency: plan.row.currency,
        payDate: plan.row.deadline,
        inputsDigest: null,
        calculationAttempts: 0,
        calculatedAt: null,
        approvedAt: null,
        approvedBy: null,
        failureReason: null,
        version: 1,
        createdAt: run.at,
        updatedAt: run.at,
      });
    }
    const id = next(`final-pay:${row.externalId}`);
    pays.push({
      ...plan.row,
      noticeGivenOn: plan.row.noticeGivenOn ?? null,
      nextRegularPayDate: plan.row.nextRegularPayDate ?? null,
      periodStart: plan.row.periodStart ?? null,
      periodEnd: plan.row.periodEnd ?? null,
      ptoHundredths: plan.row.ptoHundredths ?? null,
      ptoCitation: plan.row.ptoCitation ?? null,
      id: id.id,
      clientId: row.clientId,
      engagementId: row.id,
      payrollRunId,
      createdAt: id.at,
      updatedAt: id.at,
    });
  }
  return { payrollRuns: runs, finalPays: pays };
}
