import { ArgsType, Field, ID, InputType } from "type-graphql";
import { DateScalar, DecimalScalar } from "../../shared/scalars";
import { TimeEntryType } from "./time-entry.type";

@InputType({ description: "Hours of one engagement on one date." })
export class TimeEntryInput {
  @Field(() => ID, { description: "The engagement (global ID)." })
  engagementId!: string;

  @Field(() => DateScalar, { description: "The work date, within the engagement's start and end dates." })
  date!: string;

  @Field(() => DecimalScalar, { description: 'Hours worked: between 0 and 24, at most two decimals (e.g. "7.5"). 0 states that nothing was worked.' })
  hours!: string;

  @Field(() => TimeEntryType, { description: "REGULAR, OVERTIME (paid 1.5×) or PTO." })
  type!: TimeEntryType;
}

@InputType({ description: "A batch of time entries." })
export class RecordTimeEntriesInput {
  @Field(() => [TimeEntryInput], {
    description:
      "At most 100 entries (more: a `TOO_MANY_TIME_ENTRIES` userError, nothing saved). Idempotent per engagement + date + type: an entry that already exists with the same hours changes nothing; with other hours, it replaces them. The same engagement + date + type twice in one batch is an error on the later one.",
  })
  entries!: TimeEntryInput[];
}

@ArgsType()
export class EngagementTimeEntriesArgs {
  @Field(() => DateScalar, { description: "First work date (inclusive)." })
  from!: string;

  @Field(() => DateScalar, { description: "Last work date (inclusive); at most 366 days after `from`." })
  to!: string;

  @Field(() => TimeEntryType, { nullable: true, description: "Only entries of this type." })
  type?: TimeEntryType | null;
}
