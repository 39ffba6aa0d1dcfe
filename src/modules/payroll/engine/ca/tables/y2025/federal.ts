import type { FederalTable } from "../types";

/**
 * Federal income tax, 2025 — two editions, because the lowest rate changed mid-year.
 *
 * Thresholds 57,375 / 114,750 / 177,882 / 253,414 and CEA 1,471 (indexation 2.7%): CRA T4127 122nd ed.
 * (Jan 2026), Table 8.22 (the 2025 table it reprints, with the blended 14.5% annual rate), as transcribed in
 * the project's payroll reference §4.3. BPAF 2025: 16,129 (max) / 14,538 (min), phased out between the 4th and
 * 5th thresholds — derived as the 2024 amounts 15,705 / 14,156 × 1.027 (secondary source for 2024; the same
 * 16,129 is the PDOC default federal claim in published 2025 PDOC runs). NOT read from the 120th/121st PDFs.
 *
 * Constants K are re-derived with T4127's rule Σ (R_i − R_{i−1}) × A_i rounded to the dollar, the rule that
 * reproduces Table 8.22's blended constants (3,443 / 9,754 / 15,090 / 25,227).
 */

/** T4127 120th ed. (Jan 2025), pay dates 2025-01-01 … 2025-06-30: lowest rate 15%. */
export const FEDERAL_2025_JAN: FederalTable = {
  source: "CRA T4127 120th ed. (Jan 2025), Table 8.1 / 8.2 (2025 values via T4127 122nd ed. Table 8.22)",
  brackets: [
    { from: "0", rate: "0.15", constant: "0" },
    { from: "57,375", rate: "0.205", constant: "3,156" },
    { from: "114,750", rate: "0.26", constant: "9,467" },
    { from: "177,882", rate: "0.29", constant: "14,803" },
    { from: "253,414", rate: "0.33", constant: "24,940" },
  ],
  lowestRate: "0.15",
  bpaf: { max: "16,129", min: "14,538", phaseStart: "177,882", phaseEnd: "253,414" },
  cea: "1,471",
  quebecAbatement: "0.165",
  smallBonus: { threshold: "5,000", rate: "0.15", quebecRate: "0.10" },
};

/**
 * T4127 121st ed. (Jul 2025), pay dates 2025-07-01 … 2025-12-31: the rate cut to 14.5% for 2025 is withheld as a
 * prorated 14% for the second half ("What's new", T4127 122nd ed. p. 6: "Effective July 2025, a prorated tax rate
 * of 14% was used"); the lowest rate is also the credit rate of K1, K2, K4.
 */
export const FEDERAL_2025_JUL: FederalTable = {
  ...FEDERAL_2025_JAN,
  source: "CRA T4127 121st ed. (Jul 2025), Table 8.1 / 8.2 (prorated 14%; 2025 values via T4127 122nd ed. p. 6, Table 8.22)",
  brackets: [
    { from: "0", rate: "0.14", constant: "0" },
    { from: "57,375", rate: "0.205", constant: "3,729" },
    { from: "114,750", rate: "0.26", constant: "10,041" },
    { from: "177,882", rate: "0.29", constant: "15,377" },
    { from: "253,414", rate: "0.33", constant: "25,514" },
  ],
  lowestRate: "0.14",
};
