import type { PensionPlanTable } from "../types";

/**
 * Canada Pension Plan 2026 (employment outside Quebec).
 * CRA T4127 122nd ed. (Jan 2026), Tables 8.3–8.6, pp. 33–34; formulas Ch. 6, pp. 27–30.
 * YMPE 74,600; basic exemption 3,500 (per period = 3,500 / P truncated to the cent: weekly 67.30, biweekly 134.61,
 * semi-monthly 145.83, monthly 291.66); total rate 5.95% = base 4.95% + first additional 1.00%;
 * maximum 4,230.45 (= 71,100 × 5.95%), of which base 3,519.45 (= 71,100 × 4.95%);
 * CPP2: YAMPE 85,000, 4% on 74,600–85,000, maximum 416.00.
 */
export const CPP_2026: PensionPlanTable = {
  source: "CRA T4127 122nd ed. (Jan 2026), Tables 8.3–8.6, pp. 33–34",
  ympe: "74,600",
  basicExemption: "3,500",
  rate: "0.0595",
  baseRate: "0.0495",
  firstAdditionalRate: "0.0100",
  maxContribution: "4,230.45",
  maxBaseContribution: "3,519.45",
  yampe: "85,000",
  secondRate: "0.04",
  maxSecondContribution: "416.00",
};

/**
 * Quebec Pension Plan 2026 (employment in Quebec), as printed in T4127 122nd ed. Tables 8.3–8.6, pp. 33–34
 * (Revenu Québec sets the plan; T4127 reproduces it because QPP drives the federal K2Q and F5 factors).
 * Total rate 6.30% = base 5.30% + first additional 1.00%; maximum 4,479.30 (= 71,100 × 6.30%), base 3,768.30;
 * QPP2 4% up to 85,000, maximum 416.00.
 */
export const QPP_2026: PensionPlanTable = {
  source: "CRA T4127 122nd ed. (Jan 2026), Tables 8.3–8.6 (QPP), pp. 33–34",
  ympe: "74,600",
  basicExemption: "3,500",
  rate: "0.0630",
  baseRate: "0.0530",
  firstAdditionalRate: "0.0100",
  maxContribution: "4,479.30",
  maxBaseContribution: "3,768.30",
  yampe: "85,000",
  secondRate: "0.04",
  maxSecondContribution: "416.00",
};
