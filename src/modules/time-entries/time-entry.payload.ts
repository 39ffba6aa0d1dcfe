import { Field, Int, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { TimeEntry } from "./time-entry.type";

@ObjectType({ description: "Result of `recordTimeEntries`." })
export class RecordTimeEntriesPayload {
  @MaxItems(LIST_LIMITS.timeEntriesPerCall)
  @Field(() => [TimeEntry], {
    nullable: true,
    description:
      "The valid entries as stored, in input order (also those that were already stored with the same hours). At most 100 (the entries of one call). Needs `payroll:read` (null with a FORBIDDEN error otherwise; `changedCount` and `userErrors` still answer).",
  })
  timeEntries!: TimeEntry[] | null;

  @Field(() => Int, { description: "How many entries were created or had their hours changed (0 when the same batch is sent again)." })
  changedCount!: number;

  @MaxItems(LIST_LIMITS.recordTimeEntriesUserErrors)
  @Field(() => [UserError], {
    description:
      'Problems of single entries, with the path `["input", "entries", "<index>", "<field>"]`. The valid entries of the batch are saved all the same. At most 200 (two per entry).',
  })
  userErrors!: UserError[];
}
