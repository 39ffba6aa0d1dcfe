/**
 * A worker's state and provincial withholding certificates: reading the typed input (worker-certificates.type.ts)
 * into the engine's `Certificates`, applying an update, and storing them sealed.
 *
 * Certificates are personal data (filing status, dependants, residence codes): they are stored as one PII envelope
 * (src/pii/pii-cipher.ts) of their JSON in `workers.withholding_certificates_encrypted`, bound to the worker's id,
 * re-keyed by `npm run pii:rotate`, never in an event (the snapshot marks "changed") nor a log.
 */
import type { PiiCipher } from "../../pii/pii-cipher";
import { readMoneyInput } from "../../shared/money-input";
import type { MoneyInput } from "../../shared/money";
import { UserErrorCode, type UserErrors } from "../../shared/user-error";
import type { Country } from "../../shared/jurisdiction";
import { checkCertificate, type CertificateForm, type CertificateProblemCode, type Certificates, type CertificateValues } from "../payroll/engine/certificates";
import { allCertificateForms } from "../payroll/engine/certificates-registry";
import { certificateCurrency } from "./worker-certificates.names";
import type { WithholdingCertificatesInput } from "./worker-certificates.type";

/** Per form key: the new certificate, or null to remove it. Keys not present are unchanged. */
export type CertificatesPatch = Readonly<Record<string, CertificateValues | null>>;

const PROBLEM_CODES: Record<CertificateProblemCode, UserErrorCode> = {
  UNKNOWN_FORM: UserErrorCode.INVALID_INPUT,
  NOT_AN_OBJECT: UserErrorCode.INVALID_INPUT,
  UNKNOWN_FIELD: UserErrorCode.INVALID_INPUT,
  WRONG_TYPE: UserErrorCode.INVALID_INPUT,
  NEGATIVE: UserErrorCode.INVALID_INPUT,
  TOO_LARGE: UserErrorCode.INVALID_INPUT,
  NOT_IN_LIST: UserErrorCode.INVALID_INPUT,
  REQUIRED: UserErrorCode.INVALID_INPUT,
};

/**
 * Reads `certificates` input (at `path`, e.g. ["withholding", "certificates"]) into a patch, adding userErrors at
 * `[...path, <form key>, <field>]`: MONEY fields must be MoneyInput in the form's country currency, and each
 * certificate must pass the form's rules (engine/certificates.ts). With `country`, a form of the other country is
 * refused (an estimate is for one jurisdiction). Null when nothing was given.
 */
export function readCertificatesInput(errors: UserErrors, path: string[], input: WithholdingCertificatesInput | null | undefined, country?: Country): CertificatesPatch | null {
  if (input == null) return null;
  const patch: Record<string, CertificateValues | null> = {};
  for (const form of allCertificateForms()) {
    const given = input[form.key];
    if (given === undefined) continue;
    if (given === null) {
      patch[form.key] = null;
      continue;
    }
    if (country !== undefined && form.jurisdictions[0].slice(0, 2) !== country) {
      errors.add([...path, form.key], UserErrorCode.INVALID_INPUT, `${form.title} is a certificate of ${form.jurisdictions.join(", ")}, not of a ${country} jurisdiction`);
      continue;
    }
    const values = readOneCertificate(errors, [...path, form.key], form, given);
    if (values !== null) patch[form.key] = values;
  }
  return patch;
}

function readOneCertificate(errors: UserErrors, path: string[], form: CertificateForm, given: Record<string, unknown>): CertificateValues | null {
  const values: Record<string, string | number | boolean> = {};
  let ok = true;
  for (const [name, value] of Object.entries(given)) {
    if (value == null) continue; // an optional field left blank: the form's default
    const field = form.fields.find((f) => f.name === name);
    if (field?.type.kind === "MONEY") {
      const cents = readMoneyInput(errors, [...path, name], value as MoneyInput, certificateCurrency(form), { what: `${form.title} ${name}` });
      if (cents === null) ok = false;
      else values[name] = cents;
    } else {
      values[name] = value as string | number | boolean;
    }
  }
  for (const problem of checkCertificate(form, values)) {
    errors.add(problem.field ? [...path, problem.field] : path, PROBLEM_CODES[problem.code], problem.message);
    ok = false;
  }
  return ok ? values : null;
}

/** The certificates after an update: removed forms dropped, given ones replaced whole, the others kept. */
export function applyCertificatesPatch(current: Certificates, patch: CertificatesPatch): Certificates {
  const next: Record<string, CertificateValues> = { ...current };
  for (const [key, values] of Object.entries(patch)) {
    if (values === null) delete next[key];
    else next[key] = values;
  }
  return next;
}

const context = (workerId: string) => `workers.withholding_certificates:${workerId}`;

/** The sealed column value: null when no certificate is on file (nothing to protect, and "none" reads fast). */
export function sealCertificates(cipher: PiiCipher, workerId: string, certificates: Certificates): string | null {
  const keys = Object.keys(certificates).sort();
  if (keys.length === 0) return null;
  return cipher.encrypt(JSON.stringify(Object.fromEntries(keys.map((k) => [k, certificates[k]]))), context(workerId));
}

/** The certificates of a sealed column value (throws PiiDecryptionError when the key is missing or the value was altered). */
export function openCertificates(cipher: PiiCipher, workerId: string, envelope: string | null): Certificates {
  if (envelope === null) return {};
  return JSON.parse(cipher.decrypt(envelope, context(workerId))) as Certificates;
}

/** Re-seals a stored value under the current key (pii:rotate). */
export function resealCertificates(cipher: PiiCipher, workerId: string, envelope: string): string {
  return cipher.encrypt(cipher.decrypt(envelope, context(workerId)), context(workerId));
}
