import type { QuebecTable } from "../types";

/**
 * Quebec 2026 — Revenu Québec, "Formules pour le calcul des retenues à la source et des cotisations",
 * TP-1015.F (2026-01) (English edition TP-1015.F-V, same numbers), read from the PDF (a copy is kept in the public
 * repository jipigi/camp-lilyso-payroll, docs/sources-officielles/2026/tp-1015-f-2026.pdf):
 * - p. 5 and p. 15 (section 2.1.1, Step 2): taxable income thresholds 54,345 / 108,680 / 132,245, rates 14 / 19 /
 *   24 / 25.75 %, constants K 0 / 2,717 / 8,151 / 10,465; Y = T × I − K − K1 − 0.14 × E − 0.15 × P × Q − 0.15 × P × Q1.
 * - p. 5 and p. 16: basic personal amount 18,952 (E1 for an employee who files no TP-1015.3).
 * - p. 6 and p. 13: deduction for workers H = 0.06 × D, at most 1,450 ÷ P.
 * - p. 6 and p. 17 (note of section 2.1.2): lump sums with annual salary + payment ≤ 18,952 → flat 7%.
 * - p. 8 and pp. 43–44 (section 5): Health Services Fund rates 1.65% (total payroll ≤ $1M) to 4.26% (≥ $7.8M),
 *   W = 1.2662 + 0.3838 × S for employers outside the primary, manufacturing and public sectors.
 * Labour standards contribution: Revenu Québec form LE-39.0.2 (2026-01), "Calcul de la cotisation relative aux
 * normes du travail", p. 2 lines 29 and 35: 0.06% of remuneration, at most 103,000 per employee.
 * CNESST maximum yearly insurable earnings: 103,000 — the LATMP s. 66 maximum, which is also the QPIP maximum
 * insurable earnings (TP-1015.F p. 7) and the LE-39.0.2 line 29 amount; the assessment rate is the employer's own.
 */
export const QUEBEC_2026: QuebecTable = {
  source: "Revenu Québec TP-1015.F (2026-01)",
  brackets: [
    { upTo: "54,345", rate: "0.14", K: "0" },
    { upTo: "108,680", rate: "0.19", K: "2,717" },
    { upTo: "132,245", rate: "0.24", K: "8,151" },
    { rate: "0.2575", K: "10,465" },
  ],
  personalCreditRate: "0.14",
  basicPersonalAmount: "18,952",
  labourFundCreditRate: "0.15",
  workerDeductionRate: "0.06",
  workerDeductionMax: "1,450",
  lumpSumFlat: { threshold: "18,952", rate: "0.07" },
  hsf: {
    maxRatePercent: "4.26",
    maxRatePayroll: "7,800,000",
    minRatePercent: "1.65",
    source: "Revenu Québec TP-1015.F (2026-01), p. 8 and section 5 (pp. 43–44)",
  },
  cnt: { rate: "0.0006", maxRemuneration: "103,000", source: "Revenu Québec LE-39.0.2 (2026-01), lines 29 and 35" },
  cnesst: { maxInsurableEarnings: "103,000", source: "LATMP s. 66 maximum yearly insurable earnings 2026 (= QPIP maximum, TP-1015.F (2026-01) p. 7)" },
};
