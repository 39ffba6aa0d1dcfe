import { Field, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { PaymentMethod } from "./payment-method.type";
import { Worker } from "../workers/worker.type";

@ObjectType({ description: "Result of `setPaymentMethod`." })
export class SetPaymentMethodPayload {
  @Field(() => PaymentMethod, { nullable: true, description: "The worker's new active payment method; null when `userErrors` is not empty." })
  paymentMethod!: PaymentMethod | null;

  @Field(() => PaymentMethod, { nullable: true, description: "The method it replaced (now REPLACED); null when there was none." })
  replacedPaymentMethod!: PaymentMethod | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `removePaymentMethod`." })
export class RemovePaymentMethodPayload {
  @Field(() => PaymentMethod, { nullable: true, description: "The removed method (now REMOVED); null when `userErrors` is not empty." })
  removedPaymentMethod!: PaymentMethod | null;

  @Field(() => Worker, { nullable: true, description: "The worker, now without a payment method." })
  worker!: Worker | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}
