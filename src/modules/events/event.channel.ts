/**
 * The Postgres notification channel that tells every server node "client C has committed event seq N".
 * The payload carries ids only (`<client uuid>:<seq>`, ~40 bytes, far below NOTIFY's 8000-byte limit): the event
 * itself is always read from the events table, so a lost, duplicated or reordered notification can delay a
 * delivery but never corrupt one.
 */
export const EVENTS_CHANNEL = "eor_events";

export interface EventNotification {
  clientId: string;
  seq: number;
}

const PAYLOAD = /^([0-9a-f-]{36}):(\d{1,15})$/;

/** Parses a notification payload; null for anything else (another writer on the channel is ignored, not fatal). */
export function parseEventNotification(payload: string): EventNotification | null {
  const m = PAYLOAD.exec(payload);
  return m ? { clientId: m[1], seq: Number(m[2]) } : null;
}
