import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { ConnectionArgs } from "../../shared/pagination";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { CountryCode } from "../../shared/country.enum";
import { PayDateAdjustment, PayFrequency } from "./pay-schedule.type";
import { MAX_PERIODS_AHEAD, PERIODS_PER_YEAR } from "../../shared/calendar";

export const DEFAULT_PAY_DATE_OFFSET_DAYS = 5;

@InputType({ description: "A new pay schedule; its pay periods are generated ahead in the same transaction." })
export class CreatePayScheduleInput {
  @Field(() => ID, { description: "The client the schedule belongs to." })
  clientId!: string;

  @Field(() => String, { description: "Name, 1-100 characters, unique within the client." })
  name!: string;

  @Field(() => CountryCode, { description: "Country whose engagements it pays (decides employer entity and currency of its runs)." })
  country!: CountryCode;

  @Field(() => PayFrequency, { description: "How often it pays." })
  frequency!: PayFrequency;

  @Field(() => DateScalar, {
    description: "Start of the first period. SEMIMONTHLY: the 1st or the 16th of a month; MONTHLY: the 1st (INVALID_INPUT otherwise).",
  })
  firstPeriodStart!: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAY_DATE_OFFSET_DAYS,
    description: `Days from a period's end date to its pay date, 0-31. Default ${DEFAULT_PAY_DATE_OFFSET_DAYS}.`,
  })
  payDateOffsetDays?: number | null;

  @Field(() => PayDateAdjustment, {
    nullable: true,
    defaultValue: "PREVIOUS_BUSINESS_DAY",
    description: "Where a pay date on a weekend or bank holiday of the country moves. Default PREVIOUS_BUSINESS_DAY.",
  })
  payDateAdjustment?: PayDateAdjustment | null;

  @Field(() => Int, {
    nullable: true,
    description: `How many periods to generate, 1-${MAX_PERIODS_AHEAD}. Default: one year of periods (${Object.entries(PERIODS_PER_YEAR)
      .map(([frequency, n]) => `${frequency} ${n}`)
      .join(", ")}).`,
  })
  periodsAhead?: number | null;
}

@InputType({ description: "Changes to a pay schedule. Omitted fields are unchanged. Country, frequency and periods are fixed: a different calendar is a new schedule." })
export class UpdatePayScheduleInput {
  @Field(() => ID, { description: "The pay schedule (global ID)." })
  payScheduleId!: string;

  @Field(() => Int, { description: "The `version` the caller last read; a different current version is a `STALE_VERSION` userError and nothing changes." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: "New name, 1-100 characters, unique within the client (`DUPLICATE_NAME` with `conflictingId` otherwise)." })
  name?: string | null;
}

@ArgsType()
export class PaySchedulesArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: "Only this client's schedules." })
  clientId?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Only schedules changed at or after this instant: inclusive (`updatedAt >= updatedSince`), so what changed at that very instant comes again. For incremental sync pass the greatest `updatedAt` already received minus a margin of a few minutes; deleted objects leave `<type>.deleted` events instead (README, Sync recipe).",
  })
  updatedSince?: Date | null;
}

@ArgsType()
export class PayPeriodsArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: "Only this client's periods." })
  clientId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this schedule's periods." })
  payScheduleId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Only periods that end on or after this date (overlap with `from`..`to`)." })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Only periods that start on or before this date (overlap with `from`..`to`)." })
  to?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Only periods changed at or after this instant: inclusive (`updatedAt >= updatedSince`), so what changed at that very instant comes again. For incremental sync pass the greatest `updatedAt` already received minus a margin of a few minutes; deleted objects leave `<type>.deleted` events instead (README, Sync recipe).",
  })
  updatedSince?: Date | null;
}
