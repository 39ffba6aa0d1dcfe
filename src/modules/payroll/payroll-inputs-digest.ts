/**
 * The digest of a calculation's inputs (pure): stored on the run when calculated, recomputed and compared at approval.
 */
import { createHash } from "node:crypto";
import type { CalculationInputs } from "./payroll-statements.compute";

/** The last key list seen and its sorted copy: the records of one list share their keys (one sort per list, not per record). */
let lastKeys: string[] = [];
let lastSorted: string[] = [];
function sortedKeys(record: object): string[] {
  const keys = Object.keys(record);
  if (keys.length === lastKeys.length) {
    let same = true;
    for (let i = 0; i < keys.length && same; i++) same = keys[i] === lastKeys[i];
    if (same) return lastSorted;
  }
  lastKeys = keys;
  // Default sort: by UTF-16 code units, the same order as comparing the keys with `<`.
  lastSorted = [...keys].sort();
  return lastSorted;
}

/** Whether every value of the record is a string, number, boolean, null or undefined (nothing to recurse into). */
function flat(record: Record<string, unknown>, keys: string[]): boolean {
  for (const key of keys) {
    const v = record[key];
    if (v !== null && v !== undefined && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") return false;
  }
  return true;
}

/** JSON with object keys sorted at every level: the same value always serializes to the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) text += (i > 0 ? "," : "") + canonicalJson(value[i]);
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(record);
  // A flat plain record (most inputs are): JSON.stringify with the sorted keys as its key list writes exactly the
  // text below — the keys in that order, undefined values left out — natively. (Not another kind of object: a
  // Date's toJSON would be called, where the rule writes its own keys, none.)
  const proto: unknown = Object.getPrototypeOf(record);
  if ((proto === Object.prototype || proto === null) && flat(record, keys)) return JSON.stringify(record, keys);
  let text = "{";
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    text += `${first ? "" : ","}${JSON.stringify(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${text}}`;
}

/**
 * sha256 (hex) of the canonical JSON of every input a calculation read, section by section and record by record
 * (hashed incrementally, so a 100,000-engagement run never builds one giant string). It is exactly
 * sha256(canonicalJson(inputs)) where each list is written element by element: the same inputs give the same
 * digest on every node, and any change to an input that affects pay (an hour, a rate, a W-4 field, a year-to-date
 * amount, a one-off earning, the rules version) changes it.
 */
export function inputsDigest(inputs: CalculationInputs): string {
  const hash = createHash("sha256");
  const keys = Object.keys(inputs).sort() as (keyof CalculationInputs)[];
  hash.update("{");
  keys.forEach((key, i) => {
    if (i > 0) hash.update(",");
    hash.update(`${JSON.stringify(key)}:`);
    const value = inputs[key];
    if (Array.isArray(value)) {
      hash.update("[");
      value.forEach((item, j) => hash.update(j > 0 ? `,${canonicalJson(item)}` : canonicalJson(item)));
      hash.update("]");
    } else {
      hash.update(canonicalJson(value));
    }
  });
  hash.update("}");
  return hash.digest("hex");
}
