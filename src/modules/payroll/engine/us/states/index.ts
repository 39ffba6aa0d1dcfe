/**
 * State dispatch. Computed: the nine states without a wage income tax (AK, FL, NV, NH, SD, TN, TX, WA, WY; with
 * Washington Paid Leave and Alaska employee UI), California, Illinois, Pennsylvania. Every other state (and DC or
 * a territory) is an UNSUPPORTED_TAX_JURISDICTION blocker naming it: no state line is ever a silent zero.
 */
import type { Computed, UsPayContext } from "../context";
import { NO_WAGE_INCOME_TAX_STATES } from "../tables/no-income-tax-states";
import { computeAlaska } from "./alaska";
import { computeCalifornia } from "./california";
import { computeIllinois } from "./illinois";
import { computePennsylvania } from "./pennsylvania";
import { computeWashington } from "./washington";

const COMPUTED_STATES: Readonly<Record<string, (ctx: UsPayContext) => Computed>> = {
  AK: computeAlaska,
  CA: computeCalifornia,
  IL: computeIllinois,
  PA: computePennsylvania,
  WA: computeWashington,
};

export const SUPPORTED_US_STATES: readonly string[] = [...new Set([...NO_WAGE_INCOME_TAX_STATES, ...Object.keys(COMPUTED_STATES)])].sort();

export function computeState(ctx: UsPayContext): Computed {
  const compute = COMPUTED_STATES[ctx.state];
  if (compute) return compute(ctx);
  if (NO_WAGE_INCOME_TAX_STATES.has(ctx.state)) return { lines: [], blockers: [] };
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
