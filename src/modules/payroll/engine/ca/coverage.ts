/**
 * What the Canadian engine computes in each province and territory: the `taxJurisdictions` entries for Canada,
 * built from the same tables the engine runs (an edition's provinces and its Quebec table), so the README and the
 * query cannot disagree with the computation.
 */
import type { JurisdictionCoverage } from "../coverage";
import { STATEMENT_LINE_CODES, type LineCodeDoc } from "../line-codes";
import { CA_SUBDIVISIONS } from "../../../../shared/jurisdiction";
import { QUEBEC_LINE_CODES } from "./quebec";
import type { Edition } from "./tables/types";
import { EDITION_2025_JAN, EDITION_2025_JUL } from "./tables/y2025";
import { EDITION_2026_JAN } from "./tables/y2026";

/** Every edition by tax year (a year counts for a province only when every edition of that year has its table). */
const EDITIONS_BY_YEAR: Record<number, readonly Edition[]> = { 2025: [EDITION_2025_JAN, EDITION_2025_JUL], 2026: [EDITION_2026_JAN] };

const doc = (code: string): LineCodeDoc => {
  const found = STATEMENT_LINE_CODES.find((c) => c.code === code);
  if (!found) throw new Error(`line code ${code} is not in the line-code table`);
  return found;
};

function entry(pr: string): JurisdictionCoverage {
  const quebec = pr === "QC";
  const hasTax = (e: Edition) => (quebec ? e.quebec !== undefined : e.provinces[pr] !== undefined);
  const taxYears = Object.entries(EDITIONS_BY_YEAR)
    .filter(([, editions]) => editions.every(hasTax))
    .map(([year]) => Number(year));
  const partial = Object.entries(EDITIONS_BY_YEAR).filter(([, editions]) => editions.some(hasTax) && !editions.every(hasTax));
  const contributions = quebec
    ? ["CA_QPP_EE", "CA_QPP2_EE", "CA_EI_EE", "CA_QPIP_EE", "CA_FIT", "CA_QPP_ER", "CA_QPP2_ER", "CA_EI_ER", "CA_QPIP_ER"]
    : ["CA_CPP_EE", "CA_CPP2_EE", "CA_EI_EE", "CA_FIT", `CA_${pr}_PIT`, "CA_CPP_ER", "CA_CPP2_ER", "CA_EI_ER"];
  const lineCodes = [...contributions.map(doc), ...(quebec ? QUEBEC_LINE_CODES : [])];
  const editions = Object.values(EDITIONS_BY_YEAR).flat();
  const sources = [
    ...new Set([
      ...editions.map((e) => e.federal.source),
      ...editions.map((e) => (quebec ? e.qpp.source : e.cpp.source)),
      ...editions.map((e) => (quebec ? e.eiQuebec.source : e.ei.source)),
      ...(quebec ? editions.map((e) => e.qpip.source) : []),
      ...editions.flatMap((e) =>
        quebec ? (e.quebec ? [e.quebec.source, e.quebec.hsf.source, e.quebec.cnt.source, e.quebec.cnesst.source] : []) : e.provinces[pr] ? [e.provinces[pr].source] : [],
      ),
    ]),
  ];
  const missing = [2025, 2026].filter((y) => !taxYears.includes(y));
  const partialNote =
    partial.length > 0 ? ` ${pr} tax is computed for part of ${partial.map(([y]) => y).join(", ")} only (the other edition is an UNSUPPORTED_TAX_YEAR blocker).` : "";
  const note = quebec
    ? `QPP/QPP2, EI at the Quebec rate, QPIP and federal tax after the 16.5% abatement (T4127); Quebec income tax by Revenu Québec TP-1015.F with the TP-1015.3; employer HSF (4.26% when the employer's rate is not on file), CNT and CNESST (shown as not computed when the employer's CNESST rate is not on file), all but EI and federal tax remitted to Revenu Québec.${missing.length ? ` Quebec income tax in ${missing.join(", ")} is a MISSING_TAX_TABLE blocker.` : ""}`
    : `CPP/CPP2, EI, federal and ${pr} income tax (T4127 Option 1, bonus method).${missing.length ? ` ${pr} income tax in ${missing.join(", ")} is an UNSUPPORTED_TAX_YEAR blocker.` : ""}${partialNote}`;
  return { jurisdiction: `CA-${pr}`, status: taxYears.length > 0 ? "COMPUTED" : "PARTIAL", taxYears, lineCodes, sources, note };
}

/** One entry per province and territory (ISO 3166-2:CA). */
export const CA_COVERAGE: JurisdictionCoverage[] = CA_SUBDIVISIONS.map(entry);

/**
 * The README's coverage table, rendered from `CA_COVERAGE` (test/unit/engine-ca-quebec.test.ts checks that
 * README.md contains exactly this text, so the README cannot drift from the data behind `taxJurisdictions`).
 */
export function caCoverageMarkdown(): string {
  const rows = CA_COVERAGE.map((c) => `| ${c.jurisdiction} | ${c.status} | ${c.taxYears.join(", ") || "—"} | ${c.lineCodes.map((l) => `\`${l.code}\``).join(" ")} |`);
  return ["| Jurisdiction | Status | Tax years | Lines |", "|---|---|---|---|", ...rows].join("\n");
}

/** The Canadian entries of `taxJurisdictions` (engine/tax-jurisdictions.ts). */
export function caCoverage(): JurisdictionCoverage[] {
  return CA_COVERAGE;
}
