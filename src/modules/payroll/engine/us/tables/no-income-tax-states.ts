/**
 * The nine states that levy no personal income tax on wages, hence no state income tax withholding: Alaska,
 * Florida, Nevada, New Hampshire (taxed only interest and dividends, repealed from 2025), South Dakota, Tennessee
 * (Hall tax on investment income repealed 2021), Texas, Washington, Wyoming.
 * Source: each state's constitution/statutes as summarised in /work/shared/payroll-reference-2026.md §3
 * (HIGH). Employee-paid state programs that do exist in two of them are computed separately:
 * Washington Paid Leave (wa-paid-leave.ts) and Alaska unemployment insurance (ak-unemployment.ts).
 */
export const NO_WAGE_INCOME_TAX_STATES: ReadonlySet<string> = new Set(["AK", "FL", "NV", "NH", "SD", "TN", "TX", "WA", "WY"]);
