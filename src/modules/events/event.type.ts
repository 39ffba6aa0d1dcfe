import { EventType } from "./event-type.enum";
import type { EventTypeName } from "./event-types";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { NODE_TYPES, toGlobalId, type NodeType } from "../../shared/global-id";
import { PayrollRunStatus, type PayrollRunRow } from "../payroll/payroll.type";
import { RemittanceStatus, type RemittanceRow } from "../remittances/remittance.type";
import { encodeEventCursor } from "./event.cursor";
import type { ClientEventRow } from "./event.repository";

export enum ActorKind {
  OPERATOR = "OPERATOR",
  CLIENT = "CLIENT",
  PARTNER = "PARTNER",
  SYSTEM = "SYSTEM",
}
registerEnumType(ActorKind, {
  name: "ActorKind",
  description: "Who made a change.",
  valuesConfig: {
    OPERATOR: { description: "EOR staff." },
    CLIENT: { description: "A client's own user or tool." },
    PARTNER: { description: "An ATS/HRIS integration acting for the client." },
    SYSTEM: { description: "Background work of the EOR, e.g. `calculator` (payroll calculation) or `payment-rail` (payments)." },
  },
});

@ObjectType("EventActor", { description: "Who made a change: the caller's kind and subject, or a system component." })
export class EventActor {
  @Field(() => ActorKind, { description: "Kind of actor." })
  kind!: ActorKind;

  @Field(() => String, { description: "The token's subject for a caller; the component's name (`calculator`, `payment-rail`) for SYSTEM." })
  id!: string;
}

/** Fields every delivered event carries; not a GraphQL interface (each event type lists them itself). */
interface EventEnvelope {
  /** Database ids; not fields. */
  clientDbId: string;
  seq: number;
  cursor: string;
  occurredAt: Date;
  actor: EventActor;
}

@ObjectType("PayrollRunStatusEvent", {
  description: "A payroll run was created or changed status. Delivered by `payrollRunStatusChanged`, in the order the changes committed.",
})
export class PayrollRunStatusEvent implements EventEnvelope {
  clientDbId!: string;
  seq!: number;
  payrollRunDbId!: string;
  /** The run read once for every subscriber of this node that receives this event (see EventService). */
  sharedRun?: () => Promise<PayrollRunRow | null>;

  @Field(() => String, { description: "Position of this event in the client's event sequence: pass it as `after` to resume after it." })
  cursor!: string;

  @Field(() => DateTimeScalar, { description: "When the change committed." })
  occurredAt!: Date;

  @Field(() => PayrollRunStatus, { nullable: true, description: "Status before the change; null when the run was created." })
  previousStatus!: PayrollRunStatus | null;

  @Field(() => PayrollRunStatus, { description: "Status after the change." })
  status!: PayrollRunStatus;

  @Field(() => EventActor, { description: "Who made the change." })
  actor!: EventActor;
}

@ObjectType("RemittanceStatusEvent", {
  description: "A remittance was created or changed status. Delivered by `remittanceStatusChanged`, in the order the changes committed.",
})
export class RemittanceStatusEvent implements EventEnvelope {
  clientDbId!: string;
  seq!: number;
  remittanceDbId!: string;
  payrollRunDbId!: string | null;
  /** The remittance read once for every subscriber of this node that receives this event (see EventService). */
  sharedRemittance?: () => Promise<RemittanceRow | null>;

  @Field(() => String, { description: "Position of this event in the client's event sequence: pass it as `after` to resume after it." })
  cursor!: string;

  @Field(() => DateTimeScalar, { description: "When the change committed." })
  occurredAt!: Date;

  @Field(() => RemittanceStatus, { nullable: true, description: "Status before the change; null when the remittance was created." })
  previousStatus!: RemittanceStatus | null;

  @Field(() => RemittanceStatus, { description: "Status after the change." })
  status!: RemittanceStatus;

  @Field(() => EventActor, { description: "Who made the change." })
  actor!: EventActor;
}

@ObjectType("Event", {
  description:
    "One recorded change of one object (audit trail and polling feed). Events of a client are ordered by their cursor: the order in which the changes committed, with no gap.",
})
export class Event implements EventEnvelope {
  clientDbId!: string;
  seq!: number;
  objectDbId!: string;
  /** The object's type when it is a Node (its global ID can be built), else null. */
  objectNodeType!: NodeType | null;

  @Field(() => String, { description: "Position of this event in the client's event sequence (use with `after` / `before`, and as `after` of a subscription)." })
  cursor!: string;

  @Field(() => EventType, { description: "What happened (each value is described in `EventType`)." })
  eventType!: EventTypeName;

  @Field(() => String, {
    description: "What happened, a stable dotted name such as `payrollRun.statusChanged`, `remittance.created`, `engagement.ended`.",
    deprecationReason: "Use `eventType`: the same types, as the `EventType` enum (`payrollRun.statusChanged` is `PAYROLL_RUN_STATUS_CHANGED`).",
  })
  type!: string;

  @Field(() => String, { description: "Type name of the object that changed, e.g. `PayrollRun`, `Remittance`, `Engagement`." })
  objectType!: string;

  @Field(() => ID, { nullable: true, description: "Global ID of the object that changed (null for an object without one)." })
  objectId!: string | null;

  @Field(() => DateTimeScalar, { description: "When the change committed." })
  occurredAt!: Date;

  @Field(() => EventActor, { description: "Who made the change." })
  actor!: EventActor;

  @Field(() => String, { nullable: true, description: "The object's status before the change, when the change recorded one (null on creation)." })
  previousStatus!: string | null;

  @Field(() => String, { nullable: true, description: "The object's status after the change, when it has one." })
  status!: string | null;
}

export const EventConnection = ConnectionType(Event, "Event", "events");

function statusIn(snapshot: unknown): string | null {
  if (snapshot && typeof snapshot === "object" && "status" in snapshot) {
    const status = snapshot.status;
    return typeof status === "string" ? status : null;
  }
  return null;
}

function fieldIn(snapshot: unknown, field: string): string | null {
  if (snapshot && typeof snapshot === "object" && field in snapshot) {
    const value = (snapshot as Record<string, unknown>)[field];
    return typeof value === "string" ? value : null;
  }
  return null;
}

function envelope(row: ClientEventRow): EventEnvelope {
  return {
    clientDbId: row.clientId,
    seq: row.seq,
    cursor: encodeEventCursor(row.clientId, row.seq),
    occurredAt: row.occurredAt,
    actor: Object.assign(new EventActor(), { kind: row.actorKind as ActorKind, id: row.actorId }),
  };
}

export function toPayrollRunStatusEvent(row: ClientEventRow): PayrollRunStatusEvent {
  return Object.assign(new PayrollRunStatusEvent(), envelope(row), {
    payrollRunDbId: row.objectId,
    previousStatus: statusIn(row.before) as PayrollRunStatus | null,
    status: statusIn(row.after) as PayrollRunStatus,
  });
}

export function toRemittanceStatusEvent(row: ClientEventRow): RemittanceStatusEvent {
  return Object.assign(new RemittanceStatusEvent(), envelope(row), {
    remittanceDbId: row.objectId,
    payrollRunDbId: fieldIn(row.after, "payrollRunId"),
    previousStatus: statusIn(row.before) as RemittanceStatus | null,
    status: statusIn(row.after) as RemittanceStatus,
  });
}

export function toEvent(row: ClientEventRow): Event {
  const nodeType = (NODE_TYPES as readonly string[]).includes(row.objectType) ? (row.objectType as NodeType) : null;
  return Object.assign(new Event(), envelope(row), {
    objectDbId: row.objectId,
    objectNodeType: nodeType,
    eventType: row.type as EventTypeName, // recordEvent writes only names of EVENT_TYPES
    type: row.type,
    objectType: row.objectType,
    objectId: nodeType ? toGlobalId(nodeType, row.objectId) : null,
    previousStatus: statusIn(row.before),
    status: statusIn(row.after),
  });
}
