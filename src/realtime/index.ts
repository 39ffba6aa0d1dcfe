import type { Database, Db } from "../db/client";
import type { Logger } from "../logger";
import { eventRepository, type ClientEventRow } from "../modules/events/event.repository";
import { EVENTS_CHANNEL, parseEventNotification } from "../modules/events/event.channel";
import { EventNotifier, type EventTailReader } from "./event-notifier";
import { pgliteNotificationSource, postgresNotificationSource, type PostgresSourceOptions } from "./notification-source";

export { EventFeed } from "./event-feed";
export { EventNotifier } from "./event-notifier";
export { postgresNotificationSource, pgliteNotificationSource, type NotificationSource } from "./notification-source";

/** The notifier of this server node for the events table. */
export type EventsNotifier = EventNotifier<ClientEventRow>;

/** What the WebSocket transport adds to a subscription's context: this node's notifier. */
export interface RealtimeContext {
  notifier?: EventsNotifier;
}

/**
 * Builds the node's notifier: LISTEN on Postgres (every node hears every commit), PGlite's in-process
 * LISTEN/NOTIFY on the embedded database.
 */
export function createEventNotifier(database: Database, logger: Logger, options: PostgresSourceOptions = {}): EventsNotifier {
  const source =
    database.kind === "postgres" ? postgresNotificationSource(database.pg!, EVENTS_CHANNEL, logger, options) : pgliteNotificationSource(database.pglite!, EVENTS_CHANNEL);
  return new EventNotifier<ClientEventRow>(source, eventTailReader(database.db), parseEventNotification, logger);
}

/**
 * The tail reads: system reads of one client's events (the scope is that client only). Each subscription filters
 * the rows again by its own principal before delivering anything.
 */
export function eventTailReader(db: Db): EventTailReader<ClientEventRow> {
  const clientScope = (clientId: string) => ({ all: false as const, clientIds: [clientId] });
  return {
    lastSeq: (clientId) => eventRepository.lastSeq(db, clientScope(clientId), clientId),
    since: (clientId, afterSeq, limit) => eventRepository.since(db, clientScope(clientId), clientId, afterSeq, limit),
  };
}
export { SubscriptionFanout, visibilityClass, resumesFromCursor, type FanoutMember } from "./subscription-fanout";
export { DocumentCache, type CheckedDocument } from "./document-cache";
