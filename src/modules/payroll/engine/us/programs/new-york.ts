/** New York: Disability Benefits (SDI) and Paid Family Leave, both withheld from the employee (tables/state-programs.ts). */
import { NY_PFL, NY_SDI } from "../tables/state-programs";
import { flatRateProgram, weeklyCappedProgram } from "./flat-rate";

export const newYorkSdi = weeklyCappedProgram(
  { state: "NY", code: "US_NY_SDI_EE", kind: "EMPLOYEE_TAX", name: "New York disability benefits (SDI) employee contribution" },
  NY_SDI,
);

export const newYorkPfl = flatRateProgram({ state: "NY", code: "US_NY_PFL_EE", kind: "EMPLOYEE_TAX", name: "New York Paid Family Leave employee contribution" }, NY_PFL);
