import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { ConnectionArgs, toConnection, toPageRequest } from "../../shared/pagination";
import { PayrollRun, toPayrollRun } from "../payroll/payroll.type";
import { payrollRunById } from "../payroll/payroll.loaders";
import { Remittance, RemittanceConnection, RemittanceKind, toRemittance } from "./remittance.type";
import { missingReadScope, READ_SCOPES } from "../../auth/read-scopes";
import { RemittancesArgs } from "./remittance.input";
import { RemittanceService } from "./remittance.service";
import { remittanceCountByRunId, remittancePagesByRunId } from "./remittance.loaders";

/** A payment's payee name is the worker's legal name: it is read with the Worker type's scope. */
const WORKER_NAME_SCOPE = READ_SCOPES.Worker;

@Resolver(() => Remittance)
export class RemittanceResolver {
  @Query(() => RemittanceConnection, { description: "Remittances of the clients the caller may act for, in creation order. Needs `remittances:read`." })
  remittances(@Args(() => RemittancesArgs) args: RemittancesArgs, @Ctx() ctx: Context) {
    return new RemittanceService(ctx).list(args);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Who receives it: the authority's name (TAX), the benefit plan's carrier (BENEFIT_CARRIER), or the worker's legal name (NET_PAY, CONTRACTOR_PAYMENT). A worker's name is a Worker's field: it needs `workers:read` as well (null with a FORBIDDEN error otherwise); an authority's name needs nothing more.",
  })
  payeeName(@Root() remittance: Remittance, @Ctx() ctx: Context) {
    if (remittance.kind !== RemittanceKind.TAX && remittance.kind !== RemittanceKind.BENEFIT_CARRIER && !ctx.principal.hasScope(WORKER_NAME_SCOPE))
      throw missingReadScope("Worker", WORKER_NAME_SCOPE);
    return remittance.payeeName;
  }

  @FieldResolver(() => PayrollRun, { nullable: true, description: "The payroll run that produced it. Needs `payroll:read` (null with a FORBIDDEN error otherwise)." })
  async payrollRun(@Root() remittance: Remittance, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(payrollRunById).load(remittance.payrollRunDbId);
    return row && toPayrollRun(row);
  }
}

@Resolver(() => PayrollRun)
export class PayrollRunRemittancesResolver {
  @FieldResolver(() => RemittanceConnection, {
    nullable: true,
    description: "Taxes, net pay and contractor payments this run sends on, in creation order. Needs `remittances:read` (null with a FORBIDDEN error otherwise).",
  })
  async remittances(@Root() run: PayrollRun, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const request = toPageRequest(args);
    const page = await ctx.loaders.get(remittancePagesByRunId).load({ parentId: run.dbId, request });
    return toConnection(page, toRemittance, () => ctx.loaders.get(remittanceCountByRunId).load(run.dbId));
  }
}
