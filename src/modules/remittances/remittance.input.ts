import { ArgsType, Field, ID } from "type-graphql";
import { ConnectionArgs } from "../../shared/pagination";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { RemittanceKind, RemittanceStatus } from "./remittance.type";

@ArgsType()
export class RemittancesArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: "Only this client's remittances." })
  clientId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this payroll run's remittances." })
  payrollRunId?: string | null;

  @Field(() => RemittanceStatus, { nullable: true, description: "Only remittances in this status." })
  status?: RemittanceStatus | null;

  @Field(() => RemittanceKind, { nullable: true, description: "Only remittances of this kind." })
  kind?: RemittanceKind | null;

  @Field(() => DateScalar, { nullable: true, description: "Only remittances due strictly before this date." })
  dueBefore?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Only remittances changed at or after this instant (a status change counts): inclusive (`updatedAt >= updatedSince`), so what changed at that very instant comes again. For incremental sync pass the greatest `updatedAt` already received minus a margin of a few minutes; deleted objects leave `<type>.deleted` events instead (README, Sync recipe).",
  })
  updatedSince?: Date | null;
}
