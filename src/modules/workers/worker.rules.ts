import { isSubdivision } from "../../shared/jurisdiction";
import { readMoneyInput } from "../../shared/money-input";
import { UserErrorCode, type UserErrors } from "../../shared/user-error";
import type { WithholdingInput } from "./worker.input";
import type { WorkerChanges } from "./worker.repository";
import type { WorkerRow } from "./worker.type";
import type { SnapshotSpec } from "../events/event-snapshot";
import { readCertificatesInput, type CertificatesPatch } from "./worker-certificates";

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
    errors.add(["homeJurisdiction"], UserErrorCode.INVALID_JURISDICTION, `"${value.slice(0, 20)}" is not a supported ISO 3166-2 subdivision (e.g. US-NY, CA-QC)`);
    return null;
  },

  /** SSN or SIN: 9 digits once dashes and spaces are removed. The message never echoes the value. */
  taxId(errors: UserErrors, value: string): string | null {
    const digits = value.length <= 20 && /^[0-9 -]+$/.test(value) ? value.replace(/[ -]/g, "") : "";
    if (!/^[0-9]{9}$/.test(digits)) {
      errors.add(["taxId"], UserErrorCode.INVALID_INPUT, "taxId must be a 9-digit SSN or SIN (dashes and spaces allowed)");
      return null;
    }
    return digits;
  },

  /**
   * `withholding.certificates` → a patch per form (omitted: unchanged, null: removed, given: replaced), or
   * "REMOVE_ALL" for `certificates: null`; null when not given. Sealed by the service (it merges with the stored ones).
   */
  certificates(errors: UserErrors, input: WithholdingInput | null | undefined): CertificatesPatch | "REMOVE_ALL" | null {
    if (input?.certificates === undefined) return null;
    if (input.certificates === null) return "REMOVE_ALL";
    return readCertificatesInput(errors, ["withholding", "certificates"], input.certificates);
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
 * What an event records about a worker (see src/modules/events/event-snapshot.ts): ids, status and version as they
 * are; names, email, home jurisdiction (an address), tax id and withholding elections only as "changed" markers.
 * A tax id written again counts as changed (each encryption differs; nothing is decrypted to compare).
 */
export const WORKER_SNAPSHOT: SnapshotSpec<WorkerRow> = {
  plain: ["externalId", "status", "version"],
  derived: { taxIdOnFile: (r) => r.taxIdEncrypted !== null },
  personal: {
    legalFirstName: (r) => r.legalFirstName,
    legalLastName: (r) => r.legalLastName,
    preferredName: (r) => r.preferredName,
    email: (r) => r.email,
    homeJurisdiction: (r) => r.homeJurisdiction,
    taxId: (r) => r.taxIdEncrypted,
    // Exemptions are false by default: only a true one is an election.
    withholding: (r) => [
      r.w4FilingStatus,
      r.w4MultipleJobs,
      r.w4DependentsAmount,
      r.w4OtherIncome,
      r.w4Deductions,
      r.w4ExtraWithholding,
      r.td1FederalClaimAmount,
      r.td1ProvincialClaimAmount,
      r.withholdingCertificatesEncrypted,
      r.cppExempt || null,
      r.eiExempt || null,
    ],
  },
};
