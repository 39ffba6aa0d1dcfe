/**
 * State unemployment insurance (SUI), employer contributions. The RATE is the employer's own, assigned by the state
 * agency to each registration every year (experience rating): it comes from the EOR's registration
 * (`EmployerRates.suiRate`, set with the `setEmployerSuiRate` mutation). The taxable WAGE BASE is the state's, per
 * employee and calendar year: the registration may give it (`EmployerRates.suiWageBase`, e.g. Rhode Island's higher
 * base for employers at the highest rate); otherwise the published base below is used. A state and year in neither is
 * a MISSING_TAX_TABLE blocker (the mutation refuses a rate without a base for such a state).
 *
 * Published wage bases loaded (2025 from the same sources: each gives the prior year too) (only where an official notice, or two secondary sources that agree, was read):
 *  - CA $7,000 — EDD "Rates and withholding" 2026 (Schedule F+, new employer 3.4%); secondary: reference §1 (CA-EDD).
 *  - FL $7,000 — Florida Department of Revenue, reemployment tax rate page (new employer 2.7%); First Nonprofit
 *    "SUTA 2026 cost changes" agrees.
 *  - NJ $44,800 — NJDOL news release 29 Dec 2025 (official).
 *  - RI $30,800 (employers at the highest rate: $32,300, give it on the registration) — RI DLT news release
 *    18 Dec 2025 (official; new employer 1.21% including the 0.21% Job Development Assessment).
 *  - CO $30,600 — C.R.S. 8-76-102 as amended by SB 20-207; secondary: EY Tax Alert 2026-0124 (6 Jan 2026) and First
 *    Nonprofit agree.
 *  - DE $14,500 — HB 433 (2024); secondary: EY Tax Alert 2026-0124 and First Nonprofit agree.
 * Every other state: the EY survey "State unemployment insurance wage bases and tax rates for 2026" (Tax Alert
 * 2026-0278) publishes them as a PDF that could not be read here, so they are not loaded: the registration's rate
 * must come with the state's base (`wageBase`), which the registration's own rate notice states.
 *
 * New-employer rates (documented, never applied on their own: a registration's rate is always set explicitly):
 * CA 3.4%, FL 2.7%, RI 1.21% (sources above).
 */
import { usd } from "../money";

export interface SuiWageBase {
  readonly wageBase: bigint;
  readonly citation: string;
}

export const SUI_WAGE_BASES: Readonly<Record<number, Readonly<Record<string, SuiWageBase>>>> = {
  2025: {
    CA: { wageBase: usd("7000"), citation: "CA EDD 2025: UI taxable wage limit $7,000" },
    CO: { wageBase: usd("27200"), citation: "C.R.S. 8-76-102 (SB 20-207): 2025 base $27,200" },
    DE: { wageBase: usd("12500"), citation: "Delaware HB 433 (2024): 2025 base $12,500" },
    FL: { wageBase: usd("7000"), citation: "Florida DOR reemployment tax: base $7,000" },
    NJ: { wageBase: usd("43300"), citation: "NJDOL release 29 Dec 2025: 2025 UI base $43,300" },
    RI: { wageBase: usd("29800"), citation: "RI DLT release 18 Dec 2025: 2025 UI base $29,800" },
  },
  2026: {
    CA: { wageBase: usd("7000"), citation: "CA EDD 2026: UI taxable wage limit $7,000" },
    CO: { wageBase: usd("30600"), citation: "C.R.S. 8-76-102 (SB 20-207): 2026 base $30,600" },
    DE: { wageBase: usd("14500"), citation: "Delaware HB 433 (2024): 2026 base $14,500" },
    FL: { wageBase: usd("7000"), citation: "Florida DOR reemployment tax: base $7,000" },
    NJ: { wageBase: usd("44800"), citation: "NJDOL release 29 Dec 2025: 2026 UI base $44,800" },
    RI: { wageBase: usd("30800"), citation: "RI DLT release 18 Dec 2025: 2026 UI base $30,800" },
  },
};

export const SUI_NEW_EMPLOYER_RATES_2026: Readonly<Record<string, string>> = { CA: "3.4", FL: "2.7", RI: "1.21" };
