import { failed, type CommandResult } from "../shared/command-result";
import { userError, UserErrorCode, type UserError } from "../shared/user-error";
import { violatedConstraint } from "./errors";

/** What a violated constraint means to the caller: the userError it becomes. `field` is relative to `input`. */
export interface ConstraintUserError {
  code: UserErrorCode;
  field: string[];
  message: string;
}

/**
 * Every unique, exclusion and check constraint and unique index of the app's tables, and the userError its
 * violation becomes. The database is the last word on uniqueness and overlap (two concurrent requests both pass
 * a service's own check; one insert wins and the other lands here), and the checks are defence in depth behind
 * the services' validation (those map to the code the validation would have given). Constraints the server
 * alone writes (keys over generated ids, computed amounts) still map, so that no violation is ever an
 * INTERNAL_SERVER_ERROR; their field is the input as a whole.
 *
 * test/e2e/constraint-errors.test.ts reads the constraints from the database and fails when one is missing here,
 * or when an entry names a constraint that does not exist. Primary keys of one column (generated ids, the event
 * sequence row written by an upsert) are left out; composite primary keys are natural keys and are in.
 */
export const CONSTRAINT_USER_ERRORS = {
  // clients
  clients_external_id_key: { code: UserErrorCode.DUPLICATE_EXTERNAL_ID, field: ["externalId"], message: "Another client already uses this externalId" },
  clients_name_check: { code: UserErrorCode.INVALID_INPUT, field: ["name"], message: "name must be 1-200 characters" },
  client_legal_entities_client_id_jurisdiction_pk: {
    code: UserErrorCode.INVALID_INPUT,
    field: ["legalEntityJurisdictions"],
    message: "A legal entity jurisdiction is listed twice",
  },
  client_legal_entities_jurisdiction_check: {
    code: UserErrorCode.INVALID_JURISDICTION,
    field: ["legalEntityJurisdictions"],
    message: "Not a supported jurisdiction (e.g. US, US-CA, CA, CA-ON)",
  },

  // workers
  workers_client_external_id_key: { code: UserErrorCode.DUPLICATE_EXTERNAL_ID, field: ["externalId"], message: "Another worker of this client already uses this externalId" },
  workers_id_client_key: { code: UserErrorCode.INVALID_INPUT, field: [], message: "The worker already exists" },
  workers_home_jurisdiction_check: { code: UserErrorCode.INVALID_JURISDICTION, field: ["homeJurisdiction"], message: "Not a supported ISO 3166-2 subdivision (e.g. US-NY, CA-QC)" },
  workers_client_tax_id_hmac_key: { code: UserErrorCode.DUPLICATE_TAX_ID, field: ["taxId"], message: "Another worker of this client already has this taxId" },
  workers_w4_amounts_check: { code: UserErrorCode.INVALID_AMOUNT, field: ["withholding", "w4"], message: "W-4 amounts must not be negative" },
  workers_td1_amounts_check: { code: UserErrorCode.INVALID_AMOUNT, field: ["withholding", "td1"], message: "TD1 claim amounts must not be negative" },

  // engagements and compensations
  engagements_client_external_id_key: {
    code: UserErrorCode.DUPLICATE_EXTERNAL_ID,
    field: ["externalId"],
    message: "Another engagement of this client already uses this externalId",
  },
  engagements_id_client_key: { code: UserErrorCode.INVALID_INPUT, field: [], message: "The engagement already exists" },
  engagements_no_overlap: { code: UserErrorCode.OVERLAPPING_ENGAGEMENT, field: ["startDate"], message: "The worker already has an engagement with this client over these dates" },
  engagements_dates_check: { code: UserErrorCode.INVALID_DATE_RANGE, field: ["endDate"], message: "endDate must be on or after startDate" },
  engagements_work_jurisdiction_check: {
    code: UserErrorCode.INVALID_JURISDICTION,
    field: ["workJurisdiction"],
    message: "Not a supported ISO 3166-2 subdivision (e.g. US-CA, CA-ON)",
  },
  engagements_classification_country_check: {
    code: UserErrorCode.CLASSIFICATION_NOT_VALID_IN_COUNTRY,
    field: ["classification"],
    message: "The classification does not exist in the work country",
  },
  engagements_contractor_eor_check: { code: UserErrorCode.CONTRACTOR_REQUIRES_EOR, field: ["employmentModel"], message: "Contractors are engaged under the EOR model only" },
  engagements_termination_reason_check: { code: UserErrorCode.INVALID_INPUT, field: ["terminationReason"], message: "Not a termination reason" },
  // offboarding (final pays are written by endEngagement alone)
  final_pays_engagement_key: { code: UserErrorCode.ENGAGEMENT_ENDED, field: ["engagementId"], message: "The engagement's final pay is already planned" },
  final_pays_reason_check: { code: UserErrorCode.INVALID_INPUT, field: ["terminationReason"], message: "Not a termination reason" },
  final_pays_paid_by_check: { code: UserErrorCode.INVALID_INPUT, field: [], message: "A final pay is paid by its off-cycle run or by the next regular run" },
  final_pays_pto_check: { code: UserErrorCode.INVALID_AMOUNT, field: ["unusedPtoHours"], message: "A PTO payout would be negative" },
  compensations_engagement_effective_key: {
    code: UserErrorCode.DUPLICATE_EFFECTIVE_DATE,
    field: ["effectiveFrom"],
    message: "A compensation change already takes effect on that date",
  },
  compensations_amount_check: { code: UserErrorCode.INVALID_AMOUNT, field: ["amount"], message: "The amount must not be negative" },
  compensations_currency_check: { code: UserErrorCode.CURRENCY_MISMATCH, field: ["amount", "currency"], message: "The currency must be USD or CAD" },

  // employer entities (reference data)
  employer_entities_country_key: { code: UserErrorCode.INVALID_INPUT, field: ["country"], message: "An employer entity already exists for this country" },
  employer_registrations_entity_jurisdiction_key: {
    code: UserErrorCode.INVALID_INPUT,
    field: ["jurisdiction"],
    message: "The employer entity is already registered in this jurisdiction",
  },
  employer_registrations_jurisdiction_check: { code: UserErrorCode.INVALID_JURISDICTION, field: ["jurisdiction"], message: "Not a supported ISO 3166-2 subdivision" },

  // pay schedules and periods
  pay_schedules_client_name_key: { code: UserErrorCode.DUPLICATE_NAME, field: ["name"], message: "This client already has a pay schedule with this name" },
  pay_schedules_id_client_key: { code: UserErrorCode.INVALID_INPUT, field: [], message: "The pay schedule already exists" },
  pay_schedules_offset_check: { code: UserErrorCode.INVALID_INPUT, field: ["payDateOffsetDays"], message: "payDateOffsetDays must be between 0 and 31" },
  pay_periods_id_client_key: { code: UserErrorCode.INVALID_INPUT, field: [], message: "The pay period already exists" },
  pay_periods_schedule_start_key: { code: UserErrorCode.INVALID_INPUT, field: ["firstPeriodStart"], message: "The pay schedule already has a period starting on that date" },
  pay_periods_dates_check: {
    code: UserErrorCode.INVALID_DATE_RANGE,
    field: ["firstPeriodStart"],
    message: "A pay period must end on or after its start and be paid on or after its end",
  },

  // payroll
  payroll_runs_id_client_key: { code: UserErrorCode.INVALID_INPUT, field: [], message: "The payroll run already exists" },
  payroll_runs_currency_check: { code: UserErrorCode.CURRENCY_MISMATCH, field: ["country"], message: "A payroll run is paid in USD or CAD" },
  pay_statements_id_client_key: { code: UserErrorCode.INVALID_INPUT, field: [], message: "The pay statement already exists" },
  pay_statements_run_engagement_key: { code: UserErrorCode.INVALID_INPUT, field: ["payrollRunId"], message: "The run already has a statement for this engagement: recalculate" },
  pay_statements_amounts_check: { code: UserErrorCode.INVALID_AMOUNT, field: [], message: "A statement amount would be negative" },
  pay_statement_lines_statement_code_key: { code: UserErrorCode.INVALID_INPUT, field: [], message: "A statement line code appears twice" },
  pay_statement_lines_amount_check: { code: UserErrorCode.INVALID_AMOUNT, field: [], message: "A statement line amount would be negative" },
  one_off_earnings_amount_check: { code: UserErrorCode.INVALID_AMOUNT, field: ["amount"], message: "The amount must be greater than zero" },
  time_entries_engagement_date_type_key: { code: UserErrorCode.INVALID_INPUT, field: ["entries"], message: "An engagement, date and type appear twice" },
  time_entries_hours_check: { code: UserErrorCode.INVALID_INPUT, field: ["entries"], message: "Hours must be between 0 and 24 per entry" },

  // remittances
  remittances_run_kind_payee_key: { code: UserErrorCode.INVALID_INPUT, field: ["payrollRunId"], message: "The run's remittances are already scheduled" },
  remittances_amounts_check: { code: UserErrorCode.INVALID_AMOUNT, field: [], message: "A remittance amount would be negative" },
  remittances_currency_check: { code: UserErrorCode.CURRENCY_MISMATCH, field: [], message: "A remittance is paid in USD or CAD" },
  remittance_items_remittance_line_key: { code: UserErrorCode.INVALID_INPUT, field: [], message: "A statement line is remitted twice" },
  remittance_items_amount_check: { code: UserErrorCode.INVALID_AMOUNT, field: [], message: "A remittance item amount would be negative" },

  // MSA
  msas_client_version_key: { code: UserErrorCode.STALE_VERSION, field: ["clientId"], message: "Another MSA version of this client was created at the same time: retry" },
  msas_id_client_key: { code: UserErrorCode.INVALID_INPUT, field: [], message: "The MSA version already exists" },
  msas_one_active_per_client: { code: UserErrorCode.MSA_VERSION_OUTDATED, field: ["msaId"], message: "Another version of this client's MSA was activated at the same time" },
  msas_dates_check: { code: UserErrorCode.INVALID_DATE_RANGE, field: ["effectiveFrom"], message: "An MSA version must end on or after it takes effect" },

  // events
  events_client_seq_key: { code: UserErrorCode.STALE_VERSION, field: [], message: "A concurrent change of this client was recorded at the same time: retry" },

  // webhooks (written by the server alone: the owner's role, the disabled state, an attempt's outcome)
  webhook_endpoints_role_check: { code: UserErrorCode.INVALID_INPUT, field: [], message: "The caller's role cannot own a webhook endpoint" },
  webhook_endpoints_disabled_check: { code: UserErrorCode.INVALID_INPUT, field: ["enabled"], message: "A disabled endpoint records when it was disabled" },
  webhook_deliveries_status_check: { code: UserErrorCode.INVALID_INPUT, field: [], message: "Not a delivery status" },

  // idempotency keys (written by the transport alone; the key's format is checked before the row is written:
  // IDEMPOTENCY_KEY_INVALID; a concurrent reservation of one key is ON CONFLICT DO NOTHING, never a violation)
  idempotency_keys_pkey: { code: UserErrorCode.INVALID_INPUT, field: [], message: "This idempotency key was reserved at the same time by another request: retry" },
  idempotency_keys_key_check: { code: UserErrorCode.INVALID_INPUT, field: [], message: "An idempotency key is 1 to 255 printable ASCII characters" },
  idempotency_keys_state_check: { code: UserErrorCode.INVALID_INPUT, field: [], message: "Not an idempotency key state" },
  idempotency_keys_completed_check: { code: UserErrorCode.INVALID_INPUT, field: [], message: "A completed idempotency key stores its answer" },
  // engagements' scheduled hours (benefits eligibility)
  engagements_scheduled_hours_check: { code: UserErrorCode.INVALID_INPUT, field: ["scheduledHoursPerWeek"], message: "scheduledHoursPerWeek must be between 0 and 168" },

  // benefits (the service validates each first; these are defence in depth)
  benefit_plans_year_check: { code: UserErrorCode.INVALID_DATE_RANGE, field: ["planYearEnd"], message: "planYearEnd must be on or after planYearStart" },
  benefit_plans_waiting_check: { code: UserErrorCode.WAITING_PERIOD_TOO_LONG, field: ["waitingPeriodDays"], message: "waitingPeriodDays must be between 0 and 366" },
  benefit_plans_amounts_check: { code: UserErrorCode.INVALID_AMOUNT, field: [], message: "Contribution amounts must not be negative" },
  benefit_plans_percent_check: { code: UserErrorCode.INVALID_CONTRIBUTION_RULE, field: [], message: "Contribution percents must be between 0 and 10000 basis points" },
  benefit_enrollments_currency_check: { code: UserErrorCode.CURRENCY_MISMATCH, field: [], message: "An enrollment is in USD or CAD" },
  benefit_enrollments_dates_check: { code: UserErrorCode.INVALID_DATE_RANGE, field: ["effectiveTo"], message: "effectiveTo must be on or after effectiveFrom" },
  benefit_enrollments_amounts_check: { code: UserErrorCode.INVALID_AMOUNT, field: [], message: "Elected amounts must not be negative and percents at most 10000 basis points" },
  pay_statement_benefits_statement_plan_key: { code: UserErrorCode.INVALID_INPUT, field: [], message: "A pay statement applies a benefit plan once" },

  // payment methods and onboarding (a worker's changes run under its row lock; the services check these first)
  payment_methods_one_active_per_worker: { code: UserErrorCode.STALE_VERSION, field: ["expectedVersion"], message: "The worker's payment method changed at the same time: retry" },
  payment_methods_id_client_key: { code: UserErrorCode.INVALID_INPUT, field: [], message: "A payment method belongs to one client" },
  payment_methods_kind_check: { code: UserErrorCode.INVALID_INPUT, field: ["kind"], message: "A BANK_ACCOUNT has its numbers, a CHECK none" },
  payment_methods_ended_check: { code: UserErrorCode.INVALID_INPUT, field: [], message: "Only an ACTIVE payment method has no end" },
  onboarding_steps_engagement_item_key: { code: UserErrorCode.STALE_VERSION, field: ["item"], message: "This onboarding item was recorded at the same time: retry" },
  onboarding_steps_completed_check: { code: UserErrorCode.INVALID_INPUT, field: ["completedOn"], message: "completedOn is given with COMPLETE, and only with it" },
  onboarding_steps_expires_check: { code: UserErrorCode.INVALID_INPUT, field: ["expiresOn"], message: "Only work authorization has an expiry date" },
  employment_agreements_signed_check: { code: UserErrorCode.INVALID_INPUT, field: ["signedOn"], message: "A signed agreement has its signature date, and only it" },
  employment_agreements_dates_check: { code: UserErrorCode.INVALID_DATE_RANGE, field: ["signedOn"], message: "signedOn is before the agreement was sent" },

  // classification (src/modules/classification): the services validate first; these are defence in depth
  classification_assessments_work_jurisdiction_check: {
    code: UserErrorCode.INVALID_JURISDICTION,
    field: ["workJurisdiction"],
    message: "Not a supported ISO 3166-2 subdivision (e.g. US-CA, CA-ON)",
  },
  classification_assessments_recommended_country_check: {
    code: UserErrorCode.CLASSIFICATION_NOT_VALID_IN_COUNTRY,
    field: [],
    message: "The recommended classification does not exist in the work country",
  },
  classification_assessments_outcome_check: { code: UserErrorCode.INVALID_INPUT, field: [], message: "Only a CONTRACTOR outcome recommends a contractor classification" },
  engagement_classification_changes_country_check: {
    code: UserErrorCode.CLASSIFICATION_NOT_VALID_IN_COUNTRY,
    field: ["classification"],
    message: "A classification change stays in the work country",
  },
  employer_sui_rates_registration_year_key: { code: UserErrorCode.INVALID_INPUT, field: ["taxYear"], message: "That year's rate was set at the same time: send the request again" },
  employer_sui_rates_rate_check: { code: UserErrorCode.INVALID_INPUT, field: ["rate"], message: 'rate must be a percentage such as "3.4": 0 to 99.9999, at most 4 decimals' },
  employer_sui_rates_tax_year_check: { code: UserErrorCode.INVALID_INPUT, field: ["taxYear"], message: "taxYear must be between 2000 and 2100" },
  employer_sui_rates_wage_base_check: { code: UserErrorCode.INVALID_INPUT, field: ["wageBase"], message: "wageBase must be more than zero" },
} as const satisfies Record<string, ConstraintUserError>;

export type ConstraintName = keyof typeof CONSTRAINT_USER_ERRORS;

/**
 * Where a constraint guards several inputs, the field path of this command (an overlap is about `startDate` when
 * hiring, `endDate` when ending).
 */
export type ConstraintFields = Partial<Record<ConstraintName, string[]>>;

/**
 * For a conflict constraint (a unique or exclusion key an integrator's input can collide with): how this command
 * finds the existing object, by the key it tried to write, within the caller's tenants — its global ID, or null
 * when the caller may not see it. Run after the losing transaction rolled back, so the winner is committed.
 */
export type ConflictLookups = Partial<Record<ConstraintName, () => Promise<string | null>>>;

/**
 * The userError for a violated constraint of the table (null for any other error: rethrow it); `conflictingId`
 * is the existing object's global ID when the caller's command looked it up.
 */
export function constraintUserError(error: unknown, fields: ConstraintFields = {}, conflictingId: string | null = null): UserError | null {
  const constraint = violatedConstraintName(error);
  if (constraint === null) return null;
  const mapped: ConstraintUserError = CONSTRAINT_USER_ERRORS[constraint];
  return userError(fields[constraint] ?? mapped.field, mapped.code, mapped.message, conflictingId);
}

/** The mapped constraint an error violated, or null. */
export function violatedConstraintName(error: unknown): ConstraintName | null {
  const constraint = violatedConstraint(error);
  return constraint !== null && Object.hasOwn(CONSTRAINT_USER_ERRORS, constraint) ? (constraint as ConstraintName) : null;
}

/**
 * The userError of a constraint, for a service's own check of what the constraint guards (e.g. a taken externalId
 * found before inserting): the caller gets the same answer whether the check or the database caught it, with the
 * existing object's global ID (null when the caller may not see it).
 */
export function userErrorOf(constraint: ConstraintName, conflictingId: string | null = null): UserError {
  const mapped: ConstraintUserError = CONSTRAINT_USER_ERRORS[constraint];
  return userError(mapped.field, mapped.code, mapped.message, conflictingId);
}

/**
 * Runs a command; a violation of a mapped constraint becomes its failure (the userError) instead of an error.
 * The one place where services turn database violations into userErrors. For a conflict constraint, `conflicts`
 * finds the object that won (the race loser answers like the service's own check: with its `conflictingId`).
 */
export async function withConstraintErrors<T>(run: () => Promise<CommandResult<T>>, fields: ConstraintFields = {}, conflicts: ConflictLookups = {}): Promise<CommandResult<T>> {
  try {
    return await run();
  } catch (error) {
    const constraint = violatedConstraintName(error);
    if (constraint === null) throw error;
    const lookup = conflicts[constraint];
    return failed(constraintUserError(error, fields, lookup ? await lookup() : null)!);
  }
}
