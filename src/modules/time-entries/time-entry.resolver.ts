import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import type { Context } from "../../context";
import { Engagement, toEngagement } from "../engagements/engagement.type";
import { engagementById } from "../engagements/engagement.loaders";
import { EngagementTimeEntriesArgs, RecordTimeEntriesInput } from "./time-entry.input";
import { RecordTimeEntriesPayload } from "./time-entry.payload";
import { TimeEntryService } from "./time-entry.service";
import { TimeEntry } from "./time-entry.type";

@Resolver(() => TimeEntry)
export class TimeEntryResolver {
  @Mutation(() => RecordTimeEntriesPayload, {
    description:
      "Records hours for hourly engagements: up to 1,000 entries per call, idempotent per engagement + date + type (the same hours again change nothing; other hours replace them). Each entry is checked on its own: invalid ones come back as `userErrors` with their index, and the valid ones are saved even when others fail. A run reads the hours of its period when it is calculated: hours recorded after its approval are not in it (an approval after a change is refused with INPUTS_CHANGED). Needs `payroll:write`.",
  })
  async recordTimeEntries(@Arg("input", () => RecordTimeEntriesInput, { description: "The entries to record." }) input: RecordTimeEntriesInput, @Ctx() ctx: Context) {
    const result = await new TimeEntryService(ctx).record(input);
    // Partial success: the valid entries are saved and the rejected ones' userErrors come with them.
    if (!result.ok) return { timeEntries: [], changedCount: 0, userErrors: result.errors };
    const { timeEntries, changedCount, rejected } = result.value;
    return { timeEntries, changedCount, userErrors: rejected };
  }

  @FieldResolver(() => Engagement, { nullable: true, description: "The engagement the hours belong to. Needs `workers:read` (null with a FORBIDDEN error otherwise)." })
  async engagement(@Root() entry: TimeEntry, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(engagementById).load(entry.engagementDbId);
    return row && toEngagement(row);
  }
}

/** The `timeEntries` field this module contributes to the `Engagement` type. */
@Resolver(() => Engagement)
export class EngagementTimeEntriesResolver {
  @MaxItems(LIST_LIMITS.timeEntriesRangeDays * LIST_LIMITS.timeEntriesPerEngagementDay, { perDay: { from: "from", to: "to", items: LIST_LIMITS.timeEntriesPerEngagementDay } })
  @FieldResolver(() => [TimeEntry], {
    nullable: true,
    description:
      "The engagement's time entries between two dates (`to` at most 366 days after `from`), by date then type: at most 3 per day (one per type), so at most 1,101. Needs `payroll:read` (null with a FORBIDDEN error otherwise).",
  })
  timeEntries(@Root() engagement: Engagement, @Args(() => EngagementTimeEntriesArgs) args: EngagementTimeEntriesArgs, @Ctx() ctx: Context) {
    return new TimeEntryService(ctx).ofEngagement(engagement, args);
  }
}
