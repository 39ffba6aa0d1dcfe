/**
 * Pennsylvania local Earned Income Tax (Act 32 of 2008) — the PSD codes whose rates are transcribed. The source of
 * record is the PA DCED "Real-Time Register" of PSD codes and EIT rates (dced.pa.gov, "PSD Codes and EIT Rates"),
 * which could not be downloaded here; each entry below is therefore from two agreeing secondary sources, named in
 * its citation. Withholding rule (DCED Act 32 FAQ, as quoted by legalclarity.org, tipsfolder.com and Oracle HCM's
 * PA EIT documentation, which agree): withhold the HIGHER of the employee's Total Resident EIT Rate (home PSD) and
 * the work location's Non-Resident EIT Rate (worksite PSD), on the employee's earned income (PA compensation).
 *
 * Any other PSD code → UNSUPPORTED_TAX_JURISDICTION naming it (states/pennsylvania.ts): never a silent zero.
 * To add a PSD code, add its resident and non-resident rates from the register with the register's date.
 */
import { pct, type Rate } from "../money";

export interface PaPsdEntry {
  readonly psd: string;
  /** Municipality and school district, as the register names them. */
  readonly name: string;
  /** Total Resident EIT Rate (municipality + school district). */
  readonly residentRate: Rate;
  /** Non-Resident EIT Rate for people who work there and live elsewhere. */
  readonly nonResidentRate: Rate;
  readonly residentPercent: string;
  readonly nonResidentPercent: string;
  readonly taxYears: readonly number[];
  readonly citation: string;
}

const entry = (psd: string, name: string, resident: string, nonResident: string, taxYears: number[], citation: string): PaPsdEntry => ({
  psd,
  name,
  residentRate: pct(resident),
  nonResidentRate: pct(nonResident),
  residentPercent: resident,
  nonResidentPercent: nonResident,
  taxYears,
  citation,
});

export const PA_EIT_REGISTER: Readonly<Record<string, PaPsdEntry>> = {
  // PSD 700102 = City of Pittsburgh / Pittsburgh School District (gowanusballroom.com and Insight Horizon Media both
  // quote the City: "City and School District of Pittsburgh, your PSD Code is 700102"). Rates: resident 3.0% (1% city
  // + 2% school district), non-resident 1.0% — legalclarity.org (citing the Pittsburgh Finance Department),
  // payrolltaxapi.com ("2024-2026") agree; tax-practice-ai (2024) agrees on the resident rate.
  "700102": entry(
    "700102",
    "Pittsburgh City, Pittsburgh SD (Allegheny)",
    "3.0",
    "1.0",
    [2025, 2026],
    "PA DCED PSD register, PSD 700102 Pittsburgh: resident 3.0%, non-resident 1.0% (secondary: Pittsburgh Finance Dept via legalclarity, payrolltaxapi agree)",
  ),
};
