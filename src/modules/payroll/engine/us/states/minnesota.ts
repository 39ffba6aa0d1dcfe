/**
 * Minnesota income tax withholding by the MN DOR computer formula on the period's REGULAR wages:
 *   annual = regular × periods − W-4MN allowances × allowance amount (floor 0); annual tax from the Single or
 *   Married schedule; period tax = annual tax ÷ periods, rounded to the nearest whole dollar; + W-4MN extra.
 * Supplemental wages (the bonus) at the flat 6.25% supplemental rate.
 * W-4MN "Married, but withhold at higher Single rate" uses the Single schedule. No W-4MN on file → Single with zero
 * allowances (MN DOR withholding instructions), stated on the line.
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0 } from "../money";
import { scheduleTax } from "../tables/bracket-schedule";
import { MN_WITHHOLDING, type MnSchedule } from "../tables/mn-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

type W4mnStatus = "SINGLE" | "MARRIED" | "MARRIED_WITHHOLD_AT_SINGLE_RATE";

export const W4MN: CertificateForm = {
  key: "w4mn",
  title: "W-4MN",
  jurisdictions: ["US-MN"],
  description:
    "Minnesota Form W-4MN, Minnesota Withholding Allowance/Exemption Certificate (MN DOR): marital status, " +
    "Minnesota allowances, an additional amount per period, or exemption. Without a W-4MN the employer withholds " +
    "as Single with zero allowances.",
  fields: [
    {
      name: "filingStatus",
      type: { kind: "ENUM", values: ["SINGLE", "MARRIED", "MARRIED_WITHHOLD_AT_SINGLE_RATE"] },
      description: "W-4MN line 1 (status). MARRIED_WITHHOLD_AT_SINGLE_RATE uses the Single schedule. Default SINGLE.",
    },
    { name: "allowances", type: { kind: "COUNT", max: 99 }, description: "W-4MN section 1 total Minnesota withholding allowances. Default 0." },
    { name: "extraWithholding", type: { kind: "MONEY" }, description: "W-4MN additional Minnesota withholding each pay period, cents. Default 0." },
    { name: "exempt", type: { kind: "BOOLEAN" }, description: "W-4MN section 2: the employee claims exemption from Minnesota withholding. Default false." },
  ],
};

export function computeMinnesota(ctx: UsPayContext): Computed {
  const edition = MN_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return {
      lines: [],
      blockers: [
        { code: "MISSING_TAX_TABLE", message: `Minnesota withholding for ${ctx.taxYear} is not computed: the MN DOR ${ctx.taxYear} withholding formula is not transcribed.` },
      ],
    };
  }
  const w4mn = new CertificateReader(W4MN, ctx);
  const status = w4mn.choice<W4mnStatus>("filingStatus", "SINGLE");
  const allowances = w4mn.count("allowances", 0);
  const extra = w4mn.money("extraWithholding");
  const exempt = w4mn.boolean("exempt", false);
  const { regular, supplemental } = ctx.taxable.stateIncome;
  const base = regular + supplemental;
  if (exempt) {
    return { lines: [employeeTax("US_MN_SIT", "Minnesota income tax: none, exemption claimed on Form W-4MN", 0n, base)], blockers: w4mn.blockers };
  }
  const schedule: MnSchedule = status === "MARRIED" ? "MARRIED" : "SINGLE";
  const annual = max0(regular * ctx.periodsPerYear - BigInt(allowances) * edition.allowance);
  const tax = scheduleTax(edition.schedules[schedule], annual);
  const regularTax = divideHalfUp(tax.numerator, tax.denominator * ctx.periodsPerYear * 100n) * 100n;
  const bonusTax = applyRate(supplemental, edition.supplementalRate);
  const who = w4mn.onFile ? `W-4MN ${status}, ${allowances} allowances` : "no W-4MN on file: Single, 0 allowances";
  const parts = [`regular wages ${formatUsd(regularTax)} by the ${schedule === "MARRIED" ? "Married" : "Single"} schedule (${who}), rounded to the dollar`];
  if (supplemental > 0n) parts.push(`bonus ${formatUsd(supplemental)} at 6.25%`);
  if (extra > 0n) parts.push(`additional ${formatUsd(extra)} (W-4MN)`);
  return {
    lines: [employeeTax("US_MN_SIT", `Minnesota income tax: ${parts.join("; ")} (${edition.citation})`, regularTax + bonusTax + extra, base)],
    blockers: w4mn.blockers,
  };
}

export const minnesota: UsStateModule = {
  state: "MN",
  compute: computeMinnesota,
  certificate: W4MN,
  coverage: [
    {
      jurisdiction: "US-MN",
      status: "COMPUTED",
      taxYears: Object.keys(MN_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_MN_SIT", kind: "EMPLOYEE_TAX", where: "US-MN", meaning: "Minnesota income tax" }],
      sources: Object.values(MN_WITHHOLDING).map((e) => e.citation),
      note: "Income tax withholding by the MN DOR computer formula with the W-4MN (2026; 2025 is a MISSING_TAX_TABLE blocker). No local income taxes.",
    },
  ],
};
