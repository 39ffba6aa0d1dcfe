/** New Jersey: worker contributions to Temporary Disability, Family Leave and Unemployment Insurance (tables/state-programs.ts). */
import { NJ_FLI, NJ_TDI, NJ_UI } from "../tables/state-programs";
import { flatRateProgram } from "./flat-rate";

export const newJerseyTdi = flatRateProgram(
  { state: "NJ", code: "US_NJ_TDI_EE", kind: "EMPLOYEE_TAX", name: "New Jersey Temporary Disability Insurance, worker contribution" },
  NJ_TDI,
);

export const newJerseyFli = flatRateProgram({ state: "NJ", code: "US_NJ_FLI_EE", kind: "EMPLOYEE_TAX", name: "New Jersey Family Leave Insurance, worker contribution" }, NJ_FLI);

export const newJerseyUi = flatRateProgram({ state: "NJ", code: "US_NJ_UI_EE", kind: "EMPLOYEE_TAX", name: "New Jersey unemployment insurance, worker contribution" }, NJ_UI);
