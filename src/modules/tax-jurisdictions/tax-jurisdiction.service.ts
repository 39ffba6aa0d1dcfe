import { taxJurisdictionCoverage } from "../payroll/engine/tax-jurisdictions";
import { toTaxJurisdictionCoverage, type TaxJurisdictionCoverage } from "./tax-jurisdiction.type";

/**
 * `taxJurisdictions`: the engine's coverage table (engine/tax-jurisdictions.ts). Reference data about the product,
 * not about any client, so any authenticated caller reads it (an integrator shows it before a hire, when the
 * caller may hold no payroll scope yet). Computed once per process: the table is code, not data.
 */
let table: TaxJurisdictionCoverage[] | null = null;

export class TaxJurisdictionService {
  /** No scope check: every operation is authenticated before it reaches a resolver, and no scope is needed here. */
  list(): TaxJurisdictionCoverage[] {
    table ??= taxJurisdictionCoverage().map(toTaxJurisdictionCoverage);
    return table;
  }
}
