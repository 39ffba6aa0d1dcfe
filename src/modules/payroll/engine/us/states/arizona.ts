/**
 * Arizona income tax withholding: the Form A-4 elected percentage of the period's gross taxable wages (regular and
 * supplemental alike: Arizona has no separate supplemental rate), half-up to the cent, plus the A-4 extra amount
 * per period. An A-4 electing zero (no Arizona tax liability expected) withholds nothing but the extra amount.
 * No A-4 on file → 2.0% (A.R.S. §43-403, A-4 instructions).
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, formatUsd } from "../money";
import { AZ_ELECTED_RATES, AZ_WITHHOLDING, type AzElectedRate } from "../tables/az-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

/** GraphQL enum values cannot start with a digit or hold a dot: "2.0" is `PCT_2_0`. */
const enumOf = (rate: AzElectedRate): string => `PCT_${rate.replace(".", "_")}`;
const ENUM_VALUES = [...AZ_ELECTED_RATES.map(enumOf), "ZERO"];

export const A4: CertificateForm = {
  key: "a4",
  title: "A-4",
  jurisdictions: ["US-AZ"],
  description:
    "Arizona Form A-4, Employee's Arizona Withholding Election (ADOR). The employee elects a percentage of gross " +
    "taxable wages, or zero when expecting no Arizona tax liability, and may add an amount per period. Without an " +
    "A-4 the employer withholds 2.0%.",
  fields: [
    {
      name: "percentage",
      type: { kind: "ENUM", values: ENUM_VALUES },
      description: "A-4 box 1 (PCT_0_5 … PCT_3_5 = 0.5% … 3.5% of gross taxable wages) or box 2 (ZERO: no Arizona tax liability " + "expected). Default PCT_2_0 (2.0%).",
    },
    { name: "extraWithholding", type: { kind: "MONEY" }, description: "A-4 box 1: additional amount withheld each pay period, cents. Default 0." },
  ],
};

export function computeArizona(ctx: UsPayContext): Computed {
  const edition = AZ_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return { lines: [], blockers: [{ code: "MISSING_TAX_TABLE", message: `Arizona withholding for ${ctx.taxYear} is not computed: its A-4 rates are not transcribed.` }] };
  }
  const a4 = new CertificateReader(A4, ctx);
  const elected = a4.choice("percentage", enumOf(edition.defaultRate));
  const extra = a4.money("extraWithholding");
  const base = ctx.taxable.stateIncome.regular + ctx.taxable.stateIncome.supplemental;
  const rate = AZ_ELECTED_RATES.find((r) => enumOf(r) === elected);
  const tax = rate ? applyRate(base, edition.rates[rate]) : 0n;
  const how = rate ? `${rate}% of ${formatUsd(base)}` : "zero elected (no Arizona tax liability expected)";
  const who = a4.onFile ? "A-4 election" : `no A-4 on file: ${edition.defaultRate}% default`;
  const parts = [`${how} (${who})`];
  if (extra > 0n) parts.push(`additional ${formatUsd(extra)} (A-4)`);
  return { lines: [employeeTax("US_AZ_SIT", `Arizona income tax: ${parts.join("; ")} (${edition.citation})`, tax + extra, base)], blockers: a4.blockers };
}

export const arizona: UsStateModule = {
  state: "AZ",
  compute: computeArizona,
  certificate: A4,
  coverage: [
    {
      jurisdiction: "US-AZ",
      status: "COMPUTED",
      taxYears: Object.keys(AZ_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_AZ_SIT", kind: "EMPLOYEE_TAX", where: "US-AZ", meaning: "Arizona income tax" }],
      sources: Object.values(AZ_WITHHOLDING).map((e) => e.citation),
      note: "Income tax withholding at the A-4 elected percentage (2.0% without an A-4). No local income taxes.",
    },
  ],
};
