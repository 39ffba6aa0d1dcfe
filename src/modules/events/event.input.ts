import { ArgsType, Field, ID } from "type-graphql";
import { ConnectionArgs } from "../../shared/pagination";
import { DateTimeScalar } from "../../shared/scalars";
import { EventType } from "./event-type.enum";
import type { EventTypeName } from "./event-types";

const AFTER_DESCRIPTION =
  "Resume after this event cursor (from a delivered event, or from `PayrollRun.events` / `events`): every event of the subscription after it is replayed from the event log first, then live events follow — in order, none missing, none twice. Without it, delivery starts now.";

@ArgsType()
export class PayrollRunStatusChangedArgs {
  @Field(() => ID, { nullable: true, description: "Only this payroll run. An unknown run, or one of a client the caller may not act for, is a NOT_FOUND error." })
  payrollRunId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this payroll run.", deprecationReason: "Use `payrollRunId` (given both, they must agree)." })
  runId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Every payroll run of this client (new runs included). At least one of `payrollRunId` and `clientId` is required; with both, the run must be the client's. An unknown client, or one the caller may not act for, is a NOT_FOUND error.",
  })
  clientId?: string | null;

  @Field(() => String, { nullable: true, description: AFTER_DESCRIPTION })
  after?: string | null;
}

@ArgsType()
export class RemittanceStatusChangedArgs {
  @Field(() => ID, { nullable: true, description: "Only this remittance. An unknown remittance, or one of a client the caller may not act for, is a NOT_FOUND error." })
  remittanceId?: string | null;

  @Field(() => ID, { nullable: true, description: "Every remittance of this payroll run (new ones included). An unknown or foreign run is a NOT_FOUND error." })
  payrollRunId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Every remittance of this client. At least one of `remittanceId`, `payrollRunId` and `clientId` is required; given together they must agree. An unknown client, or one the caller may not act for, is a NOT_FOUND error.",
  })
  clientId?: string | null;

  @Field(() => String, { nullable: true, description: AFTER_DESCRIPTION })
  after?: string | null;
}

@ArgsType()
export class EventsArgs extends ConnectionArgs {
  @Field(() => ID, { description: "The client whose events to list (event cursors order one client's events)." })
  clientId!: string;

  @Field(() => [EventType], { nullable: true, description: "Only events of these types, e.g. `[PAYROLL_RUN_STATUS_CHANGED, REMITTANCE_STATUS_CHANGED]` (at most 20)." })
  eventTypes?: EventTypeName[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only events of these types, as dotted names, e.g. `["payrollRun.statusChanged"]` (at most 20).',
    deprecationReason: "Use `eventTypes`: the same types, as the `EventType` enum (given both, they must name the same types).",
  })
  types?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only events that occurred at or after this instant (inclusive: filters on `occurredAt`)." })
  occurredSince?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Only events that occurred at or after this instant.",
    deprecationReason: "Use `occurredSince`: events never change, this filters on `occurredAt` (given both, they must agree).",
  })
  updatedSince?: Date | null;
}
