import { ArgsType, Field, ID, InputType } from "type-graphql";
import { ConnectionArgs } from "../../shared/pagination";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { CountryCode } from "../../shared/country.enum";
import { PayrollRunKind, PayrollRunStatus } from "./payroll.type";

@InputType({ description: "A new payroll run, created in DRAFT." })
export class CreatePayrollRunInput {
  @Field(() => ID, { description: "The client whose payroll it is." })
  clientId!: string;

  @Field(() => ID, { nullable: true, description: "The pay period it pays (one of the client's). Required for a REGULAR run; optional for OFF_CYCLE." })
  payPeriodId?: string | null;

  @Field(() => PayrollRunKind, { nullable: true, defaultValue: PayrollRunKind.REGULAR, description: "REGULAR (default) or OFF_CYCLE." })
  kind?: PayrollRunKind | null;

  @Field(() => DateScalar, { nullable: true, description: "Pay (check) date. Default: the pay period's pay date; required without a pay period." })
  payDate?: string | null;

  @Field(() => CountryCode, {
    nullable: true,
    description: "Country of the run: decides the employer entity and currency. Default: the pay schedule's country; required without a pay period; must match the schedule's country when both are given.",
  })
  country?: CountryCode | null;
}

@ArgsType()
export class PayrollRunsArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: "Only this client's runs." })
  clientId?: string | null;

  @Field(() => PayrollRunStatus, { nullable: true, description: "Only runs in this status." })
  status?: PayrollRunStatus | null;

  @Field(() => ID, { nullable: true, description: "Only runs of this pay period." })
  payPeriodId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only runs changed at or after this instant (incremental sync; a status change counts)." })
  updatedSince?: Date | null;
}
