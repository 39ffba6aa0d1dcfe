/**
 * Reads one state certificate's elections (`PaycheckInput.certificates[form.key]`) against its `CertificateForm`:
 * each accessor returns the value given, or the caller's documented default when the field is absent, and records
 * an INVALID_INPUT blocker (never a guess) when a value is not of the field's kind. Asking for a field the form does
 * not declare is a programming error and throws.
 */
import type { CertificateField, CertificateForm, CertificateValues } from "../../certificates";
import type { Blocker } from "../../types";

export class CertificateReader {
  readonly blockers: Blocker[] = [];
  readonly values: CertificateValues | undefined;

  constructor(
    readonly form: CertificateForm,
    certificates: Readonly<Record<string, CertificateValues>> | undefined,
  ) {
    this.values = certificates?.[form.key];
    for (const name of Object.keys(this.values ?? {})) {
      if (!form.fields.some((f) => f.name === name)) this.invalid(name, `is not a field of ${form.title}`);
    }
  }

  /** Was a certificate given at all? */
  get present(): boolean {
    return this.values !== undefined;
  }

  private field(name: string): CertificateField {
    const field = this.form.fields.find((f) => f.name === name);
    if (!field) throw new Error(`${this.form.key}.${name} is not declared on ${this.form.title}`);
    return field;
  }

  private invalid(name: string, problem: string): void {
    this.blockers.push({ code: "INVALID_INPUT", message: `certificates.${this.form.key}.${name} ${problem}.` });
  }

  private raw(name: string): string | number | boolean | undefined {
    this.field(name);
    return this.values?.[name];
  }

  count(name: string, fallback: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const field = this.field(name);
    const max = field.type.kind === "COUNT" ? field.type.max : undefined;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0 || (max !== undefined && value > max)) {
      this.invalid(name, `must be a whole number from 0${max !== undefined ? ` to ${max}` : ""}`);
      return fallback;
    }
    return value;
  }

  /** Cents. */
  money(name: string, fallback = 0n): bigint {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      this.invalid(name, "must be a non-negative integer number of cents");
      return fallback;
    }
    return BigInt(value);
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (typeof value !== "boolean") {
      this.invalid(name, "must be true or false");
      return fallback;
    }
    return value;
  }

  choice<T extends string>(name: string, fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const type = this.field(name).type;
    const allowed = type.kind === "ENUM" || type.kind === "CODE" ? type.values : [];
    if (typeof value !== "string" || !allowed.includes(value)) {
      this.invalid(name, `must be one of ${allowed.slice(0, 12).join(", ")}${allowed.length > 12 ? ", …" : ""}`);
      return fallback;
    }
    return value as T;
  }
}
