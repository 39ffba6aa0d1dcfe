/**
 * Indiana state income tax withholding — IN DOR Departmental Notice #1 "How to Compute Withholding for State and
 * County Income Tax" (rev. Jan. 1, 2026 and Jan. 1, 2025): annual wages − $1,000 × WH-4 personal exemptions
 * (self, spouse, 65 or older, blind, dependents) − $1,500 × additional dependent exemptions − $3,000 × adopted
 * dependent exemptions = annual taxable; × the state rate; ÷ pay periods. The supplemental rate equals the state
 * rate. No WH-4 on file → no exemptions.
 *  - 2026: 2.95% (DN #1 rev. 1-26). Secondary: PayrollOrg PayState Update "Six Indiana Counties, State Have Tax Rate
 *    Changes in 2026" (Dec. 12, 2025: "state withholding tax rate decreases to 2.95% from 3%", supplemental too) and
 *    the Bloomberg Tax summary "Indiana DOR Issues Guidance on 2026 State, County Withholding Tax Rates" agree.
 *  - 2025: 3.0% (same PayrollOrg notice: "from 3%").
 *  - Exemption amounts $1,000 / $1,500 / $3,000: USDA National Finance Center Indiana withholding formula
 *    (NFC-24-1709746654, 2024; TAXES 22-31 for the adopted-child $3,000); DN #1 for 2026 changed only rates.
 *  Confidence MED (the notice itself was not opened here).
 * County income tax (all 92 counties, one rate per county since 2017, by the county of residence — or of principal
 * employment for Indiana nonresidents — on January 1): the DN #1 2025/2026 county rate list is NOT transcribed, so
 * the county tax is a MISSING_TAX_TABLE blocker (see states/indiana.ts).
 */
import { pct, usd, type Rate } from "../money";

export interface InWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly rate: Rate;
  readonly rateText: string;
  readonly personalExemption: bigint;
  readonly dependentExemption: bigint;
  readonly adoptedDependentExemption: bigint;
}

const edition = (taxYear: number, rate: string, notice: string): InWithholdingEdition => ({
  taxYear,
  citation: `IN DOR Departmental Notice #1 (${notice}), state ${rate}% (secondary: PayrollOrg PayState Update Dec. 2025, Bloomberg Tax agree; exemptions per NFC Indiana formula)`,
  rate: pct(rate),
  rateText: `${rate}%`,
  personalExemption: usd("1000"),
  dependentExemption: usd("1500"),
  adoptedDependentExemption: usd("3000"),
});

export const IN_WITHHOLDING: Readonly<Record<number, InWithholdingEdition>> = {
  2025: edition(2025, "3.0", "rev. 1-25"),
  2026: edition(2026, "2.95", "rev. 1-26"),
};

/** Indiana's 92 counties, as the WH-4 names them (county codes 01–92 in DN #1 order). */
export const IN_COUNTIES = [
  "ADAMS",
  "ALLEN",
  "BARTHOLOMEW",
  "BENTON",
  "BLACKFORD",
  "BOONE",
  "BROWN",
  "CARROLL",
  "CASS",
  "CLARK",
  "CLAY",
  "CLINTON",
  "CRAWFORD",
  "DAVIESS",
  "DEARBORN",
  "DECATUR",
  "DEKALB",
  "DELAWARE",
  "DUBOIS",
  "ELKHART",
  "FAYETTE",
  "FLOYD",
  "FOUNTAIN",
  "FRANKLIN",
  "FULTON",
  "GIBSON",
  "GRANT",
  "GREENE",
  "HAMILTON",
  "HANCOCK",
  "HARRISON",
  "HENDRICKS",
  "HENRY",
  "HOWARD",
  "HUNTINGTON",
  "JACKSON",
  "JASPER",
  "JAY",
  "JEFFERSON",
  "JENNINGS",
  "JOHNSON",
  "KNOX",
  "KOSCIUSKO",
  "LAGRANGE",
  "LAKE",
  "LAPORTE",
  "LAWRENCE",
  "MADISON",
  "MARION",
  "MARSHALL",
  "MARTIN",
  "MIAMI",
  "MONROE",
  "MONTGOMERY",
  "MORGAN",
  "NEWTON",
  "NOBLE",
  "OHIO",
  "ORANGE",
  "OWEN",
  "PARKE",
  "PERRY",
  "PIKE",
  "PORTER",
  "POSEY",
  "PULASKI",
  "PUTNAM",
  "RANDOLPH",
  "RIPLEY",
  "RUSH",
  "ST_JOSEPH",
  "SCOTT",
  "SHELBY",
  "SPENCER",
  "STARKE",
  "STEUBEN",
  "SULLIVAN",
  "SWITZERLAND",
  "TIPPECANOE",
  "TIPTON",
  "UNION",
  "VANDERBURGH",
  "VERMILLION",
  "VIGO",
  "WABASH",
  "WARREN",
  "WARRICK",
  "WASHINGTON",
  "WAYNE",
  "WELLS",
  "WHITE",
  "WHITLEY",
] as const;
