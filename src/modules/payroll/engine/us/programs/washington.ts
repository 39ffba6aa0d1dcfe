/**
 * Washington: no income tax; Paid Family and Medical Leave employee premium = wages up to the Social Security cap
 * (year to date) × total rate × employee share, one exact product rounded half-up to the cent.
 * Year-to-date base: `yearToDate.stateWages.US_WA_PFML_EE`, else the employer's Social Security wages (ESD: "once
 * an employee meets the Social Security cap, you need to stop collecting premiums").
 * WA Cares is not collected (see tables/wa-paid-leave.ts for why).
 */
import { type Computed, type UsPayContext, employeeTax, stateYtd } from "../context";
import { applyRate, formatUsd, max0, minBig } from "../money";
import { WA_PAID_LEAVE } from "../tables/wa-paid-leave";
import type { UsProgramModule } from "./program-module";

export const WA_PFML_EE = "US_WA_PFML_EE";

export function computeWashington(ctx: UsPayContext): Computed {
  const edition = WA_PAID_LEAVE[ctx.taxYear];
  const taxable = minBig(ctx.taxable.statePrograms, max0(edition.wageBase - stateYtd(ctx, WA_PFML_EE)));
  const premium = applyRate(taxable, edition.employeeRate);
  const description = `Washington Paid Family & Medical Leave premium on ${formatUsd(taxable)} (${edition.citation})`;
  return { lines: premium > 0n ? [employeeTax(WA_PFML_EE, description, premium, taxable)] : [], blockers: [] };
}

export const washingtonPaidLeave: UsProgramModule = {
  state: "WA",
  compute: computeWashington,
  lineCodes: [{ code: WA_PFML_EE, kind: "EMPLOYEE_TAX", where: "US-WA", meaning: "Washington Paid Family and Medical Leave, employee share" }],
  sources: Object.values(WA_PAID_LEAVE).map((e) => e.citation),
};
