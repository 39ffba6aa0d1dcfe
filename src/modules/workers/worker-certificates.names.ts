/**
 * Names the graph gives each certificate form's generated types (worker-certificates.type.ts), kept apart so the
 * read-scope table can list them without loading type-graphql classes.
 */
import { currencyOf, type Currency } from "../../shared/jurisdiction";
import type { CertificateField, CertificateForm } from "../payroll/engine/certificates";
import { allCertificateForms } from "../payroll/engine/certificates-registry";

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** `de4` → `De4CertificateInput`. */
export const certificateInputName = (form: CertificateForm) => `${pascal(form.key)}CertificateInput`;
/** `de4` → `De4Certificate`. */
export const certificateObjectName = (form: CertificateForm) => `${pascal(form.key)}Certificate`;
/** `de4`, `filingStatus` → `De4FilingStatus`. */
export const certificateEnumName = (form: CertificateForm, field: CertificateField) => `${pascal(form.key)}${pascal(field.name)}`;

/** The currency of a form's MONEY fields: its jurisdictions' country's (USD for a state form, CAD for a provincial one). */
export function certificateCurrency(form: CertificateForm): Currency {
  return currencyOf(form.jurisdictions[0].slice(0, 2) === "CA" ? "CA" : "US");
}

/** Every generated object type holding a certificate (the read-scope table gives them `pii:read`). */
export function certificateObjectTypeNames(): string[] {
  return ["WithholdingCertificates", ...allCertificateForms().map(certificateObjectName)];
}
