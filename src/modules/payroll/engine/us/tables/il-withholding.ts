/**
 * Illinois income tax withholding — IDOR Booklet IL-700-T "Illinois Withholding Tax Tables", automated payroll
 * method: withholding = 4.95% × (wages − ((IL-W-4 line 1 allowances × exemption amount) + (line 2 allowances ×
 * $1,000)) ÷ pay periods per year). IDOR Publication 130: with no valid IL-W-4 on file, withhold on the entire
 * compensation with no allowances.
 *  - 2026: IL-700-T (R-12/25), rate 4.95%, basic allowance $2,925 (also IDOR Informational Bulletin FY 2026-15).
 *    Confidence MED: the booklet was not opened by us; $2,925 is quoted identically by four independent public
 *    transcriptions of the booklet, and its automated-method Example B (weekly $800, 2 + 2 allowances → $32.13)
 *    reproduces in the tests. (The shared reference file lists it as not found.)
 *  - 2025: IL-700-T (R-12/24), rate 4.95%, basic allowance $2,850. Confidence HIGH (reference §3, IL-DOR).
 */
import { pct, usd, type Rate } from "../money";

export interface IlWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly rate: Rate;
  /** IL-W-4 line 1, per allowance, annual, cents. */
  readonly basicAllowance: bigint;
  /** IL-W-4 line 2, per allowance, annual, cents. */
  readonly additionalAllowance: bigint;
}

export const IL_WITHHOLDING: Readonly<Record<number, IlWithholdingEdition>> = {
  2025: {
    taxYear: 2025,
    citation: "IDOR Booklet IL-700-T (R-12/24), automated payroll method",
    rate: pct("4.95"),
    basicAllowance: usd("2850"),
    additionalAllowance: usd("1000"),
  },
  2026: {
    taxYear: 2026,
    citation: "IDOR Booklet IL-700-T (R-12/25), automated payroll method",
    rate: pct("4.95"),
    basicAllowance: usd("2925"),
    additionalAllowance: usd("1000"),
  },
};
