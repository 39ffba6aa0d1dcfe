/**
 * Virginia income tax withholding by the employer guide's formula (tables in ../tables/va-withholding.ts): annualize
 * the period's wages, subtract the $8,750 standard deduction and the VA-4 exemptions, apply the four bands (the
 * band's percentage of the excess rounded half-up to the cent), divide by the periods (half-up to the cent), and add
 * the VA-4 line 2 additional amount. VA-4 line 3 (no liability) or line 4 (military spouse) exempt → $0.
 * Supplemental wages are added to the period's wages (the guide's aggregate method).
 * No VA-4 on file → no exemptions ("If you do not file this form, your employer must withhold Virginia income tax as
 * if you had no exemptions", Form VA-4); the standard deduction still applies. The line says so.
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0 } from "../money";
import { VA_WITHHOLDING, type VaBand } from "../tables/va-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

export const VA_4: CertificateForm = {
  key: "va4",
  title: "VA-4",
  jurisdictions: ["US-VA"],
  description:
    "Virginia Form VA-4, Employee's Virginia Income Tax Withholding Exemption Certificate (Virginia Department of Taxation). Without one, Virginia withholds as if the employee claimed no exemptions.",
  fields: [
    { name: "personalExemptions", type: { kind: "COUNT", max: 99 }, description: "VA-4 line 1(a): personal and dependent exemptions ($930 each). Default 0." },
    { name: "ageBlindExemptions", type: { kind: "COUNT", max: 4 }, description: "VA-4 line 1(b): exemptions for age 65 and over and blindness ($800 each). Default 0." },
    { name: "additionalWithholding", type: { kind: "MONEY" }, description: "VA-4 line 2: additional withholding each pay period, cents. Default 0." },
    { name: "exempt", type: { kind: "BOOLEAN" }, description: "VA-4 line 3 or 4: exempt (no Virginia income tax liability, or military spouse). Default false." },
  ],
};

/** Step 2: the annual tax on annual taxable income (cents). */
export function vaAnnualTax(bands: readonly VaBand[], taxable: bigint): bigint {
  if (taxable <= 0n) return 0n;
  let band = bands[0];
  for (const candidate of bands) if (taxable > candidate.over) band = candidate;
  return band.base + applyRate(taxable - band.over, band.rate);
}

export function computeVirginia(ctx: UsPayContext): Computed {
  const edition = VA_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return {
      lines: [],
      blockers: [
        {
          code: "MISSING_TAX_TABLE",
          message: `Virginia withholding for ${ctx.taxYear} is not computed: the employer guide's formula for ${ctx.taxYear} is not transcribed in this engine (2026 is).`,
        },
      ],
    };
  }
  const cert = new CertificateReader(VA_4, ctx);
  const e1 = cert.count("personalExemptions", 0);
  const e2 = cert.count("ageBlindExemptions", 0);
  const extra = cert.money("additionalWithholding");
  const exempt = cert.boolean("exempt", false);
  if (cert.blockers.length > 0) return { lines: [], blockers: cert.blockers };

  const wages = ctx.taxable.stateIncome.regular + ctx.taxable.stateIncome.supplemental;
  if (exempt) return { lines: [employeeTax("US_VA_SIT", "Virginia income tax: none, exempt on VA-4", 0n, wages)], blockers: [] };
  const annualWages = wages * ctx.periodsPerYear;
  const deductions = edition.standardDeduction + edition.personalExemption * BigInt(e1) + edition.ageBlindExemption * BigInt(e2);
  const taxable = max0(annualWages - deductions);
  const annualTax = vaAnnualTax(edition.bands, taxable);
  const tax = divideHalfUp(annualTax, ctx.periodsPerYear);
  const who = cert.onFile ? `VA-4 ${e1} + ${e2} exemptions` : "no VA-4 on file: no exemptions (Form VA-4)";
  const parts = [
    `annual ${formatUsd(annualWages)} − ${formatUsd(deductions)} = ${formatUsd(taxable)}, annual tax ${formatUsd(annualTax)} ÷ ${ctx.periodsPerYear} = ${formatUsd(tax)}`,
    who,
  ];
  if (ctx.taxable.stateIncome.supplemental > 0n) parts.push("bonus included (aggregate method)");
  if (extra > 0n) parts.push(`additional ${formatUsd(extra)} (VA-4 line 2)`);
  return { lines: [employeeTax("US_VA_SIT", `Virginia income tax: ${parts.join("; ")} (${edition.citation})`, tax + extra, wages)], blockers: [] };
}

export const virginia: UsStateModule = {
  state: "VA",
  compute: computeVirginia,
  certificate: VA_4,
  coverage: [
    {
      jurisdiction: "US-VA",
      status: "COMPUTED",
      taxYears: Object.keys(VA_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_VA_SIT", kind: "EMPLOYEE_TAX", where: "US-VA", meaning: "Virginia income tax (employer guide formula)" }],
      sources: Object.values(VA_WITHHOLDING).map((e) => e.citation),
      note: "Income tax withholding by the employer guide's annualized formula with the VA-4 (2026; 2025 is a MISSING_TAX_TABLE blocker). No local income taxes.",
    },
  ],
};
