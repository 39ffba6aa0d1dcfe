/**
 * Canadian gross-to-net engine (CRA T4127 Payroll Deductions Formulas, Option 1). See README.md in this folder
 * for coverage, sources and decisions.
 */
export { calculateCaPaycheck } from "./calculate-ca-paycheck";
export { computeT4127 } from "./t4127";
export type { T4127Input, T4127Result } from "./t4127";
export { editionFor } from "./editions";
export { computeTp1015 } from "./tp1015";
export { CA_CERTIFICATE_FORMS } from "./certificates";
export { CA_COVERAGE } from "./coverage";
