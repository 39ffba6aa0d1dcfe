/**
 * Paid family and medical leave and temporary disability programs of one line each (tables/state-programs.ts):
 * Massachusetts PFML, Colorado FAMLI, Rhode Island TDI, Connecticut Paid Leave and Hawaii TDI withheld from the
 * employee; District of Columbia Paid Family Leave paid by the employer.
 */
import { CO_FAMLI, CT_PAID_LEAVE, DC_PFL, HI_TDI, MA_PFML, RI_TDI } from "../tables/state-programs";
import { flatRateProgram, weeklyCappedProgram } from "./flat-rate";

export const massachusettsPfml = flatRateProgram(
  { state: "MA", code: "US_MA_PFML_EE", kind: "EMPLOYEE_TAX", name: "Massachusetts Paid Family and Medical Leave, employee share" },
  MA_PFML,
);

export const coloradoFamli = flatRateProgram({ state: "CO", code: "US_CO_FAMLI_EE", kind: "EMPLOYEE_TAX", name: "Colorado FAMLI premium, employee share" }, CO_FAMLI);

export const rhodeIslandTdi = flatRateProgram({ state: "RI", code: "US_RI_TDI_EE", kind: "EMPLOYEE_TAX", name: "Rhode Island Temporary Disability Insurance" }, RI_TDI);

export const connecticutPaidLeave = flatRateProgram({ state: "CT", code: "US_CT_PFML_EE", kind: "EMPLOYEE_TAX", name: "Connecticut Paid Leave contribution" }, CT_PAID_LEAVE);

export const districtOfColumbiaPfl = flatRateProgram(
  { state: "DC", code: "US_DC_PFL_ER", kind: "EMPLOYER_TAX", name: "District of Columbia Paid Family Leave, employer contribution" },
  DC_PFL,
);

export const hawaiiTdi = weeklyCappedProgram(
  { state: "HI", code: "US_HI_TDI_EE", kind: "EMPLOYEE_TAX", name: "Hawaii Temporary Disability Insurance, employee contribution" },
  HI_TDI,
);
