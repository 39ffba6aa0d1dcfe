/**
 * State dispatch: the work state's income tax module (states/<state>.ts, with its locals and certificate), then its
 * employee-paid programs (../programs/). A state with a wage income tax and no module is an
 * UNSUPPORTED_TAX_JURISDICTION blocker naming it: no state line is ever a silent zero.
 *
 * To add a state: write states/<state>.ts exporting a `UsStateModule` (its tables in ../tables/, cited), add it to
 * US_STATE_MODULES below, and add its official worked examples to test/unit/engine-us-states-<state>.test.ts.
 */
import type { JurisdictionCoverage } from "../../coverage";
import type { LineCodeDoc } from "../../line-codes";
import type { Computed, UsPayContext } from "../context";
import { US_PROGRAM_MODULES } from "../programs";
import { suiLineCode } from "../sui";
import { NO_WAGE_INCOME_TAX_STATES } from "../tables/no-income-tax-states";
import { arizona } from "./arizona";
import { california } from "./california";
import { georgia } from "./georgia";
import { idaho } from "./idaho";
import { illinois } from "./illinois";
import { indiana } from "./indiana";
import { iowa } from "./iowa";
import { kentucky } from "./kentucky";
import { louisiana } from "./louisiana";
import { minnesota } from "./minnesota";
import { mississippi } from "./mississippi";
import { massachusetts } from "./massachusetts";
import { michigan } from "./michigan";
import { newJersey } from "./new-jersey";
import { newYork } from "./new-york";
import { noWageIncomeTaxModule } from "./no-income-tax";
import { northCarolina } from "./north-carolina";
import { pennsylvania } from "./pennsylvania";
import { virginia } from "./virginia";
import { newMexico } from "./new-mexico";
import { northDakota } from "./north-dakota";
import { oklahoma } from "./oklahoma";
import { rhodeIsland } from "./rhode-island";
import type { UsStateModule } from "./state-module";
import { utah } from "./utah";

export const US_STATE_MODULES: readonly UsStateModule[] = [
  ...[...NO_WAGE_INCOME_TAX_STATES].map(noWageIncomeTaxModule),
  california,
  illinois,
  pennsylvania,
  arizona,
  kentucky,
  minnesota,
  indiana,
  mississippi,
  newYork,
  newJersey,
  virginia,
  massachusetts,
  georgia,
  northCarolina,
  michigan,
  louisiana,
  utah,
  iowa,
  idaho,
  oklahoma,
  newMexico,
  northDakota,
  rhodeIsland,
];

const BY_STATE = new Map(US_STATE_MODULES.map((m) => [m.state, m]));

export const SUPPORTED_US_STATES: readonly string[] = [...BY_STATE.keys()].sort();

/** The employer SUI line of a supported state (us/sui.ts). */
const suiLineDoc = (state: string): LineCodeDoc => ({
  code: suiLineCode(state),
  kind: "EMPLOYER_TAX",
  where: `US-${state}`,
  meaning: "state unemployment insurance, employer (the registration's rate for the year, to the wage base)",
});

/** Every line code a state module, a state program of a supported state, or the state's SUI can emit (for the line-code table). */
export function usStateLineCodes(): LineCodeDoc[] {
  const seen = new Map<string, LineCodeDoc>();
  for (const m of US_STATE_MODULES) for (const c of m.coverage.flatMap((e) => e.lineCodes)) seen.set(c.code, c);
  for (const p of US_PROGRAM_MODULES) if (BY_STATE.has(p.state)) for (const c of p.lineCodes) seen.set(c.code, c);
  for (const state of SUPPORTED_US_STATES) seen.set(suiLineCode(state), suiLineDoc(state));
  return [...seen.values()];
}

/** The coverage entries of the supported states (programs' lines and sources merged into the state's entry). */
export function usStateCoverage(): JurisdictionCoverage[] {
  return US_STATE_MODULES.flatMap((m) =>
    m.coverage.map((entry) => {
      if (entry.jurisdiction !== `US-${m.state}`) return entry;
      const programs = US_PROGRAM_MODULES.filter((p) => p.state === m.state);
      return {
        ...entry,
        lineCodes: [...entry.lineCodes, ...programs.flatMap((p) => p.lineCodes), suiLineDoc(m.state)],
        sources: [...new Set([...entry.sources, ...programs.flatMap((p) => p.sources)])],
      };
    }),
  );
}

export function computeState(ctx: UsPayContext): Computed {
  const module = BY_STATE.get(ctx.state);
  if (!module) {
    return {
      lines: [],
      blockers: [
        {
          code: "UNSUPPORTED_TAX_JURISDICTION",
          message:
            `State withholding for US-${ctx.state} is not implemented: its income tax and employee payroll levies ` +
            "are not computed. " +
            `Supported: ${SUPPORTED_US_STATES.map((s) => `US-${s}`).join(", ")}.`,
        },
      ],
    };
  }
  const parts = [module.compute(ctx), ...US_PROGRAM_MODULES.filter((p) => p.state === ctx.state).map((p) => p.compute(ctx))];
  return { lines: parts.flatMap((p) => p.lines), blockers: parts.flatMap((p) => p.blockers) };
}
