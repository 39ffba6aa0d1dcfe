import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { toPayloadFields } from "../../shared/command-result";
import { Worker, toWorker } from "../workers/worker.type";
import { workerById } from "../workers/worker.loaders";
import { Remittance, RemittanceKind } from "../remittances/remittance.type";
import { last4 } from "./bank-account.rules";
import { openAccount, openRouting } from "./payment-method-secret";
import { paymentMethodById } from "./payment-method.loaders";
import { PaymentDestination, PaymentMethod, toPaymentDestination, type PaymentMethodRow } from "./payment-method.type";
import { RemovePaymentMethodInput, SetPaymentMethodInput } from "./payment-method.input";
import { RemovePaymentMethodPayload, SetPaymentMethodPayload } from "./payment-method.payload";
import { PaymentMethodService } from "./payment-method.service";

const ROUTING_LAST4 =
  "Last four digits of the routing number: US, of the ABA routing number; Canada, of the branch transit number. Null for a check. Needs `pii:read` (null with a FORBIDDEN error otherwise).";
const ACCOUNT_LAST4 = "Last four digits of the account number; null for a check. The full number is never returned. Needs `pii:read` (null with a FORBIDDEN error otherwise).";

/** The last four digits of a stored number, decrypted in memory after the `pii:read` check. */
function routingLast4(ctx: Context, row: PaymentMethodRow): string | null {
  ctx.principal.assertScope("pii:read");
  return row.routingEncrypted === null ? null : last4(openRouting(ctx.pii, { id: row.id, routingEncrypted: row.routingEncrypted }));
}
function accountLast4(ctx: Context, row: PaymentMethodRow): string | null {
  ctx.principal.assertScope("pii:read");
  return row.accountEncrypted === null ? null : last4(openAccount(ctx.pii, { id: row.id, accountEncrypted: row.accountEncrypted }));
}

@Resolver(() => PaymentMethod)
export class PaymentMethodResolver {
  @Mutation(() => SetPaymentMethodPayload, {
    description:
      "Sets a worker's payment method (bank account or check), replacing the active one, which is kept as REPLACED. Records `paymentMethod.set` (and `paymentMethod.replaced`), without any number. Needs `workers:write`.",
  })
  async setPaymentMethod(@Arg("input", () => SetPaymentMethodInput, { description: "The method." }) input: SetPaymentMethodInput, @Ctx() ctx: Context) {
    return toPayloadFields(await new PaymentMethodService(ctx).set(input), { paymentMethod: null, replacedPaymentMethod: null });
  }

  @Mutation(() => RemovePaymentMethodPayload, {
    description:
      "Removes a worker's active payment method (kept as REMOVED): the worker's next payroll run is blocked with `MISSING_PAYMENT_METHOD` until a new one is set. Records `paymentMethod.removed`. Needs `workers:write`.",
  })
  async removePaymentMethod(@Arg("input", () => RemovePaymentMethodInput, { description: "The worker." }) input: RemovePaymentMethodInput, @Ctx() ctx: Context) {
    return toPayloadFields(await new PaymentMethodService(ctx).remove(input), { removedPaymentMethod: null, worker: null });
  }

  @FieldResolver(() => Worker, { description: "The worker paid this way." })
  async worker(@Root() method: PaymentMethod, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(workerById).load(method.workerDbId);
    if (row === null) throw new Error("payment method visible without its worker"); // same tenant key
    return toWorker(row);
  }

  @FieldResolver(() => String, { nullable: true, description: ROUTING_LAST4 })
  routingLast4(@Root() method: PaymentMethod, @Ctx() ctx: Context) {
    return routingLast4(ctx, method.row);
  }

  @FieldResolver(() => String, { nullable: true, description: ACCOUNT_LAST4 })
  accountLast4(@Root() method: PaymentMethod, @Ctx() ctx: Context) {
    return accountLast4(ctx, method.row);
  }
}

/** `Worker.paymentMethod`: the payment-methods module's edge on the worker type. */
@Resolver(() => Worker)
export class WorkerPaymentMethodResolver {
  @FieldResolver(() => PaymentMethod, {
    nullable: true,
    description: "The worker's active payment method; null when none is set (a payroll run paying the worker is then blocked with `MISSING_PAYMENT_METHOD`). Needs `workers:read`.",
  })
  paymentMethod(@Root() worker: Worker, @Ctx() ctx: Context) {
    return new PaymentMethodService(ctx).activeOfWorker(worker);
  }
}

@Resolver(() => PaymentDestination)
export class PaymentDestinationResolver {
  @FieldResolver(() => String, { nullable: true, description: ROUTING_LAST4 })
  routingLast4(@Root() destination: PaymentDestination, @Ctx() ctx: Context) {
    return routingLast4(ctx, destination.row);
  }

  @FieldResolver(() => String, { nullable: true, description: ACCOUNT_LAST4 })
  accountLast4(@Root() destination: PaymentDestination, @Ctx() ctx: Context) {
    return accountLast4(ctx, destination.row);
  }
}

/** `Remittance.destination`: where a payment goes (the payment-methods module's edge on the remittance type). */
@Resolver(() => Remittance)
export class RemittanceDestinationResolver {
  @FieldResolver(() => PaymentDestination, {
    nullable: true,
    description:
      "NET_PAY and CONTRACTOR_PAYMENT: where the money is sent — the worker's active payment method when the run was approved (kind with `remittances:read`, digits with `pii:read` too). Null for TAX, and for a payment whose worker had no method (approval is blocked by `MISSING_PAYMENT_METHOD`, so only remittances scheduled before that rule).",
  })
  async destination(@Root() remittance: Remittance, @Ctx() ctx: Context) {
    if (remittance.kind === RemittanceKind.TAX || remittance.paymentMethodDbId === null) return null;
    const row = await ctx.loaders.get(paymentMethodById).load(remittance.paymentMethodDbId);
    return row && toPaymentDestination(row);
  }
}
