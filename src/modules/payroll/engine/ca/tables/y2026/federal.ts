import type { FederalTable } from "../types";

/**
 * Federal income tax, 2026.
 *
 * CRA T4127 Payroll Deductions Formulas, 122nd ed. (effective 2026-01-01):
 * - Table 8.1 "Rates (R), income thresholds (A) and constants (K)", federal rows. Lowest rate 14% for 2026 and
 *   later ("What's new", p. 6: the rate went from 15% to 14%; 2025 used 14.5% for the year).
 * - Ch. 4 Step 2, BPAF (p. 10): NI ≤ 181,440 → 16,452; 181,440 < NI < 258,482 →
 *   16,452 − (NI − 181,440) × (1,623 / 77,042); NI ≥ 258,482 → 14,829 (NI = A + HD; result half-up to cents).
 *   Claim code 1 = 16,452 → K1 = 2,303.28 (Table 8.9).
 * - Table 8.2: Canada employment amount (CEA) 1,501 (K4 = min(0.14 × A, 0.14 × 1,501) = 210.14 at most).
 * - Ch. 4 Step 3: Quebec abatement 16.5% of T3.
 *
 * Constants K are whole dollars; each equals Σ (R_i − R_{i−1}) × A_i rounded to the dollar
 * (58,523 × 0.065 = 3,803.995 → 3,804; + 117,045 × 0.055 → 10,241; + 181,440 × 0.03 → 15,685;
 * + 258,482 × 0.04 → 26,024), matching the published values; a unit test re-derives them.
 *
 * Small non-periodic payments: when annual taxable income including the bonus is $5,000 or less, withhold a
 * flat 15% of the payment (10% in Quebec) instead of the annual-tax-difference method (T4127 Ch. 4,
 * "Non-periodic payments", as transcribed in the project's payroll reference §4.3 — the exact wording of the
 * PDF page was NOT read directly; see the report).
 */
export const FEDERAL_2026: FederalTable = {
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.1 / 8.2, Ch. 4",
  brackets: [
    { from: "0", rate: "0.14", constant: "0" },
    { from: "58,523", rate: "0.205", constant: "3,804" },
    { from: "117,045", rate: "0.26", constant: "10,241" },
    { from: "181,440", rate: "0.29", constant: "15,685" },
    { from: "258,482", rate: "0.33", constant: "26,024" },
  ],
  lowestRate: "0.14",
  bpaf: { max: "16,452", min: "14,829", phaseStart: "181,440", phaseEnd: "258,482" },
  cea: "1,501",
  quebecAbatement: "0.165",
  smallBonus: { threshold: "5,000", rate: "0.15", quebecRate: "0.10" },
};
