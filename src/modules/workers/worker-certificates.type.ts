/**
 * The GraphQL types of the state and provincial withholding certificates, generated from the engine's form
 * descriptions (engine/certificates.ts, collected by engine/certificates-registry.ts): per form one input type
 * `<Form>CertificateInput` and one object type `<Form>Certificate`, an enum `<Form><Field>` per ENUM field, and
 * `WithholdingCertificatesInput` / `WithholdingCertificates` with one nullable field per form key. A state module
 * that declares a `certificate` gets its typed input here with no code in the graph.
 *
 * Field types: COUNT → Int, MONEY → MoneyInput / Money (the form's country currency), BOOLEAN → Boolean,
 * ENUM → the generated enum, CODE → String (checked against the form's published list by the validator; a list of
 * hundreds of county or school-district codes is no enum).
 */
import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Money, MoneyInput, money } from "../../shared/money";
import type { CertificateField, CertificateForm } from "../payroll/engine/certificates";
import { allCertificateForms } from "../payroll/engine/certificates-registry";
import { certificateCurrency, certificateEnumName, certificateInputName, certificateObjectName } from "./worker-certificates.names";

type TypeFn = () => unknown;
type Ctor = new () => object;

const enums = new Map<string, Record<string, string>>();

/** The enum object of an ENUM field (registered once under `<Form><Field>`). */
function enumOf(form: CertificateForm, field: CertificateField): Record<string, string> {
  const name = certificateEnumName(form, field);
  const existing = enums.get(name);
  if (existing) return existing;
  if (field.type.kind !== "ENUM") throw new Error(`${form.key}.${field.name} is not an ENUM field`);
  const type = field.type;
  const values = Object.fromEntries(type.values.map((v) => [v, v]));
  registerEnumType(values, {
    name,
    description: `${form.title} ${field.name}: ${field.description}`,
    valuesConfig: Object.fromEntries(type.values.map((v) => [v, { description: type.valueDescriptions?.[v] ?? `${form.title} ${field.name} ${v}.` }])),
  });
  enums.set(name, values);
  return values;
}

function graphqlType(form: CertificateForm, field: CertificateField, side: "input" | "output"): TypeFn {
  switch (field.type.kind) {
    case "COUNT":
      return () => Int;
    case "MONEY":
      return side === "input" ? () => MoneyInput : () => Money;
    case "BOOLEAN":
      return () => Boolean;
    case "ENUM": {
      const values = enumOf(form, field);
      return () => values;
    }
    case "CODE":
      return () => String;
  }
}

function fieldDescription(form: CertificateForm, field: CertificateField, side: "input" | "output"): string {
  const currency = certificateCurrency(form);
  const money = field.type.kind === "MONEY" && !field.description.includes(currency) ? ` In ${currency}.` : "";
  const code =
    field.type.kind === "CODE"
      ? field.type.pattern
        ? ` A code of the form ${field.type.pattern.source}; rates are transcribed for ${field.type.values.join(", ")}, another code is a payroll blocker naming it.`
        : ` One of the ${field.type.values.length} codes ${form.title} lists${field.type.values.length <= 20 ? ` (${field.type.values.join(", ")})` : ""}; another is a userError.`
      : "";
  const bound = field.type.kind === "COUNT" ? ` Non-negative${field.type.max !== undefined ? `, at most ${field.type.max}` : ""}.` : "";
  const absent = side === "output" && !field.required ? " Null when the form left it blank (the default above applies)." : "";
  return `${field.description}${money}${bound}${code}${absent}`;
}

/** Applies type-graphql's decorators in code: the same metadata as `@Field(...)` on a property. */
function declareField(target: Ctor, name: string, type: TypeFn, options: { nullable: boolean; description: string }): void {
  Field(type as () => typeof Int, options)(target.prototype as object, name);
}

function formClass(form: CertificateForm, side: "input" | "output"): Ctor {
  const name = side === "input" ? certificateInputName(form) : certificateObjectName(form);
  const cls = { [name]: class {} }[name] as Ctor;
  for (const field of form.fields) {
    declareField(cls, field.name, graphqlType(form, field, side), {
      nullable: !field.required,
      description: fieldDescription(form, field, side),
    });
  }
  const where = form.jurisdictions.join(", ");
  if (side === "input") {
    InputType(name, { description: `${form.description} Work in ${where} reads it. Given, it replaces the ${form.title} on file whole.` })(cls);
  } else {
    ObjectType(name, { description: `${form.description} On file for work in ${where}.` })(cls);
  }
  return cls;
}

const FORMS = allCertificateForms();
const INPUTS = new Map(FORMS.map((f) => [f.key, formClass(f, "input")]));
const OBJECTS = new Map(FORMS.map((f) => [f.key, formClass(f, "output")]));

const formList = FORMS.length > 0 ? FORMS.map((f) => `${f.key} (${f.title}, ${f.jurisdictions.join(", ")})`).join(", ") : "none yet";

/**
 * The state and provincial certificates of `WithholdingInput` / `EstimatePaycheckInput`: one nullable field per form
 * key. In `updateWorker` an omitted form is unchanged, `null` removes it, a given one replaces it whole.
 */
export class WithholdingCertificatesInput {
  [key: string]: Record<string, unknown> | null | undefined;
}
/** What was stored: one field per form key, null when that certificate is not on file. */
export class WithholdingCertificates {
  [key: string]: object | null;
}

for (const form of FORMS) {
  declareField(WithholdingCertificatesInput, form.key, () => INPUTS.get(form.key), {
    nullable: true,
    description: `${form.title} (${form.jurisdictions.join(", ")}). In updateWorker: omitted, unchanged; null removes it; given, replaces it.`,
  });
  declareField(WithholdingCertificates, form.key, () => OBJECTS.get(form.key), {
    nullable: true,
    description: `The ${form.title} on file (${form.jurisdictions.join(", ")}); null when none was given (then the documented default applies).`,
  });
}
InputType("WithholdingCertificatesInput", {
  description: `State and provincial withholding certificates, one typed field per form: ${formList}. Only the work jurisdiction's form is used by payroll; one for another jurisdiction may be kept on file (a worker who moves). Amounts are in the form's country's currency.`,
})(WithholdingCertificatesInput);
ObjectType("WithholdingCertificates", {
  description: `The state and provincial withholding certificates on file, one field per form: ${formList}.`,
})(WithholdingCertificates);

/** The object type of one stored certificate (values as the engine keeps them: MONEY in cents → Money). */
export function toCertificateObject(form: CertificateForm, values: Readonly<Record<string, string | number | boolean>>): object {
  const cls = OBJECTS.get(form.key);
  if (!cls) throw new Error(`no object type for certificate ${form.key}`);
  const out: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = values[field.name];
    out[field.name] = value === undefined ? null : field.type.kind === "MONEY" ? money(Number(value), certificateCurrency(form)) : value;
  }
  return Object.assign(new cls(), out);
}
