import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { ConnectionArgs, toConnection, toPageRequest } from "../../shared/pagination";
import { Client, toClient } from "../clients/client.type";
import { Engagement } from "../engagements/engagement.type";
import { clientById } from "../clients/client.loaders";
import { PayPeriod, PayPeriodConnection, PaySchedule, PayScheduleConnection, toPayPeriod, toPaySchedule } from "./pay-schedule.type";
import { CreatePayScheduleInput, PayPeriodsArgs, PaySchedulesArgs, UpdatePayScheduleInput } from "./pay-schedule.input";
import { CreatePaySchedulePayload, UpdatePaySchedulePayload } from "./pay-schedule.payload";
import { toPayload } from "../../shared/command-result";
import { PayScheduleService } from "./pay-schedule.service";
import { payScheduleById, periodCountByScheduleId, periodPagesByScheduleId, scheduleCountByClientId, schedulePagesByClientId } from "./pay-schedule.loaders";

@Resolver(() => PaySchedule)
export class PayScheduleResolver {
  @Query(() => PayScheduleConnection, { description: "Pay schedules of the clients the caller may act for. Needs `payroll:read`." })
  paySchedules(@Args(() => PaySchedulesArgs) args: PaySchedulesArgs, @Ctx() ctx: Context) {
    return new PayScheduleService(ctx).list(args);
  }

  @Mutation(() => CreatePaySchedulePayload, {
    description: "Creates a pay schedule and generates its pay periods ahead, in one transaction. Needs `payroll:write`.",
  })
  async createPaySchedule(@Arg("input", () => CreatePayScheduleInput, { description: "The schedule to create." }) input: CreatePayScheduleInput, @Ctx() ctx: Context) {
    return toPayload("paySchedule", await new PayScheduleService(ctx).create(input));
  }

  @Mutation(() => UpdatePaySchedulePayload, {
    description: "Renames a pay schedule, guarded by `expectedVersion`; records a `paySchedule.updated` event. Needs `payroll:write`.",
  })
  async updatePaySchedule(@Arg("input", () => UpdatePayScheduleInput, { description: "The changes." }) input: UpdatePayScheduleInput, @Ctx() ctx: Context) {
    return toPayload("paySchedule", await new PayScheduleService(ctx).update(input));
  }

  @FieldResolver(() => PayPeriodConnection, { description: "The schedule's pay periods, in date order." })
  async periods(@Root() schedule: PaySchedule, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const request = toPageRequest(args);
    const page = await ctx.loaders.get(periodPagesByScheduleId).load({ parentId: schedule.dbId, request });
    return toConnection(page, toPayPeriod, () => ctx.loaders.get(periodCountByScheduleId).load(schedule.dbId));
  }

  @FieldResolver(() => Client, { nullable: true, description: "The client the schedule belongs to. Needs `clients:read` (null with a FORBIDDEN error otherwise)." })
  async client(@Root() schedule: PaySchedule, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(clientById).load(schedule.clientDbId);
    return row && toClient(row);
  }
}

@Resolver(() => PayPeriod)
export class PayPeriodResolver {
  @Query(() => PayPeriodConnection, {
    description: "Pay periods of the clients the caller may act for, in creation order (date order within a schedule). Needs `payroll:read`.",
  })
  payPeriods(@Args(() => PayPeriodsArgs) args: PayPeriodsArgs, @Ctx() ctx: Context) {
    return new PayScheduleService(ctx).listPeriods(args);
  }

  @FieldResolver(() => PaySchedule, { description: "The schedule the period belongs to." })
  async paySchedule(@Root() period: PayPeriod, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(payScheduleById).load(period.payScheduleDbId);
    return row && toPaySchedule(row);
  }
}

@Resolver(() => Client)
export class ClientPaySchedulesResolver {
  @FieldResolver(() => PayScheduleConnection, {
    nullable: true,
    description: "The client's pay schedules, in creation order. Needs `payroll:read` (null with a FORBIDDEN error otherwise).",
  })
  async paySchedules(@Root() client: Client, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const request = toPageRequest(args);
    const page = await ctx.loaders.get(schedulePagesByClientId).load({ parentId: client.dbId, request });
    return toConnection(page, toPaySchedule, () => ctx.loaders.get(scheduleCountByClientId).load(client.dbId));
  }
}

@Resolver(() => Engagement)
export class EngagementPayScheduleResolver {
  @FieldResolver(() => PaySchedule, { nullable: true, description: "The pay schedule that pays this engagement; null when none is assigned." })
  async paySchedule(@Root() engagement: Engagement, @Ctx() ctx: Context) {
    if (!engagement.row.payScheduleId) return null;
    const row = await ctx.loaders.get(payScheduleById).load(engagement.row.payScheduleId);
    return row && toPaySchedule(row);
  }
}
