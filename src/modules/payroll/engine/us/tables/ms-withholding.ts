/**
 * Mississippi income tax withholding — MS DOR Pub 89-700 "Withholding Income Tax Tables and Employer Instructions"
 * (computer formula) with Form 89-350 "Employee's Withholding Exemption Certificate":
 *   annual wages − standard deduction (by 89-350 status) − total exemption claimed (89-350 line 6, dollars)
 *   = taxable income; tax = rate × (taxable income − $10,000), floor 0; ÷ pay periods, rounded to the dollar.
 * The official 2026 Pub 89-700 could not be opened here. Secondary, agreeing:
 *  - rate: 2026 4.0%, 2025 4.4%, on taxable income above $10,000 (HB 531, 2022): Bloomberg Tax "Mississippi's flat
 *    tax rate decreased for 2026 … the tax rate used in the 2026 withholding formula decreased to 4%, from 4.4%. The
 *    standard deductions were unchanged and the threshold … $10,000 … unchanged" and calcdomain.com's MS schedule
 *    (2025 4.4%, 2026 4.0% above $10,000) agree.
 *  - standard deductions Single $2,300, Married (spouse not employed) $4,600, Married (spouse employed) $2,300,
 *    Head of family $3,400; exemptions Single $6,000, Married $12,000, Head of family $9,500, dependent $1,500:
 *    USDA NFC Mississippi tax formula, halfpricesoft.com 2026 Mississippi page, tktenterprises (citing dor.ms.gov) agree.
 *  - rounding to the nearest dollar: USDA NFC formula and suburbancomputer.com's Mississippi page agree.
 *  - supplemental wages paid with regular wages are added to them and withheld as one payment (aggregate):
 *    eccapayroll.com and paycheckcity.com ("taxed same as regular income") agree.
 *  - no 89-350 on file: withhold on zero exemptions (MS DOR instructions as quoted by EY Tax News 2019-0140).
 * Confidence MED (secondary sources only).
 */
import { pct, usd, type Rate } from "../money";

export type Ms89350Status = "SINGLE" | "MARRIED_SPOUSE_NOT_EMPLOYED" | "MARRIED_SPOUSE_EMPLOYED" | "HEAD_OF_FAMILY";

export interface MsWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly rate: Rate;
  /** Annual taxable income taxed at 0%, cents. */
  readonly zeroBracket: bigint;
  /** Annual standard deduction by Form 89-350 status, cents. */
  readonly standardDeduction: Readonly<Record<Ms89350Status, bigint>>;
}

const STANDARD_DEDUCTION: Readonly<Record<Ms89350Status, bigint>> = {
  SINGLE: usd("2300"),
  MARRIED_SPOUSE_NOT_EMPLOYED: usd("4600"),
  MARRIED_SPOUSE_EMPLOYED: usd("2300"),
  HEAD_OF_FAMILY: usd("3400"),
};

const SECONDARY = "secondary: Bloomberg Tax, calcdomain (rate), USDA NFC, halfpricesoft (deductions) agree";

export const MS_WITHHOLDING: Readonly<Record<number, MsWithholdingEdition>> = {
  2025: {
    taxYear: 2025,
    citation: `MS DOR Pub 89-700 (2025) computer formula: 4.4% over $10,000 (${SECONDARY})`,
    rate: pct("4.4"),
    zeroBracket: usd("10000"),
    standardDeduction: STANDARD_DEDUCTION,
  },
  2026: {
    taxYear: 2026,
    citation: `MS DOR Pub 89-700 (2026) computer formula: 4.0% over $10,000 (${SECONDARY})`,
    rate: pct("4.0"),
    zeroBracket: usd("10000"),
    standardDeduction: STANDARD_DEDUCTION,
  },
};
