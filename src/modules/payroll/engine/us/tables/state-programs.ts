/**
 * State programs other than income tax (paid family and medical leave, temporary disability insurance, the employee
 * share of unemployment insurance), by program and calendar year. Each rate is the share the engine withholds (or,
 * for an employer-paid program, charges the employer), as an exact rate; each wage base is per employee, per employer,
 * per calendar year (null: no cap). A year missing from a program's editions is a MISSING_TAX_TABLE blocker.
 *
 * Sources (publication, edition; "secondary: A, B agree" where the agency's own notice could not be read here):
 *  - NY Disability Benefits (SDI), employee: N.Y. Workers' Compensation Law §209(3) — 0.5% of wages, not more than
 *    $0.60 a week; 12 NYCRR §362.2(a) — per pay period: weekly $0.60, biweekly $1.20, semimonthly $1.30, monthly
 *    $2.60. Unchanged since 1950 (statute). Official.
 *  - NY Paid Family Leave, employee: 2026 0.432% of gross wages, annual maximum $411.91 (= 0.432% of the NY state
 *    average weekly wage $1,833.63 × 52 = $95,348.76); 2025 0.388%, maximum $354.53 (SAWW $1,757.19 × 52 =
 *    $91,373.88). NY DFS rate decision (WCL §209(3)(b)); secondary: Epstein Becker Green "Workforce Bulletin" (2026),
 *    Baron Payroll (2026), GTM/Zywave (2026), Unum (2025) agree. The cap is applied as the SAWW × 52 wage base.
 *  - NJ Temporary Disability and Family Leave Insurance, worker: 2025 TDI 0.23%, FLI 0.33%, on the first $165,400
 *    (secondary: The Larkin Company "New Jersey" update 31 Oct 2024, Risk Strategies 26 Nov 2024 agree). 2026: the
 *    worker wage base is $171,100 (NJDOL news release 29 Dec 2025, official) but the 2026 worker rates were found in
 *    one secondary source only (Risk Strategies, 30 Oct 2025: TDI 0.19%, FLI 0.23%): NOT loaded → 2026 blocker.
 *  - NJ Unemployment Insurance, worker: 0.3825% (0.3625% unemployment fund + 0.0200% administration fund, N.J.S.A.
 *    43:21-7(d) as amended from 1 Jan 2024) on the UI taxable wage base: 2026 $44,800, 2025 $43,300 (NJDOL news
 *    release 29 Dec 2025, official, gives both). Rate: secondary: the bill summary of N.J.S.A. 43:21-7 (FastDemocracy,
 *    NJ 2024-2025 session) and TKT Payroll's New Jersey 2026 table (0.003825 on $44,800) agree. The worker
 *    Workforce Development / Supplemental Workforce Fund share (0.0425%) is NOT loaded: no 2025/2026 source found.
 *  - MA Paid Family and Medical Leave, employee: 0.46% of eligible wages (medical 0.28% = 40% of 0.70%, family 0.18%
 *    = 100%), up to the Social Security wage base (2026 $184,500, 2025 $176,100 — SSA). MA DFML 2026 rates;
 *    secondary: NFP (7 Oct 2025), Risk Strategies (21 Oct 2025, with 2025), Fisher Phillips (1 Oct 2025) agree. The
 *    employer share (0.42% for 25+ covered individuals) is not computed: the engine does not know the employer's size.
 *  - CO FAMLI, employee: 50% of the premium; premium 0.88% of wages in 2026 (SB 25-144), 0.9% in 2025, up to the
 *    Social Security wage base. CDLE FAMLI Division employer newsletter (24 Jun 2025) and famli.colorado.gov
 *    "Employers" (50/50 split), official; Ogletree (JD Supra, 2025) agrees on 0.88% for 2026; Mercer (Dec 2022) on
 *    the Social Security wage base cap. The employer half is not computed (employers of fewer than 10 owe none).
 *  - RI Temporary Disability Insurance (TDI/TCI), employee-paid: 2026 1.1% on the first $100,000; 2025 1.3% on the
 *    first $89,200. RI DLT news release "2026 Tax Rates for Unemployment Insurance and Temporary Disability
 *    Insurance", 18 Dec 2025 (official, both years); Bloomberg Tax (27 Jun 2025, HB 6066) agrees on both bases.
 *  - CT Paid Leave, employee: 0.5% of wages up to the Social Security contribution limit. CT Paid Leave Authority,
 *    ctpaidleave.org "Contributions" (official, current for 2025 and 2026).
 *  - DC Paid Family Leave, EMPLOYER-paid: 0.75% of each covered employee's wages, no cap, from 1 Jul 2024 (Fiscal
 *    Year 2025 Budget Support Act). 2025: secondary: Unum "Washington DC paid leave laws", Paychex (27 Dec 2024),
 *    AccountEdge ("2025 contribution rate is unchanged at 0.75%") agree. 2026: no 2026 statement found → blocker.
 *  - HI Temporary Disability Insurance, employee: 0.5% of weekly wages up to the maximum weekly wage base (HRS
 *    §392-43): 2025 $1,441.72 (max $7.21/week) — DLIR 2025 notice; secondary: Bloomberg Tax, Consortia (Dec 2024)
 *    agree. 2026 ($1,500.21 / $7.50 per DLIR notice of 10 Dec 2025) found in one secondary source only → blocker.
 *    The employee may be charged up to half the plan's cost, never above 0.5%: the engine withholds the maximum.
 *  - OR Paid Leave Oregon: NOT loaded. 60% of a contribution rate of at most 1%, up to a maximum wage amount the
 *    Employment Department announces by 15 November (OAR 471-070-3010); no 2025/2026 announcement was found here.
 *  - WA Cares: NOT loaded (see wa-paid-leave.ts).
 */
import { pct, product, usd, type Rate } from "../money";

export interface StateProgramEdition {
  readonly taxYear: number;
  readonly citation: string;
  /** The rate charged on the taxable wages (employee share, or the employer's rate for an employer-paid program). */
  readonly rate: Rate;
  /** Annual wage base per employee and employer, cents; null: every wage is taxable. */
  readonly wageBase: bigint | null;
}

export type StateProgramEditions = Readonly<Record<number, StateProgramEdition>>;

const SS_WAGE_BASE: Readonly<Record<number, bigint>> = { 2025: usd("176100"), 2026: usd("184500") };

export const NY_PFL: StateProgramEditions = {
  2025: { taxYear: 2025, citation: "NY DFS PFL 2025: 0.388% to the SAWW × 52 ($91,373.88; max $354.53)", rate: pct("0.388"), wageBase: usd("91373.88") },
  2026: { taxYear: 2026, citation: "NY DFS PFL 2026: 0.432% to the SAWW × 52 ($95,348.76; max $411.91)", rate: pct("0.432"), wageBase: usd("95348.76") },
};

export const NJ_TDI: StateProgramEditions = {
  2025: { taxYear: 2025, citation: "NJDOL TDI 2025: worker 0.23% of the first $165,400", rate: pct("0.23"), wageBase: usd("165400") },
};

export const NJ_FLI: StateProgramEditions = {
  2025: { taxYear: 2025, citation: "NJDOL FLI 2025: worker 0.33% of the first $165,400", rate: pct("0.33"), wageBase: usd("165400") },
};

export const NJ_UI: StateProgramEditions = {
  2025: { taxYear: 2025, citation: "N.J.S.A. 43:21-7(d): worker UI 0.3825% of the first $43,300 (NJDOL 2025)", rate: pct("0.3825"), wageBase: usd("43300") },
  2026: { taxYear: 2026, citation: "N.J.S.A. 43:21-7(d): worker UI 0.3825% of the first $44,800 (NJDOL release 29 Dec 2025)", rate: pct("0.3825"), wageBase: usd("44800") },
};

export const MA_PFML: StateProgramEditions = {
  2025: { taxYear: 2025, citation: "MA DFML 2025: employee 0.46% (medical 0.28% + family 0.18%) to $176,100", rate: pct("0.46"), wageBase: SS_WAGE_BASE[2025] },
  2026: { taxYear: 2026, citation: "MA DFML 2026: employee 0.46% (medical 0.28% + family 0.18%) to $184,500", rate: pct("0.46"), wageBase: SS_WAGE_BASE[2026] },
};

export const CO_FAMLI: StateProgramEditions = {
  2025: { taxYear: 2025, citation: "CDLE FAMLI 2025: 0.9% × 50% employee share, to $176,100", rate: product(pct("0.9"), pct("50")), wageBase: SS_WAGE_BASE[2025] },
  2026: { taxYear: 2026, citation: "CDLE FAMLI 2026 (SB 25-144): 0.88% × 50% employee share, to $184,500", rate: product(pct("0.88"), pct("50")), wageBase: SS_WAGE_BASE[2026] },
};

export const RI_TDI: StateProgramEditions = {
  2025: { taxYear: 2025, citation: "RI DLT TDI 2025: 1.3% of the first $89,200", rate: pct("1.3"), wageBase: usd("89200") },
  2026: { taxYear: 2026, citation: "RI DLT TDI 2026 (release 18 Dec 2025): 1.1% of the first $100,000", rate: pct("1.1"), wageBase: usd("100000") },
};

export const CT_PAID_LEAVE: StateProgramEditions = {
  2025: { taxYear: 2025, citation: "CT Paid Leave Authority: 0.5% to the Social Security limit ($176,100)", rate: pct("0.5"), wageBase: SS_WAGE_BASE[2025] },
  2026: { taxYear: 2026, citation: "CT Paid Leave Authority: 0.5% to the Social Security limit ($184,500)", rate: pct("0.5"), wageBase: SS_WAGE_BASE[2026] },
};

export const DC_PFL: StateProgramEditions = {
  2025: { taxYear: 2025, citation: "DC PFL (FY2025 Budget Support Act): employer 0.75% of wages, no cap", rate: pct("0.75"), wageBase: null },
};

export interface WeeklyCappedEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly rate: Rate;
  /** The most that may be withheld per week, cents. */
  readonly weeklyMaximum: bigint;
}

export const NY_SDI: Readonly<Record<number, WeeklyCappedEdition>> = Object.fromEntries(
  [2025, 2026].map((taxYear) => [taxYear, { taxYear, citation: "NY WCL §209(3), 12 NYCRR §362.2: 0.5%, at most $0.60 a week", rate: pct("0.5"), weeklyMaximum: usd("0.60") }]),
);

export const HI_TDI: Readonly<Record<number, WeeklyCappedEdition>> = {
  2025: { taxYear: 2025, citation: "HI DLIR TDI 2025: 0.5% of weekly wages to $1,441.72 (at most $7.21 a week)", rate: pct("0.5"), weeklyMaximum: usd("7.21") },
};
