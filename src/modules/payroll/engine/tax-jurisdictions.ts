/**
 * The coverage table: every US state and DC, every Canadian province and territory, and the localities the
 * state modules declare, each with what the engine computes there. One source for the `taxJurisdictions` query and
 * the engine README's table (`npm run docs:coverage`), so the two cannot disagree.
 */
import { CA_SUBDIVISIONS, US_SUBDIVISIONS } from "../../../shared/jurisdiction";
import type { CertificateForm } from "./certificates";
import { certificateFormOf } from "./certificates-registry";
import type { JurisdictionCoverage } from "./coverage";
import { caCoverage } from "./ca/coverage";
import { usStateCoverage } from "./us/states";

/** One row: the jurisdiction's coverage and the certificate form its withholding reads (null: none, or the federal W-4 / TD1 only). */
export interface TaxJurisdictionEntry extends JurisdictionCoverage {
  readonly certificateForm: CertificateForm | null;
}

/**
 * Hard cap of the table: 64 states, DC, provinces and territories plus the localities modules declare (NYC, Yonkers,
 * Maryland's 24 counties, Indiana's 92 counties if listed one by one would exceed it: such a state lists its
 * locals as one entry, e.g. `US-IN-COUNTIES`). Checked by `taxJurisdictionCoverage` and a test.
 */
export const TAX_JURISDICTIONS_MAX = 200;
/** Caps of each entry's lists (the graph declares them; the engine's entries stay far below). */
export const TAX_JURISDICTION_LIST_MAX = { taxYears: 10, lineCodes: 40, sources: 30 } as const;

export const UNSUPPORTED_US_NOTE = "Income tax withholding not computed; a hire here is blocked with UNSUPPORTED_TAX_JURISDICTION.";

function unsupportedUs(state: string): JurisdictionCoverage {
  return { jurisdiction: `US-${state}`, status: "UNSUPPORTED", taxYears: [], lineCodes: [], sources: [], note: UNSUPPORTED_US_NOTE };
}

/** Every jurisdiction, sorted by code (a locality right after its state: `US-NY`, `US-NY-NYC`, `US-NY-YONKERS`, `US-OH`). */
export function taxJurisdictionCoverage(): TaxJurisdictionEntry[] {
  const us = usStateCoverage();
  const byCode = new Map(us.map((e) => [e.jurisdiction, e]));
  const states = US_SUBDIVISIONS.map((s) => byCode.get(`US-${s}`) ?? unsupportedUs(s));
  const localities = us.filter((e) => e.jurisdiction.split("-").length > 2);
  const canada = caCoverage();
  if (canada.length !== CA_SUBDIVISIONS.length) throw new Error("the Canadian coverage must list every province and territory once");
  const entries = [...states, ...localities, ...canada]
    .map((e): TaxJurisdictionEntry => ({ ...e, certificateForm: certificateFormOf(e.jurisdiction) ?? null }))
    .sort((a, b) => (a.jurisdiction < b.jurisdiction ? -1 : a.jurisdiction > b.jurisdiction ? 1 : 0));
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.jurisdiction)) throw new Error(`coverage entry ${e.jurisdiction} is declared twice`);
    seen.add(e.jurisdiction);
    for (const [list, max] of Object.entries(TAX_JURISDICTION_LIST_MAX)) {
      if ((e[list as keyof typeof TAX_JURISDICTION_LIST_MAX] as readonly unknown[]).length > max) throw new Error(`${e.jurisdiction}: more than ${max} ${list}`);
    }
  }
  if (entries.length > TAX_JURISDICTIONS_MAX) throw new Error(`${entries.length} coverage entries exceed the cap of ${TAX_JURISDICTIONS_MAX}`);
  return entries;
}
