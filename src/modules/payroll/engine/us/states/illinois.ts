/**
 * Illinois PIT withholding, IL-700-T automated payroll method, on the period's total compensation (regular +
 * supplemental: Illinois has no separate supplemental method):
 *   4.95% × (wages − ((line 1 allowances × basic amount) + (line 2 allowances × $1,000)) ÷ periods), floor 0,
 *   + IL-W-4 line 3 additional amount.
 * The per-period allowance is rounded half-up to the cent BEFORE it is subtracted, as the booklet's Example B
 * prints it ($7,850 ÷ 52 = $150.96); the tax is rounded half-up to the cent.
 * The IL-W-4 is `PaycheckInput.certificates.ilW4` (IL_W4_FORM). No IL-W-4 in the input → zero allowances (IDOR Publication 130), so the basic amount does not matter then.
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0 } from "../money";
import { IL_WITHHOLDING } from "../tables/il-withholding";
import type { UsStateModule } from "./state-module";

/** Form IL-W-4 (Employee's and other Payee's Illinois Withholding Allowance Certificate, IDOR). */
export const IL_W4_FORM: CertificateForm = {
  key: "ilW4",
  title: "IL-W-4",
  jurisdictions: ["US-IL"],
  description:
    "Illinois Form IL-W-4, Employee's and other Payee's Illinois Withholding Allowance Certificate (IDOR). Read by Illinois income tax withholding (IL-700-T). Without one no allowances are taken (IDOR Publication 130), and the US_IL_SIT line says so.",
  fields: [
    { name: "basicAllowances", type: { kind: "COUNT" }, description: "IL-W-4 line 1: basic allowances (the basic amount each, IL-700-T). Default 0." },
    { name: "additionalAllowances", type: { kind: "COUNT" }, description: "IL-W-4 line 2: additional allowances ($1,000 each). Default 0." },
    { name: "extraWithholding", type: { kind: "MONEY" }, description: "IL-W-4 line 3: additional amount to withhold each pay period (USD). Default 0." },
  ],
};

export function computeIllinois(ctx: UsPayContext): Computed {
  const edition = IL_WITHHOLDING[ctx.taxYear];
  // Validated against IL_W4_FORM before any module runs (INVALID_INPUT otherwise).
  const ilW4 = ctx.input.certificates?.[IL_W4_FORM.key];
  const basic = BigInt(ilW4?.basicAllowances ?? 0);
  const additional = BigInt(ilW4?.additionalAllowances ?? 0);
  const extra = BigInt(ilW4?.extraWithholding ?? 0);
  const annualAllowance = basic * edition.basicAllowance + additional * edition.additionalAllowance;
  const periodAllowance = divideHalfUp(annualAllowance, ctx.periodsPerYear);
  const taxable = max0(ctx.taxable.stateIncome.regular + ctx.taxable.stateIncome.supplemental - periodAllowance);
  const tax = applyRate(taxable, edition.rate) + extra;
  const who = ilW4 ? `IL-W-4 ${basic} basic + ${additional} additional allowances (${formatUsd(periodAllowance)} per period)` : "no IL-W-4 on file: no allowances (IDOR Pub 130)";
  const description = `Illinois income tax 4.95% on ${formatUsd(taxable)} (${who}; ${edition.citation})`;
  return { lines: [employeeTax("US_IL_SIT", description, tax, taxable)], blockers: [] };
}

export const illinois: UsStateModule = {
  state: "IL",
  compute: computeIllinois,
  certificate: IL_W4_FORM,
  coverage: [
    {
      jurisdiction: "US-IL",
      status: "COMPUTED",
      taxYears: Object.keys(IL_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_IL_SIT", kind: "EMPLOYEE_TAX", where: "US-IL", meaning: "Illinois income tax" }],
      sources: Object.values(IL_WITHHOLDING).map((e) => e.citation),
      note: "Income tax withholding by the IL-700-T automated method with the IL-W-4. No local income taxes.",
    },
  ],
};
