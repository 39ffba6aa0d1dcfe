import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import type { Context } from "../../context";
import { Engagement } from "../engagements/engagement.type";
import { ResponsibilitiesArgs } from "./msa.input";
import { MsaQueryService } from "./msa-query.service";
import { Responsibility } from "./responsibility.type";

/** "The MSA as data": the `responsibilities` field this module contributes to the `Engagement` type. */
@Resolver(() => Engagement)
export class EngagementResponsibilityResolver {
  @MaxItems(LIST_LIMITS.responsibilityCategories)
  @FieldResolver(() => [Responsibility], {
    nullable: true,
    description:
      "At most 13 (one per category). " +
      "Who holds each employer responsibility for this engagement's work jurisdiction under the client's ACTIVE MSA, one entry per category (or only `category`). " +
      "Rule: the most specific applicable clause wins — one naming the subdivision (`US-CA`) over one naming the country (`US`) over one for every jurisdiction. " +
      "Among equally specific clauses of a category, the clause added last wins; the losing ones that name a different party are listed in `conflictingClauses`. " +
      "`responsibleParty` is null when no clause applies or the client has no ACTIVE MSA. Needs `msa:read` (null with a FORBIDDEN error otherwise).",
  })
  responsibilities(@Root() engagement: Engagement, @Args(() => ResponsibilitiesArgs) args: ResponsibilitiesArgs, @Ctx() ctx: Context) {
    return new MsaQueryService(ctx).responsibilitiesOf(engagement, args.category);
  }
}
