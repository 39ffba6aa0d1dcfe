/**
 * New York: State income tax withholding with the New York City resident tax and the Yonkers resident surcharge /
 * nonresident earnings tax, by the exact calculation method (Method II) of NYS-50-T-NYS, NYS-50-T-NYC and
 * NYS-50-T-Y (1/26) — tables in ../tables/ny-withholding.ts.
 *
 * New York State (NYS-50-T-NYS Method II, "Instructions and examples"):
 *   1. net wages = period wages − Table A allowance for the IT-2104 status and line 1 exemptions (more than 10:
 *      Table B deduction + exemptions × Table C), floor 0;
 *   2–5. find the line of the single or married table, (net − column 3) × column 4, rounded half-up to the cent as
 *      the examples print it, + column 5.
 *   Method III (top income tax rates): when net wages × periods reach $1,077,550 (single) / $2,155,350 (married), or
 *   the per-period net reaches the printed "and over" line, the flat rate of the band (10.45% / 11.10% / 11.70%)
 *   applies to the WHOLE annualized net wages; the annual tax (rounded to the cent) ÷ periods, half-up.
 * New York City (residents only, wherever they work — NYS-50): the NYC Table A with the IT-2104 line 2 exemptions
 *   and the NYC Method II table, same steps.
 * Yonkers resident: 16.75% of the New York State amount (before the IT-2104 line 3 additional), half-up.
 * Yonkers nonresident working in Yonkers: Method VII, 0.50% of the period's gross wages after the band's exclusion
 *   (no tax below the first band). A resident pays the resident surcharge only.
 *
 * Supplemental wages (the bonus) are added to the regular wages and withheld as one payment for the period — the
 * aggregate method, which NYS-50 allows in every case (the optional 11.70% flat rate has conditions on the
 * employee's prior withholding that the engine cannot check).
 *
 * No IT-2104 → "Single with zero withholding allowances" (NYS-50, Form IT-2104 instructions: an employee who does
 * not file is withheld on as single with zero allowances), not a resident of New York City or Yonkers, not working
 * in Yonkers; the line says so. "Married, but withhold at higher single rate" uses the single tables and the single
 * Table A column (the box exists to withhold at the single rate; the publication prints only the two schedules).
 */
import type { CertificateForm } from "../../certificates";
import type { Blocker, PayFrequency, PaycheckLine } from "../../types";
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0 } from "../money";
import { NY_WITHHOLDING, type NyAllowanceTables, type NyRow, type NyStatus, type NyWithholdingEdition } from "../tables/ny-withholding";
import { CertificateReader } from "./certificate-reader";
import type { UsStateModule } from "./state-module";

const IT2104_STATUSES = ["SINGLE_OR_HEAD_OF_HOUSEHOLD", "MARRIED", "MARRIED_WITHHOLD_AT_SINGLE_RATE"] as const;
type It2104Status = (typeof IT2104_STATUSES)[number];

export const IT_2104: CertificateForm = {
  key: "it2104",
  title: "IT-2104",
  jurisdictions: ["US-NY", "US-NY-NYC", "US-NY-YONKERS"],
  description:
    "New York Form IT-2104, Employee's Withholding Allowance Certificate (NYS Department of Taxation and Finance): " +
    "New York State, New York City and Yonkers withholding. Without one, New York withholds as single with zero " +
    "allowances, and the employee is treated as not a resident of New York City or Yonkers.",
  fields: [
    {
      name: "filingStatus",
      type: { kind: "ENUM", values: IT2104_STATUSES },
      description: "IT-2104 status box: single or head of household, married, or married but withhold at the higher single rate. Default SINGLE_OR_HEAD_OF_HOUSEHOLD.",
    },
    { name: "nysAllowances", type: { kind: "COUNT", max: 99 }, description: "IT-2104 line 1: New York State (and Yonkers) allowances. Default 0." },
    { name: "nycAllowances", type: { kind: "COUNT", max: 99 }, description: "IT-2104 line 2: New York City allowances (NYC residents). Default 0." },
    { name: "nycResident", type: { kind: "BOOLEAN" }, description: "IT-2104: resident of New York City? NYC tax is withheld on all wages of a resident. Default false." },
    {
      name: "yonkersResident",
      type: { kind: "BOOLEAN" },
      description: "IT-2104: resident of Yonkers? The resident surcharge (16.75% of the state amount) applies. Default false.",
    },
    {
      name: "worksInYonkers",
      type: { kind: "BOOLEAN" },
      description:
        "Not a line of IT-2104: the employer's record that a nonresident of Yonkers performs the services in Yonkers (the nonresident earnings tax, NYS-50-T-Y Method VII). Default false.",
    },
    { name: "nysAdditional", type: { kind: "MONEY" }, description: "IT-2104 line 3: additional New York State withholding per pay period, cents. Default 0." },
    { name: "nycAdditional", type: { kind: "MONEY" }, description: "IT-2104 line 4: additional New York City withholding per pay period, cents. Default 0." },
    { name: "yonkersAdditional", type: { kind: "MONEY" }, description: "IT-2104 line 5: additional Yonkers withholding per pay period, cents. Default 0." },
  ],
};

/** Table A for 0–10 exemptions; above 10, Table B + exemptions × Table C (NYS-50-T-NYS p. 14). */
export function nyAllowance(tables: NyAllowanceTables, frequency: PayFrequency, status: NyStatus, exemptions: number): bigint {
  const combined = tables.combined[frequency][status];
  if (exemptions < combined.length) return combined[exemptions];
  return tables.deduction[frequency][status] + tables.exemption[frequency] * BigInt(exemptions);
}

/** Steps 2–5: the line whose "at least" is reached, (net − at least) × rate rounded to the cent, + add. */
export function nyMethodII(table: readonly NyRow[], net: bigint): bigint {
  let row = table[0];
  for (const candidate of table) if (net >= candidate.atLeast) row = candidate;
  return applyRate(net - row.atLeast, row.rate) + row.add;
}

export interface NysResult {
  readonly allowance: bigint;
  readonly net: bigint;
  readonly method: "II" | "III";
  readonly tax: bigint;
}

/** New York State Method II / III for one period (before the IT-2104 line 3 additional). */
export function nysWithholding(edition: NyWithholdingEdition, frequency: PayFrequency, periods: bigint, status: NyStatus, exemptions: number, wages: bigint): NysResult {
  const allowance = nyAllowance(edition.nys.allowances, frequency, status, exemptions);
  const net = max0(wages - allowance);
  const annualNet = net * periods;
  if (annualNet >= edition.nys.methodIIIThreshold[status] || net >= edition.nys.methodIIIPrintedHandoff[frequency][status]) {
    let rate = edition.nys.methodIII[0].rate;
    for (const b of edition.nys.methodIII) if (annualNet >= b.atLeast) rate = b.rate;
    return { allowance, net, method: "III", tax: divideHalfUp(applyRate(annualNet, rate), periods) };
  }
  return { allowance, net, method: "II", tax: nyMethodII(edition.nys.tables[frequency][status], net) };
}

/** NYC Method II for one period (before the IT-2104 line 4 additional). */
export function nycWithholding(edition: NyWithholdingEdition, frequency: PayFrequency, status: NyStatus, exemptions: number, wages: bigint): { net: bigint; tax: bigint } {
  const net = max0(wages - nyAllowance(edition.nyc.allowances, frequency, status, exemptions));
  return { net, tax: nyMethodII(edition.nyc.tables[frequency], net) };
}

/** Yonkers nonresident earnings tax, Method VII, on the period's gross wages. */
export function yonkersNonresident(edition: NyWithholdingEdition, frequency: PayFrequency, wages: bigint): { exclusion: bigint | null; tax: bigint } {
  let exclusion: bigint | null = null;
  for (const b of edition.yonkers.nonresidentBands[frequency]) if (wages >= b.atLeast) exclusion = b.exclusion;
  if (exclusion === null) return { exclusion, tax: 0n };
  return { exclusion, tax: applyRate(max0(wages - exclusion), edition.yonkers.nonresidentRate) };
}

export function computeNewYork(ctx: UsPayContext): Computed {
  const edition = NY_WITHHOLDING[ctx.taxYear];
  if (!edition) {
    const blocker: Blocker = {
      code: "MISSING_TAX_TABLE",
      message: `New York State, New York City and Yonkers withholding for ${ctx.taxYear} is not computed: the NYS-50-T-NYS/NYC/Y tables for ${ctx.taxYear} are not transcribed in this engine (2026 is).`,
    };
    return { lines: [], blockers: [blocker] };
  }
  const cert = new CertificateReader(IT_2104, ctx);
  const filingStatus = cert.choice<It2104Status>("filingStatus", "SINGLE_OR_HEAD_OF_HOUSEHOLD");
  const status: NyStatus = filingStatus === "MARRIED" ? "MARRIED" : "SINGLE";
  const nysAllowances = cert.count("nysAllowances", 0);
  const nycAllowances = cert.count("nycAllowances", 0);
  const nycResident = cert.boolean("nycResident", false);
  const yonkersResident = cert.boolean("yonkersResident", false);
  const worksInYonkers = cert.boolean("worksInYonkers", false);
  const nysExtra = cert.money("nysAdditional");
  const nycExtra = cert.money("nycAdditional");
  const yonkersExtra = cert.money("yonkersAdditional");
  if (cert.blockers.length > 0) return { lines: [], blockers: cert.blockers };

  const wages = ctx.taxable.stateIncome.regular + ctx.taxable.stateIncome.supplemental;
  const bonusNote = ctx.taxable.stateIncome.supplemental > 0n ? `, bonus ${formatUsd(ctx.taxable.stateIncome.supplemental)} included (aggregate method)` : "";
  const statusText = { SINGLE_OR_HEAD_OF_HOUSEHOLD: "single", MARRIED: "married", MARRIED_WITHHOLD_AT_SINGLE_RATE: "married at the single rate" }[filingStatus];
  const who = cert.onFile
    ? `IT-2104 ${statusText}, ${nysAllowances} allowances`
    : "no IT-2104 on file: single, 0 allowances, not a New York City or Yonkers resident (NYS-50, IT-2104 instructions)";
  const lines: PaycheckLine[] = [];

  const nys = nysWithholding(edition, ctx.payFrequency, ctx.periodsPerYear, status, nysAllowances, wages);
  const nysParts = [`${formatUsd(wages)} wages${bonusNote} − ${formatUsd(nys.allowance)} allowance = ${formatUsd(nys.net)}, Method ${nys.method}: ${formatUsd(nys.tax)}`, who];
  if (nysExtra > 0n) nysParts.push(`additional ${formatUsd(nysExtra)} (IT-2104 line 3)`);
  lines.push(employeeTax("US_NY_SIT", `New York State income tax: ${nysParts.join("; ")} (${edition.citation})`, nys.tax + nysExtra, wages));

  if (nycResident) {
    const nyc = nycWithholding(edition, ctx.payFrequency, status, nycAllowances, wages);
    const extra = nycExtra > 0n ? `; additional ${formatUsd(nycExtra)} (IT-2104 line 4)` : "";
    const description = `New York City resident income tax: net ${formatUsd(nyc.net)} after ${nycAllowances} NYC allowances, ${formatUsd(nyc.tax)}${extra} (${edition.nyc.citation})`;
    lines.push(employeeTax("US_NY_NYC_LIT", description, nyc.tax + nycExtra, wages));
  }

  if (yonkersResident) {
    const surcharge = applyRate(nys.tax, edition.yonkers.residentSurcharge);
    const extra = yonkersExtra > 0n ? `; additional ${formatUsd(yonkersExtra)} (IT-2104 line 5)` : "";
    const description = `Yonkers resident income tax surcharge: 16.75% of the New York State ${formatUsd(nys.tax)} = ${formatUsd(surcharge)}${extra} (${edition.yonkers.citation})`;
    lines.push(employeeTax("US_NY_YONKERS_LIT", description, surcharge + yonkersExtra, wages));
  } else if (worksInYonkers) {
    const nonresident = yonkersNonresident(edition, ctx.payFrequency, wages);
    const extra = yonkersExtra > 0n ? `; additional ${formatUsd(yonkersExtra)} (IT-2104 line 5)` : "";
    const base = nonresident.exclusion === null ? "below the first band, no tax" : `0.50% of ${formatUsd(wages)} − ${formatUsd(nonresident.exclusion)} exclusion`;
    const description = `Yonkers nonresident earnings tax (Method VII): ${base} = ${formatUsd(nonresident.tax)}${extra} (${edition.yonkers.citation})`;
    lines.push(employeeTax("US_NY_YONKERS_LIT", description, nonresident.tax + yonkersExtra, wages));
  }
  return { lines, blockers: [] };
}

const sources = (pick: (e: NyWithholdingEdition) => string) => Object.values(NY_WITHHOLDING).map(pick);
const years = Object.keys(NY_WITHHOLDING).map(Number);

export const newYork: UsStateModule = {
  state: "NY",
  compute: computeNewYork,
  certificate: IT_2104,
  coverage: [
    {
      jurisdiction: "US-NY",
      status: "COMPUTED",
      taxYears: years,
      lineCodes: [{ code: "US_NY_SIT", kind: "EMPLOYEE_TAX", where: "US-NY", meaning: "New York State income tax (NYS-50-T-NYS exact calculation method)" }],
      sources: sources((e) => e.citation),
      note: "State income tax by the exact calculation method (Method II, Method III above the top threshold) with the IT-2104; bonuses aggregated with the period's wages. 2025 is a MISSING_TAX_TABLE blocker.",
    },
    {
      jurisdiction: "US-NY-NYC",
      status: "COMPUTED",
      taxYears: years,
      lineCodes: [{ code: "US_NY_NYC_LIT", kind: "EMPLOYEE_TAX", where: "US-NY-NYC", meaning: "New York City resident income tax" }],
      sources: sources((e) => e.nyc.citation),
      note: "Withheld for New York City residents (IT-2104), on all their wages; nonresidents owe none.",
    },
    {
      jurisdiction: "US-NY-YONKERS",
      status: "COMPUTED",
      taxYears: years,
      lineCodes: [{ code: "US_NY_YONKERS_LIT", kind: "EMPLOYEE_TAX", where: "US-NY-YONKERS", meaning: "Yonkers resident surcharge or nonresident earnings tax" }],
      sources: sources((e) => e.yonkers.citation),
      note: "Residents: 16.75% of the New York State withholding; nonresidents working in Yonkers: 0.50% earnings tax after the Method VII exclusion.",
    },
  ],
};
