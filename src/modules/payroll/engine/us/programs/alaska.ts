/**
 * Alaska: no income tax; unemployment insurance employee contribution on wages up to the taxable wage base (year to
 * date: `yearToDate.stateWages.US_AK_SUI_EE`, else Social Security wages), rounded half-up to the cent.
 * A year whose rate is not sourced is a MISSING_TAX_TABLE blocker.
 */
import { type Computed, type UsPayContext, employeeTax, stateYtd } from "../context";
import { applyRate, formatUsd, max0, minBig } from "../money";
import { AK_UNEMPLOYMENT } from "../tables/ak-unemployment";
import type { UsProgramModule } from "./program-module";

export const AK_SUI_EE = "US_AK_SUI_EE";

export function computeAlaska(ctx: UsPayContext): Computed {
  const edition = AK_UNEMPLOYMENT[ctx.taxYear];
  if (!edition) {
    return {
      lines: [],
      blockers: [
        {
          code: "MISSING_TAX_TABLE",
          message:
            `Alaska unemployment insurance employee contribution (AS 23.20.290) for ${ctx.taxYear} is not computed: ` +
            "the employee rate and taxable wage base for that year are not sourced in this engine.",
        },
      ],
    };
  }
  const taxable = minBig(ctx.taxable.statePrograms, max0(edition.wageBase - stateYtd(ctx, AK_SUI_EE)));
  const amount = applyRate(taxable, edition.employeeRate);
  const description = `Alaska unemployment insurance employee contribution on ${formatUsd(taxable)} (${edition.citation})`;
  return { lines: amount > 0n ? [employeeTax(AK_SUI_EE, description, amount, taxable)] : [], blockers: [] };
}

export const alaskaUnemployment: UsProgramModule = {
  state: "AK",
  compute: computeAlaska,
  lineCodes: [{ code: AK_SUI_EE, kind: "EMPLOYEE_TAX", where: "US-AK", meaning: "Alaska unemployment insurance, employee share" }],
  sources: Object.values(AK_UNEMPLOYMENT).map((e) => e.citation),
};
