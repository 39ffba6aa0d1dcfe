import type { EiTable, QpipTable } from "../types";

/**
 * Employment Insurance 2026. CRA T4127 122nd ed. (Jan 2026), Table 8.7; formulas Ch. 7.
 * Outside Quebec: maximum insurable earnings 68,900, employee rate 1.63%, maximum premium 1,123.07
 * (employer 1.4 × = 2.282%, maximum 1,572.30).
 */
export const EI_2026: EiTable = {
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.7, Ch. 7",
  maxInsurableEarnings: "68,900",
  rate: "0.0163",
  maxPremium: "1,123.07",
  employerMultiplier: "1.4",
};

/** Quebec (reduced rate because of QPIP): 1.30%, maximum 895.70 (employer 1.820%, maximum 1,253.98). Table 8.7. */
export const EI_QUEBEC_2026: EiTable = {
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.7 (Quebec), Ch. 7",
  maxInsurableEarnings: "68,900",
  rate: "0.0130",
  maxPremium: "895.70",
  employerMultiplier: "1.4",
};

/**
 * Quebec Parental Insurance Plan 2026, T4127 122nd ed. Table 8.8: maximum insurable earnings 103,000;
 * employee 0.430% (maximum 442.90), employer 0.602% (maximum 620.06).
 */
export const QPIP_2026: QpipTable = {
  source: "CRA T4127 122nd ed. (Jan 2026), Table 8.8",
  maxInsurableEarnings: "103,000",
  employeeRate: "0.00430",
  employerRate: "0.00602",
  maxEmployeePremium: "442.90",
  maxEmployerPremium: "620.06",
};
