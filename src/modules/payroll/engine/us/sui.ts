/**
 * Employer state unemployment insurance (SUI), one line `US_<ST>_SUI_ER` per work state: the registration's rate for
 * the pay date's year (`input.employerRates.suiRate`, percent) on the period's FUTA wages (wages less §125/HSA, the
 * base most states' UI wage definitions follow) up to the wage base (the registration's `suiWageBase`, else the
 * state's published base in tables/sui.ts), year to date `yearToDate.stateWages.US_<ST>_SUI_ER`, else the FUTA wages.
 * Rounded half-up to the cent once.
 *
 * `input.employerRates` absent (a paycheck estimate, which knows no employer): no SUI line — SUI never changes net
 * pay. Present without `suiRate` (a run whose registration has no rate for the year, or no registration): the
 * MISSING_EMPLOYER_RATE blocker. A rate or base that is not a number: INVALID_INPUT.
 */
import type { Blocker } from "../types";
import { type Computed, type UsPayContext, employerTax } from "./context";
import { applyRate, formatUsd, max0, minBig, pct } from "./money";
import { SUI_WAGE_BASES } from "./tables/sui";

export const suiLineCode = (state: string): string => `US_${state}_SUI_ER`;

/** Percent with at most 4 decimals, below 100 (a SUI rate is at most a few tens of percent). */
const RATE = /^\d{1,2}(\.\d{1,4})?$/;

export function computeSui(ctx: UsPayContext): Computed {
  const rates = ctx.input.employerRates;
  if (rates === undefined) return { lines: [], blockers: [] };
  const where = `US-${ctx.state} for ${ctx.taxYear}`;
  const block = (blocker: Blocker): Computed => ({ lines: [], blockers: [blocker] });
  if (rates.suiRate === undefined) {
    return block({
      code: "MISSING_EMPLOYER_RATE",
      message: `No state unemployment insurance rate for the employer's registration in ${where} for the pay date's year (or the employer entity is not registered there): register the entity with the state agency, then set the rate with setEmployerSuiRate.`,
    });
  }
  if (typeof rates.suiRate !== "string" || !RATE.test(rates.suiRate)) {
    return block({ code: "INVALID_INPUT", message: `employerRates.suiRate must be a percentage such as "3.4", got ${JSON.stringify(rates.suiRate)}.` });
  }
  let wageBase: bigint;
  let baseSource: string;
  if (rates.suiWageBase !== undefined) {
    if (!Number.isSafeInteger(rates.suiWageBase) || rates.suiWageBase <= 0) {
      return block({ code: "INVALID_INPUT", message: `employerRates.suiWageBase must be a positive integer number of cents, got ${JSON.stringify(rates.suiWageBase)}.` });
    }
    wageBase = BigInt(rates.suiWageBase);
    baseSource = "the registration's wage base";
  } else {
    const published = SUI_WAGE_BASES[ctx.taxYear]?.[ctx.state];
    if (!published) {
      return block({
        code: "MISSING_TAX_TABLE",
        message: `No published state unemployment wage base is loaded for ${where} and the registration gives none: set the wage base with setEmployerSuiRate.`,
      });
    }
    wageBase = published.wageBase;
    baseSource = published.citation;
  }
  const code = suiLineCode(ctx.state);
  const ytd = ctx.ytd.stateWages[code] ?? ctx.ytd.futaWages;
  const taxable = minBig(ctx.taxable.futa, max0(wageBase - ytd));
  const amount = applyRate(taxable, pct(rates.suiRate));
  const description =
    `US-${ctx.state} state unemployment insurance, employer ${rates.suiRate}% on ${formatUsd(taxable)} ` +
    `(wage base ${formatUsd(wageBase)}: ${baseSource}; rate: the employer's registration for ${ctx.taxYear})`;
  return { lines: amount > 0n ? [employerTax(code, description, amount, taxable)] : [], blockers: [] };
}
