/**
 * Indiana state income tax withholding by Departmental Notice #1 on the period's REGULAR wages:
 *   annual = regular × periods − WH-4 exemptions ($1,000 personal, $1,500 dependent, $3,000 adopted dependent), floor
 *   0; period tax = annual × state rate ÷ periods, half-up to the cent; + WH-4 additional state withholding.
 * Supplemental wages (the bonus) at the state supplemental rate, which equals the state rate (2.95% in 2026).
 * No WH-4 on file → no exemptions (DN #1), stated on the line.
 *
 * County income tax: every Indiana county levies one, withheld by the county of residence on January 1 (or, for an
 * Indiana nonresident, the county of principal employment on January 1) from WH-4 lines 1–2. The county rates of
 * DN #1 are not transcribed in this engine, so the county tax is a MISSING_TAX_TABLE blocker naming the county —
 * never a silent zero. The state line is still computed and shown.
 */
import type { CertificateForm } from "../../certificates";
import type { Blocker } from "../../types";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0 } from "../money";
import { IN_COUNTIES, IN_WITHHOLDING } from "../tables/in-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

const COUNTY_CODES = [...IN_COUNTIES, "OUTSIDE_INDIANA"];

export const WH4_IN: CertificateForm = {
  key: "wh4In",
  title: "WH-4",
  jurisdictions: ["US-IN"],
  description:
    "Indiana Form WH-4, Employee's Withholding Exemption and County Status Certificate (IN DOR): exemptions and the " +
    "counties of residence and of principal employment on January 1. Without a WH-4 the employer withholds with no " +
    "exemptions.",
  fields: [
    {
      name: "personalExemptions",
      type: { kind: "COUNT", max: 99 },
      description: "WH-4 line 5: personal exemptions (yourself, spouse, 65 or older, blind, dependents), $1,000 each. Default 0.",
    },
    { name: "dependentExemptions", type: { kind: "COUNT", max: 99 }, description: "WH-4 line 6: additional exemptions for qualifying dependent children, $1,500 each. Default 0." },
    {
      name: "adoptedDependentExemptions",
      type: { kind: "COUNT", max: 99 },
      description: "WH-4 line 7: additional exemptions for adopted dependent children, $3,000 each. Default 0.",
    },
    { name: "extraStateWithholding", type: { kind: "MONEY" }, description: "WH-4 line 8: additional state withholding each pay period, cents. Default 0." },
    { name: "extraCountyWithholding", type: { kind: "MONEY" }, description: "WH-4 line 9: additional county withholding each pay period, cents. Default 0." },
    {
      name: "countyOfResidence",
      type: { kind: "CODE", values: COUNTY_CODES },
      description: "WH-4 line 1: Indiana county of residence on January 1 (e.g. MARION, ST_JOSEPH), or OUTSIDE_INDIANA. No default.",
    },
    {
      name: "countyOfPrincipalEmployment",
      type: { kind: "CODE", values: COUNTY_CODES },
      description: "WH-4 line 2: Indiana county of principal employment on January 1, or OUTSIDE_INDIANA. No default.",
    },
  ],
};

export function computeIndiana(ctx: UsPayContext): Computed {
  const edition = IN_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return {
      lines: [],
      blockers: [{ code: "MISSING_TAX_TABLE", message: `Indiana withholding for ${ctx.taxYear} is not computed: Departmental Notice #1 for ${ctx.taxYear} is not transcribed.` }],
    };
  }
  const wh4 = new CertificateReader(WH4_IN, ctx);
  const personal = wh4.count("personalExemptions", 0);
  const dependents = wh4.count("dependentExemptions", 0);
  const adopted = wh4.count("adoptedDependentExemptions", 0);
  const extra = wh4.money("extraStateWithholding");
  wh4.money("extraCountyWithholding");
  const residence = wh4.choice<string>("countyOfResidence", undefined);
  const employment = wh4.choice<string>("countyOfPrincipalEmployment", undefined);

  const { regular, supplemental } = ctx.taxable.stateIncome;
  const exemptions = BigInt(personal) * edition.personalExemption + BigInt(dependents) * edition.dependentExemption + BigInt(adopted) * edition.adoptedDependentExemption;
  const annual = max0(regular * ctx.periodsPerYear - exemptions);
  const regularTax = divideHalfUp(annual * edition.rate.numerator, edition.rate.denominator * ctx.periodsPerYear);
  const bonusTax = applyRate(supplemental, edition.rate);
  const who = wh4.onFile ? `WH-4 exemptions ${formatUsd(exemptions)} a year` : "no WH-4 on file: no exemptions (DN #1)";
  const parts = [`${edition.rateText} on ${formatUsd(regular)} × ${ctx.periodsPerYear} less exemptions, ÷ ${ctx.periodsPerYear} (${who})`];
  if (supplemental > 0n) parts.push(`bonus ${formatUsd(supplemental)} at ${edition.rateText}`);
  if (extra > 0n) parts.push(`additional ${formatUsd(extra)} (WH-4)`);
  const lines = [employeeTax("US_IN_SIT", `Indiana state income tax: ${parts.join("; ")} (${edition.citation})`, regularTax + bonusTax + extra, regular + supplemental)];

  const county = residence && residence !== "OUTSIDE_INDIANA" ? residence : employment && employment !== "OUTSIDE_INDIANA" ? employment : undefined;
  const blockers: Blocker[] = [...wh4.blockers];
  if (residence === "OUTSIDE_INDIANA" && employment === "OUTSIDE_INDIANA") {
    // Neither lived nor principally worked in an Indiana county on January 1: no county tax (DN #1).
  } else {
    blockers.push({
      code: "MISSING_TAX_TABLE",
      message:
        `Indiana county income tax ${county ? `for ${county} County` : "(county of residence or principal employment on January 1 not on a WH-4)"} ` +
        `is not computed: the county rates of IN DOR Departmental Notice #1 (${ctx.taxYear}) are not transcribed in this engine.`,
    });
  }
  return { lines, blockers };
}

export const indiana: UsStateModule = {
  state: "IN",
  compute: computeIndiana,
  certificate: WH4_IN,
  coverage: [
    {
      jurisdiction: "US-IN",
      status: "PARTIAL",
      taxYears: Object.keys(IN_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_IN_SIT", kind: "EMPLOYEE_TAX", where: "US-IN", meaning: "Indiana state income tax" }],
      sources: Object.values(IN_WITHHOLDING).map((e) => e.citation),
      note: "State income tax by Departmental Notice #1 with the WH-4. County income tax is a MISSING_TAX_TABLE blocker (county rates not transcribed).",
    },
    {
      jurisdiction: "US-IN-COUNTY",
      status: "UNSUPPORTED",
      taxYears: [],
      lineCodes: [],
      sources: [],
      note: "Indiana county income taxes (92 counties, Departmental Notice #1): rates not transcribed; every Indiana run carries a MISSING_TAX_TABLE blocker naming the county.",
    },
  ],
};
