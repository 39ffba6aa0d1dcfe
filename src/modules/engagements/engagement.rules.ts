import { allowedBases, classificationsIn, countryOfClassification, isContractor } from "../../shared/classification";
import { rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { parseGlobalId } from "../../shared/global-id";
import { COUNTRIES, countryOf, covers, currencyOf, isSubdivision, type Country } from "../../shared/jurisdiction";
import { readMoneyInput } from "../../shared/money-input";
import type { MoneyInput } from "../../shared/money";
import { UserErrorCode, UserErrors } from "../../shared/user-error";
import type { WorkerRow } from "../workers/worker.type";
import type { PayScheduleRow } from "../pay-schedules/pay-schedule.type";
import type { HireWorkerInput } from "./engagement.input";
import { EmploymentModel } from "./engagement.type";
import type { CompensationBasis } from "./compensation.type";
import type { Classification } from "./engagement.type";
import type { EngagementRow } from "./engagement.type";
import type { CompensationRow } from "./compensation.type";
import type { SnapshotSpec } from "../events/event-snapshot";

/** Input limits (also stated in the input descriptions). */
export const LIMITS = { title: 200, externalId: 100, reason: 500 } as const;

/** `US: US_W2_EMPLOYEE, US_1099_CONTRACTOR; CA: CA_T4_EMPLOYEE, CA_T4A_CONTRACTOR` */
const CLASSIFICATIONS_BY_COUNTRY = COUNTRIES.map((c) => `${c}: ${classificationsIn(c).join(", ")}`).join("; ");

/** Business rules of the engagement model, each adding a precise userError at its input field. */
export const engagementRules = {
  /** The work country, or null (with INVALID_JURISDICTION) when the code is not a supported subdivision. */
  workCountry(errors: UserErrors, workJurisdiction: string): Country | null {
    if (isSubdivision(workJurisdiction)) return countryOf(workJurisdiction);
    errors.add(["workJurisdiction"], UserErrorCode.INVALID_JURISDICTION, `"${workJurisdiction.slice(0, 20)}" is not a supported ISO 3166-2 subdivision (e.g. US-CA, CA-ON)`);
    return null;
  },

  classification(errors: UserErrors, classification: Classification, country: Country | null): void {
    if (country !== null && countryOfClassification(classification) !== country) {
      errors.add(["classification"], UserErrorCode.CLASSIFICATION_NOT_VALID_IN_COUNTRY, `${classification} does not exist in ${country} (${CLASSIFICATIONS_BY_COUNTRY})`);
    }
  },

  /**
   * Basis allowed for the classification, positive amount, currency of the country. Returns minor units, or
   * null when anything is wrong. `field` is the path of the compensation input (`["compensation"]` or `[]`).
   */
  compensation(
    errors: UserErrors,
    field: string[],
    input: { basis: CompensationBasis; amount: MoneyInput },
    classification: Classification,
    country: Country | null,
  ): number | null {
    let ok = true;
    if (!allowedBases(classification).includes(input.basis)) {
      errors.add(
        [...field, "basis"],
        UserErrorCode.COMPENSATION_BASIS_NOT_ALLOWED,
        `${input.basis} is not allowed for ${classification}: ${isContractor(classification) ? "contractors are paid HOURLY or FIXED_FEE" : "employees are paid SALARY or HOURLY"}`,
      );
      ok = false;
    }
    const minor = readMoneyInput(errors, [...field, "amount"], input.amount, country === null ? null : currencyOf(country), {
      positive: true,
      what: "amount",
    });
    return ok ? minor : null;
  },

  /** An effective date must fall within the engagement's dates [startDate, endDate]. */
  effectiveDate(errors: UserErrors, field: string[], effectiveFrom: string, engagement: Pick<EngagementRow, "startDate" | "endDate">): void {
    if (effectiveFrom < engagement.startDate || (engagement.endDate !== null && effectiveFrom > engagement.endDate)) {
      errors.add(
        field,
        UserErrorCode.EFFECTIVE_DATE_OUT_OF_RANGE,
        `effectiveFrom must be within the engagement's dates (${engagement.startDate} to ${engagement.endDate ?? "open-ended"})`,
      );
    }
  },
};

/** The hire's lookups: the caller's loaders, each scoped to the caller's tenants. */
export interface HireLookups {
  worker(id: string): Promise<WorkerRow | null>;
  legalEntities(clientId: string): Promise<string[]>;
  paySchedule(id: string): Promise<PayScheduleRow | null>;
}

/** A hire that passed every check of its input, with what its transaction needs. */
export interface CheckedHire {
  worker: WorkerRow;
  country: Country;
  /** The first compensation's amount in minor units. */
  amount: number;
  effectiveFrom: string;
  payScheduleId: string | null;
}

/**
 * Every check of a hire's input that needs no lock: the worker (found, ACTIVE), text lengths, the work country
 * and its classifications, the employment model (contractors under EOR; PEO only where the client has its own
 * legal entity), the compensation, the dates and the pay schedule. The transaction checks again what can change
 * concurrently (the worker's status, externalId, overlaps).
 */
export async function checkHire(input: HireWorkerInput, lookups: HireLookups): Promise<CommandResult<CheckedHire>> {
  const errors = new UserErrors();
  const workerId = parseGlobalId(input.workerId, "Worker");
  if (workerId === null) errors.add(["workerId"], UserErrorCode.INVALID_ID, "workerId is not a valid Worker ID");
  const worker = workerId === null ? null : await lookups.worker(workerId);
  if (workerId !== null && worker === null) errors.add(["workerId"], UserErrorCode.NOT_FOUND, "Worker not found");
  if (worker !== null && worker.status !== "ACTIVE") {
    errors.add(["workerId"], UserErrorCode.WORKER_NOT_ACTIVE, WORKER_NOT_ACTIVE_MESSAGE);
  }

  errors.text("title", input.title, LIMITS.title);
  errors.text("externalId", input.externalId, LIMITS.externalId, false);
  const country = engagementRules.workCountry(errors, input.workJurisdiction);
  engagementRules.classification(errors, input.classification, country);
  if (isContractor(input.classification) && input.employmentModel === EmploymentModel.PEO) {
    errors.add(["employmentModel"], UserErrorCode.CONTRACTOR_REQUIRES_EOR, "Contractors are engaged under the EOR model only");
  }
  if (input.employmentModel === EmploymentModel.PEO && country !== null && worker !== null) {
    const entities = await lookups.legalEntities(worker.clientId);
    if (!entities.some((scope) => covers(scope, input.workJurisdiction))) {
      errors.add(
        ["employmentModel"],
        UserErrorCode.PEO_REQUIRES_LEGAL_ENTITY,
        `PEO needs the client's own legal entity covering ${input.workJurisdiction}; the client has ${entities.length ? entities.join(", ") : "none"}. Use EOR instead.`,
      );
    }
  }
  const amount = engagementRules.compensation(errors, ["compensation"], input.compensation, input.classification, country);
  const effectiveFrom = input.compensation.effectiveFrom ?? input.startDate;
  if (input.endDate != null && input.endDate < input.startDate) {
    errors.add(["endDate"], UserErrorCode.INVALID_DATE_RANGE, "endDate must be on or after startDate");
  } else {
    engagementRules.effectiveDate(errors, ["compensation", "effectiveFrom"], effectiveFrom, { startDate: input.startDate, endDate: input.endDate ?? null });
  }
  const payScheduleId = await payScheduleIdOf(errors, lookups, input.payScheduleId, worker?.clientId ?? null, country);
  if (errors.any || worker === null || country === null || amount === null) return rejectedBy(errors);
  return succeeded({ worker, country, amount, effectiveFrom, payScheduleId });
}

export const WORKER_NOT_ACTIVE_MESSAGE = "The worker is INACTIVE: reactivate it with updateWorker before hiring";

/** The pay schedule's uuid when given, of the worker's client and in the work country; else a userError. */
export async function payScheduleIdOf(
  errors: UserErrors,
  lookups: Pick<HireLookups, "paySchedule">,
  globalId: string | null | undefined,
  clientId: string | null,
  country: string | null,
) {
  if (globalId == null) return null;
  const id = parseGlobalId(globalId, "PaySchedule");
  if (id === null) {
    errors.add(["payScheduleId"], UserErrorCode.INVALID_ID, "payScheduleId is not a valid PaySchedule ID");
    return null;
  }
  const schedule = await lookups.paySchedule(id);
  if (schedule === null || (clientId !== null && schedule.clientId !== clientId)) {
    errors.add(["payScheduleId"], UserErrorCode.NOT_FOUND, "Pay schedule not found for this worker's client");
    return null;
  }
  if (country !== null && schedule.country !== country) {
    errors.add(["payScheduleId"], UserErrorCode.PAY_SCHEDULE_COUNTRY_MISMATCH, `The pay schedule pays ${schedule.country} engagements, not ${country}`);
    return null;
  }
  return id;
}

/**
 * What an event records about an engagement (src/modules/events/event-snapshot.ts): ids, dates, status, codes and
 * the job title as they are; the reason an engagement ended is free text about a person, recorded as "changed".
 */
export const ENGAGEMENT_SNAPSHOT: SnapshotSpec<EngagementRow> = {
  plain: [
    "workerId",
    "externalId",
    "title",
    "workJurisdiction",
    "employmentModel",
    "classification",
    "startDate",
    "endDate",
    "status",
    "payScheduleId",
    "employerEntityId",
    "version",
    "exempt",
    "workLocality",
    "scheduledHundredthsPerWeek",
  ],
  personal: { endReason: (r) => r.endReason },
};

/**
 * What an event records about a compensation: pay is personal (and sensitive), so the amount and the free-text
 * reason are "changed" markers; the engagement, basis, currency and effective date are kept.
 */
export const COMPENSATION_SNAPSHOT: SnapshotSpec<CompensationRow> = {
  plain: ["engagementId", "basis", "currency", "effectiveFrom"],
  personal: { amount: (r) => r.amount, reason: (r) => r.reason },
};
