/**
 * What the Canadian engine computes per province and territory (the `taxJurisdictions` query and the engine
 * README's coverage table), derived from the T4127 editions it carries: a province is COMPUTED for the years whose
 * every edition has its tables. Quebec's provincial income tax is not T4127's: its entry is QUEBEC_COVERAGE below,
 * declared by hand until the Revenu Québec module exists (flip it there, with its line code and sources).
 */
import { CA_SUBDIVISIONS } from "../../../../shared/jurisdiction";
import type { JurisdictionCoverage } from "../coverage";
import { STATEMENT_LINE_CODES, type LineCodeDoc } from "../line-codes";
import { CA_EDITIONS } from "./editions";

const doc = (code: string): LineCodeDoc => {
  const found = STATEMENT_LINE_CODES.find((c) => c.code === code);
  if (!found) throw new Error(`line code ${code} is not in the line-code table`);
  return found;
};

const FEDERAL_CODES = ["CA_FIT", "CA_CPP_EE", "CA_CPP2_EE", "CA_EI_EE", "CA_CPP_ER", "CA_CPP2_ER", "CA_EI_ER"];
const QUEBEC_CODES = ["CA_FIT", "CA_QPP_EE", "CA_QPP2_EE", "CA_EI_EE", "CA_QPIP_EE", "CA_QPP_ER", "CA_QPP2_ER", "CA_EI_ER", "CA_QPIP_ER"];

/** Quebec: everything but the provincial income tax, which is a blocker (Revenu Québec TP-1015.F-V is not implemented). */
export const QUEBEC_COVERAGE: JurisdictionCoverage = {
  jurisdiction: "CA-QC",
  status: "PARTIAL",
  taxYears: [...new Set(CA_EDITIONS.map((e) => e.year))],
  lineCodes: QUEBEC_CODES.map(doc),
  sources: [...new Set(CA_EDITIONS.map((e) => `CRA ${e.name}: federal tax with the 16.5% Quebec abatement, QPP, EI (Quebec rate), QPIP`))],
  note: "QPP/QPP2, EI at the Quebec rate, QPIP and federal income tax (after the 16.5% abatement) are computed; Quebec provincial income tax (Revenu Québec TP-1015.F-V) is not: an UNSUPPORTED_TAX_JURISDICTION blocker on every Quebec employee's statement.",
};

function provinceCoverage(province: string): JurisdictionCoverage {
  const years = [...new Set(CA_EDITIONS.map((e) => e.year))].sort();
  const full = years.filter((y) => CA_EDITIONS.filter((e) => e.year === y).every((e) => e.provinces[province] !== undefined));
  const partial = years.filter((y) => !full.includes(y) && CA_EDITIONS.some((e) => e.year === y && e.provinces[province] !== undefined));
  const missing = years.filter((y) => !full.includes(y) && !partial.includes(y));
  const tables = CA_EDITIONS.filter((e) => e.provinces[province] !== undefined);
  const name = tables[0]?.provinces[province].name ?? province;
  const notes = [`Federal and ${name} income tax (T4127 Option 1), CPP/CPP2 and EI are computed.`];
  if (partial.length > 0) notes.push(`${partial.join(", ")}: part of the year only (an edition without the ${name} tables is a blocker for its pay dates).`);
  if (missing.length > 0) notes.push(`${missing.join(", ")}: ${name} tables not sourced (an UNSUPPORTED_TAX_YEAR blocker; federal lines still computed).`);
  return {
    jurisdiction: `CA-${province}`,
    status: full.length > 0 ? "COMPUTED" : "PARTIAL",
    taxYears: full,
    lineCodes: [...FEDERAL_CODES, `CA_${province}_PIT`].map(doc),
    sources: [...new Set(tables.map((e) => `CRA ${e.name}: ${e.provinces[province].source}`))],
    note: notes.join(" "),
  };
}

/** The 13 provinces and territories, in ISO order. */
export function caCoverage(): JurisdictionCoverage[] {
  return CA_SUBDIVISIONS.map((p) => (p === "QC" ? QUEBEC_COVERAGE : provinceCoverage(p)));
}
