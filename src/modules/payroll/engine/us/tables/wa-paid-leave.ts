/**
 * Washington Paid Family and Medical Leave premium (RCW 50A.10.030), employee share.
 * Employment Security Department, paidleave.wa.gov "Updates" and ESD news releases:
 *  - 2026: total premium 1.13% of gross wages (not tips) up to the Social Security cap ($184,500); employers pay
 *    28.57%, employees 71.43%. Confidence HIGH.
 *  - 2025: total premium 0.92%, employers 28.48%, employees 71.52%, cap $176,100 (ESD release 23 Oct 2024).
 *    Confidence HIGH.
 * The employee premium is computed as one exact product, wages × total rate × employee share, rounded half-up once
 * (ESD's published illustration: $2,000 × 1.13% × 71.43% = $16.14).
 * The employer share is not computed: employers with fewer than 50 Washington employees owe none, and the engine
 * does not know the employer's size.
 *
 * WA Cares (long-term care, RCW 50B.04.080) is NOT collected: from 1 January 2026 the rate is set biennially by
 * the pension funding council "at a rate no greater than .58 percent" and we found no official 2026 rate notice,
 * only secondary statements that it stays 0.58%; and employees holding an ESD exemption approval owe nothing, a
 * fact the input does not carry.
 */
import { pct, product, usd, type Rate } from "../money";

export interface WaPaidLeaveEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly totalRate: Rate;
  readonly employeeShare: Rate;
  readonly employeeRate: Rate;
  /** Per employer, per calendar year, cents (the Social Security wage base). */
  readonly wageBase: bigint;
}

export const WA_PAID_LEAVE: Readonly<Record<number, WaPaidLeaveEdition>> = {
  2025: {
    taxYear: 2025,
    citation: "WA ESD Paid Leave 2025: 0.92% × 71.52% employee share, cap $176,100",
    totalRate: pct("0.92"),
    employeeShare: pct("71.52"),
    employeeRate: product(pct("0.92"), pct("71.52")),
    wageBase: usd("176100"),
  },
  2026: {
    taxYear: 2026,
    citation: "WA ESD Paid Leave 2026: 1.13% × 71.43% employee share, cap $184,500",
    totalRate: pct("1.13"),
    employeeShare: pct("71.43"),
    employeeRate: product(pct("1.13"), pct("71.43")),
    wageBase: usd("184500"),
  },
};
