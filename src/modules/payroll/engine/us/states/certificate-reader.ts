/**
 * Reading one state certificate's elections from `PaycheckInput.certificates[form.key]`, checked against the
 * form's own field description (certificates.ts). A value that does not fit its field is an INVALID_INPUT blocker
 * naming the field (never a silent default); an absent field takes the default the caller states.
 */
import type { CertificateField, CertificateForm, CertificateValues } from "../../certificates";
import type { Blocker } from "../../types";
import type { UsPayContext } from "../context";

export class CertificateReader {
  readonly values: CertificateValues | undefined;
  readonly blockers: Blocker[] = [];

  constructor(
    private readonly form: CertificateForm,
    ctx: UsPayContext,
  ) {
    this.values = ctx.input.certificates?.[form.key];
    for (const name of Object.keys(this.values ?? {})) {
      if (!form.fields.some((f) => f.name === name)) this.invalid(name, `a field of ${form.title}`, this.values?.[name]);
    }
  }

  /** Is a certificate of this form on file? */
  get onFile(): boolean {
    return this.values !== undefined;
  }

  private field(name: string): CertificateField {
    const found = this.form.fields.find((f) => f.name === name);
    if (!found) throw new Error(`${this.form.key}: no field ${name}`);
    return found;
  }

  private invalid(name: string, expected: string, value: unknown): void {
    this.blockers.push({
      code: "INVALID_INPUT",
      message: `certificates.${this.form.key}.${name} (${this.form.title}) must be ${expected}, got ${JSON.stringify(value)}.`,
    });
  }

  count(name: string, fallback: number): number {
    const field = this.field(name);
    const value = this.values?.[name];
    if (value === undefined) return fallback;
    const max = field.type.kind === "COUNT" ? field.type.max : undefined;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0 || (max !== undefined && value > max)) {
      this.invalid(name, `a whole number from 0${max !== undefined ? ` to ${max}` : ""}`, value);
      return fallback;
    }
    return value;
  }

  /** Cents. */
  money(name: string, fallback = 0n): bigint {
    this.field(name);
    const value = this.values?.[name];
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      this.invalid(name, "a non-negative amount in cents", value);
      return fallback;
    }
    return BigInt(value);
  }

  boolean(name: string, fallback: boolean): boolean {
    this.field(name);
    const value = this.values?.[name];
    if (value === undefined) return fallback;
    if (typeof value !== "boolean") {
      this.invalid(name, "true or false", value);
      return fallback;
    }
    return value;
  }

  /** An ENUM or CODE field: one of its listed values. */
  choice<T extends string>(name: string, fallback: T): T;
  choice<T extends string>(name: string, fallback: T | undefined): T | undefined;
  choice<T extends string>(name: string, fallback: T | undefined): T | undefined {
    const field = this.field(name);
    const value = this.values?.[name];
    if (value === undefined) return fallback;
    const allowed = field.type.kind === "ENUM" || field.type.kind === "CODE" ? field.type.values : [];
    if (typeof value !== "string" || !allowed.includes(value)) {
      this.invalid(name, `one of ${allowed.join(", ")}`, value);
      return fallback;
    }
    return value as T;
  }
}
