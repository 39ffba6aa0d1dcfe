/**
 * Employee-paid (and employer-paid) state programs other than income tax: paid family and medical leave, temporary
 * disability insurance, the employee share of state unemployment. Computed for the work state after its income tax.
 */
import type { LineCodeDoc } from "../../line-codes";
import type { Computed, UsPayContext } from "../context";

export interface UsProgramModule {
  /** USPS code, e.g. `NJ`. */
  readonly state: string;
  readonly compute: (ctx: UsPayContext) => Computed;
  /** The lines it can produce (merged into the state's coverage entry and the line-code table). */
  readonly lineCodes: readonly LineCodeDoc[];
  /** Publication, edition and page of its rates and wage bases. */
  readonly sources: readonly string[];
}
