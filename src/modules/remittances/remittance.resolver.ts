import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { ConnectionArgs, toConnection, toPageRequest } from "../../shared/pagination";
import { PayrollRun, toPayrollRun } from "../payroll/payroll.type";
import { payrollRunById } from "../payroll/payroll.loaders";
import { Remittance, RemittanceConnection, toRemittance } from "./remittance.type";
import { RemittancesArgs } from "./remittance.input";
import { RemittanceService } from "./remittance.service";
import { remittanceCountByRunId, remittancePagesByRunId } from "./remittance.loaders";

@Resolver(() => Remittance)
export class RemittanceResolver {
  @Query(() => RemittanceConnection, { description: "Remittances of the clients the caller may act for, in creation order. Needs `remittances:read`." })
  remittances(@Args(() => RemittancesArgs) args: RemittancesArgs, @Ctx() ctx: Context) {
    return new RemittanceService(ctx).list(args);
  }

  @FieldResolver(() => PayrollRun, { description: "The payroll run that produced it. Needs `payroll:read`." })
  async payrollRun(@Root() remittance: Remittance, @Ctx() ctx: Context) {
    ctx.principal.assertScope("payroll:read");
    const row = await ctx.loaders.get(payrollRunById).load(remittance.payrollRunDbId);
    return row && toPayrollRun(row);
  }
}

@Resolver(() => PayrollRun)
export class PayrollRunRemittancesResolver {
  @FieldResolver(() => RemittanceConnection, { description: "Taxes, net pay and contractor payments this run sends on, in creation order. Needs `remittances:read`." })
  async remittances(@Root() run: PayrollRun, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    ctx.principal.assertScope("remittances:read");
    const request = toPageRequest(args);
    const page = await ctx.loaders.get(remittancePagesByRunId).load({ parentId: run.dbId, request });
    return toConnection(page, toRemittance, () => ctx.loaders.get(remittanceCountByRunId).load(run.dbId));
  }
}
