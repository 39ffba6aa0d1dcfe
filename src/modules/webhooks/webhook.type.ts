import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateTimeScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { toGlobalId } from "../../shared/global-id";
import { MaxItems } from "../../shared/list-limits";
import { EVENT_TYPES, type EventTypeName } from "../events/event-types";
import { EventType } from "../events/event-type.enum";
import { encodeEventCursor } from "../events/event.cursor";
import { webhookEventId } from "./webhook-envelope";
import type { webhookDeliveries, webhookEndpoints } from "./webhook.table";

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

export enum WebhookDeliveryStatus {
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}
registerEnumType(WebhookDeliveryStatus, {
  name: "WebhookDeliveryStatus",
  description: "Outcome of one delivery attempt.",
  valuesConfig: {
    SUCCEEDED: { description: "The endpoint answered 2xx within 10 s." },
    FAILED: { description: "Anything else: another status (redirects are not followed), a timeout, a connection error, or an address refused by the outbound rules." },
  },
});

@ObjectType("WebhookEndpoint", {
  simpleResolvers: true,
  implements: Node,
  description:
    "Where a client's events are POSTed, signed per Standard Webhooks. A PARTNER sees the endpoints it created for its granted clients, a CLIENT every endpoint of its client, an OPERATOR all.",
})
export class WebhookEndpoint implements Node {
  id!: string;
  readonly nodeType = "WebhookEndpoint" as const;
  /** Database uuids; not fields. */
  dbId!: string;
  clientDbId!: string;

  @Field(() => ID, { description: "Global ID of the client whose events are delivered." })
  clientId!: string;

  @Field(() => String, { description: "The URL deliveries are POSTed to (`https://` in production)." })
  url!: string;

  @Field(() => String, { nullable: true, description: "The owner's note about the endpoint." })
  description!: string | null;

  @MaxItems(EVENT_TYPES.length)
  @Field(() => [EventType], { description: `Event types delivered; empty: every type. At most ${EVENT_TYPES.length}.` })
  eventTypes!: EventTypeName[];

  @Field(() => Boolean, { description: "Whether events are delivered. False after `updateWebhookEndpoint(enabled: false)` or when the whole retry schedule failed." })
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: "Why the endpoint is disabled (null while enabled)." })
  disabledReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was disabled (null while enabled)." })
  disabledAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Until when the secret before the last rotation still signs (null: only the current one signs)." })
  previousSecretExpiresAt!: Date | null;

  @Field(() => DateTimeScalar, { description: "When the endpoint was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the endpoint last changed." })
  updatedAt!: Date;
}

@ObjectType("WebhookDelivery", { description: "One attempt to deliver one event to one endpoint." })
export class WebhookDelivery {
  @Field(() => String, { description: "The event's stable id: the envelope's `id` and the `webhook-id` header (the same on every attempt)." })
  eventId!: string;

  @Field(() => EventType, { description: "The event's type." })
  eventType!: EventTypeName;

  @Field(() => String, { description: "The event's cursor (pass it as `after` of `redeliverWebhookEvents` to replay what follows it)." })
  eventCursor!: string;

  @Field(() => Int, { description: "Attempt number for this event, from 1 (a replay starts again at 1)." })
  attempt!: number;

  @Field(() => WebhookDeliveryStatus, { description: "Outcome." })
  status!: WebhookDeliveryStatus;

  @Field(() => DateTimeScalar, { description: "When the attempt was made." })
  attemptedAt!: Date;

  @Field(() => Int, { nullable: true, description: "HTTP status answered (null when no answer came)." })
  httpStatus!: number | null;

  @Field(() => Int, { description: "Milliseconds from the request to the answer's status line (or to the failure)." })
  latencyMs!: number;

  @Field(() => String, {
    nullable: true,
    description: "Why it failed (null on success): `HTTP 503`, `timeout…`, `connection failed: ECONNREFUSED`, `refused: … is not a public address`.",
  })
  error!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When this event is tried again (null after a success, or when the endpoint was disabled)." })
  nextRetryAt!: Date | null;
}

export const WebhookEndpointConnection = ConnectionType(WebhookEndpoint, "WebhookEndpoint", "webhook endpoints");
export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, "WebhookDelivery", "delivery attempts");

export function toWebhookEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  const endpoint = new WebhookEndpoint();
  endpoint.id = toGlobalId("WebhookEndpoint", row.id);
  endpoint.dbId = row.id;
  endpoint.clientDbId = row.clientId;
  endpoint.clientId = toGlobalId("Client", row.clientId);
  endpoint.url = row.url;
  endpoint.description = row.description;
  endpoint.eventTypes = row.eventTypes as EventTypeName[];
  endpoint.enabled = row.enabled;
  endpoint.disabledReason = row.disabledReason;
  endpoint.disabledAt = row.disabledAt;
  endpoint.previousSecretExpiresAt =
    row.previousSecret !== null && row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > new Date() ? row.previousSecretExpiresAt : null;
  endpoint.createdAt = row.createdAt;
  endpoint.updatedAt = row.updatedAt;
  return endpoint;
}

export function toWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  const cursor = encodeEventCursor(row.clientId, row.seq);
  return Object.assign(new WebhookDelivery(), {
    eventId: webhookEventId(cursor),
    eventType: row.eventType as EventTypeName,
    eventCursor: cursor,
    attempt: row.attempt,
    status: row.status as WebhookDeliveryStatus,
    attemptedAt: row.attemptedAt,
    httpStatus: row.httpStatus,
    latencyMs: row.latencyMs,
    error: row.error,
    nextRetryAt: row.nextRetryAt,
  });
}
