/**
 * Social Security, Medicare, Additional Medicare (employee) and the employer's Social Security, Medicare and FUTA.
 * Each amount is (wages subject to it this period) × rate, rounded half-up to the cent (Pub 15 §9 figures the tax
 * on each payment; half-up is the customary and IRS-illustrated rounding of a half cent).
 *
 * Year-to-date bases are the employer's amounts paid BEFORE this paycheck, so crossing a base inside the period
 * taxes only the part below it (Social Security, FUTA) or above it (Additional Medicare).
 * Exemptions (`input.exemptions`): SOCIAL_SECURITY and MEDICARE remove both the employee and the employer share
 * (an exempt employment, e.g. a nonresident F-1 student, owes neither); MEDICARE also removes Additional Medicare;
 * FUTA removes the FUTA line. Canadian exemption codes are ignored here.
 */
import { type Computed, type UsPayContext, employeeTax, employerTax } from "./context";
import { applyRate, formatUsd, max0, minBig } from "./money";
import { FICA } from "./tables/fica";
import { FUTA } from "./tables/futa";

export function computeFica(ctx: UsPayContext): { employee: Computed; employer: Computed } {
  const fica = FICA[ctx.taxYear];
  const futa = FUTA[ctx.taxYear];
  const exempt = new Set(ctx.input.exemptions ?? []);
  const employee: Computed = { lines: [], blockers: [] };
  const employer: Computed = { lines: [], blockers: [] };

  if (!exempt.has("SOCIAL_SECURITY")) {
    const room = max0(fica.socialSecurityWageBase - ctx.ytd.socialSecurityWages);
    const taxable = minBig(ctx.taxable.socialSecurity, room);
    const base = `${formatUsd(taxable)} of wages to the ${formatUsd(fica.socialSecurityWageBase)} wage base ` + `(${fica.citation}; ${fica.wageBaseCitation})`;
    const ee = applyRate(taxable, fica.socialSecurityEmployee);
    const er = applyRate(taxable, fica.socialSecurityEmployer);
    employee.lines.push(employeeTax("US_SS_EE", `Social Security 6.2% on ${base}`, ee, taxable));
    employer.lines.push(employerTax("US_SS_ER", `Employer Social Security 6.2% on ${base}`, er, taxable));
  }

  if (!exempt.has("MEDICARE")) {
    const medicareWages = ctx.taxable.medicare;
    const base = `${formatUsd(medicareWages)} (${fica.citation})`;
    employee.lines.push(employeeTax("US_MEDICARE_EE", `Medicare 1.45% on ${base}`, applyRate(medicareWages, fica.medicareEmployee), medicareWages));
    employer.lines.push(employerTax("US_MEDICARE_ER", `Employer Medicare 1.45% on ${base}`, applyRate(medicareWages, fica.medicareEmployer), medicareWages));
    const threshold = fica.additionalMedicareThreshold;
    const over = max0(ctx.ytd.medicareWages + medicareWages - threshold) - max0(ctx.ytd.medicareWages - threshold);
    const excess = minBig(medicareWages, over);
    const description = `Additional Medicare 0.9% on ${formatUsd(excess)} of year-to-date Medicare wages above ` + `${formatUsd(threshold)} (${fica.citation})`;
    employee.lines.push(employeeTax("US_ADDL_MEDICARE_EE", description, applyRate(excess, fica.additionalMedicareEmployee), excess));
  }

  if (!exempt.has("FUTA")) {
    const taxable = minBig(ctx.taxable.futa, max0(futa.wageBase - ctx.ytd.futaWages));
    const description =
      `FUTA 0.6% net (6.0% less 5.4% state credit) on ${formatUsd(taxable)} of the first ${formatUsd(futa.wageBase)} ` + `(${futa.citation}); credit reduction not included`;
    employer.lines.push(employerTax("US_FUTA_ER", description, applyRate(taxable, futa.netRate), taxable));
  }
  return { employee, employer };
}
