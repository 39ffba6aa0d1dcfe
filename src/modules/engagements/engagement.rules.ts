import { allowedBases, classificationsIn, countryOfClassification, isContractor } from "../../shared/classification";
import { COUNTRIES, countryOf, currencyOf, isSubdivision, type Country } from "../../shared/jurisdiction";
import { readMoneyInput } from "../../shared/money-input";
import type { MoneyInput } from "../../shared/money";
import { UserErrorCode, type UserErrors } from "../../shared/user-error";
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
    errors.add(
      ["workJurisdiction"],
      UserErrorCode.INVALID_JURISDICTION,
      `"${workJurisdiction.slice(0, 20)}" is not a supported ISO 3166-2 subdivision (e.g. US-CA, CA-ON)`,
    );
    return null;
  },

  classification(errors: UserErrors, classification: Classification, country: Country | null): void {
    if (country !== null && countryOfClassification(classification) !== country) {
      errors.add(
        ["classification"],
        UserErrorCode.CLASSIFICATION_NOT_VALID_IN_COUNTRY,
        `${classification} does not exist in ${country} (${CLASSIFICATIONS_BY_COUNTRY})`,
      );
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

/**
 * What an event records about an engagement (src/modules/events/event-snapshot.ts): ids, dates, status, codes and
 * the job title as they are; the reason an engagement ended is free text about a person, recorded as "changed".
 */
export const ENGAGEMENT_SNAPSHOT: SnapshotSpec<EngagementRow> = {
  plain: [
    "workerId", "externalId", "title", "workJurisdiction", "employmentModel", "classification",
    "startDate", "endDate", "status", "payScheduleId", "employerEntityId", "version",
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
