import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { toPayloadFields } from "../../shared/command-result";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import type { Context } from "../../context";
import { Engagement } from "../engagements/engagement.type";
import { EmployerEntity, EmployerRegistration, EmployerSuiRate, toEmployerEntity, toEmployerRegistration, toEmployerSuiRate } from "./employer.type";
import { EmployerService } from "./employer.service";
import { employerEntityById, registrationsByEmployerEntityId, suiRatesByRegistrationId } from "./employer.loaders";
import { SetEmployerSuiRateInput } from "./employer-sui-rate.input";
import { SetEmployerSuiRatePayload } from "./employer-sui-rate.payload";

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

  @Mutation(() => SetEmployerSuiRatePayload, {
    description:
      "Sets the state unemployment insurance (SUI) rate of the US employer entity's registration in a state for a calendar year (and the wage base when the state's notice gives one), replacing that year's rate if set; other years are kept. Runs calculated afterwards charge it (`US_<ST>_SUI_ER`); a CALCULATED run is refused approval with INPUTS_CHANGED until recalculated. OPERATOR only, with `payroll:write`.",
  })
  async setEmployerSuiRate(
    @Arg("input", () => SetEmployerSuiRateInput, { description: "The registration, year, rate and wage base." }) input: SetEmployerSuiRateInput,
    @Ctx() ctx: Context,
  ) {
    return toPayloadFields(await new EmployerService(ctx).setSuiRate(input), { suiRate: null, registration: null });
  }
}

@Resolver(() => EmployerRegistration)
export class EmployerRegistrationResolver {
  @MaxItems(LIST_LIMITS.suiRateYears)
  @FieldResolver(() => [EmployerSuiRate], {
    description:
      "US registrations: the state unemployment insurance rates set for it (`setEmployerSuiRate`), newest year first, at most 5: the most recent years (older years are kept, not listed). Empty for Canadian registrations.",
  })
  async suiRates(@Root() registration: EmployerRegistration, @Ctx() ctx: Context) {
    const rows = await ctx.loaders.get(suiRatesByRegistrationId).load(registration.dbId);
    return rows.slice(0, LIST_LIMITS.suiRateYears).map((row) => toEmployerSuiRate(row, registration.jurisdiction));
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
