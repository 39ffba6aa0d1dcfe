/**
 * Every withholding certificate form the engine knows: each US state module's `certificate` and the Canadian forms
 * (ca/certificates.ts). The graph builds one typed input per form from this list, the engines validate
 * `PaycheckInput.certificates` against it, and `taxJurisdictions` names each jurisdiction's form.
 */
import type { CertificateForm, Certificates } from "./certificates";
import { CA_CERTIFICATE_FORMS } from "./ca/certificates";
import { US_STATE_MODULES } from "./us/states";

/** The forms, in a stable order (US states by module order, then Canada); keys are unique (checked at load). */
export function allCertificateForms(): readonly CertificateForm[] {
  return FORMS;
}

/** The form a jurisdiction's withholding reads (`US-CA` → DE 4), if any. */
export function certificateFormOf(jurisdiction: string): CertificateForm | undefined {
  return FORMS.find((f) => f.jurisdictions.includes(jurisdiction));
}

/** The certificates a paycheck in `jurisdiction` reads: only that jurisdiction's forms (others stay on file). */
export function certificatesFor(jurisdiction: string, certificates: Certificates): Certificates | undefined {
  const keys = FORMS.filter((f) => f.jurisdictions.includes(jurisdiction) && certificates[f.key] !== undefined).map((f) => f.key);
  return keys.length === 0 ? undefined : Object.fromEntries(keys.map((k) => [k, certificates[k]]));
}

function collect(): readonly CertificateForm[] {
  const forms = [...US_STATE_MODULES.flatMap((m) => (m.certificate ? [m.certificate] : [])), ...CA_CERTIFICATE_FORMS];
  const seen = new Set<string>();
  for (const form of forms) {
    if (!/^[a-z][A-Za-z0-9]*$/.test(form.key)) throw new Error(`certificate form key ${form.key} must be camelCase (it is a GraphQL field name)`);
    if (seen.has(form.key)) throw new Error(`certificate form key ${form.key} is declared twice`);
    seen.add(form.key);
    const names = new Set<string>();
    for (const field of form.fields) {
      if (!/^[a-z][A-Za-z0-9]*$/.test(field.name)) throw new Error(`${form.key}.${field.name} must be camelCase (it is a GraphQL field name)`);
      if (names.has(field.name)) throw new Error(`${form.key}.${field.name} is declared twice`);
      names.add(field.name);
    }
  }
  return forms;
}

const FORMS = collect();
