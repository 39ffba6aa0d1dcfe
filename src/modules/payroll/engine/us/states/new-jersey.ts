/**
 * New Jersey Gross Income Tax withholding by the NJ-WT percentage method (tables in ../tables/nj-withholding.ts):
 *   amount = wages − NJ-W4 line 4 allowances × allowance value of the period, floor 0;
 *   tax = base + rate × (amount − "over") of the rate table's line, half-up to the cent; + NJ-W4 line 5.
 * Rate table: NJ-W4 line 3 letter when given; otherwise line 2 status — Single (box 1) or Married/CU separate
 * (box 3) → Rate A; Married/CU joint (2), Head of household (4), Qualifying widow(er) (5) → Rate B. Letters C, D
 * and E are a MISSING_TAX_TABLE blocker (tables not sourced twice). NJ-W4 line 6 EXEMPT → nothing withheld.
 * Supplemental wages are added to the period's wages and withheld on as one payment.
 *
 * No NJ-W4 on file → NJ-WT's default: the marital status of the federal Form W-4 (2020 or later) with zero
 * allowances — single → Rate A; married filing jointly or head of household → Rate B — and Single (Rate A) with zero
 * allowances when there is no federal W-4 either (NJ-WT, as summarized by the Division's 2020 instructions). The line
 * says which.
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { divideHalfUp, formatUsd, max0 } from "../money";
import { NJ_WITHHOLDING, type NjRateTable, type NjRow } from "../tables/nj-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

const NJW4_STATUSES = ["SINGLE", "MARRIED_CIVIL_UNION_JOINT", "MARRIED_CIVIL_UNION_SEPARATE", "HEAD_OF_HOUSEHOLD", "QUALIFYING_WIDOW"] as const;
type NjW4Status = (typeof NJW4_STATUSES)[number];
const NJW4_LETTERS = ["A", "B", "C", "D", "E"] as const;
type NjW4Letter = (typeof NJW4_LETTERS)[number];

export const NJ_W4: CertificateForm = {
  key: "njW4",
  title: "NJ-W4",
  jurisdictions: ["US-NJ"],
  description:
    "New Jersey Form NJ-W4, Employee's Withholding Allowance Certificate (NJ Division of Taxation). Without one, New Jersey withholds on the federal W-4 marital status (single → Rate A, married or head of household → Rate B) with zero allowances (NJ-WT).",
  fields: [
    { name: "filingStatus", type: { kind: "ENUM", values: NJW4_STATUSES }, description: "NJ-W4 line 2 filing status (boxes 1–5). Default SINGLE (Rate A)." },
    {
      name: "rateTable",
      type: { kind: "ENUM", values: NJW4_LETTERS },
      description: "NJ-W4 line 3: the rate table letter chosen from the wage chart (A–E); overrides the table of the filing status. Default: none.",
    },
    { name: "allowances", type: { kind: "COUNT", max: 99 }, description: "NJ-W4 line 4: total number of allowances. Default 0." },
    { name: "additionalWithholding", type: { kind: "MONEY" }, description: "NJ-W4 line 5: additional amount to withhold each pay period, cents. Default 0." },
    { name: "exempt", type: { kind: "BOOLEAN" }, description: "NJ-W4 line 6: EXEMPT from New Jersey withholding. Default false." },
  ],
};

/** The line whose "over" the amount exceeds (the first line for amounts up to its upper bound). */
export function njTax(table: readonly NjRow[], amount: bigint): bigint {
  let row = table[0];
  for (const candidate of table) if (amount > candidate.over) row = candidate;
  return row.base + divideHalfUp((amount - row.over) * row.rate.numerator, row.rate.denominator);
}

export function computeNewJersey(ctx: UsPayContext): Computed {
  const edition = NJ_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    return {
      lines: [],
      blockers: [
        {
          code: "MISSING_TAX_TABLE",
          message: `New Jersey withholding for ${ctx.taxYear} is not computed: the NJ-WT rate tables for ${ctx.taxYear} are not transcribed in this engine (2026 is).`,
        },
      ],
    };
  }
  const cert = new CertificateReader(NJ_W4, ctx);
  const status = cert.choice<NjW4Status>("filingStatus", "SINGLE");
  const letter = cert.values?.rateTable === undefined ? undefined : cert.choice<NjW4Letter>("rateTable", "A");
  const allowances = cert.count("allowances", 0);
  const extra = cert.money("additionalWithholding");
  const exempt = cert.boolean("exempt", false);
  if (cert.blockers.length > 0) return { lines: [], blockers: cert.blockers };

  const wages = ctx.taxable.stateIncome.regular + ctx.taxable.stateIncome.supplemental;
  if (exempt) return { lines: [employeeTax("US_NJ_SIT", "New Jersey income tax: none, EXEMPT on NJ-W4 line 6", 0n, wages)], blockers: [] };

  let table: NjW4Letter;
  let who: string;
  if (cert.onFile) {
    table = letter ?? (status === "SINGLE" || status === "MARRIED_CIVIL_UNION_SEPARATE" ? "A" : "B");
    who = `NJ-W4 ${status.toLowerCase().replaceAll("_", " ")}${letter ? `, line 3 Rate ${letter}` : ""}, ${allowances} allowances`;
  } else {
    const federal = ctx.input.w4?.filingStatus;
    table = federal === "MARRIED_FILING_JOINTLY" || federal === "HEAD_OF_HOUSEHOLD" ? "B" : "A";
    who = federal
      ? `no NJ-W4 on file: federal W-4 status ${federal.toLowerCase().replaceAll("_", " ")} → Rate ${table}, 0 allowances (NJ-WT)`
      : "no NJ-W4 on file: Single, Rate A, 0 allowances (NJ-WT)";
  }
  if (table !== "A" && table !== "B") {
    return {
      lines: [],
      blockers: [
        {
          code: "MISSING_TAX_TABLE",
          message: `New Jersey withholding at NJ-W4 Rate ${table} is not computed: the NJ-WT percentage-method Rate Tables C, D and E are not transcribed in this engine (Rates A and B are).`,
        },
      ],
    };
  }
  const rateTable: NjRateTable = table;
  const allowance = edition.allowance[ctx.payFrequency] * BigInt(allowances);
  const amount = max0(wages - allowance);
  const tax = njTax(edition.tables[rateTable][ctx.payFrequency], amount);
  const parts = [`Rate ${rateTable} on ${formatUsd(wages)} − ${formatUsd(allowance)} allowances = ${formatUsd(amount)}: ${formatUsd(tax)}`, who];
  if (ctx.taxable.stateIncome.supplemental > 0n) parts.push("bonus included (aggregate method)");
  if (extra > 0n) parts.push(`additional ${formatUsd(extra)} (NJ-W4 line 5)`);
  return { lines: [employeeTax("US_NJ_SIT", `New Jersey income tax: ${parts.join("; ")} (${edition.citation})`, tax + extra, wages)], blockers: [] };
}

export const newJersey: UsStateModule = {
  state: "NJ",
  compute: computeNewJersey,
  certificate: NJ_W4,
  coverage: [
    {
      jurisdiction: "US-NJ",
      status: "PARTIAL",
      taxYears: Object.keys(NJ_WITHHOLDING).map(Number),
      lineCodes: [{ code: "US_NJ_SIT", kind: "EMPLOYEE_TAX", where: "US-NJ", meaning: "New Jersey Gross Income Tax (NJ-WT percentage method)" }],
      sources: Object.values(NJ_WITHHOLDING).map((e) => e.citation),
      note: "Income tax withholding by the NJ-WT percentage method, Rate Tables A and B, with the NJ-W4 (2026); an NJ-W4 electing Rate C, D or E is a MISSING_TAX_TABLE blocker, as is 2025. No local income taxes.",
    },
  ],
};
