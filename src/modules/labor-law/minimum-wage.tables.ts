/**
 * Minimum wage tables as data: for each jurisdiction (the US federal floor, every US state and DC, the supported
 * local minimums, every Canadian province and territory) the general adult hourly minimum in minor units, as
 * effective-dated steps, each with its source. The step in effect on a date is the latest `from` on or before it;
 * the last step stays in effect until a later step is added to the table (edition: LABOR_LAW_RULES_VERSION).
 * Sources and how each value was checked: README.md in this folder.
 */

/** Bump when a table or a rule of this module changes: it is part of the payroll inputs digest. */
export const LABOR_LAW_RULES_VERSION = "2026.1";

export interface MinimumWageStep {
  /** First day the rate applies, `YYYY-MM-DD`. */
  from: string;
  /** Hourly minimum, minor units (cents) of the country's currency. */
  cents: number;
}

export interface MinimumWageTable {
  /** Human name used in messages, e.g. "California", "San Francisco, CA". */
  name: string;
  /** The publication or statute the steps come from. */
  source: string;
  steps: readonly MinimumWageStep[];
  /**
   * US states whose own minimum is below the federal floor, or who have none: the state table says so and the
   * federal floor applies (FLSA §6, 29 U.S.C. 206(a)(1)(C)). The lookup always takes max(state, federal) in the US.
   */
  followsFederal?: true;
}

const FLSA_SOURCE = "FLSA §6, 29 U.S.C. 206(a)(1)(C) ($7.25 since 2009-07-24)";
const DOL_STATE_TABLE = 'US DOL Wage and Hour Division, "State Minimum Wage Laws" (dol.gov/agencies/whd/minimum-wage/state)';

/** `$7.25` from 2009-07-24: the federal floor, and the table of states that adopt it or have none. */
const FEDERAL_STEPS: readonly MinimumWageStep[] = [{ from: "2009-07-24", cents: 725 }];
function federalOnly(name: string, why: string): MinimumWageTable {
  return { name, source: `${why}; ${FLSA_SOURCE}`, steps: FEDERAL_STEPS, followsFederal: true };
}

/** The United States federal floor. */
export const US_FEDERAL_MINIMUM_WAGE: MinimumWageTable = { name: "United States (federal)", source: FLSA_SOURCE, steps: FEDERAL_STEPS };

/** US states and DC, keyed by ISO 3166-2 code. */
export const US_STATE_MINIMUM_WAGES: Readonly<Record<string, MinimumWageTable>> = {
  "US-AL": federalOnly("Alabama", "no state minimum wage law"),
  "US-AK": {
    name: "Alaska",
    source: `AS 23.10.065 as amended by Ballot Measure 1 (2024); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1191 },
      { from: "2025-07-01", cents: 1300 },
      { from: "2026-07-01", cents: 1400 },
    ],
  },
  "US-AZ": {
    name: "Arizona",
    source: `A.R.S. §23-363 (CPI-indexed); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1470 },
      { from: "2026-01-01", cents: 1515 },
    ],
  },
  "US-AR": { name: "Arkansas", source: `Ark. Code §11-4-210; ${DOL_STATE_TABLE}`, steps: [{ from: "2021-01-01", cents: 1100 }] },
  "US-CA": {
    name: "California",
    source: `Cal. Lab. Code §1182.12 (CPI-adjusted by the Department of Finance); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1650 },
      { from: "2026-01-01", cents: 1690 },
    ],
  },
  "US-CO": {
    name: "Colorado",
    source: `Colo. Const. art. XVIII §15; CDLE PAY CALC Orders 2025 and 2026; ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1481 },
      { from: "2026-01-01", cents: 1516 },
    ],
  },
  "US-CT": {
    name: "Connecticut",
    source: `Conn. Gen. Stat. §31-58(i) (ECI-indexed); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1635 },
      { from: "2026-01-01", cents: 1694 },
    ],
  },
  "US-DE": { name: "Delaware", source: `19 Del. C. §902; ${DOL_STATE_TABLE}`, steps: [{ from: "2025-01-01", cents: 1500 }] },
  "US-DC": {
    name: "District of Columbia",
    source: `D.C. Code §32-1003 (CPI-indexed each July 1); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2024-07-01", cents: 1750 },
      { from: "2025-07-01", cents: 1795 },
    ],
  },
  "US-FL": {
    name: "Florida",
    source: `Fla. Const. art. X §24 (Amendment 2, 2020: +$1 each September 30 to $15); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2024-09-30", cents: 1300 },
      { from: "2025-09-30", cents: 1400 },
      { from: "2026-09-30", cents: 1500 },
    ],
  },
  "US-GA": federalOnly("Georgia", "state minimum ($5.15, O.C.G.A. §34-4-3) is below the federal floor"),
  "US-HI": {
    name: "Hawaii",
    source: `HRS §387-2 (Act 114, 2022); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2024-01-01", cents: 1400 },
      { from: "2026-01-01", cents: 1600 },
    ],
  },
  "US-ID": federalOnly("Idaho", "Idaho Code §44-1502 adopts $7.25"),
  "US-IL": { name: "Illinois", source: `820 ILCS 105/4; ${DOL_STATE_TABLE}`, steps: [{ from: "2025-01-01", cents: 1500 }] },
  "US-IN": federalOnly("Indiana", "IC 22-2-2-4 adopts $7.25"),
  "US-IA": federalOnly("Iowa", "Iowa Code §91D.1 adopts $7.25"),
  "US-KS": federalOnly("Kansas", "K.S.A. 44-1203 adopts $7.25"),
  "US-KY": federalOnly("Kentucky", "KRS 337.275 adopts $7.25"),
  "US-LA": federalOnly("Louisiana", "no state minimum wage law"),
  "US-ME": {
    name: "Maine",
    source: `26 M.R.S. §664 (CPI-indexed); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1465 },
      { from: "2026-01-01", cents: 1510 },
    ],
  },
  "US-MD": { name: "Maryland", source: `Md. Code, Lab. & Empl. §3-413; ${DOL_STATE_TABLE}`, steps: [{ from: "2024-01-01", cents: 1500 }] },
  "US-MA": { name: "Massachusetts", source: `M.G.L. c.151 §1; ${DOL_STATE_TABLE}`, steps: [{ from: "2023-01-01", cents: 1500 }] },
  "US-MI": {
    name: "Michigan",
    source: `MCL 408.934 as amended by 2025 PA 1 (SB 8); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1056 },
      { from: "2025-02-21", cents: 1248 },
      { from: "2026-01-01", cents: 1373 },
    ],
  },
  "US-MN": {
    name: "Minnesota",
    source: `Minn. Stat. §177.24 (inflation-adjusted); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1113 },
      { from: "2026-01-01", cents: 1141 },
    ],
  },
  "US-MS": federalOnly("Mississippi", "no state minimum wage law"),
  "US-MO": {
    name: "Missouri",
    source: `RSMo §290.502 as amended by Proposition A (2024); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1375 },
      { from: "2026-01-01", cents: 1500 },
    ],
  },
  "US-MT": {
    name: "Montana",
    source: `MCA §39-3-409 (CPI-indexed); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1055 },
      { from: "2026-01-01", cents: 1085 },
    ],
  },
  "US-NE": {
    name: "Nebraska",
    source: `Neb. Rev. Stat. §48-1203 (Initiative 433, 2022); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1350 },
      { from: "2026-01-01", cents: 1500 },
    ],
  },
  "US-NV": { name: "Nevada", source: `Nev. Const. art. 15 §16; NRS 608.250; ${DOL_STATE_TABLE}`, steps: [{ from: "2024-07-01", cents: 1200 }] },
  "US-NH": federalOnly("New Hampshire", "RSA 279:21 adopts the federal minimum"),
  "US-NJ": {
    name: "New Jersey",
    source: `N.J.S.A. 34:11-56a4 (most employers); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1549 },
      { from: "2026-01-01", cents: 1592 },
    ],
  },
  "US-NM": { name: "New Mexico", source: `NMSA §50-4-22; ${DOL_STATE_TABLE}`, steps: [{ from: "2023-01-01", cents: 1200 }] },
  "US-NY": {
    name: "New York (outside New York City, Long Island and Westchester)",
    source: `N.Y. Labor Law §652(1)(c) (remainder of state); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1550 },
      { from: "2026-01-01", cents: 1600 },
    ],
  },
  "US-NC": federalOnly("North Carolina", "N.C.G.S. §95-25.3 adopts the federal minimum"),
  "US-ND": federalOnly("North Dakota", "N.D. Admin. Code 46-02-07 adopts $7.25"),
  "US-OH": {
    name: "Ohio",
    source: `Ohio Const. art. II §34a (CPI-indexed; non-tipped, employers above the gross-receipts threshold); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1070 },
      { from: "2026-01-01", cents: 1100 },
    ],
  },
  "US-OK": federalOnly("Oklahoma", "40 O.S. §197.2 adopts $7.25"),
  "US-OR": {
    name: "Oregon (standard rate)",
    source: `ORS 653.025 (standard, CPI-indexed each July 1); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2024-07-01", cents: 1470 },
      { from: "2025-07-01", cents: 1505 },
    ],
  },
  "US-PA": federalOnly("Pennsylvania", "43 P.S. §333.104 adopts $7.25"),
  "US-RI": {
    name: "Rhode Island",
    source: `R.I. Gen. Laws §28-12-3; ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1500 },
      { from: "2026-01-01", cents: 1600 },
    ],
  },
  "US-SC": federalOnly("South Carolina", "no state minimum wage law"),
  "US-SD": {
    name: "South Dakota",
    source: `SDCL 60-11-3 (CPI-indexed); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1150 },
      { from: "2026-01-01", cents: 1185 },
    ],
  },
  "US-TN": federalOnly("Tennessee", "no state minimum wage law"),
  "US-TX": federalOnly("Texas", "Tex. Lab. Code §62.051 adopts the federal minimum"),
  "US-UT": federalOnly("Utah", "Utah Code §34-40-103 adopts $7.25"),
  "US-VT": {
    name: "Vermont",
    source: `21 V.S.A. §384 (CPI-indexed); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1401 },
      { from: "2026-01-01", cents: 1442 },
    ],
  },
  "US-VA": {
    name: "Virginia",
    source: `Va. Code §40.1-28.10 (CPI-indexed); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1241 },
      { from: "2026-01-01", cents: 1277 },
    ],
  },
  "US-WA": {
    name: "Washington",
    source: `RCW 49.46.020 (CPI-W-indexed; L&I annual announcement); ${DOL_STATE_TABLE}`,
    steps: [
      { from: "2025-01-01", cents: 1666 },
      { from: "2026-01-01", cents: 1713 },
    ],
  },
  "US-WV": { name: "West Virginia", source: `W. Va. Code §21-5C-2; ${DOL_STATE_TABLE}`, steps: [{ from: "2016-01-01", cents: 875 }] },
  "US-WI": federalOnly("Wisconsin", "Wis. Admin. Code DWD 272.03 adopts $7.25"),
  "US-WY": federalOnly("Wyoming", "state minimum ($5.15, W.S. 27-4-202) is below the federal floor"),
};

/**
 * Local minimums, keyed by locality code `<ISO 3166-2>-<CITY>` (see localities.ts). They apply on top of the
 * state's: the lookup takes the highest of federal, state and local.
 */
export const LOCAL_MINIMUM_WAGES: Readonly<Record<string, MinimumWageTable>> = {
  "US-CA-SF": {
    name: "San Francisco, CA",
    source: "San Francisco Admin. Code ch. 12R (Minimum Wage Ordinance, CPI-adjusted each July 1; OLSE annual notice)",
    steps: [
      { from: "2024-07-01", cents: 1867 },
      { from: "2025-07-01", cents: 1918 },
    ],
  },
  "US-CA-LA": {
    name: "City of Los Angeles, CA",
    source: "Los Angeles Municipal Code ch. XVIII art. 7 §187.02 (CPI-adjusted each July 1; Office of Wage Standards notice)",
    steps: [
      { from: "2024-07-01", cents: 1728 },
      { from: "2025-07-01", cents: 1787 },
    ],
  },
  "US-WA-SEA": {
    name: "Seattle, WA",
    source: "Seattle Municipal Code ch. 14.19 (Minimum Wage Ordinance; Office of Labor Standards annual notice)",
    steps: [
      { from: "2025-01-01", cents: 2076 },
      { from: "2026-01-01", cents: 2130 },
    ],
  },
  "US-NY-NYC": {
    name: "New York City, Long Island and Westchester, NY",
    source: "N.Y. Labor Law §652(1)(a)-(b) (New York City; Nassau, Suffolk and Westchester counties)",
    steps: [
      { from: "2025-01-01", cents: 1650 },
      { from: "2026-01-01", cents: 1700 },
    ],
  },
  "US-IL-CHI": {
    name: "Chicago, IL",
    source: "Chicago Municipal Code ch. 6-105 (Minimum Wage Ordinance, adjusted each July 1; BLS-indexed, capped at 2.5%)",
    steps: [
      { from: "2024-07-01", cents: 1620 },
      { from: "2025-07-01", cents: 1660 },
    ],
  },
  "US-CO-DEN": {
    name: "Denver, CO",
    source: "Denver Revised Municipal Code ch. 58 art. V §58-16 (Civil Wage Theft / Minimum Wage; CPI-adjusted each January 1)",
    steps: [
      { from: "2025-01-01", cents: 1881 },
      { from: "2026-01-01", cents: 1929 },
    ],
  },
};

/** Canadian provinces and territories (general adult rate), keyed by ISO 3166-2 code. */
export const CA_MINIMUM_WAGES: Readonly<Record<string, MinimumWageTable>> = {
  "CA-AB": { name: "Alberta", source: "Employment Standards Regulation (Alta. Reg. 14/1997) s.9 (general minimum wage)", steps: [{ from: "2018-10-01", cents: 1500 }] },
  "CA-BC": {
    name: "British Columbia",
    source: "Employment Standards Regulation (B.C. Reg. 396/95) s.15 (CPI-indexed each June 1)",
    steps: [
      { from: "2024-06-01", cents: 1740 },
      { from: "2025-06-01", cents: 1785 },
      { from: "2026-06-01", cents: 1825 },
    ],
  },
  "CA-MB": {
    name: "Manitoba",
    source: "Minimum Wages and Working Conditions Regulation (Man. Reg. 62/99) s.3 (indexed each October 1)",
    steps: [
      { from: "2024-10-01", cents: 1580 },
      { from: "2025-10-01", cents: 1600 },
    ],
  },
  "CA-NB": {
    name: "New Brunswick",
    source: "Minimum Wage Regulation (N.B. Reg. 2011-1) under the Employment Standards Act (indexed each April 1)",
    steps: [
      { from: "2024-04-01", cents: 1530 },
      { from: "2025-04-01", cents: 1565 },
      { from: "2026-04-01", cents: 1590 },
    ],
  },
  "CA-NL": {
    name: "Newfoundland and Labrador",
    source: "Minimum Wage Order (NLR) under the Labour Standards Act s.19 (indexed each April 1)",
    steps: [
      { from: "2024-04-01", cents: 1560 },
      { from: "2025-04-01", cents: 1600 },
      { from: "2026-04-01", cents: 1635 },
    ],
  },
  "CA-NS": {
    name: "Nova Scotia",
    source: "Minimum Wage Order (General) (N.S. Reg. 5/2000) under the Labour Standards Code s.50",
    steps: [
      { from: "2024-04-01", cents: 1520 },
      { from: "2025-04-01", cents: 1570 },
      { from: "2025-10-01", cents: 1650 },
      { from: "2026-04-01", cents: 1675 },
    ],
  },
  "CA-NT": {
    name: "Northwest Territories",
    source: "Employment Standards Regulations (R-020-2008) s.12 (indexed each September 1)",
    steps: [
      { from: "2024-09-01", cents: 1670 },
      { from: "2025-09-01", cents: 1695 },
    ],
  },
  "CA-NU": {
    name: "Nunavut",
    source: "Labour Standards Act (Nunavut) s.12 and the Minimum Wage Regulations (indexed each January 1)",
    steps: [
      { from: "2024-01-01", cents: 1900 },
      { from: "2025-01-01", cents: 1975 },
    ],
  },
  "CA-ON": {
    name: "Ontario",
    source: "Employment Standards Act, 2000 s.23.1 and O. Reg. 285/01 (general minimum wage, CPI-indexed each October 1)",
    steps: [
      { from: "2024-10-01", cents: 1720 },
      { from: "2025-10-01", cents: 1760 },
    ],
  },
  "CA-PE": {
    name: "Prince Edward Island",
    source: "Minimum Wage Order under the Employment Standards Act (P.E.I.) s.5",
    steps: [
      { from: "2024-10-01", cents: 1600 },
      { from: "2025-10-01", cents: 1650 },
      { from: "2026-04-01", cents: 1700 },
    ],
  },
  "CA-QC": {
    name: "Québec",
    source: "Regulation respecting labour standards (CQLR c. N-1.1, r. 3) s.3 (general rate, each May 1)",
    steps: [
      { from: "2024-05-01", cents: 1575 },
      { from: "2025-05-01", cents: 1610 },
      { from: "2026-05-01", cents: 1660 },
    ],
  },
  "CA-SK": {
    name: "Saskatchewan",
    source: "The Minimum Wage Regulations, 2014 (RRS c S-15.1 Reg 3) s.3 (indexed each October 1)",
    steps: [
      { from: "2024-10-01", cents: 1500 },
      { from: "2025-10-01", cents: 1535 },
    ],
  },
  "CA-YT": {
    name: "Yukon",
    source: "Employment Standards Act (Yukon) s.6 and the Minimum Wage Regulation (CPI-indexed each April 1)",
    steps: [
      { from: "2024-04-01", cents: 1759 },
      { from: "2025-04-01", cents: 1794 },
      { from: "2026-04-01", cents: 1851 },
    ],
  },
};
