/**
 * Every event type the application records, in one list: the `events` connection, the subscriptions and the
 * webhooks deliver these names and nothing else. A type is a stable dotted name `<objectType>.<change>`; a name,
 * once published, is never reused for another meaning (stored events keep it forever).
 */
export const EVENT_TYPES = [
  "client.created",
  "compensation.created",
  "engagement.created",
  "engagement.ended",
  "engagement.timeEntriesRecorded",
  "msa.created",
  "msa.accepted",
  "msa.activated",
  "msa.superseded",
  "msa_clause.added",
  "msa_clause.removed",
  "paySchedule.created",
  "payrollRun.created",
  "payrollRun.oneOffEarningAdded",
  "payrollRun.statusChanged",
  "remittance.created",
  "remittance.statusChanged",
  "worker.created",
  "worker.updated",
] as const;

export type EventTypeName = (typeof EVENT_TYPES)[number];

export function isEventTypeName(value: string): value is EventTypeName {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
