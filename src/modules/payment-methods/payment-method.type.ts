import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateTimeScalar } from "../../shared/scalars";
import { toGlobalId } from "../../shared/global-id";
import { enumObject } from "../../shared/enum-object";
import { bankAccountTypeEnum, paymentMethodKindEnum, paymentMethodStatusEnum } from "../../db/enums";
import type { paymentMethods } from "./payment-method.table";

/** A payment method row as the application reads it: the numbers only encrypted. */
export type PaymentMethodRow = typeof paymentMethods.$inferSelect;

export const PaymentMethodKind = enumObject(paymentMethodKindEnum.enumValues);
export type PaymentMethodKind = (typeof paymentMethodKindEnum.enumValues)[number];
registerEnumType(PaymentMethodKind, {
  name: "PaymentMethodKind",
  description: "How a worker is paid.",
  valuesConfig: {
    BANK_ACCOUNT: { description: "Direct deposit to a bank account: US (ABA routing number + account number) or Canada (institution + transit + account number)." },
    CHECK: { description: "A paper check (cheque)." },
  },
});

export const PaymentMethodStatus = enumObject(paymentMethodStatusEnum.enumValues);
export type PaymentMethodStatus = (typeof paymentMethodStatusEnum.enumValues)[number];
registerEnumType(PaymentMethodStatus, {
  name: "PaymentMethodStatus",
  description: "Whether the method is the worker's current one. Replaced and removed methods are kept: remittances scheduled earlier name them as their destination.",
  valuesConfig: {
    ACTIVE: { description: "The worker's current method (at most one per worker): net pay and contractor payments go here." },
    REPLACED: { description: "Replaced by a newer method (`setPaymentMethod`)." },
    REMOVED: { description: "Removed (`removePaymentMethod`); the worker has no method until a new one is set." },
  },
});

export const BankAccountType = enumObject(bankAccountTypeEnum.enumValues);
export type BankAccountType = (typeof bankAccountTypeEnum.enumValues)[number];
registerEnumType(BankAccountType, {
  name: "BankAccountType",
  description: "A US account's type (the ACH transaction code depends on it).",
  valuesConfig: { CHECKING: { description: "Checking (demand deposit) account." }, SAVINGS: { description: "Savings account." } },
});

@ObjectType("PaymentMethod", {
  simpleResolvers: true,
  implements: Node,
  description:
    "Where a worker's pay goes: a bank account or a paper check. The routing and account numbers are encrypted at rest; only their last four digits are shown, and only with `pii:read` (`routingLast4`, `accountLast4`: null with a FORBIDDEN error otherwise).",
})
export class PaymentMethod implements Node {
  id!: string;
  readonly nodeType = "PaymentMethod" as const;
  /** Database uuids and row; not fields. */
  dbId!: string;
  clientDbId!: string;
  workerDbId!: string;
  row!: PaymentMethodRow;

  @Field(() => PaymentMethodKind, { description: "Bank account or check." })
  kind!: PaymentMethodKind;

  @Field(() => PaymentMethodStatus, { description: "ACTIVE, or REPLACED / REMOVED (kept for the remittances that name it)." })
  status!: PaymentMethodStatus;

  @Field(() => String, { nullable: true, description: "Country of the bank (`US` or `CA`); null for a check." })
  bankCountry!: string | null;

  @Field(() => BankAccountType, { nullable: true, description: "US accounts: checking or savings; null otherwise." })
  accountType!: BankAccountType | null;

  @Field(() => Int, {
    description:
      "Counts the worker's payment methods (a new one takes the previous one's version + 1): pass the current method's version as `expectedVersion` to `setPaymentMethod` or `removePaymentMethod`.",
  })
  version!: number;

  @Field(() => DateTimeScalar, { description: "When the method was set." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was replaced or removed; null while ACTIVE." })
  endedAt!: Date | null;
}

/**
 * Where a NET_PAY or CONTRACTOR_PAYMENT remittance is sent: the worker's payment method when the run was approved.
 * Its kind is readable with the remittance (`remittances:read`); the digits need `pii:read` too.
 */
@ObjectType("PaymentDestination", {
  description:
    "The destination of a NET_PAY or CONTRACTOR_PAYMENT remittance: the worker's active payment method when the run was approved. `routingLast4` and `accountLast4` need `pii:read` as well (null with a FORBIDDEN error otherwise).",
})
export class PaymentDestination {
  /** The payment method row; not a field. */
  row!: PaymentMethodRow;

  @Field(() => PaymentMethodKind, { description: "BANK_ACCOUNT (direct deposit) or CHECK." })
  kind!: PaymentMethodKind;

  @Field(() => String, { nullable: true, description: "Country of the bank (`US` or `CA`); null for a check." })
  bankCountry!: string | null;
}

export function toPaymentMethod(row: PaymentMethodRow): PaymentMethod {
  const method = new PaymentMethod();
  method.id = toGlobalId("PaymentMethod", row.id);
  method.dbId = row.id;
  method.clientDbId = row.clientId;
  method.workerDbId = row.workerId;
  method.row = row;
  method.kind = row.kind;
  method.status = row.status;
  method.bankCountry = row.bankCountry;
  method.accountType = row.accountType;
  method.version = row.version;
  method.createdAt = row.createdAt;
  method.endedAt = row.endedAt;
  return method;
}

export function toPaymentDestination(row: PaymentMethodRow): PaymentDestination {
  return Object.assign(new PaymentDestination(), { row, kind: row.kind, bankCountry: row.bankCountry });
}
