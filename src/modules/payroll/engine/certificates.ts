/**
 * Withholding certificates of states and provinces (California DE 4, Illinois IL-W-4, New York IT-2104, Quebec
 * TP-1015.3, …) described as data. One `CertificateForm` per form: the engine validates a certificate against its
 * form, the graph builds one typed GraphQL input per form from the same description (`WithholdingInput` and
 * `EstimatePaycheckInput`), and the coverage table (`taxJurisdictions`) lists the form of each jurisdiction.
 *
 * A jurisdiction module declares its form next to its computation (engine/us/states/<state>.ts,
 * engine/ca/…) and reads the elections from `PaycheckInput.certificates[form.key]`. Absent certificate: the module
 * applies the state's documented default and says so on its line, as the federal W-4 does.
 */

/** The kind of one certificate field. Amounts are integer cents of the work country's currency. */
export type CertificateFieldType =
  /** A non-negative whole number (allowances, exemptions, dependents). */
  | { readonly kind: "COUNT"; readonly max?: number }
  /** An amount in cents (annual or per period: the description says which). */
  | { readonly kind: "MONEY" }
  | { readonly kind: "BOOLEAN" }
  /**
   * One of a few values (filing status): a GraphQL enum `<Form><Field>` is generated, each value described by
   * `valueDescriptions` (the form's wording) when given.
   */
  | { readonly kind: "ENUM"; readonly values: readonly string[]; readonly valueDescriptions?: Readonly<Record<string, string>> }
  /** A code from a long published list (county, school district, PSD code): a String checked against `values`. */
  | {
      readonly kind: "CODE";
      readonly values: readonly string[];
      /**
       * An open register (PA PSD codes: ~2,500 municipalities): any value of this shape is accepted, and the module
       * reports a code it has no rates for as a blocker naming it, instead of the validator refusing it.
       */
      readonly pattern?: RegExp;
    };

export interface CertificateField {
  /** camelCase field name, e.g. `allowances`, `filingStatus`, `nycResident`. */
  readonly name: string;
  readonly type: CertificateFieldType;
  /** The form's line this is (e.g. "IT-2104 line 1"), what it means, and its default when omitted. */
  readonly description: string;
  /** Must the field be given when the certificate is given? Default false (then the description says the default). */
  readonly required?: boolean;
}

export interface CertificateForm {
  /** Stable key: the GraphQL field name on the certificates input and the key in `PaycheckInput.certificates`, e.g. `it2104`. */
  readonly key: string;
  /** The form as the authority names it, e.g. "IT-2104". */
  readonly title: string;
  /** ISO 3166-2 jurisdictions whose withholding reads it, e.g. ["US-NY"]. */
  readonly jurisdictions: readonly string[];
  /** What the form is, who issues it (publication), and what the engine does without one (the documented default). */
  readonly description: string;
  readonly fields: readonly CertificateField[];
}

/** One certificate's elections as given: field name → value (numbers are cents for MONEY, counts for COUNT). */
export type CertificateValues = Readonly<Record<string, string | number | boolean>>;

/** The certificates on file for one paycheck, by `CertificateForm.key`. */
export type Certificates = Readonly<Record<string, CertificateValues>>;

/** Why one certificate (or one of its fields) is refused. */
export type CertificateProblemCode = "UNKNOWN_FORM" | "NOT_AN_OBJECT" | "UNKNOWN_FIELD" | "WRONG_TYPE" | "NEGATIVE" | "TOO_LARGE" | "NOT_IN_LIST" | "REQUIRED";

export interface CertificateProblem {
  readonly code: CertificateProblemCode;
  /** The form key (`de4`) the problem is about. */
  readonly form: string;
  /** The field, when the problem is about one. */
  readonly field?: string;
  readonly message: string;
}

/** Largest amount a MONEY field takes: 10^12 dollars, far below 2^53 cents (the graph's MoneyInput limit). */
const MAX_CENTS = 100_000_000_000_000;
/** Largest COUNT without a `max` of its own: no certificate asks for more allowances than this. */
const MAX_COUNT = 999;

const show = (value: unknown) => (typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : JSON.stringify(value));

/** Problems of one field's value against its type (none when it is valid). */
export function checkCertificateField(form: CertificateForm, field: CertificateField, value: unknown): CertificateProblem[] {
  const at = `${form.key}.${field.name}`;
  const problem = (code: CertificateProblemCode, message: string): CertificateProblem[] => [{ code, form: form.key, field: field.name, message }];
  const type = field.type;
  switch (type.kind) {
    case "COUNT": {
      if (typeof value !== "number" || !Number.isInteger(value)) return problem("WRONG_TYPE", `${at} must be a whole number, got ${show(value)}.`);
      if (value < 0) return problem("NEGATIVE", `${at} must not be negative, got ${value}.`);
      const max = type.max ?? MAX_COUNT;
      if (value > max) return problem("TOO_LARGE", `${at} must be at most ${max}, got ${value}.`);
      return [];
    }
    case "MONEY": {
      if (typeof value !== "number" || !Number.isInteger(value)) return problem("WRONG_TYPE", `${at} must be a whole number of cents, got ${show(value)}.`);
      if (value < 0) return problem("NEGATIVE", `${at} must not be negative, got ${value}.`);
      if (value > MAX_CENTS) return problem("TOO_LARGE", `${at} must be at most ${MAX_CENTS} cents, got ${value}.`);
      return [];
    }
    case "BOOLEAN":
      return typeof value === "boolean" ? [] : problem("WRONG_TYPE", `${at} must be true or false, got ${show(value)}.`);
    case "ENUM":
    case "CODE": {
      if (typeof value !== "string") return problem("WRONG_TYPE", `${at} must be a string, got ${show(value)}.`);
      if (type.values.includes(value)) return [];
      if (type.kind === "CODE" && type.pattern) {
        return type.pattern.test(value) ? [] : problem("NOT_IN_LIST", `${at} must match ${type.pattern.source} (${form.title}), got ${show(value)}.`);
      }
      const list = type.values.length <= 12 ? `: ${type.values.join(", ")}` : ` (${form.title} instructions list them)`;
      return problem("NOT_IN_LIST", `${at} must be one of the ${type.values.length} values of ${form.title}${list}; got ${show(value)}.`);
    }
  }
}

/**
 * Checks one certificate against its form: every given field is one of the form's and of its type, every required
 * field is given. `values` is what was given (any shape: the engine receives untrusted input).
 */
export function checkCertificate(form: CertificateForm, values: unknown): CertificateProblem[] {
  if (values === null || typeof values !== "object" || Array.isArray(values)) {
    return [{ code: "NOT_AN_OBJECT", form: form.key, message: `${form.key} (${form.title}) must be an object of its fields, got ${show(values)}.` }];
  }
  const given = values as Record<string, unknown>;
  const problems: CertificateProblem[] = [];
  const fields = new Map(form.fields.map((f) => [f.name, f]));
  for (const [name, value] of Object.entries(given)) {
    const field = fields.get(name);
    if (!field) {
      problems.push({
        code: "UNKNOWN_FIELD",
        form: form.key,
        field: name,
        message: `${form.key}.${name.slice(0, 40)} is not a field of ${form.title} (fields: ${form.fields.map((f) => f.name).join(", ")}).`,
      });
    } else if (value !== undefined) {
      problems.push(...checkCertificateField(form, field, value));
    }
  }
  for (const field of form.fields) {
    if (field.required && given[field.name] === undefined) {
      problems.push({ code: "REQUIRED", form: form.key, field: field.name, message: `${form.key}.${field.name} is required on ${form.title}.` });
    }
  }
  return problems;
}

/** Checks every certificate given against the known forms (`forms`): an unknown key is a problem too. */
export function checkCertificates(certificates: unknown, forms: readonly CertificateForm[]): CertificateProblem[] {
  if (certificates === undefined) return [];
  if (certificates === null || typeof certificates !== "object" || Array.isArray(certificates)) {
    return [{ code: "NOT_AN_OBJECT", form: "certificates", message: `certificates must be an object keyed by form, got ${show(certificates)}.` }];
  }
  const byKey = new Map(forms.map((f) => [f.key, f]));
  return Object.entries(certificates as Record<string, unknown>).flatMap(([key, values]) => {
    const form = byKey.get(key);
    if (form) return checkCertificate(form, values);
    return [
      { code: "UNKNOWN_FORM" as const, form: key, message: `certificates.${key.slice(0, 40)} is not a known withholding certificate (${forms.map((f) => f.key).join(", ")}).` },
    ];
  });
}
