/**
 * The United States gross-to-net engine (see calculate-us-paycheck.ts for the line codes, blockers and rounding,
 * and tables/ for every parameter with its source).
 */
export { calculateUsPaycheck, SUPPORTED_TAX_YEARS } from "./calculate-us-paycheck";
export { SUPPORTED_US_STATES } from "./states";
