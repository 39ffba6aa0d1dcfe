import type { EiTable, QpipTable } from "../types";

/**
 * EI and QPIP 2025 (whole year), as transcribed in the project's payroll reference §4.2 from T4127 (2025 columns):
 * EI outside Quebec: MIE 65,700, 1.64%, maximum 1,077.48 (employer 2.296%, maximum 1,508.47);
 * EI Quebec: 1.31%, maximum 860.67 (employer 1.834%, maximum 1,204.94);
 * QPIP: MIE 98,000, employee 0.494% (maximum 484.12), employer 0.692% (maximum 678.16).
 */
export const EI_2025: EiTable = {
  source: "CRA T4127 (2025), Table 8.7 (2025 EI)",
  maxInsurableEarnings: "65,700",
  rate: "0.0164",
  maxPremium: "1,077.48",
  employerMultiplier: "1.4",
};

export const EI_QUEBEC_2025: EiTable = {
  source: "CRA T4127 (2025), Table 8.7 (2025 EI, Quebec)",
  maxInsurableEarnings: "65,700",
  rate: "0.0131",
  maxPremium: "860.67",
  employerMultiplier: "1.4",
};

export const QPIP_2025: QpipTable = {
  source: "CRA T4127 (2025), Table 8.8 (2025 QPIP)",
  maxInsurableEarnings: "98,000",
  employeeRate: "0.00494",
  employerRate: "0.00692",
  maxEmployeePremium: "484.12",
  maxEmployerPremium: "678.16",
};
