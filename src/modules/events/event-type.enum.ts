import { registerEnumType } from "type-graphql";
import { EVENT_TYPES, EventTypeValues, type EventTypeName } from "./event-types";

/**
 * What each event type means, for the `EventType` enum. Exhaustive over `EVENT_TYPES`: a new event type does not
 * compile until it is described here.
 */
const DESCRIPTIONS: Record<EventTypeName, string> = {
  "benefitPlan.created":
    "`benefitPlan.created`: an operator created a benefit plan (`createBenefitPlan`). Recorded for the plan's client (PEO plans) or without a client (EOR plans).",
  "benefitPlan.updated": "`benefitPlan.updated`: a benefit plan's fields changed (`updateBenefitPlan`).",
  "benefitPlan.retired": "`benefitPlan.retired`: a benefit plan takes no new enrollments (`retireBenefitPlan`).",
  "benefitEnrollment.created":
    "`benefitEnrollment.created`: an engagement was enrolled in a benefit plan (`enrollInBenefit`), or a changed election started a new enrollment (`changeBenefitElection`).",
  "benefitEnrollment.electionChanged":
    "`benefitEnrollment.electionChanged`: an enrollment's election changed (`changeBenefitElection`): the old enrollment ends the day before `effectiveFrom` (status SUPERSEDED) or, on the same date, is changed in place.",
  "benefitEnrollment.ended": "`benefitEnrollment.ended`: an enrollment was given its last day (`endBenefitEnrollment`).",
  "client.created": "`client.created`: a client was created (`createClient`).",
  "client.updated": "`client.updated`: a client's fields changed (`updateClient`).",
  "classificationAssessment.created":
    "`classificationAssessment.created`: a classification questionnaire was answered and evaluated (`assessClassification`); `after` holds the outcome and each test's verdict, never the answers' author's data.",
  "classificationAssessment.linked":
    "`classificationAssessment.linked`: a prospective assessment was linked to the engagement that used it (`hireWorker`, `changeClassification`).",
  "engagement.classificationChanged": "`engagement.classificationChanged`: an engagement's classification changed (`changeClassification`), with the assessment that allowed it.",
  "engagement.classificationOverridden":
    "`engagement.classificationOverridden`: an OPERATOR engaged a worker as a contractor without a CONTRACTOR assessment, with a reason (`hireWorker`, `changeClassification`); the reason itself is not in the event.",
  "compensation.created": "`compensation.created`: an engagement got a compensation, at hire or by `changeCompensation` (effective-dated).",
  "engagement.created": "`engagement.created`: a worker was hired (`hireWorker`).",
  "engagement.ended": "`engagement.ended`: an engagement was given its end date (`endEngagement`).",
  "engagement.updated": "`engagement.updated`: an engagement's title, external ID or pay schedule changed (`updateEngagement`).",
  "engagement.finalPayScheduled":
    "`engagement.finalPayScheduled`: `endEngagement` planned the final pay of an employee (`Engagement.finalPay`): the legal deadline, the final-pay case, who pays it (`paidBy`) and the OFF_CYCLE run created for it (`payrollRunId`); no amounts.",
  "engagement.recordOfEmploymentProduced":
    "`engagement.recordOfEmploymentProduced`: the Record of Employment of a Canadian employee whose engagement ended is available (`Engagement.recordOfEmployment`): reason code, final pay period end and due date; no earnings, no SIN.",
  "engagement.timeEntriesRecorded": "`engagement.timeEntriesRecorded`: hours of an engagement were recorded or replaced (`recordTimeEntries`).",
  "msa.created": "`msa.created`: a DRAFT MSA version was created (`createMsa`).",
  "msa.accepted": "`msa.accepted`: one party accepted a DRAFT version's content (`acceptMsa`).",
  "msa.activated": "`msa.activated`: both parties accepted the same content: the version is ACTIVE.",
  "msa.superseded": "`msa.superseded`: an ACTIVE version was replaced by a newly activated one.",
  "msa_clause.added": "`msa_clause.added`: a clause was added to a DRAFT version (`addMsaClause`, or copied by `createMsa`).",
  "msa_clause.removed": "`msa_clause.removed`: a clause was removed from a DRAFT version (`removeMsaClause`).",
  "msaClause.deleted":
    "`msaClause.deleted`: a clause no longer exists (`removeMsaClause`); `objectId` is the deleted clause's ID. Recorded beside `msa_clause.removed`, for sync by deletion events.",
  "paymentMethod.set": "`paymentMethod.set`: a worker's payment method was set (`setPaymentMethod`); `after` holds the worker, kind, bank country and version, never a number.",
  "paymentMethod.replaced": "`paymentMethod.replaced`: a worker's active payment method was replaced by a new one (`setPaymentMethod`); `after.replacedBy` names it.",
  "paymentMethod.removed": "`paymentMethod.removed`: a worker's active payment method was removed (`removePaymentMethod`).",
  "employmentAgreement.sent":
    "`employmentAgreement.sent`: an employment or contractor agreement was sent for signature (`sendEmploymentAgreement`); `after` holds its template id and version.",
  "employmentAgreement.superseded": "`employmentAgreement.superseded`: an unsigned agreement was replaced by a newer one sent for the same engagement.",
  "employmentAgreement.signed": "`employmentAgreement.signed`: an agreement was signed (`recordAgreementSignature`); its key terms were copied (not in the event).",
  "engagement.onboardingStepRecorded":
    "`engagement.onboardingStepRecorded`: an onboarding checklist item's status was recorded (`recordOnboardingStep`); `after` holds the item, status and date.",
  "engagement.workAuthorizationVerified":
    "`engagement.workAuthorizationVerified`: work authorization (US Form I-9 / Canadian SIN) was recorded (`verifyWorkAuthorization`): status and dates only.",
  "paySchedule.created": "`paySchedule.created`: a pay schedule and its periods were created (`createPaySchedule`).",
  "paySchedule.updated": "`paySchedule.updated`: a pay schedule's fields changed (`updatePaySchedule`).",
  "payStatement.deleted": "`payStatement.deleted`: a pay statement no longer exists: a recalculation of its DRAFT run replaced it; `objectId` is the deleted statement's ID.",
  "payrollRun.created": "`payrollRun.created`: a DRAFT payroll run was created (`createPayrollRun`); `status` is `DRAFT`.",
  "payrollRun.oneOffEarningAdded": "`payrollRun.oneOffEarningAdded`: a bonus or reimbursement was added to a run (`addOneOffEarning`).",
  "payrollRun.oneOffEarningRemoved": "`payrollRun.oneOffEarningRemoved`: a bonus or reimbursement was removed from a run (`removeOneOffEarning`); `before` is the earning.",
  "payrollRun.statusChanged": "`payrollRun.statusChanged`: a payroll run moved from `previousStatus` to `status`.",
  "remittance.created": "`remittance.created`: a remittance was scheduled when its run was approved; `status` is `SCHEDULED`.",
  "remittance.statusChanged": "`remittance.statusChanged`: a remittance moved from `previousStatus` to `status`.",
  "worker.created": "`worker.created`: a worker was created (`createWorker`).",
  "worker.updated": "`worker.updated`: a worker's fields changed (`updateWorker`).",
  "webhookEndpoint.created": "`webhookEndpoint.created`: a webhook endpoint was created (`createWebhookEndpoint`).",
  "webhookEndpoint.updated": "`webhookEndpoint.updated`: a webhook endpoint's URL, event types or enabled flag changed (`updateWebhookEndpoint`).",
  "webhookEndpoint.deleted": "`webhookEndpoint.deleted`: a webhook endpoint was deleted (`deleteWebhookEndpoint`).",
  "webhookEndpoint.disabled": "`webhookEndpoint.disabled`: a webhook endpoint was disabled because every delivery attempt failed for the whole retry schedule.",
  "webhookEndpoint.secretRotated": "`webhookEndpoint.secretRotated`: a webhook endpoint's signing secret was rotated (`rotateWebhookSecret`).",
};

/**
 * `EventType`: the event types as a GraphQL enum. Its values are the names of `EventTypeValues`
 * (`PAYROLL_RUN_STATUS_CHANGED`), its internal values the dotted names stored in the event log
 * (`payrollRun.statusChanged`), so resolvers and filters work with the dotted names.
 */
export const EventType = EventTypeValues;
export type EventType = EventTypeName;

registerEnumType(EventType, {
  name: "EventType",
  description:
    "What happened to an object: one value per event type the API records (`Event.eventType`, the `events(eventTypes:)` filter). The dotted name in each description is the same type's `Event.type` string.",
  valuesConfig: Object.fromEntries(EVENT_TYPES.map((type) => [Object.keys(EventTypeValues).find((name) => EventTypeValues[name] === type)!, { description: DESCRIPTIONS[type] }])),
});
