import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { connectionNodeSelection } from "../../shared/selection";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import type { Context } from "../../context";
import { ConnectionArgs } from "../../shared/pagination";
import { Client, toClient } from "../clients/client.type";
import { clientById } from "../clients/client.loaders";
import { Worker, toWorker } from "../workers/worker.type";
import { workerById } from "../workers/worker.loaders";
import { Engagement, EngagementConnection, toEngagement } from "./engagement.type";
import { Compensation, toCompensation, type CompensationRow } from "./compensation.type";
import type { ClientRow } from "../clients/client.repository";
import { ChangeCompensationInput, ClientEngagementsArgs, EndEngagementInput, EngagementsArgs, HireWorkerInput, UpdateEngagementInput } from "./engagement.input";
import { ChangeCompensationPayload, EndEngagementPayload, HireWorkerPayload, UpdateEngagementPayload } from "./engagement.payload";
import { toPayload, toPayloadFields } from "../../shared/command-result";
import { EngagementCommandService } from "./engagement-command.service";
import { EngagementQueryService } from "./engagement-query.service";
import { compensationsByEngagementId, currentCompensationByEngagementId, engagementById } from "./engagement.loaders";

@Resolver(() => Engagement)
export class EngagementResolver {
  @Query(() => EngagementConnection, { description: "Engagements of the clients the caller may act for. Needs `workers:read`." })
  engagements(@Args(() => EngagementsArgs) args: EngagementsArgs, @Ctx() ctx: Context) {
    return new EngagementQueryService(ctx).list(args);
  }

  @Mutation(() => HireWorkerPayload, {
    description: "Hires a worker: creates an engagement and its first compensation in one transaction, under the EOR's employer entity of the work country. Needs `workers:write`.",
  })
  async hireWorker(@Arg("input", () => HireWorkerInput, { description: "The hire." }) input: HireWorkerInput, @Ctx() ctx: Context) {
    return toPayload("engagement", await new EngagementCommandService(ctx).hire(input));
  }

  @Mutation(() => UpdateEngagementPayload, {
    description:
      "Changes an engagement's title, externalId or pay schedule, guarded by `expectedVersion`; records an `engagement.updated` event. The pay schedule cannot change while a payroll run paying the engagement is in flight (`PAYROLL_RUN_IN_PROGRESS`). Needs `workers:write`.",
  })
  async updateEngagement(@Arg("input", () => UpdateEngagementInput, { description: "The changes." }) input: UpdateEngagementInput, @Ctx() ctx: Context) {
    return toPayload("engagement", await new EngagementCommandService(ctx).update(input));
  }

  @Mutation(() => ChangeCompensationPayload, {
    description: "Records an effective-dated compensation change (one per date, within the engagement's dates). Needs `workers:write`.",
  })
  async changeCompensation(@Arg("input", () => ChangeCompensationInput, { description: "The change." }) input: ChangeCompensationInput, @Ctx() ctx: Context) {
    return toPayloadFields(await new EngagementCommandService(ctx).changeCompensation(input), { compensation: null, engagement: null });
  }

  @Mutation(() => EndEngagementPayload, {
    description: "Terminates an engagement: sets its last day and the status ENDED (final). Needs `workers:write`.",
  })
  async endEngagement(@Arg("input", () => EndEngagementInput, { description: "The termination." }) input: EndEngagementInput, @Ctx() ctx: Context) {
    return toPayload("engagement", await new EngagementCommandService(ctx).end(input));
  }

  @FieldResolver(() => Worker, { description: "The worker engaged." })
  async worker(@Root() engagement: Engagement, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(workerById).load(engagement.workerDbId);
    if (row === null) throw new Error("engagement visible without its worker"); // same tenant key
    return toWorker(row);
  }

  @FieldResolver(() => Client, { nullable: true, description: "The client the worker works for. Needs `clients:read` (null with a FORBIDDEN error otherwise)." })
  client(@Root() engagement: Engagement, @Ctx() ctx: Context): Client | Promise<Client> {
    if (engagement.related) return toClient(engagement.related.client as ClientRow); // read with the engagement (perhaps as a summary: ENGAGEMENT_PAGE_SUMMARY)
    return loadClient(engagement, ctx);
  }

  @FieldResolver(() => Compensation, {
    nullable: true,
    description:
      "The compensation in effect today (UTC); for an engagement that has not started, the one it starts with; for an ended one, the last one. Null only when the first compensation takes effect later than that.",
  })
  currentCompensation(@Root() engagement: Engagement, @Ctx() ctx: Context): Compensation | null | Promise<Compensation | null> {
    if (engagement.related) return engagement.related.compensation && toCompensation(engagement.related.compensation as CompensationRow); // read with the engagement (perhaps as a summary)
    return loadCurrentCompensation(engagement, ctx);
  }

  @MaxItems(LIST_LIMITS.compensationsPerEngagement)
  @FieldResolver(() => [Compensation], {
    description: "Every compensation of the engagement, oldest `effectiveFrom` first (the whole history). At most 50: the most compensations an engagement may have.",
  })
  async compensations(@Root() engagement: Engagement, @Ctx() ctx: Context) {
    const rows = await ctx.loaders.get(compensationsByEngagementId).load(engagement.dbId);
    return rows.map(toCompensation);
  }
}

@Resolver(() => Compensation)
export class CompensationResolver {
  @FieldResolver(() => Engagement, { description: "The engagement this compensation belongs to." })
  async engagement(@Root() compensation: Compensation, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(engagementById).load(compensation.engagementDbId);
    if (row === null) throw new Error("compensation visible without its engagement"); // same tenant key
    return toEngagement(row);
  }
}

async function loadClient(engagement: Engagement, ctx: Context): Promise<Client> {
  const row = await ctx.loaders.get(clientById).load(engagement.clientDbId);
  if (row === null) throw new Error("engagement visible without its client"); // same tenant key
  return toClient(row);
}

async function loadCurrentCompensation(engagement: Engagement, ctx: Context): Promise<Compensation | null> {
  const row = await ctx.loaders.get(currentCompensationByEngagementId).load(engagement.dbId);
  return row ? toCompensation(row) : null;
}

/** `Worker.engagements`: the engagements module's edge on the worker type. */
@Resolver(() => Worker)
export class WorkerEngagementsResolver {
  @FieldResolver(() => EngagementConnection, {
    description: "The worker's engagements, in creation order (Relay connection). Needs `workers:read`.",
  })
  engagements(@Root() worker: Worker, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return new EngagementQueryService(ctx).listOfWorker(worker, args, connectionNodeSelection(info));
  }
}

/** `Client.engagements`: the engagements module's edge on the client type. */
@Resolver(() => Client)
export class ClientEngagementsResolver {
  @FieldResolver(() => EngagementConnection, {
    nullable: true,
    description: "The client's engagements (Relay connection). Needs `workers:read` (null with a FORBIDDEN error otherwise).",
  })
  engagements(@Root() client: Client, @Args(() => ClientEngagementsArgs) args: ClientEngagementsArgs, @Ctx() ctx: Context) {
    return new EngagementQueryService(ctx).listOfClient(client, args);
  }
}
