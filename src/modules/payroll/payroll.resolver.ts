/** GraphQL resolvers of payroll: thin, each hands its work to PayrollService or PayrollLifecycleService. */
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import type { Context } from "../../context";
import { ConnectionArgs, toConnection, toPageRequest } from "../../shared/pagination";
import { Client, toClient } from "../clients/client.type";
import { clientById } from "../clients/client.loaders";
import { EmployerEntity, toEmployerEntity } from "../employers/employer.type";
import { employerEntityById } from "../employers/employer.loaders";
import { PayPeriod, toPayPeriod } from "../pay-schedules/pay-schedule.type";
import { payPeriodById } from "../pay-schedules/pay-schedule.loaders";
import { Engagement, toEngagement } from "../engagements/engagement.type";
import { engagementById } from "../engagements/engagement.loaders";
import {
  OneOffEarning,
  OneOffEarningConnection,
  PayrollRun,
  PayrollRunBlocker,
  PayrollRunBlockerConnection,
  PayrollRunConnection,
  PayrollRunTotals,
  PayStatement,
  PayStatementConnection,
  PayStatementLine,
  PayStatementYearToDateLine,
  toOneOffEarning,
  toPayrollRun,
  toPayrollRunBlocker,
  toPayrollRunTotals,
  toPayStatement,
  toPayStatementLine,
  toPayStatementYearToDateLine,
} from "./payroll.type";
import {
  AddOneOffEarningInput,
  ApprovePayrollRunInput,
  CalculatePayrollRunInput,
  CancelPayrollRunInput,
  CreatePayrollRunInput,
  PayrollRunsArgs,
  RemoveOneOffEarningInput,
} from "./payroll.input";
import {
  AddOneOffEarningPayload,
  ApprovePayrollRunPayload,
  CalculatePayrollRunPayload,
  CancelPayrollRunPayload,
  CreatePayrollRunPayload,
  RemoveOneOffEarningPayload,
} from "./payroll.payload";
import { toPayload, toPayloadFields } from "../../shared/command-result";
import { PayrollService } from "./payroll.service";
import { LINE_CODES_DESCRIPTION } from "./engine/line-codes";
import { PayrollLifecycleService } from "./payroll-lifecycle.service";
import {
  blockerCountByRunId,
  blockerPagesByRunId,
  linesByStatementId,
  yearToDateByStatementId,
  oneOffEarningCountByRunId,
  oneOffEarningPagesByRunId,
  payrollRunById,
  runTotalsByRunId,
  statementCountByRunId,
  statementPagesByRunId,
} from "./payroll.loaders";

@Resolver(() => PayrollRun)
export class PayrollRunResolver {
  @Query(() => PayrollRunConnection, { description: "Payroll runs of the clients the caller may act for, in creation order. Needs `payroll:read`." })
  payrollRuns(@Args(() => PayrollRunsArgs) args: PayrollRunsArgs, @Ctx() ctx: Context) {
    return new PayrollService(ctx).list(args);
  }

  @Mutation(() => CreatePayrollRunPayload, {
    description:
      "Creates a DRAFT payroll run for a pay period (REGULAR) or off-cycle. Pay date defaults from the period, employer entity and currency from the schedule's country. Needs `payroll:write`.",
  })
  async createPayrollRun(@Arg("input", () => CreatePayrollRunInput, { description: "The run to create." }) input: CreatePayrollRunInput, @Ctx() ctx: Context) {
    return toPayload("payrollRun", await new PayrollService(ctx).create(input));
  }

  @Mutation(() => AddOneOffEarningPayload, {
    description:
      "Adds a bonus (supplemental wages) or a reimbursement (not taxable) for one engagement to a DRAFT or CALCULATED run; a CALCULATED run goes back to DRAFT (a `payrollRun.statusChanged` event) and must be recalculated. Needs `payroll:write`.",
  })
  async addOneOffEarning(@Arg("input", () => AddOneOffEarningInput, { description: "The earning to add." }) input: AddOneOffEarningInput, @Ctx() ctx: Context) {
    return toPayloadFields(await new PayrollLifecycleService(ctx).addOneOffEarning(input), { payrollRun: null, oneOffEarning: null });
  }

  @Mutation(() => RemoveOneOffEarningPayload, {
    description:
      "Removes a bonus or reimbursement from a DRAFT or CALCULATED run; a CALCULATED run goes back to DRAFT (a `payrollRun.statusChanged` event) and must be recalculated. A `payrollRun.oneOffEarningRemoved` event records it. An earning already removed is NOT_FOUND (retry with an `Idempotency-Key` to get the first answer again). Needs `payroll:write`.",
  })
  async removeOneOffEarning(@Arg("input", () => RemoveOneOffEarningInput, { description: "The earning to remove." }) input: RemoveOneOffEarningInput, @Ctx() ctx: Context) {
    return toPayloadFields(await new PayrollLifecycleService(ctx).removeOneOffEarning(input), { payrollRun: null, removedOneOffEarningId: null });
  }

  @Mutation(() => CalculatePayrollRunPayload, {
    description:
      "Starts the calculation of a DRAFT run, or recalculates a CALCULATED one: the run becomes CALCULATING at once and gross-to-net runs in the background; it ends CALCULATED (statements, totals, blockers) or FAILED (`failureReason`). Deterministic: the same inputs give the same statements. Needs `payroll:write`.",
  })
  async calculatePayrollRun(@Arg("input", () => CalculatePayrollRunInput, { description: "The run to calculate." }) input: CalculatePayrollRunInput, @Ctx() ctx: Context) {
    return toPayload("payrollRun", await new PayrollLifecycleService(ctx).requestCalculation(input));
  }

  @Mutation(() => ApprovePayrollRunPayload, {
    description:
      "Approves a CALCULATED run without blockers: figures are frozen and its remittances (taxes per authority, net pay, contractor payments) are scheduled. Needs `payroll:approve` and the party holding PAYROLL_APPROVAL in the client's ACTIVE MSA (the clause for every jurisdiction or for the run's country): CLIENT → a CLIENT or PARTNER caller, EOR → an OPERATOR, SHARED → either; no clause → CLIENT. Refused with INPUTS_CHANGED when any input changed since the calculation. Of two concurrent approvals exactly one wins.",
  })
  async approvePayrollRun(@Arg("input", () => ApprovePayrollRunInput, { description: "The run to approve." }) input: ApprovePayrollRunInput, @Ctx() ctx: Context) {
    return toPayload("payrollRun", await new PayrollLifecycleService(ctx).approve(input));
  }

  @Mutation(() => CancelPayrollRunPayload, { description: "Cancels a DRAFT or CALCULATED run (final: nothing is paid). Needs `payroll:write`." })
  async cancelPayrollRun(@Arg("input", () => CancelPayrollRunInput, { description: "The run to cancel." }) input: CancelPayrollRunInput, @Ctx() ctx: Context) {
    return toPayload("payrollRun", await new PayrollLifecycleService(ctx).cancel(input));
  }

  @FieldResolver(() => PayrollRunBlockerConnection, {
    description:
      "What keeps the run from being approved, from its last calculation (empty before the first, and replaced by each recalculation), in the order found (engagements by id).",
  })
  async blockers(@Root() run: PayrollRun, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const request = toPageRequest(args);
    const page = await ctx.loaders.get(blockerPagesByRunId).load({ parentId: run.dbId, request });
    return toConnection(page, toPayrollRunBlocker, () => ctx.loaders.get(blockerCountByRunId).load(run.dbId));
  }

  @FieldResolver(() => OneOffEarningConnection, { description: "Bonuses and reimbursements added to the run, in the order added." })
  async oneOffEarnings(@Root() run: PayrollRun, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const request = toPageRequest(args);
    const page = await ctx.loaders.get(oneOffEarningPagesByRunId).load({ parentId: run.dbId, request });
    return toConnection(page, toOneOffEarning, () => ctx.loaders.get(oneOffEarningCountByRunId).load(run.dbId));
  }

  @FieldResolver(() => PayPeriod, { nullable: true, description: "The pay period it pays; null for an off-cycle run without one." })
  async payPeriod(@Root() run: PayrollRun, @Ctx() ctx: Context) {
    if (run.payPeriodDbId === null) return null;
    const row = await ctx.loaders.get(payPeriodById).load(run.payPeriodDbId);
    return row && toPayPeriod(row);
  }

  @FieldResolver(() => Client, { nullable: true, description: "The client whose payroll it is. Needs `clients:read` (null with a FORBIDDEN error otherwise)." })
  async client(@Root() run: PayrollRun, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(clientById).load(run.clientDbId);
    return row && toClient(row);
  }

  @FieldResolver(() => EmployerEntity, { description: "The EOR entity that employs and pays (the run's country)." })
  async employerEntity(@Root() run: PayrollRun, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(employerEntityById).load(run.employerEntityDbId);
    return row && toEmployerEntity(row);
  }

  @FieldResolver(() => PayStatementConnection, {
    description:
      "One pay statement per engagement paid by the last calculation, in engagement order (empty before the first calculation; replaced atomically by each recalculation, so while the run is DRAFT or CALCULATING again they are the previous calculation's). REGULAR runs pay every engagement on the run's pay schedule active on at least one day of the period — salary and fixed fees prorated by calendar days (annual ÷ periods per year × active days ÷ days in the period), hours at the rate of their date (overtime 1.5×), rounded once, half up, to the cent — plus any engagement with a one-off earning; OFF_CYCLE runs pay one-off earnings only.",
  })
  async statements(@Root() run: PayrollRun, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const request = toPageRequest(args);
    const page = await ctx.loaders.get(statementPagesByRunId).load({ parentId: run.dbId, request });
    return toConnection(page, toPayStatement, () => ctx.loaders.get(statementCountByRunId).load(run.dbId));
  }

  @FieldResolver(() => PayrollRunTotals, { description: "Sums over the run's statements (zero before calculation)." })
  async totals(@Root() run: PayrollRun, @Ctx() ctx: Context) {
    return toPayrollRunTotals(await ctx.loaders.get(runTotalsByRunId).load(run.dbId), run.currency);
  }
}

@Resolver(() => PayStatement)
export class PayStatementResolver {
  @FieldResolver(() => Engagement, { nullable: true, description: "The engagement paid. Needs `workers:read` (null with a FORBIDDEN error otherwise)." })
  async engagement(@Root() statement: PayStatement, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(engagementById).load(statement.engagementDbId);
    return row && toEngagement(row);
  }

  @FieldResolver(() => PayrollRun, { description: "The run the statement belongs to." })
  async payrollRun(@Root() statement: PayStatement, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(payrollRunById).load(statement.payrollRunDbId);
    return row && toPayrollRun(row);
  }

  @MaxItems(LIST_LIMITS.statementLines)
  @FieldResolver(() => [PayStatementLine], { description: `${LINE_CODES_DESCRIPTION} At most ${LIST_LIMITS.statementLines} (one per line code).` })
  async lines(@Root() statement: PayStatement, @Ctx() ctx: Context) {
    const rows = await ctx.loaders.get(linesByStatementId).load(statement.dbId);
    return rows.map(toPayStatementLine);
  }

  @MaxItems(LIST_LIMITS.statementYearToDateLines)
  @FieldResolver(() => [PayStatementYearToDateLine], {
    description: `Year-to-date amounts per line code, as a pay stub shows them: the worker's statements with the same employer entity in the calendar year of this statement's pay date, of runs approved or further along with a pay date on or before this statement's, plus this statement itself. Ordered by code; at most ${LIST_LIMITS.statementYearToDateLines}.`,
  })
  async yearToDate(@Root() statement: PayStatement, @Ctx() ctx: Context) {
    const rows = await ctx.loaders.get(yearToDateByStatementId).load(statement.dbId);
    return rows.slice(0, LIST_LIMITS.statementYearToDateLines).map(toPayStatementYearToDateLine);
  }
}

@Resolver(() => PayrollRunBlocker)
export class PayrollRunBlockerResolver {
  @FieldResolver(() => Engagement, { nullable: true, description: "The engagement concerned; null for a blocker of the whole run." })
  async engagement(@Root() blocker: PayrollRunBlocker, @Ctx() ctx: Context) {
    if (blocker.engagementDbId === null) return null;
    const row = await ctx.loaders.get(engagementById).load(blocker.engagementDbId);
    return row && toEngagement(row);
  }
}

@Resolver(() => OneOffEarning)
export class OneOffEarningResolver {
  @FieldResolver(() => Engagement, { nullable: true, description: "The engagement paid. Needs `workers:read` (null with a FORBIDDEN error otherwise)." })
  async engagement(@Root() earning: OneOffEarning, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(engagementById).load(earning.engagementDbId);
    return row && toEngagement(row);
  }
}
