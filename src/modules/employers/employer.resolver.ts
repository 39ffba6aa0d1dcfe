import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import type { Context } from "../../context";
import { Engagement } from "../engagements/engagement.type";
import { EmployerEntity, EmployerRegistration, toEmployerEntity, toEmployerRegistration } from "./employer.type";
import { EmployerService } from "./employer.service";
import { employerEntityById, registrationsByEmployerEntityId } from "./employer.loaders";

@Resolver(() => EmployerEntity)
export class EmployerEntityResolver {
  @MaxItems(LIST_LIMITS.employerEntities)
  @Query(() => [EmployerEntity], { description: "The EOR's legal entities, one per country (US, CA): at most 2. Any authenticated caller; no scope needed." })
  employerEntities(@Ctx() ctx: Context) {
    return new EmployerService(ctx).list();
  }

  @MaxItems(LIST_LIMITS.subdivisions)
  @FieldResolver(() => [EmployerRegistration], { description: "State and provincial tax registrations, by jurisdiction: at most 64 (one per supported subdivision)." })
  async registrations(@Root() entity: EmployerEntity, @Ctx() ctx: Context) {
    const rows = await ctx.loaders.get(registrationsByEmployerEntityId).load(entity.dbId);
    return rows.slice(0, LIST_LIMITS.subdivisions).map(toEmployerRegistration);
  }
}

@Resolver(() => Engagement)
export class EngagementEmployerResolver {
  @FieldResolver(() => EmployerEntity, {
    description: "The legal employer entity of the engagement: the EOR's entity in the work country (under PEO, the EOR's co-employing entity).",
  })
  async employerEntity(@Root() engagement: Engagement, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(employerEntityById).load(engagement.row.employerEntityId);
    return row && toEmployerEntity(row);
  }
}
