import { isSubdivision } from "../../shared/jurisdiction";
import { readMoneyInput } from "../../shared/money-input";
import { UserErrorCode, type UserErrors } from "../../shared/user-error";
import type { WithholdingInput } from "./worker.input";
import type { WorkerChanges } from "./worker.repository";
import type { WorkerRow } from "./worker.type";

/** Input limits (also stated in the input descriptions). */
export const LIMITS = { name: 100, externalId: 100, email: 254 } as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Pure validation of worker input; each function adds userErrors at its field and returns the clean value. */
export const workerRules = {
  email(errors: UserErrors, value: string): string | null {
    const email = value.trim();
    if (email.length > LIMITS.email) {
      errors.add(["email"], UserErrorCode.TOO_LONG, `email must be at most ${LIMITS.email} characters`);
      return null;
    }
    if (!EMAIL.test(email)) {
      errors.add(["email"], UserErrorCode.INVALID_EMAIL, "email is not a valid address");
      return null;
    }
    return email;
  },

  homeJurisdiction(errors: UserErrors, value: string): string | null {
    if (isSubdivision(value)) return value;
    errors.add(
      ["homeJurisdiction"],
      UserErrorCode.INVALID_JURISDICTION,
      `"${value.slice(0, 20)}" is not a supported ISO 3166-2 subdivision (e.g. US-NY, CA-QC)`,
    );
    return null;
  },

  /** SSN or SIN: 9 digits once dashes and spaces are removed. The message never echoes the value. */
  taxId(errors: UserErrors, value: string): { taxId: string; taxIdLast4: string } | null {
    const digits = value.length <= 20 && /^[0-9 -]+$/.test(value) ? value.replace(/[ -]/g, "") : "";
    if (!/^[0-9]{9}$/.test(digits)) {
      errors.add(["taxId"], UserErrorCode.INVALID_INPUT, "taxId must be a 9-digit SSN or SIN (dashes and spaces allowed)");
      return null;
    }
    return { taxId: digits, taxIdLast4: digits.slice(5) };
  },

  /**
   * Withholding input → columns. An omitted `w4` / `td1` leaves its columns out (unchanged on update), `null`
   * clears them, a value replaces all of them. W-4 amounts must be USD, TD1 amounts CAD.
   */
  withholding(errors: UserErrors, input: WithholdingInput | null | undefined): WorkerChanges {
    const changes: WorkerChanges = {};
    if (input == null) return changes;
    const field = ["withholding"];
    if (input.w4 === null) {
      Object.assign(changes, {
        w4FilingStatus: null,
        w4MultipleJobs: null,
        w4DependentsAmount: null,
        w4OtherIncome: null,
        w4Deductions: null,
        w4ExtraWithholding: null,
      });
    } else if (input.w4 !== undefined) {
      const w4 = input.w4;
      const amount = (name: "dependentsAmount" | "otherIncome" | "deductions" | "extraWithholding") => {
        const value = w4[name];
        return value == null ? 0 : readMoneyInput(errors, [...field, "w4", name], value, "USD", { what: `W-4 ${name}` });
      };
      Object.assign(changes, {
        w4FilingStatus: w4.filingStatus,
        w4MultipleJobs: w4.multipleJobs ?? false,
        w4DependentsAmount: amount("dependentsAmount"),
        w4OtherIncome: amount("otherIncome"),
        w4Deductions: amount("deductions"),
        w4ExtraWithholding: amount("extraWithholding"),
      });
    }
    if (input.td1 === null) {
      Object.assign(changes, { td1FederalClaimAmount: null, td1ProvincialClaimAmount: null });
    } else if (input.td1 !== undefined) {
      const td1 = input.td1;
      const amount = (name: "federalClaimAmount" | "provincialClaimAmount") => {
        const value = td1[name];
        return value == null ? null : readMoneyInput(errors, [...field, "td1", name], value, "CAD", { what: `TD1 ${name}` });
      };
      Object.assign(changes, { td1FederalClaimAmount: amount("federalClaimAmount"), td1ProvincialClaimAmount: amount("provincialClaimAmount") });
    }
    if (input.cppExempt != null) changes.cppExempt = input.cppExempt;
    if (input.eiExempt != null) changes.eiExempt = input.eiExempt;
    return changes;
  },
};

/**
 * What an event records about a worker: names and elections are fine in the audit table (never in logs);
 * the tax id is not, not even its last four digits, only whether one is on file.
 */
export function workerSnapshot(row: WorkerRow) {
  return {
    externalId: row.externalId,
    legalFirstName: row.legalFirstName,
    legalLastName: row.legalLastName,
    preferredName: row.preferredName,
    email: row.email,
    homeJurisdiction: row.homeJurisdiction,
    status: row.status,
    taxIdOnFile: row.taxIdLast4 !== null,
    w4: row.w4FilingStatus === null
      ? null
      : {
          filingStatus: row.w4FilingStatus,
          multipleJobs: row.w4MultipleJobs,
          dependentsAmount: row.w4DependentsAmount,
          otherIncome: row.w4OtherIncome,
          deductions: row.w4Deductions,
          extraWithholding: row.w4ExtraWithholding,
        },
    td1: { federalClaimAmount: row.td1FederalClaimAmount, provincialClaimAmount: row.td1ProvincialClaimAmount },
    cppExempt: row.cppExempt,
    eiExempt: row.eiExempt,
    version: row.version,
  };
}
