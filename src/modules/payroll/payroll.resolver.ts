import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
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
  PayrollRun,
  PayrollRunConnection,
  PayrollRunTotals,
  PayStatement,
  PayStatementConnection,
  PayStatementLine,
  toPayrollRun,
  toPayrollRunTotals,
  toPayStatement,
  toPayStatementLine,
} from "./payroll.type";
import { CreatePayrollRunInput, PayrollRunsArgs } from "./payroll.input";
import { CreatePayrollRunPayload } from "./payroll.payload";
import { PayrollService } from "./payroll.service";
import {
  linesByStatementId,
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
  createPayrollRun(@Arg("input", () => CreatePayrollRunInput, { description: "The run to create." }) input: CreatePayrollRunInput, @Ctx() ctx: Context) {
    return new PayrollService(ctx).create(input);
  }

  @FieldResolver(() => PayPeriod, { nullable: true, description: "The pay period it pays; null for an off-cycle run without one." })
  async payPeriod(@Root() run: PayrollRun, @Ctx() ctx: Context) {
    if (run.payPeriodDbId === null) return null;
    const row = await ctx.loaders.get(payPeriodById).load(run.payPeriodDbId);
    return row && toPayPeriod(row);
  }

  @FieldResolver(() => Client, { description: "The client whose payroll it is." })
  async client(@Root() run: PayrollRun, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(clientById).load(run.clientDbId);
    return row && toClient(row);
  }

  @FieldResolver(() => EmployerEntity, { description: "The EOR entity that employs and pays (the run's country)." })
  async employerEntity(@Root() run: PayrollRun, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(employerEntityById).load(run.employerEntityDbId);
    return row && toEmployerEntity(row);
  }

  @FieldResolver(() => PayStatementConnection, { description: "One pay statement per engagement paid, in creation order." })
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
  @FieldResolver(() => Engagement, { description: "The engagement paid." })
  async engagement(@Root() statement: PayStatement, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(engagementById).load(statement.engagementDbId);
    return row && toEngagement(row);
  }

  @FieldResolver(() => PayrollRun, { description: "The run the statement belongs to." })
  async payrollRun(@Root() statement: PayStatement, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(payrollRunById).load(statement.payrollRunDbId);
    return row && toPayrollRun(row);
  }

  @FieldResolver(() => [PayStatementLine], { description: "Earnings, taxes, deductions and reimbursements, in calculation order." })
  async lines(@Root() statement: PayStatement, @Ctx() ctx: Context) {
    const rows = await ctx.loaders.get(linesByStatementId).load(statement.dbId);
    return rows.map(toPayStatementLine);
  }
}
