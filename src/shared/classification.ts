/**
 * Worker classifications: who is an employee and who a contractor, in which country, reported on which form,
 * and how each may be paid. The one table of these facts: engagement rules, the paycheck estimate, remittance
 * scheduling, the run calculation and both payroll engines read it; the `classification` database enum and the
 * `Classification` GraphQL enum carry exactly these values (test/unit/enums.test.ts).
 */
import type { Country } from "./jurisdiction";

export const CLASSIFICATIONS = ["US_W2_EMPLOYEE", "US_1099_CONTRACTOR", "CA_T4_EMPLOYEE", "CA_T4A_CONTRACTOR"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** How a worker is paid: the `compensation_basis` database enum and the `CompensationBasis` GraphQL enum. */
export const COMPENSATION_BASES = ["SALARY", "HOURLY", "FIXED_FEE"] as const;
export type CompensationBasisValue = (typeof COMPENSATION_BASES)[number];

export type WorkerKind = "EMPLOYEE" | "CONTRACTOR";

/** The year-end information return of each classification's earnings. */
export type TaxForm = "W-2" | "1099-NEC" | "T4" | "T4A";

interface ClassificationFacts {
  country: Country;
  kind: WorkerKind;
  form: TaxForm;
}

const FACTS: Readonly<Record<Classification, ClassificationFacts>> = {
  US_W2_EMPLOYEE: { country: "US", kind: "EMPLOYEE", form: "W-2" },
  US_1099_CONTRACTOR: { country: "US", kind: "CONTRACTOR", form: "1099-NEC" },
  CA_T4_EMPLOYEE: { country: "CA", kind: "EMPLOYEE", form: "T4" },
  CA_T4A_CONTRACTOR: { country: "CA", kind: "CONTRACTOR", form: "T4A" },
};

/** Employees: SALARY or HOURLY. Contractors: HOURLY or FIXED_FEE (documented on `CompensationBasis`). */
const BASES: Readonly<Record<WorkerKind, readonly CompensationBasisValue[]>> = {
  EMPLOYEE: ["SALARY", "HOURLY"],
  CONTRACTOR: ["HOURLY", "FIXED_FEE"],
};

/** True for one of the four classifications (engine input is not trusted to be one). */
export function isClassification(value: unknown): value is Classification {
  return typeof value === "string" && Object.hasOwn(FACTS, value);
}

/** The only country in which the classification exists. */
export function countryOfClassification(classification: Classification): Country {
  return FACTS[classification].country;
}

export function workerKindOf(classification: Classification): WorkerKind {
  return FACTS[classification].kind;
}

export function isContractor(classification: Classification): boolean {
  return FACTS[classification].kind === "CONTRACTOR";
}

export function isEmployee(classification: Classification): boolean {
  return FACTS[classification].kind === "EMPLOYEE";
}

export function taxFormOf(classification: Classification): TaxForm {
  return FACTS[classification].form;
}

/** The classifications valid in a country, in the enum's order (employee first). */
export function classificationsIn(country: Country): Classification[] {
  return CLASSIFICATIONS.filter((c) => FACTS[c].country === country);
}

/** The employee classifications (those with withholding and employer taxes). */
export function employeeClassifications(): Classification[] {
  return CLASSIFICATIONS.filter(isEmployee);
}

/** The compensation bases a classification may be paid on. */
export function allowedBases(classification: Classification): readonly CompensationBasisValue[] {
  return BASES[FACTS[classification].kind];
}

/**
 * The outcome of a classification assessment (src/modules/classification): the `classification_outcome` database
 * enum and the `ClassificationOutcome` GraphQL enum.
 */
export const CLASSIFICATION_OUTCOMES = ["EMPLOYEE", "CONTRACTOR", "NEEDS_REVIEW"] as const;
export type ClassificationOutcomeValue = (typeof CLASSIFICATION_OUTCOMES)[number];
