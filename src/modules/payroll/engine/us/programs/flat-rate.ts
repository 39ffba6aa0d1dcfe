/**
 * The shape most state programs share: a rate on the period's program wages (ctx.taxable.statePrograms) up to an
 * annual wage base per employer, year to date keyed by the line code (`stateYtd`), rounded half-up to the cent once.
 * A year without an edition is a MISSING_TAX_TABLE blocker naming the program; a zero amount is no line.
 */
import type { LineCodeDoc } from "../../line-codes";
import { type Computed, type UsPayContext, employeeTax, employerTax, stateYtd } from "../context";
import { applyRate, divideHalfUp, formatUsd, max0, minBig } from "../money";
import type { StateProgramEditions, WeeklyCappedEdition } from "../tables/state-programs";
import type { UsProgramModule } from "./program-module";

export interface ProgramSpec {
  readonly state: string;
  readonly code: string;
  readonly kind: "EMPLOYEE_TAX" | "EMPLOYER_TAX";
  /** Shown on the line and in blockers, e.g. "New Jersey Family Leave Insurance". */
  readonly name: string;
}

const missing = (spec: ProgramSpec, taxYear: number): Computed => ({
  lines: [],
  blockers: [
    {
      code: "MISSING_TAX_TABLE",
      message: `${spec.name} (${spec.code}) for ${taxYear} is not computed: its rate and wage base for that year are not sourced in this engine.`,
    },
  ],
});

const lineDoc = (spec: ProgramSpec): LineCodeDoc => ({ code: spec.code, kind: spec.kind, where: `US-${spec.state}`, meaning: spec.name });

export function flatRateProgram(spec: ProgramSpec, editions: StateProgramEditions): UsProgramModule {
  return {
    state: spec.state,
    lineCodes: [lineDoc(spec)],
    sources: Object.values(editions).map((e) => e.citation),
    compute(ctx: UsPayContext): Computed {
      const edition = editions[ctx.taxYear];
      if (!edition) return missing(spec, ctx.taxYear);
      const wages = ctx.taxable.statePrograms;
      const taxable = edition.wageBase === null ? wages : minBig(wages, max0(edition.wageBase - stateYtd(ctx, spec.code)));
      const amount = applyRate(taxable, edition.rate);
      if (amount === 0n) return { lines: [], blockers: [] };
      const description = `${spec.name} on ${formatUsd(taxable)} (${edition.citation})`;
      const line = spec.kind === "EMPLOYEE_TAX" ? employeeTax(spec.code, description, amount, taxable) : employerTax(spec.code, description, amount, taxable);
      return { lines: [line], blockers: [] };
    },
  };
}

/**
 * A rate on the period's wages capped at a weekly maximum: the period's cap is the weekly maximum × 52 / periods per
 * year, rounded half-up to the cent (weekly $0.60 → biweekly $1.20, semimonthly $1.30, monthly $2.60: 12 NYCRR §362.2).
 */
export function weeklyCappedProgram(spec: ProgramSpec, editions: Readonly<Record<number, WeeklyCappedEdition>>): UsProgramModule {
  return {
    state: spec.state,
    lineCodes: [lineDoc(spec)],
    sources: Object.values(editions).map((e) => e.citation),
    compute(ctx: UsPayContext): Computed {
      const edition = editions[ctx.taxYear];
      if (!edition) return missing(spec, ctx.taxYear);
      const wages = ctx.taxable.statePrograms;
      const periodMaximum = divideHalfUp(edition.weeklyMaximum * 52n, ctx.periodsPerYear);
      const amount = minBig(applyRate(wages, edition.rate), periodMaximum);
      if (amount === 0n) return { lines: [], blockers: [] };
      const capped = amount === periodMaximum ? `, capped at ${formatUsd(periodMaximum)} for the period` : "";
      const description = `${spec.name} on ${formatUsd(wages)}${capped} (${edition.citation})`;
      return { lines: [employeeTax(spec.code, description, amount, wages)], blockers: [] };
    },
  };
}
