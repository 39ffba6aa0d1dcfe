/**
 * Arizona income tax withholding — ADOR Form A-4 "Employee's Arizona Withholding Election" (rev. 2023, in use for
 * 2025 and 2026) and A.R.S. §43-403 as amended for the 2.5% flat tax: the employer withholds the percentage the
 * employee elects on the A-4 (0.5%, 1.0%, 1.5%, 2.0%, 2.5%, 3.0% or 3.5%) of gross taxable wages each pay period,
 * plus any extra amount per period the employee asks for; the employee may elect zero when expecting no Arizona
 * tax liability. With no A-4 on file the employer withholds 2.0%. The elected rate applies to supplemental wages too
 * (there is no separate supplemental rate).
 * Secondary: withholdright.com "Arizona Payroll Withholding Calculator (2026)" and US Legal Forms' A-4 summary
 * agree on the seven rates and the 2.0% default. Confidence MED-HIGH (the A-4 itself was not opened here).
 */
import { pct, type Rate } from "../money";

export const AZ_ELECTED_RATES = ["0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5"] as const;
export type AzElectedRate = (typeof AZ_ELECTED_RATES)[number];

export interface AzWithholdingEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly rates: Readonly<Record<AzElectedRate, Rate>>;
  readonly defaultRate: AzElectedRate;
}

const edition = (taxYear: number): AzWithholdingEdition => ({
  taxYear,
  citation: "ADOR Form A-4 (rev. 2023) and A.R.S. §43-403: elected 0.5%–3.5%, 2.0% without an A-4 (secondary: withholdright.com 2026, US Legal Forms agree)",
  rates: Object.fromEntries(AZ_ELECTED_RATES.map((r) => [r, pct(r)])) as Record<AzElectedRate, Rate>,
  defaultRate: "2.0",
});

export const AZ_WITHHOLDING: Readonly<Record<number, AzWithholdingEdition>> = { 2025: edition(2025), 2026: edition(2026) };
