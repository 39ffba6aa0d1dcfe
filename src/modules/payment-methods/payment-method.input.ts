import { Field, ID, InputType, Int } from "type-graphql";
import { BankAccountType, PaymentMethodKind } from "./payment-method.type";

@InputType({ description: "A US bank account for direct deposit. Spaces and hyphens between digits are ignored." })
export class UsBankAccountInput {
  @Field(() => String, { description: "The 9-digit ABA routing transit number; its check digit is verified (`INVALID_ROUTING_NUMBER` otherwise)." })
  routingNumber!: string;

  @Field(() => String, { description: "The account number, 4 to 17 digits (`INVALID_ACCOUNT_NUMBER` otherwise)." })
  accountNumber!: string;

  @Field(() => BankAccountType, { description: "Checking or savings." })
  accountType!: BankAccountType;
}

@InputType({ description: "A Canadian bank account for direct deposit. Spaces and hyphens between digits are ignored." })
export class CanadianBankAccountInput {
  @Field(() => String, { description: "The 3-digit financial institution number (e.g. `003`)." })
  institutionNumber!: string;

  @Field(() => String, { description: "The 5-digit branch transit number." })
  transitNumber!: string;

  @Field(() => String, { description: "The account number, 7 to 12 digits." })
  accountNumber!: string;
}

@InputType({
  description:
    "Sets a worker's payment method, replacing the active one if any (the replaced one is kept with status REPLACED). BANK_ACCOUNT takes exactly one of `usBankAccount` and `canadianBankAccount`; CHECK takes neither.",
})
export class SetPaymentMethodInput {
  @Field(() => ID, { description: "The worker (global ID)." })
  workerId!: string;

  @Field(() => PaymentMethodKind, { description: "Bank account or check." })
  kind!: PaymentMethodKind;

  @Field(() => UsBankAccountInput, { nullable: true, description: "The US account, for BANK_ACCOUNT." })
  usBankAccount?: UsBankAccountInput | null;

  @Field(() => CanadianBankAccountInput, { nullable: true, description: "The Canadian account, for BANK_ACCOUNT." })
  canadianBankAccount?: CanadianBankAccountInput | null;

  @Field(() => Int, {
    nullable: true,
    description: "The `version` of the worker's current payment method (or 0 when it has none); `STALE_VERSION` when another change came first. Optional.",
  })
  expectedVersion?: number | null;
}

@InputType({ description: "Removes a worker's active payment method (kept with status REMOVED)." })
export class RemovePaymentMethodInput {
  @Field(() => ID, { description: "The worker (global ID)." })
  workerId!: string;

  @Field(() => Int, { nullable: true, description: "The `version` of the worker's current payment method; `STALE_VERSION` when another change came first. Optional." })
  expectedVersion?: number | null;
}
