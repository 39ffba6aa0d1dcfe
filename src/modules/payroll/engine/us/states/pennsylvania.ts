/**
 * Pennsylvania: PIT 3.07% flat on all compensation (regular + supplemental, REV-415), and the UC employee
 * contribution 0.07% of total gross wages with no cap (PA DLI), each rounded half-up to the cent.
 *
 * Local Earned Income Tax (Act 32) and Local Services Tax: NOT computed and NOT a blocker. They are levied by the
 * ~2,500 political subdivisions and collected through Tax Collection Districts, at the higher of the employee's
 * resident rate and the work location's non-resident rate; computing them needs both PSD codes, which the engine
 * input does not carry. A blocker here would stop every Pennsylvania payroll on data the engine cannot be given
 * today; instead the US_PA_SIT line says, on the statement itself, that local EIT/LST are excluded, so the omission
 * is visible rather than silent. (When PSD codes reach the input, add US_PA_EIT_EE / US_PA_LST_EE.)
 */
import { type Computed, type UsPayContext, employeeTax } from "../context";
import { applyRate, formatUsd } from "../money";
import { PA } from "../tables/pa-withholding";
import type { UsStateModule } from "./state-module";

export function computePennsylvania(ctx: UsPayContext): Computed {
  const edition = PA[ctx.taxYear];
  const pitWages = ctx.taxable.stateIncome.regular + ctx.taxable.stateIncome.supplemental;
  const pit = applyRate(pitWages, edition.incomeTaxRate);
  const lines = [employeeTax("US_PA_SIT", `Pennsylvania personal income tax 3.07% on ${formatUsd(pitWages)} (PA DOR REV-415); local EIT/LST (Act 32) not included`, pit, pitWages)];
  const uc = applyRate(ctx.taxable.statePrograms, edition.ucEmployeeRate);
  if (uc > 0n) {
    lines.push(
      employeeTax("US_PA_UC_EE", `Pennsylvania UC employee contribution 0.07% on ${formatUsd(ctx.taxable.statePrograms)}, no wage limit (PA DLI)`, uc, ctx.taxable.statePrograms),
    );
  }
  return { lines, blockers: [] };
}

export const pennsylvania: UsStateModule = {
  state: "PA",
  compute: computePennsylvania,
  coverage: [
    {
      jurisdiction: "US-PA",
      status: "PARTIAL",
      taxYears: Object.keys(PA).map(Number),
      lineCodes: [
        { code: "US_PA_SIT", kind: "EMPLOYEE_TAX", where: "US-PA", meaning: "Pennsylvania personal income tax" },
        { code: "US_PA_UC_EE", kind: "EMPLOYEE_TAX", where: "US-PA", meaning: "Pennsylvania unemployment compensation, employee share" },
      ],
      sources: Object.values(PA).map((e) => e.citation),
      note: "PIT 3.07% and the UC employee share are computed; local Earned Income Tax and Local Services Tax (Act 32) are not.",
    },
  ],
};
