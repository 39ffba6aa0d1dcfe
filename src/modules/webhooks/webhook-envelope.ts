import { Principal } from "../../auth/principal";
import { canRead } from "../../auth/read-scopes";
import { isScope, type Role } from "../../auth/scopes";
import { toGlobalId } from "../../shared/global-id";
import type { ClientEventRow } from "../events/event.repository";
import { EVENT_OBJECT_TYPES } from "../events/event.service";
import { toEvent } from "../events/event.type";
import type { WebhookEndpointRow } from "./webhook.type";

/**
 * The JSON body of one delivery. `id` is the event's stable id (the same on every attempt and every replay: the
 * `webhook-id` header, the receiver's idempotency key); `cursor` is the event's cursor (the `events` connection's,
 * the subscriptions' `after`, `redeliverWebhookEvents`' `after`). `data` holds what the `Event` type shows —
 * never a snapshot of the object, so never a tax id or any other personal field.
 */
export interface WebhookEnvelope {
  id: string;
  type: string;
  occurredAt: string;
  cursor: string;
  clientId: string;
  data: {
    objectType: string;
    objectId: string | null;
    status: string | null;
    previousStatus: string | null;
    actor: { kind: string; id: string };
  };
}

export function webhookEventId(cursor: string): string {
  return `evt_${cursor}`;
}

export function toEnvelope(row: ClientEventRow): WebhookEnvelope {
  const event = toEvent(row);
  return {
    id: webhookEventId(event.cursor),
    type: row.type,
    occurredAt: row.occurredAt.toISOString(),
    cursor: event.cursor,
    clientId: toGlobalId("Client", row.clientId),
    data: {
      objectType: event.objectType,
      objectId: event.objectId,
      status: event.status,
      previousStatus: event.previousStatus,
      actor: { kind: event.actor.kind, id: event.actor.id },
    },
  };
}

/** The principal that created the endpoint, as recorded: deliveries are what it may read, nothing more. */
export function endpointOwner(endpoint: Pick<WebhookEndpointRow, "ownerRole" | "ownerSubject" | "ownerScopes" | "ownerClientIds">): Principal {
  return new Principal(endpoint.ownerRole as Role, endpoint.ownerSubject, new Set(endpoint.ownerScopes.filter(isScope)), endpoint.ownerClientIds);
}

/**
 * Whether an event goes to the endpoint: the endpoint's own client only (never another client's event, whatever
 * the owner may see), a type it subscribed to, and an object type its owner may read (as in the `events` connection).
 */
export function isDeliverable(row: ClientEventRow, endpoint: Pick<WebhookEndpointRow, "clientId" | "eventTypes">, owner: Principal): boolean {
  if (row.clientId !== endpoint.clientId || !owner.canAccessClient(row.clientId)) return false;
  if (endpoint.eventTypes.length > 0 && !endpoint.eventTypes.includes(row.type)) return false;
  return (EVENT_OBJECT_TYPES as readonly string[]).includes(row.objectType) && canRead(owner, row.objectType);
}
