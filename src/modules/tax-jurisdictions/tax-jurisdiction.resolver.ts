import { Query, Resolver } from "type-graphql";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { TaxJurisdictionCoverage } from "./tax-jurisdiction.type";
import { TaxJurisdictionService } from "./tax-jurisdiction.service";

@Resolver()
export class TaxJurisdictionResolver {
  @MaxItems(LIST_LIMITS.taxJurisdictions)
  @Query(() => [TaxJurisdictionCoverage], {
    description: `What the payroll engine computes in each jurisdiction: the 51 US states and DC, the 13 Canadian provinces and territories, and the localities whose tax a state makes employers withhold, sorted by code. A jurisdiction marked UNSUPPORTED is a blocker on a hire's statements there. At most ${LIST_LIMITS.taxJurisdictions} entries. Any authenticated caller (public reference data; no scope needed).`,
  })
  taxJurisdictions() {
    return new TaxJurisdictionService().list();
  }
}
