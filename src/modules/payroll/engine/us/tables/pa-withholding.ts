/**
 * Pennsylvania.
 *  - Personal income tax withholding: 3.07% flat on compensation, no withholding certificate, no allowances or
 *    exemptions; supplemental compensation is added to the period's compensation and taxed at the same rate
 *    (PA DOR REV-415 "Employer Withholding Information Guide"; 72 P.S. §7302). Confidence HIGH (reference §3).
 *  - Unemployment Compensation EMPLOYEE contribution: 0.07% of total gross wages, no wage limit, "2023 and
 *    thereafter" (PA Department of Labor & Industry, "Employee Withholding" page, UC Law §301.4). Confidence HIGH
 *    (official page read through the search corpus; the reference file had it LOW, year not confirmed).
 * Local Earned Income Tax (Act 32) and Local Services Tax are NOT here: they depend on the employee's home and
 * work political subdivisions (PSD codes), which the input does not carry (see states/pennsylvania.ts).
 */
import { pct, type Rate } from "../money";

export interface PaEdition {
  readonly taxYear: number;
  readonly citation: string;
  readonly incomeTaxRate: Rate;
  readonly ucEmployeeRate: Rate;
}

const edition = (taxYear: number): PaEdition => ({
  taxYear,
  citation: "PA DOR REV-415 (PIT 3.07%); PA DLI UC employee withholding 0.07% (2023 and thereafter)",
  incomeTaxRate: pct("3.07"),
  ucEmployeeRate: pct("0.07"),
});

export const PA: Readonly<Record<number, PaEdition>> = { 2025: edition(2025), 2026: edition(2026) };
