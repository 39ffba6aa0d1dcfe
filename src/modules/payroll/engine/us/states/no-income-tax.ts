/** The states without a wage income tax (tables/no-income-tax-states.ts): no income tax line; their programs still run. */
import type { UsStateModule } from "./state-module";

export function noWageIncomeTaxModule(state: string): UsStateModule {
  return {
    state,
    compute: () => ({ lines: [], blockers: [] }),
    coverage: [
      {
        jurisdiction: `US-${state}`,
        status: "COMPUTED",
        taxYears: [2025, 2026],
        lineCodes: [],
        sources: ["No personal income tax on wages (state constitution/statutes; shared payroll reference §3)"],
        note: "No state income tax on wages, so nothing is withheld for it; state programs with an employee share are computed.",
      },
    ],
  };
}
