/**
 * Every event type the application records, in one list: the `events` connection, the subscriptions and the
 * webhooks deliver these names and nothing else. A type is a stable dotted name `<objectType>.<change>`; a name,
 * once published, is never reused for another meaning (stored events keep it forever).
 */
export const EVENT_TYPES = [
  "client.created",
  "client.updated",
  "classificationAssessment.created",
  "classificationAssessment.linked",
  "compensation.created",
  "engagement.created",
  "engagement.ended",
  "engagement.updated",
  "engagement.timeEntriesRecorded",
  "engagement.classificationChanged",
  "engagement.classificationOverridden",
  "engagement.finalPayScheduled",
  "engagement.recordOfEmploymentProduced",
  "msa.created",
  "msa.accepted",
  "msa.activated",
  "msa.superseded",
  "msa_clause.added",
  "msa_clause.removed",
  "msaClause.deleted",
  "paymentMethod.set",
  "paymentMethod.replaced",
  "paymentMethod.removed",
  "employmentAgreement.sent",
  "employmentAgreement.superseded",
  "employmentAgreement.signed",
  "engagement.onboardingStepRecorded",
  "engagement.workAuthorizationVerified",
  "paySchedule.created",
  "paySchedule.updated",
  "payStatement.deleted",
  "payrollRun.created",
  "payrollRun.oneOffEarningAdded",
  "payrollRun.oneOffEarningRemoved",
  "payrollRun.statusChanged",
  "remittance.created",
  "remittance.statusChanged",
  "webhookEndpoint.created",
  "webhookEndpoint.updated",
  "webhookEndpoint.deleted",
  "webhookEndpoint.disabled",
  "webhookEndpoint.secretRotated",
  "worker.created",
  "worker.updated",
  "benefitPlan.created",
  "benefitPlan.updated",
  "benefitPlan.retired",
  "benefitEnrollment.created",
  "benefitEnrollment.electionChanged",
  "benefitEnrollment.ended",
] as const;

export type EventTypeName = (typeof EVENT_TYPES)[number];

export function isEventTypeName(value: string): value is EventTypeName {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/** The GraphQL enum name of an event type: `payrollRun.statusChanged` → `PAYROLL_RUN_STATUS_CHANGED`. */
export function eventTypeEnumName(type: EventTypeName): string {
  return type
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[._]/g, "_")
    .toUpperCase();
}

/**
 * `{ PAYROLL_RUN_STATUS_CHANGED: "payrollRun.statusChanged", … }`: the object a GraphQL enum of event types is
 * registered with (its internal values are the dotted names stored in the event log and sent in webhooks).
 */
export const EventTypeValues = Object.freeze(Object.fromEntries(EVENT_TYPES.map((t) => [eventTypeEnumName(t), t]))) as Readonly<Record<string, EventTypeName>>;
