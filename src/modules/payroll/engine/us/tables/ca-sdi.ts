/**
 * California State Disability Insurance (SDI, including Paid Family Leave), employee only.
 * EDD "Contribution Rates, Withholding Schedules, and Meals and Lodging Values" / DE 44 (2026) inside cover:
 * 2026 rate 1.3% (2025: 1.2%), and NO taxable wage limit since 1 January 2024 (SB 951, CUIC §985).
 * Confidence HIGH (reference §3, "California payroll taxes").
 */
import { pct, type Rate } from "../money";

export interface CaSdiEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly employeeRate: Rate;
}

export const CA_SDI: Readonly<Record<number, CaSdiEdition>> = {
  2025: { taxYear: 2025, citation: "EDD DE 44 (2025): SDI 1.2%, no wage limit (SB 951)", employeeRate: pct("1.2") },
  2026: { taxYear: 2026, citation: "EDD DE 44 (2026): SDI 1.3%, no wage limit (SB 951)", employeeRate: pct("1.3") },
};
