import { Args, Ctx, FieldResolver, Query, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { Context } from "../../context";
import { Loaders } from "../../loaders";
import { ConnectionArgs } from "../../shared/pagination";
import { badInput, notFound } from "../../shared/errors";
import { Node } from "../node/node.type";
import { nodeFetchers } from "../node/node.registry";
import { PayrollRun, toPayrollRun } from "../payroll/payroll.type";
import { payrollRunById } from "../payroll/payroll.loaders";
import { Remittance, toRemittance } from "../remittances/remittance.type";
import { remittanceById } from "../remittances/remittance.loaders";
import { Event, EventConnection, PayrollRunStatusEvent, RemittanceStatusEvent } from "./event.type";
import { EventsArgs, PayrollRunStatusChangedArgs, RemittanceStatusChangedArgs } from "./event.input";
import { EventService, toEventConnection } from "./event.service";
import { toEventPageRequest } from "./event.cursor";
import { eventCountByRunId, eventPagesByRunId } from "./event.loaders";
import { noteEventDelivery } from "../../observability/metrics";

/**
 * graphql-ws keeps one context per subscription, so its DataLoaders would answer every later event from the
 * first event's cache (a run's old status). Each event starts with fresh loaders; events of one subscription are
 * executed one after the other, so replacing them here is safe.
 */
function freshLoaders(ctx: Context): void {
  ctx.loaders = new Loaders(ctx.db, ctx.principal);
}

/** Over HTTP a subscription document is executed like a query, without an event: say where subscriptions are served. */
function overWebSocketOnly(event: unknown): void {
  if (event === undefined || event === null) throw badInput("Subscriptions are served over WebSocket (graphql-ws protocol) on /graphql, not over HTTP");
}

@Resolver()
export class EventSubscriptionResolver {
  @Subscription(() => PayrollRunStatusEvent, {
    description:
      "A payroll run's status changes (creation included), live, in commit order. Needs `payroll:read`. Pass `payrollRunId` for one run or `clientId` for all of a client's runs, and `after` (an event cursor) to resume without missing or repeating an event. Every event is authorized again before delivery.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, PayrollRunStatusChangedArgs, Context>) => new EventService(context).payrollRunStatusFeed(args),
  })
  payrollRunStatusChanged(
    @Root() event: PayrollRunStatusEvent,
    @Args(() => PayrollRunStatusChangedArgs) _args: PayrollRunStatusChangedArgs,
    @Ctx() ctx: Context,
  ): PayrollRunStatusEvent {
    overWebSocketOnly(event);
    freshLoaders(ctx);
    noteEventDelivery(ctx, event.occurredAt); // the transport measures the delivery lag when it sends the payload
    return event;
  }

  @Subscription(() => RemittanceStatusEvent, {
    description:
      "A remittance's status changes (creation included), live, in commit order. Needs `remittances:read`. Pass `remittanceId`, `payrollRunId` or `clientId`, and `after` (an event cursor) to resume without missing or repeating an event. Every event is authorized again before delivery.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, RemittanceStatusChangedArgs, Context>) => new EventService(context).remittanceStatusFeed(args),
  })
  remittanceStatusChanged(
    @Root() event: RemittanceStatusEvent,
    @Args(() => RemittanceStatusChangedArgs) _args: RemittanceStatusChangedArgs,
    @Ctx() ctx: Context,
  ): RemittanceStatusEvent {
    overWebSocketOnly(event);
    freshLoaders(ctx);
    noteEventDelivery(ctx, event.occurredAt); // the transport measures the delivery lag when it sends the payload
    return event;
  }
}

@Resolver(() => PayrollRunStatusEvent)
export class PayrollRunStatusEventResolver {
  @FieldResolver(() => PayrollRun, { description: "The run, read when the event is delivered (it may have moved past `status` since)." })
  async payrollRun(@Root() event: PayrollRunStatusEvent, @Ctx() ctx: Context) {
    const loader = ctx.loaders.get(payrollRunById);
    const shared = await event.sharedRun?.();
    if (shared && ctx.principal.canAccessClient(shared.clientId)) loader.prime(shared.id, shared);
    const row = await loader.load(event.payrollRunDbId);
    if (row === null) throw notFound("PayrollRun");
    return toPayrollRun(row);
  }
}

@Resolver(() => RemittanceStatusEvent)
export class RemittanceStatusEventResolver {
  @FieldResolver(() => Remittance, {
    description: "The remittance, read when the event is delivered (it may have moved past `status` since; its `payrollRun` needs `payroll:read`).",
  })
  async remittance(@Root() event: RemittanceStatusEvent, @Ctx() ctx: Context) {
    const loader = ctx.loaders.get(remittanceById);
    const shared = await event.sharedRemittance?.();
    if (shared && ctx.principal.canAccessClient(shared.clientId)) loader.prime(shared.id, shared);
    const row = await loader.load(event.remittanceDbId);
    if (row === null) throw notFound("Remittance");
    return toRemittance(row);
  }
}

@Resolver(() => Event)
export class EventResolver {
  @Query(() => EventConnection, {
    description:
      "A client's events (its audit trail), oldest first, for integrations that poll: only events about objects the caller's scopes can read (e.g. `payroll:read` for payroll runs). An event's cursor also works as `after` of the subscriptions.",
  })
  events(@Args(() => EventsArgs) args: EventsArgs, @Ctx() ctx: Context) {
    return new EventService(ctx).list(args);
  }

  @FieldResolver(() => Node, { nullable: true, description: "The object that changed, as it is now (null when it cannot be fetched)." })
  async object(@Root() event: Event, @Ctx() ctx: Context) {
    const fetch = event.objectNodeType ? nodeFetchers[event.objectNodeType] : undefined;
    return fetch ? fetch(ctx, event.objectDbId) : null;
  }
}

@Resolver(() => PayrollRun)
export class PayrollRunEventsResolver {
  @FieldResolver(() => EventConnection, {
    description:
      "Every event about this run (creation, each status change, …) in commit order, for integrations that poll; the cursors also work as `after` of `payrollRunStatusChanged`.",
  })
  async events(@Root() run: PayrollRun, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const request = toEventPageRequest(args, run.clientDbId);
    const page = await ctx.loaders.get(eventPagesByRunId).load({ parentId: run.dbId, request });
    return toEventConnection(page, () => ctx.loaders.get(eventCountByRunId).load(run.dbId));
  }
}
