/**
 * Reads one state certificate from `PaycheckInput.certificates[form.key]` and checks it against its
 * `CertificateForm`: every value has the field's kind (COUNT a whole number ≥ 0 and ≤ max, MONEY whole cents ≥ 0,
 * ENUM/CODE one of the listed values, BOOLEAN), no unknown field, required fields present. A bad certificate is an
 * INVALID_INPUT blocker naming the field (the caller can fix it); an absent certificate is `undefined` (the state's
 * documented default applies and its line says so).
 */
import type { CertificateForm, CertificateValues } from "../../certificates";
import type { Blocker } from "../../types";
import type { UsPayContext } from "../context";

export interface ReadCertificate {
  readonly values: CertificateValues | undefined;
  readonly blockers: Blocker[];
}

export function readCertificate(ctx: UsPayContext, form: CertificateForm): ReadCertificate {
  const values = ctx.input.certificates?.[form.key];
  if (values === undefined) return { values: undefined, blockers: [] };
  const problems: string[] = [];
  const fields = new Map(form.fields.map((f) => [f.name, f]));
  for (const name of Object.keys(values)) {
    if (!fields.has(name)) problems.push(`unknown field ${name}`);
  }
  for (const field of form.fields) {
    const value = values[field.name];
    if (value === undefined) {
      if (field.required) problems.push(`${field.name} is required`);
      continue;
    }
    const type = field.type;
    const ok =
      type.kind === "COUNT"
        ? typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && (type.max === undefined || value <= type.max)
        : type.kind === "MONEY"
          ? typeof value === "number" && Number.isSafeInteger(value) && value >= 0
          : type.kind === "BOOLEAN"
            ? typeof value === "boolean"
            : typeof value === "string" && type.values.includes(value);
    if (!ok) problems.push(`${field.name} is not a valid ${type.kind.toLowerCase()} (${JSON.stringify(value)})`);
  }
  if (problems.length === 0) return { values, blockers: [] };
  return {
    values: undefined,
    blockers: [{ code: "INVALID_INPUT", message: `certificates.${form.key} (${form.title}): ${problems.join("; ")}.` }],
  };
}

export function countOf(values: CertificateValues | undefined, name: string): number {
  const value = values?.[name];
  return typeof value === "number" ? value : 0;
}
export function centsOf(values: CertificateValues | undefined, name: string): bigint {
  const value = values?.[name];
  return BigInt(typeof value === "number" ? value : 0);
}
export function stringOf(values: CertificateValues | undefined, name: string): string | undefined {
  const value = values?.[name];
  return typeof value === "string" ? value : undefined;
}
