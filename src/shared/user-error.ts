import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { LIST_LIMITS, MaxItems } from "./list-limits";

/**
 * Codes of expected, caller-fixable mutation outcomes. One enum for the whole graph so that integrators can
 * switch on it; each value says what to fix.
 */
export enum UserErrorCode {
  INVALID_INPUT = "INVALID_INPUT",
  INVALID_ID = "INVALID_ID",
  NOT_FOUND = "NOT_FOUND",
  TOO_LONG = "TOO_LONG",
  INVALID_EMAIL = "INVALID_EMAIL",
  INVALID_JURISDICTION = "INVALID_JURISDICTION",
  INVALID_AMOUNT = "INVALID_AMOUNT",
  INVALID_DATE_RANGE = "INVALID_DATE_RANGE",
  DUPLICATE_EXTERNAL_ID = "DUPLICATE_EXTERNAL_ID",
  DUPLICATE_TAX_ID = "DUPLICATE_TAX_ID",
  DUPLICATE_NAME = "DUPLICATE_NAME",
  STALE_VERSION = "STALE_VERSION",
  PEO_REQUIRES_LEGAL_ENTITY = "PEO_REQUIRES_LEGAL_ENTITY",
  CONTRACTOR_REQUIRES_EOR = "CONTRACTOR_REQUIRES_EOR",
  CLASSIFICATION_NOT_VALID_IN_COUNTRY = "CLASSIFICATION_NOT_VALID_IN_COUNTRY",
  CURRENCY_MISMATCH = "CURRENCY_MISMATCH",
  COMPENSATION_BASIS_NOT_ALLOWED = "COMPENSATION_BASIS_NOT_ALLOWED",
  OVERLAPPING_ENGAGEMENT = "OVERLAPPING_ENGAGEMENT",
  WORKER_NOT_ACTIVE = "WORKER_NOT_ACTIVE",
  ENGAGEMENT_ENDED = "ENGAGEMENT_ENDED",
  EFFECTIVE_DATE_OUT_OF_RANGE = "EFFECTIVE_DATE_OUT_OF_RANGE",
  DUPLICATE_EFFECTIVE_DATE = "DUPLICATE_EFFECTIVE_DATE",
  PAY_SCHEDULE_COUNTRY_MISMATCH = "PAY_SCHEDULE_COUNTRY_MISMATCH",
  MSA_IMMUTABLE = "MSA_IMMUTABLE",
  MSA_WITHOUT_CLAUSES = "MSA_WITHOUT_CLAUSES",
  MSA_EFFECTIVE_DATE_TOO_EARLY = "MSA_EFFECTIVE_DATE_TOO_EARLY",
  MSA_VERSION_OUTDATED = "MSA_VERSION_OUTDATED",
  ILLEGAL_STATUS_TRANSITION = "ILLEGAL_STATUS_TRANSITION",
  PAYROLL_RUN_EXISTS = "PAYROLL_RUN_EXISTS",
  PAYROLL_RUN_BLOCKED = "PAYROLL_RUN_BLOCKED",
  PAYROLL_RUN_IN_PROGRESS = "PAYROLL_RUN_IN_PROGRESS",
  INPUTS_CHANGED = "INPUTS_CHANGED",
  NOT_RESPONSIBLE_PARTY = "NOT_RESPONSIBLE_PARTY",
  WORK_DATE_OUT_OF_RANGE = "WORK_DATE_OUT_OF_RANGE",
  SALARIED_ENGAGEMENT = "SALARIED_ENGAGEMENT",
  TOO_MANY_CLAUSES = "TOO_MANY_CLAUSES",
  TOO_MANY_COMPENSATIONS = "TOO_MANY_COMPENSATIONS",
  TOO_MANY_TIME_ENTRIES = "TOO_MANY_TIME_ENTRIES",
  CLASSIFICATION_ASSESSMENT_REQUIRED = "CLASSIFICATION_ASSESSMENT_REQUIRED",
  MISCLASSIFICATION_RISK = "MISCLASSIFICATION_RISK",
  CLASSIFICATION_OVERRIDE_NOT_ALLOWED = "CLASSIFICATION_OVERRIDE_NOT_ALLOWED",
  TOO_MANY_CLASSIFICATION_CHANGES = "TOO_MANY_CLASSIFICATION_CHANGES",
  BELOW_MINIMUM_WAGE = "BELOW_MINIMUM_WAGE",
  MINIMUM_WAGE_UNKNOWN = "MINIMUM_WAGE_UNKNOWN",
  EXEMPT_NOT_ALLOWED = "EXEMPT_NOT_ALLOWED",
  EXEMPT_SALARY_BELOW_THRESHOLD = "EXEMPT_SALARY_BELOW_THRESHOLD",
  INVALID_WORK_LOCALITY = "INVALID_WORK_LOCALITY",
  NOT_ELIGIBLE = "NOT_ELIGIBLE",
  ENROLLMENT_OVERLAP = "ENROLLMENT_OVERLAP",
  EFFECTIVE_DATE_OUTSIDE_PLAN_YEAR = "EFFECTIVE_DATE_OUTSIDE_PLAN_YEAR",
  ELECTION_REQUIRED = "ELECTION_REQUIRED",
  INVALID_CONTRIBUTION_RULE = "INVALID_CONTRIBUTION_RULE",
  BENEFIT_KIND_NOT_IN_COUNTRY = "BENEFIT_KIND_NOT_IN_COUNTRY",
  WAITING_PERIOD_TOO_LONG = "WAITING_PERIOD_TOO_LONG",
  PTO_HOURS_REQUIRED = "PTO_HOURS_REQUIRED",
  VACATION_PAY_OWED_REQUIRED = "VACATION_PAY_OWED_REQUIRED",
  INVALID_ROUTING_NUMBER = "INVALID_ROUTING_NUMBER",
  INVALID_ACCOUNT_NUMBER = "INVALID_ACCOUNT_NUMBER",
  NO_PAYMENT_METHOD = "NO_PAYMENT_METHOD",
  ONBOARDING_ITEM_NOT_REQUIRED = "ONBOARDING_ITEM_NOT_REQUIRED",
  ONBOARDING_ITEM_DERIVED = "ONBOARDING_ITEM_DERIVED",
  TEMPORARY_SIN_EXPIRY_REQUIRED = "TEMPORARY_SIN_EXPIRY_REQUIRED",
  AGREEMENT_NOT_SIGNABLE = "AGREEMENT_NOT_SIGNABLE",
}

const DESCRIPTIONS: Record<UserErrorCode, string> = {
  INVALID_INPUT: "A value is malformed or out of range; the message says which and why.",
  INVALID_ID: "An ID is not a well-formed global ID of the expected type.",
  NOT_FOUND: "The referenced object does not exist or is not visible to the caller.",
  TOO_LONG: "A text value exceeds its maximum length.",
  INVALID_EMAIL: "The email address is not valid.",
  INVALID_JURISDICTION: "Not a supported ISO 3166-2 code (US states and DC, Canadian provinces and territories).",
  INVALID_AMOUNT: "An amount is negative, has more than two decimals or is too large.",
  INVALID_DATE_RANGE: "An end date is before its start date.",
  DUPLICATE_EXTERNAL_ID: "Another object of this client already uses this externalId (`conflictingId` names it).",
  DUPLICATE_TAX_ID:
    "Another worker of this client already has this SSN/SIN (`createWorker`, `updateWorker`); the number is never echoed (`conflictingId` names the other worker to a caller with `pii:read`).",
  DUPLICATE_NAME: "Another object of this client already has this name (`conflictingId` names it).",
  STALE_VERSION: "The object changed since the caller read it (its `version`, or for `acceptMsa` the MSA's `contentDigest`): re-read it and retry with the current one.",
  PEO_REQUIRES_LEGAL_ENTITY: "PEO co-employment needs the client's own legal entity in the work jurisdiction.",
  CONTRACTOR_REQUIRES_EOR: "Contractors are engaged under the EOR model only.",
  CLASSIFICATION_NOT_VALID_IN_COUNTRY: "The classification does not exist in the work country (W-2/1099 in the US, T4/T4A in Canada).",
  CURRENCY_MISMATCH: "The currency does not follow the work country (USD in the US, CAD in Canada).",
  COMPENSATION_BASIS_NOT_ALLOWED: "The compensation basis does not fit the classification (fixed fees are for contractors).",
  OVERLAPPING_ENGAGEMENT: "The worker already has an engagement with this client over these dates (`conflictingId` names it).",
  WORKER_NOT_ACTIVE: "The worker is not active.",
  ENGAGEMENT_ENDED: "The engagement has already ended.",
  EFFECTIVE_DATE_OUT_OF_RANGE: "The effective date falls outside the engagement's dates.",
  DUPLICATE_EFFECTIVE_DATE: "A compensation change already takes effect on that date (`conflictingId` names it).",
  PAY_SCHEDULE_COUNTRY_MISMATCH: "The pay schedule belongs to another country than the work jurisdiction.",
  MSA_IMMUTABLE: "The MSA version is active or superseded: it cannot change nor be accepted again. Create a new version.",
  MSA_WITHOUT_CLAUSES: "An MSA version needs at least one clause before it can be accepted.",
  MSA_EFFECTIVE_DATE_TOO_EARLY: "A new MSA version must take effect after the ACTIVE version's effectiveFrom (the ACTIVE one ends the day before).",
  MSA_VERSION_OUTDATED: "A newer MSA version is already ACTIVE (`conflictingId` names it): create a new version instead of accepting an older draft.",
  ILLEGAL_STATUS_TRANSITION: "The object's current status does not allow this change; the message names the status.",
  PAYROLL_RUN_EXISTS: "The pay period already has a REGULAR payroll run that is not cancelled, failed or reversed (`conflictingId` names it): use it, or an OFF_CYCLE run.",
  PAYROLL_RUN_BLOCKED: "The calculated run has blockers (see `PayrollRun.blockers`): fix their causes, recalculate, then approve.",
  PAYROLL_RUN_IN_PROGRESS:
    "A payroll run that pays the engagement is being calculated, reviewed or paid (CALCULATING, CALCULATED, APPROVED, FUNDED or PAYING; `conflictingId` names it): what it pays cannot change until it is paid or cancelled.",
  INPUTS_CHANGED:
    "An input of the calculation (hours, compensation, withholding elections, one-off earnings, year-to-date amounts…) changed since it ran, or `expectedInputsDigest` is not the run's: recalculate and review again.",
  NOT_RESPONSIBLE_PARTY:
    "The client's MSA gives this responsibility to another party (e.g. PAYROLL_APPROVAL held by the EOR: only an operator approves); the message names the party.",
  WORK_DATE_OUT_OF_RANGE: "The work date falls outside the engagement's start and end dates.",
  SALARIED_ENGAGEMENT:
    "The engagement is paid a salary on that date: hours (REGULAR, OVERTIME or PTO) are recorded only for hourly days, since the salary pays the period whatever the hours.",
  TOO_MANY_CLAUSES: `The MSA version already has ${LIST_LIMITS.clausesPerMsaVersion} clauses, the most a version may have: remove one, or merge clauses (a clause may name several jurisdictions).`,
  TOO_MANY_COMPENSATIONS: `The engagement already has ${LIST_LIMITS.compensationsPerEngagement} compensations (the first one and its changes), the most an engagement may have: end it and hire again to start a new history.`,
  CLASSIFICATION_ASSESSMENT_REQUIRED:
    "A contractor classification (US_1099_CONTRACTOR, CA_T4A_CONTRACTOR) needs `classificationAssessmentId`: a CONTRACTOR assessment (`assessClassification`) of the same client, for the same work jurisdiction (and engagement), less than a year old. The message says which condition the given one misses.",
  MISCLASSIFICATION_RISK:
    "The classification assessment's outcome is EMPLOYEE or NEEDS_REVIEW: engaging the worker as a contractor risks misclassification. Use the employee classification, or assess again once the facts change.",
  CLASSIFICATION_OVERRIDE_NOT_ALLOWED: "Only the EOR (an OPERATOR) may override the classification rule with a reason.",
  TOO_MANY_CLASSIFICATION_CHANGES: `The engagement already has ${LIST_LIMITS.classificationChangesPerEngagement} classifications in its history, the most an engagement may have.`,
  NOT_ELIGIBLE:
    "The engagement may not be covered by the benefit plan on that date (a contractor, another country or jurisdiction, the waiting period, too few scheduled hours, a retired plan, an ended engagement); the message says why — `eligibleBenefits` lists every reason.",
  ENROLLMENT_OVERLAP: "The engagement already has an enrollment of the same benefit kind over these dates (`conflictingId` names it): change or end it instead.",
  EFFECTIVE_DATE_OUTSIDE_PLAN_YEAR: "An enrollment's dates must fall inside the plan year (`planYearStart` to `planYearEnd`).",
  ELECTION_REQUIRED:
    "The plan sets no default employee contribution: elect one (`electedAmount` for a FIXED_PER_PERIOD plan, `electedPercentBasisPoints` for PERCENT_OF_GROSS, `coverageAmount` for GROUP_TERM_LIFE).",
  INVALID_CONTRIBUTION_RULE:
    "A contribution rule is inconsistent: FIXED_PER_PERIOD needs an amount, PERCENT_OF_GROSS basis points (0-10000), MATCH 1-5 tiers whose bands add up to at most 100 % of gross and is for the employer only; an election must fit the plan's method.",
  BENEFIT_KIND_NOT_IN_COUNTRY: "The benefit kind does not exist in that country (US_… kinds in the US, CA_… kinds in Canada).",
  WAITING_PERIOD_TOO_LONG: "The waiting period is longer than the law allows for the kind: 90 days for MEDICAL (PHS Act §2708), one year for a 401(k) (IRC §410(a)).",
  PTO_HOURS_REQUIRED:
    "`endEngagement`: the work state requires accrued, unused vacation/PTO to be paid at separation (the message cites the statute): give `unusedPtoHours` (0 when none).",
  VACATION_PAY_OWED_REQUIRED:
    "`endEngagement` of a Canadian employee: vacation pay owed is payable when employment ends (provincial employment standards): give `vacationPayOwed` (0 when none) or `unusedPtoHours`.",
  INVALID_ROUTING_NUMBER:
    "A bank routing number is malformed: a US ABA routing number is 9 digits with a valid check digit (starting 01–12, 21–32 or 61–72); a Canadian institution number 3 digits and transit number 5 digits. The number is never echoed.",
  INVALID_ACCOUNT_NUMBER: "A bank account number is malformed (US: 4 to 17 digits; Canada: 7 to 12 digits). The number is never echoed.",
  NO_PAYMENT_METHOD: "The worker has no active payment method to remove.",
  ONBOARDING_ITEM_NOT_REQUIRED: "The onboarding item is not required for this engagement's classification and work jurisdiction (its status is NOT_REQUIRED).",
  ONBOARDING_ITEM_DERIVED:
    "The onboarding item's status comes from data, not from a recorded step: set the W-4 with `updateWorker`, the payment method with `setPaymentMethod`, the agreement with `sendEmploymentAgreement` / `recordAgreementSignature`, work authorization with `verifyWorkAuthorization`.",
  TEMPORARY_SIN_EXPIRY_REQUIRED: "The worker's SIN starts with 9 (a temporary SIN): `verifyWorkAuthorization` needs its `expiresOn` date.",
  AGREEMENT_NOT_SIGNABLE: "The agreement is already signed, or was superseded by a newer one sent for the engagement; the message says which.",
  TOO_MANY_TIME_ENTRIES: `A \`recordTimeEntries\` call takes at most ${LIST_LIMITS.timeEntriesPerCall} entries: send them in several calls. (Per engagement and date there is one entry per type, so at most ${LIST_LIMITS.timeEntriesPerEngagementDay}.)`,
  BELOW_MINIMUM_WAGE:
    "An employee's hourly rate, or a salary's hourly equivalent (annual ÷ (52 × 40 h)), is below the minimum wage of the work place on the compensation's effective date (the highest of the federal, state or provincial and local rates): the message names the rate and its source (README, Labor-law checks).",
  MINIMUM_WAGE_UNKNOWN: "No minimum wage table covers the work jurisdiction on that date, so the rate cannot be checked: the message says which table is missing.",
  EXEMPT_NOT_ALLOWED: "`exempt` (from overtime) is for US employees paid a SALARY only: not for contractors, hourly pay or Canadian engagements.",
  EXEMPT_SALARY_BELOW_THRESHOLD:
    "An exempt employee's annual salary is below the salary threshold of the federal white-collar exemption (29 CFR 541.600) or of the work state (e.g. California: 2 × state minimum wage × 2080): raise it, or set `exempt: false`.",
  INVALID_WORK_LOCALITY: "Not a supported work locality, or one outside the engagement's work jurisdiction (e.g. `US-CA-SF` needs `US-CA`).",
};

registerEnumType(UserErrorCode, {
  name: "UserErrorCode",
  description: "Why a mutation refused its input. Stable: integrators may switch on these values.",
  valuesConfig: Object.fromEntries(Object.entries(DESCRIPTIONS).map(([k, v]) => [k, { description: v }])),
});

@ObjectType({ description: "A problem with a mutation's input that the caller can fix." })
export class UserError {
  @MaxItems(LIST_LIMITS.userErrorPath)
  @Field(() => [String], { description: 'Path to the offending input field, e.g. `["input", "email"]`. At most 6 elements.' })
  field!: string[];

  @Field(() => UserErrorCode, { description: "Stable machine-readable reason." })
  code!: UserErrorCode;

  @Field(() => String, { description: "Human-readable explanation, safe to show to an operator." })
  message!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "On a conflict (`DUPLICATE_EXTERNAL_ID`, `DUPLICATE_NAME`, `DUPLICATE_TAX_ID`, `DUPLICATE_EFFECTIVE_DATE`, `OVERLAPPING_ENGAGEMENT`, `ENROLLMENT_OVERLAP`, `PAYROLL_RUN_EXISTS`, `PAYROLL_RUN_IN_PROGRESS`, `MSA_VERSION_OUTDATED`): the global ID of the existing object the input collides with — the same whether the server's own check or the database's unique key caught it (a concurrent request that won the race). Null for every other code, and when the caller may not read that object (its type's read scope, `pii:read` for `DUPLICATE_TAX_ID`) or it belongs to a client the caller may not act for.",
  })
  conflictingId!: string | null;
}

export function userError(field: string[], code: UserErrorCode, message: string, conflictingId: string | null = null): UserError {
  return Object.assign(new UserError(), { field: ["input", ...field], code, message, conflictingId });
}

/** Collects user errors while validating an input: at most `max` of them (the payload field's declared maximum). */
export class UserErrors {
  readonly list: UserError[] = [];

  constructor(private readonly max: number = LIST_LIMITS.userErrors) {}

  add(field: string[], code: UserErrorCode, message: string): void {
    if (this.list.length < this.max) this.list.push(userError(field, code, message));
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** Checks a required or optional text value for length (and non-blank when required). */
  text(field: string, value: string | null | undefined, max: number, required = true): void {
    if (value == null) {
      if (required) this.add([field], UserErrorCode.INVALID_INPUT, `${field} is required`);
      return;
    }
    if (required && value.trim() === "") this.add([field], UserErrorCode.INVALID_INPUT, `${field} must not be blank`);
    else if (value.length > max) this.add([field], UserErrorCode.TOO_LONG, `${field} must be at most ${max} characters`);
  }
}

/**
 * STALE_VERSION's message. The current version is part of the object, so it is named only to a caller who may
 * read the object (e.g. `workers:read` for a worker); a write-only caller learns that its version is not current.
 */
export function staleVersionMessage(what: string, current: number, expected: number, mayReadObject: boolean): string {
  return mayReadObject ? `The ${what} is at version ${current}, not ${expected}: re-read it and retry` : `The ${what} is not at version ${expected}: re-read it and retry`;
}

/**
 * Checks an `expectedVersion` input: a positive integer (INVALID_INPUT otherwise). Optional ones are checked only
 * when given.
 */
export function expectedVersionRule(errors: UserErrors, expectedVersion: number | null | undefined): void {
  if (expectedVersion == null) return;
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 1) errors.add(["expectedVersion"], UserErrorCode.INVALID_INPUT, "expectedVersion must be a positive integer");
}

/**
 * The STALE_VERSION userError when `expectedVersion` is given and is not the object's current version (read under
 * its row lock); null when the write may go ahead. `what` names the object ("engagement").
 */
export function staleVersion(what: string, current: number, expectedVersion: number | null | undefined, mayReadObject: boolean): UserError | null {
  if (expectedVersion == null || current === expectedVersion) return null;
  return userError(["expectedVersion"], UserErrorCode.STALE_VERSION, staleVersionMessage(what, current, expectedVersion, mayReadObject));
}
