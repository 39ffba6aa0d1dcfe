/**
 * Idaho income tax withholding, EPB00006 percentage method (see tables/id-withholding.ts), with the ID W-4:
 *   annual = regular wages × periods − allowances × ICTCAT; tax = rate × (annual − zero band), floor 0; ÷ periods,
 *   rounded to the dollar; a bonus is withheld at the flat supplemental rate (5.3%), half-up to the cent.
 * No ID W-4 on file → Single table, no allowances (the engine's default: the Commission's default not sourced), said
 * on the line. The edition is chosen by pay date; an uncovered pay date is a MISSING_TAX_TABLE blocker.
 */
import type { CertificateForm } from "../../certificates";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0 } from "../money";
import { ID_WITHHOLDING, type IdTable, idEditionFor } from "../tables/id-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

type IdStatus = "SINGLE" | "MARRIED" | "MARRIED_WITHHOLD_AT_SINGLE" | "HEAD_OF_HOUSEHOLD";
const STATUSES: readonly IdStatus[] = ["SINGLE", "MARRIED", "MARRIED_WITHHOLD_AT_SINGLE", "HEAD_OF_HOUSEHOLD"];

export const ID_W4: CertificateForm = {
  key: "idW4",
  title: "ID W-4",
  jurisdictions: ["US-ID"],
  description:
    "Idaho Employee's Withholding Allowance Certificate (Form ID W-4): filing status and allowances (one per child " +
    "for the Idaho child tax credit). Without one the engine uses the Single table with no allowances and says so.",
  fields: [
    {
      name: "filingStatus",
      type: { kind: "ENUM", values: STATUSES },
      description: "ID W-4 filing status. MARRIED uses the Married table; SINGLE, HEAD_OF_HOUSEHOLD and MARRIED_WITHHOLD_AT_SINGLE " + "use the Single table. Default SINGLE.",
    },
    {
      name: "allowances",
      type: { kind: "COUNT", max: 99 },
      description: "ID W-4 allowances; each reduces annual wages by the ICTCAT amount ($3,868 in the July 2025 tables). Default 0.",
    },
  ],
};

export function computeIdaho(ctx: UsPayContext): Computed {
  const edition = idEditionFor(ctx.input.payDate);
  if (!edition) {
    return {
      lines: [],
      blockers: [
        {
          code: "MISSING_TAX_TABLE",
          message:
            `Idaho withholding for pay date ${ctx.input.payDate} is not computed: only the EPB00006 tables for pay dates ` +
            `${ID_WITHHOLDING.map((e) => `${e.from} through ${e.through}`).join(", ")} are transcribed.`,
        },
      ],
    };
  }
  const w4 = new CertificateReader(ID_W4, ctx);
  const status = w4.choice<IdStatus>("filingStatus", "SINGLE");
  const allowances = w4.count("allowances", 0);
  if (w4.blockers.length > 0) return { lines: [], blockers: w4.blockers };
  const table: IdTable = status === "MARRIED" ? "MARRIED" : "SINGLE";
  const { regular, supplemental } = ctx.taxable.stateIncome;
  const annual = max0(regular * ctx.periodsPerYear - BigInt(allowances) * edition.perAllowance);
  const annualTax = applyRate(max0(annual - edition.zeroBand[table]), edition.rate);
  const regularTax = divideHalfUp(annualTax, ctx.periodsPerYear * 100n) * 100n;
  const bonusTax = applyRate(supplemental, edition.rate);
  const who = w4.onFile ? `ID W-4 ${status}, ${allowances} allowance(s): ${table} table` : "no ID W-4 on file: Single table, no allowances";
  const parts = [`${edition.rateText} of ${formatUsd(annual)} annual over ${formatUsd(edition.zeroBand[table])}, ÷ ${ctx.periodsPerYear}, rounded to the dollar`];
  if (supplemental > 0n) parts.push(`bonus ${formatUsd(supplemental)} at ${edition.rateText}`);
  const description = `Idaho income tax: ${parts.join("; ")} (${who}; ${edition.citation})`;
  return { lines: [employeeTax("US_ID_SIT", description, regularTax + bonusTax, regular + supplemental)], blockers: [] };
}

export const idaho: UsStateModule = {
  state: "ID",
  compute: computeIdaho,
  certificate: ID_W4,
  coverage: [
    {
      jurisdiction: "US-ID",
      status: "PARTIAL",
      taxYears: [...new Set(ID_WITHHOLDING.flatMap((e) => [Number(e.from.slice(0, 4)), Number(e.through.slice(0, 4))]))],
      lineCodes: [{ code: "US_ID_SIT", kind: "EMPLOYEE_TAX", where: "US-ID", meaning: "Idaho income tax" }],
      sources: ID_WITHHOLDING.map((e) => e.citation),
      note:
        "Income tax by the EPB00006 percentage method with the ID W-4, for pay dates July 1, 2025 – June 30, 2026; other " +
        "pay dates → MISSING_TAX_TABLE. No local income taxes.",
    },
  ],
};
