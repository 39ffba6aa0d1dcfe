/**
 * Oklahoma income tax withholding by the OTC Packet OW-2 percentage formula (see tables/ok-withholding.ts):
 *   annual = (regular + supplemental wages of the period) × periods − OK-W-4 allowances × $1,000, floor 0
 *   (a bonus paid with regular wages is withheld as one payment — the aggregate method; the OW-2 flat
 *   supplemental rate is not transcribed);
 *   annual tax from the Single or Married schedule; ÷ periods, rounded to the nearest dollar; + OK-W-4 additional.
 * OK-W-4 "Married, but withhold at higher Single rate" uses the Single schedule. No OK-W-4 on file → Single, zero
 * allowances (the engine's default, as for the other allowance certificates), stated on the line.
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { divideHalfUp, formatUsd, max0 } from "../money";
import { scheduleTax } from "../tables/bracket-schedule";
import { OK_WITHHOLDING, type OkSchedule } from "../tables/ok-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

type OkW4Status = "SINGLE" | "MARRIED" | "MARRIED_WITHHOLD_AT_SINGLE_RATE";

export const OK_W4: CertificateForm = {
  key: "okW4",
  title: "OK-W-4",
  jurisdictions: ["US-OK"],
  description:
    "Oklahoma Form OK-W-4, Employee's State Withholding Allowance Certificate (Oklahoma Tax Commission): marital " +
    "status, allowances, an additional amount per period, or exemption. Without one on file the engine withholds as " +
    "Single with zero allowances and says so on the line.",
  fields: [
    {
      name: "filingStatus",
      type: { kind: "ENUM", values: ["SINGLE", "MARRIED", "MARRIED_WITHHOLD_AT_SINGLE_RATE"] },
      description: "OK-W-4 line 3 (status). MARRIED_WITHHOLD_AT_SINGLE_RATE uses the Single schedule. Default SINGLE.",
    },
    { name: "allowances", type: { kind: "COUNT", max: 99 }, description: "OK-W-4 line 2, total allowances ($1,000 each, annual). Default 0." },
    { name: "additionalWithholding", type: { kind: "MONEY" }, description: "OK-W-4 additional Oklahoma withholding each pay period, cents. Default 0." },
    { name: "exempt", type: { kind: "BOOLEAN" }, description: "OK-W-4: the employee claims exemption from Oklahoma withholding. Default false." },
  ],
};

export function computeOklahoma(ctx: UsPayContext): Computed {
  const edition = OK_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return {
      lines: [],
      blockers: [{ code: "MISSING_TAX_TABLE", message: `Oklahoma withholding for ${ctx.taxYear} is not computed: the OTC Packet OW-2 for ${ctx.taxYear} is not transcribed.` }],
    };
  }
  const okW4 = new CertificateReader(OK_W4, ctx);
  const status = okW4.choice<OkW4Status>("filingStatus", "SINGLE");
  const allowances = okW4.count("allowances", 0);
  const extra = okW4.money("additionalWithholding");
  const exempt = okW4.boolean("exempt", false);
  if (okW4.blockers.length > 0) return { lines: [], blockers: okW4.blockers };
  const wages = ctx.taxable.stateIncome.regular + ctx.taxable.stateIncome.supplemental;
  if (exempt) {
    return { lines: [employeeTax("US_OK_SIT", "Oklahoma income tax: none, exemption claimed on Form OK-W-4", 0n, wages)], blockers: [] };
  }
  const schedule: OkSchedule = status === "MARRIED" ? "MARRIED" : "SINGLE";
  const annual = max0(wages * ctx.periodsPerYear - BigInt(allowances) * edition.allowance);
  const tax = scheduleTax(edition.schedules[schedule], annual);
  const perPeriod = divideHalfUp(tax.numerator, tax.denominator * ctx.periodsPerYear * 100n) * 100n;
  const who = okW4.onFile ? `OK-W-4 ${status}, ${allowances} allowances` : "no OK-W-4 on file: Single, 0 allowances";
  const parts = [
    `annual taxable ${formatUsd(annual)} by the ${schedule === "MARRIED" ? "Married" : "Single"} schedule, ${formatUsd(perPeriod)} per period rounded to the dollar (${who})`,
  ];
  if (extra > 0n) parts.push(`additional ${formatUsd(extra)} (OK-W-4)`);
  return {
    lines: [employeeTax("US_OK_SIT", `Oklahoma income tax: ${parts.join("; ")} (${edition.citation})`, perPeriod + extra, wages)],
    blockers: [],
  };
}

export const oklahoma: UsStateModule = {
  state: "OK",
  compute: computeOklahoma,
  certificate: OK_W4,
  coverage: [
    {
      jurisdiction: "US-OK",
      status: "COMPUTED",
      taxYears: Object.keys(OK_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_OK_SIT", kind: "EMPLOYEE_TAX", where: "US-OK", meaning: "Oklahoma income tax" }],
      sources: Object.values(OK_WITHHOLDING).map((e) => e.citation),
      note: "Income tax withholding by the OW-2 percentage formula with the OK-W-4 (2026; 2025 is a MISSING_TAX_TABLE blocker; secondary sources, see the engine README). No local income taxes.",
    },
  ],
};
