import { registerEnumType } from "type-graphql";
import { EventTypeValues, eventTypeEnumName, type EventTypeName } from "./event-types";

/**
 * The GraphQL enum of event types: its values are the names of EVENT_TYPES (`PAYROLL_RUN_STATUS_CHANGED`), its
 * internal values the dotted names stored in the event log and sent in webhooks (`payrollRun.statusChanged`).
 */
export const EventType = EventTypeValues;
export type EventType = EventTypeName;

/** What each event type means. A record over every name, so a new type cannot go undescribed. */
const DESCRIPTIONS: Record<EventTypeName, string> = {
  "client.created": "A client was created (`client.created`).",
  "compensation.created": "A compensation was set or changed for an engagement (`compensation.created`).",
  "engagement.created": "A worker was hired: an engagement was created (`engagement.created`).",
  "engagement.ended": "An engagement ended (`engagement.ended`).",
  "engagement.timeEntriesRecorded": "Time entries were recorded for an engagement (`engagement.timeEntriesRecorded`).",
  "msa.created": "An MSA version was drafted (`msa.created`).",
  "msa.accepted": "One party accepted an MSA version (`msa.accepted`).",
  "msa.activated": "An MSA version came into force, accepted by both parties (`msa.activated`).",
  "msa.superseded": "An MSA version was replaced by a newer active one (`msa.superseded`).",
  "msa_clause.added": "A clause was added to an MSA draft (`msa_clause.added`).",
  "msa_clause.removed": "A clause was removed from an MSA draft (`msa_clause.removed`).",
  "paySchedule.created": "A pay schedule was created with its pay periods (`paySchedule.created`).",
  "payrollRun.created": "A payroll run was created, DRAFT (`payrollRun.created`).",
  "payrollRun.oneOffEarningAdded": "A one-off earning was added to a payroll run (`payrollRun.oneOffEarningAdded`).",
  "payrollRun.statusChanged": "A payroll run changed status (`payrollRun.statusChanged`).",
  "remittance.created": "A remittance was scheduled (`remittance.created`).",
  "remittance.statusChanged": "A remittance changed status (`remittance.statusChanged`).",
  "worker.created": "A worker was created (`worker.created`).",
  "worker.updated": "A worker was changed (`worker.updated`).",
  "webhookEndpoint.created": "A webhook endpoint was created (`webhookEndpoint.created`).",
  "webhookEndpoint.updated": "A webhook endpoint's URL, event types or enabled flag changed (`webhookEndpoint.updated`).",
  "webhookEndpoint.deleted": "A webhook endpoint was deleted (`webhookEndpoint.deleted`).",
  "webhookEndpoint.disabled": "A webhook endpoint was disabled because every delivery attempt failed for the whole retry schedule (`webhookEndpoint.disabled`).",
  "webhookEndpoint.secretRotated": "A webhook endpoint's signing secret was rotated (`webhookEndpoint.secretRotated`).",
};

registerEnumType(EventType, {
  name: "EventType",
  description:
    "What happened to an object: the closed list of event types of the `events` connection, the subscriptions and the webhooks. On the wire of a webhook (`type`) and in `Event.type` the dotted name is used (`payrollRun.statusChanged`).",
  valuesConfig: Object.fromEntries(Object.entries(DESCRIPTIONS).map(([type, description]) => [eventTypeEnumName(type as EventTypeName), { description }])),
});
