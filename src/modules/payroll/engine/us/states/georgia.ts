/**
 * Georgia income tax withholding by the Employer's Withholding Tax Guide percentage method (tables in
 * ../tables/ga-withholding.ts; the edition is chosen by pay date):
 *   tax = rate × (wages − Table E standard deduction − (G-4 line 4 + line 5 allowances) × dependent allowance),
 *   floor 0, half-up to the cent, + G-4 line 6 additional amount. G-4 line 8 exempt → $0.
 * The per-period Table E amounts are the annual ones ÷ periods, to the cent. Married filing joint with one spouse
 * working takes column (1); single, head of household, married filing separate and married with both spouses working
 * take the single column (the guide: "Married couples, both having income, should use the standard deduction allowed
 * in column (3)", which prints the single amount). Supplemental wages are aggregated with the period's wages.
 * No G-4 → "single with zero allowances" (the guide: failure to submit a G-4 results in withholding as though the
 * employee is single with zero allowances); the line says so.
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0 } from "../money";
import { GA_WITHHOLDING } from "../tables/ga-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

const G4_STATUSES = ["SINGLE", "MARRIED_FILING_JOINT_BOTH_WORKING", "MARRIED_FILING_JOINT_ONE_WORKING", "MARRIED_FILING_SEPARATE", "HEAD_OF_HOUSEHOLD"] as const;
type G4Status = (typeof G4_STATUSES)[number];

export const G_4: CertificateForm = {
  key: "g4",
  title: "G-4",
  jurisdictions: ["US-GA"],
  description:
    "Georgia Form G-4, Employee's Withholding Allowance Certificate (Georgia Department of Revenue). Without one, Georgia withholds as though the employee is single with zero allowances.",
  fields: [
    { name: "maritalStatus", type: { kind: "ENUM", values: G4_STATUSES }, description: "G-4 line 3: marital status. Default SINGLE." },
    { name: "dependentAllowances", type: { kind: "COUNT", max: 99 }, description: "G-4 line 4: dependent allowances. Default 0." },
    { name: "additionalAllowances", type: { kind: "COUNT", max: 99 }, description: "G-4 line 5: additional allowances (worksheet). Default 0." },
    { name: "additionalWithholding", type: { kind: "MONEY" }, description: "G-4 line 6: additional withholding each pay period, cents. Default 0." },
    { name: "exempt", type: { kind: "BOOLEAN" }, description: "G-4 line 8: exempt from Georgia withholding. Default false." },
  ],
};

export function computeGeorgia(ctx: UsPayContext): Computed {
  const editions = GA_WITHHOLDING[ctx.taxYear];
  const edition = editions?.filter((e) => ctx.input.payDate >= e.from).at(-1);
  if (!edition) {
    return {
      lines: [],
      blockers: [
        {
          code: "MISSING_TAX_TABLE",
          message: `Georgia withholding for ${ctx.taxYear} is not computed: the Employer's Withholding Tax Guide tables for ${ctx.taxYear} are not transcribed in this engine (2026 is).`,
        },
      ],
    };
  }
  const cert = new CertificateReader(G_4, ctx);
  const status = cert.choice<G4Status>("maritalStatus", "SINGLE");
  const allowances = cert.count("dependentAllowances", 0) + cert.count("additionalAllowances", 0);
  const extra = cert.money("additionalWithholding");
  const exempt = cert.boolean("exempt", false);
  if (cert.blockers.length > 0) return { lines: [], blockers: cert.blockers };

  const wages = ctx.taxable.stateIncome.regular + ctx.taxable.stateIncome.supplemental;
  if (exempt) return { lines: [employeeTax("US_GA_SIT", "Georgia income tax: none, exempt on G-4 line 8", 0n, wages)], blockers: [] };
  const column = status === "MARRIED_FILING_JOINT_ONE_WORKING" ? "MARRIED_JOINT_ONE_INCOME" : "OTHER";
  const standard = divideHalfUp(edition.standardDeduction[column], ctx.periodsPerYear);
  const perAllowance = divideHalfUp(edition.dependentAllowance, ctx.periodsPerYear);
  const taxable = max0(wages - standard - perAllowance * BigInt(allowances));
  const tax = applyRate(taxable, edition.rate);
  const who = cert.onFile
    ? `G-4 ${status.toLowerCase().replaceAll("_", " ")}, ${allowances} allowances`
    : "no G-4 on file: single, 0 allowances (Employer's Withholding Tax Guide)";
  const parts = [`${formatUsd(wages)} − ${formatUsd(standard)} − ${allowances} × ${formatUsd(perAllowance)} = ${formatUsd(taxable)}: ${formatUsd(tax)}`, who];
  if (ctx.taxable.stateIncome.supplemental > 0n) parts.push("bonus included (aggregate method)");
  if (extra > 0n) parts.push(`additional ${formatUsd(extra)} (G-4 line 6)`);
  return { lines: [employeeTax("US_GA_SIT", `Georgia income tax: ${parts.join("; ")} (${edition.citation})`, tax + extra, wages)], blockers: [] };
}

export const georgia: UsStateModule = {
  state: "GA",
  compute: computeGeorgia,
  certificate: G_4,
  coverage: [
    {
      jurisdiction: "US-GA",
      status: "COMPUTED",
      taxYears: Object.keys(GA_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_GA_SIT", kind: "EMPLOYEE_TAX", where: "US-GA", meaning: "Georgia income tax (percentage method)" }],
      sources: Object.values(GA_WITHHOLDING).flatMap((editions) => editions.map((e) => e.citation)),
      note: "Income tax withholding by the percentage method with the G-4: 5.19% (December 2025 guide) until May 10, 2026, 4.99% (June 2026 guide, HB 463) from May 11, 2026; 2025 is a MISSING_TAX_TABLE blocker. No local income taxes.",
    },
  ],
};
