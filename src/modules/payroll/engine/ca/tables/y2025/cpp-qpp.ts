import type { PensionPlanTable } from "../types";

/**
 * CPP 2025 (whole year). CRA T4127 122nd ed. (Jan 2026), Tables 8.24–8.27 (2025 CPP/QPP reprinted), as transcribed
 * in the project's payroll reference §4.1: YMPE 71,300, exemption 3,500, 5.95% (4.95% base + 1.00%),
 * maximum 4,034.10 (= 67,800 × 5.95%), base 3,356.10 (= 67,800 × 4.95%); YAMPE 81,200, CPP2 4%, maximum 396.00.
 */
export const CPP_2025: PensionPlanTable = {
  source: "CRA T4127 122nd ed. (Jan 2026), Tables 8.24–8.27 (2025 CPP)",
  ympe: "71,300",
  basicExemption: "3,500",
  rate: "0.0595",
  baseRate: "0.0495",
  firstAdditionalRate: "0.0100",
  maxContribution: "4,034.10",
  maxBaseContribution: "3,356.10",
  yampe: "81,200",
  secondRate: "0.04",
  maxSecondContribution: "396.00",
};

/**
 * QPP 2025: 6.40% (5.40% base + 1.00%), maximum 4,339.20 (= 67,800 × 6.40%), base 3,661.20 (= 67,800 × 5.40%);
 * QPP2 4% up to 81,200, maximum 396.00. Same source as CPP_2025.
 */
export const QPP_2025: PensionPlanTable = {
  source: "CRA T4127 122nd ed. (Jan 2026), Tables 8.24–8.27 (2025 QPP)",
  ympe: "71,300",
  basicExemption: "3,500",
  rate: "0.0640",
  baseRate: "0.0540",
  firstAdditionalRate: "0.0100",
  maxContribution: "4,339.20",
  maxBaseContribution: "3,661.20",
  yampe: "81,200",
  secondRate: "0.04",
  maxSecondContribution: "396.00",
};
