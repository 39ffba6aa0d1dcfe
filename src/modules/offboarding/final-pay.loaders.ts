/** DataLoaders of offboarding: `Engagement.finalPay` and `Engagement.recordOfEmployment`, one batch per request. */
import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { engagementRepository } from "../engagements/engagement.repository";
import { finalPayRepository, type FinalPayRow } from "./final-pay.repository";
import { buildRoe, type RoeData, type RoePeriodInput } from "./roe";
import type { TerminationReason } from "./termination-reason";

/** The final pay of each engagement (null when it has none), tenant-scoped. */
export const finalPayByEngagementId: LoaderFactory<DataLoader<string, FinalPayRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await finalPayRepository.byEngagementIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.engagementId, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

export interface LoadedRoe {
  workerId: string;
  currency: string;
  data: RoeData;
  complete: boolean;
}

/**
 * The Record of Employment of each engagement: Canadian employees with a final pay (null otherwise). Four
 * statements for the whole batch: engagements, final pays, statements of runs past approval, hours.
 */
export const recordOfEmploymentByEngagementId: LoaderFactory<DataLoader<string, LoadedRoe | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const scope = principal.tenants;
    const finals = new Map((await finalPayRepository.byEngagementIds(db, scope, ids)).map((r) => [r.engagementId, r]));
    const engagements = (await engagementRepository.findByIds(db, scope, [...finals.keys()])).filter(
      (e) => e.classification === "CA_T4_EMPLOYEE" && e.endDate !== null && e.terminationReason !== null,
    );
    const wanted = engagements.map((e) => e.id);
    if (wanted.length === 0) return ids.map(() => null);
    const statements = await finalPayRepository.roeStatements(db, scope, wanted);
    const hours = await finalPayRepository.hoursByDate(db, scope, wanted);
    const hourly = await finalPayRepository.hourlyAtEnd(
      db,
      scope,
      engagements.map((e) => ({ id: e.id, endDate: e.endDate! })),
    );
    const result = new Map<string, LoadedRoe>();
    for (const e of engagements) {
      const finalPay = finals.get(e.id)!;
      const finalStart = finalPay.periodStart ?? finalPay.paysFrom;
      const finalEnd = finalPay.periodEnd ?? finalPay.paysThrough;
      const own = statements.filter((s) => s.engagementId === e.id);
      const regularPeriods = own.filter((s) => s.periodStart !== null && s.runKind === "REGULAR");
      const periodOf = (s: (typeof own)[number]) => {
        if (s.runKind === "REGULAR" && s.periodStart && s.periodEnd) return { start: s.periodStart, end: s.periodEnd };
        if (s.runId === finalPay.payrollRunId) return { start: finalStart, end: finalEnd };
        // Another off-cycle run (a bonus): the listed period containing its pay date, else the final pay period.
        const holder = regularPeriods.find((r) => r.periodStart! <= s.payDate && s.payDate <= r.periodEnd!);
        return holder ? { start: holder.periodStart!, end: holder.periodEnd! } : { start: finalStart, end: finalEnd };
      };
      const seen = new Set<string>();
      const periods: RoePeriodInput[] = own.map((s) => {
        const p = periodOf(s);
        const first = !seen.has(p.end);
        seen.add(p.end);
        const to = p.end < e.endDate! ? p.end : e.endDate!;
        const recorded = hours.filter((h) => h.engagementId === e.id && h.workDate >= p.start && h.workDate <= to).reduce((sum, h) => sum + h.hundredths, 0);
        return { periodStart: p.start, periodEnd: p.end, insurableEarnings: s.insurable, hundredthsOfHours: hourly.has(e.id) ? (first ? recorded : 0) : null };
      });
      const data = buildRoe({
        reason: e.terminationReason as TerminationReason,
        startDate: e.startDate,
        endDate: e.endDate!,
        finalPayPeriodEnd: finalEnd,
        periods,
        vacationPay: own.reduce((sum, s) => sum + s.vacation, 0),
      });
      result.set(e.id, { workerId: e.workerId, currency: finalPay.currency, data, complete: seen.has(finalEnd) });
    }
    return ids.map((id) => result.get(id) ?? null);
  });
