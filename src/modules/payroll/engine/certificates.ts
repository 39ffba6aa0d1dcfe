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
  /** One of a few values (filing status): a GraphQL enum `<Form><Field>` is generated. */
  | { readonly kind: "ENUM"; readonly values: readonly string[] }
  /** A code from a long published list (county, school district, PSD code): a String checked against `values`. */
  | { readonly kind: "CODE"; readonly values: readonly string[] };

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
