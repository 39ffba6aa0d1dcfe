/**
 * The input every filing is computed from: the sums of the statement lines of one employer entity's approved (or
 * later) runs, per worker, work jurisdiction and line code, split into the part paid before the filing period (same
 * calendar year: wage bases and thresholds are annual, per employer) and the part paid in it. One SQL statement
 * produces them (filings.repository.ts); everything below is pure and unit-tested.
 *
 * Statement-level flags say which contributions the statement carried (a CPP/QPP, EI or QPIP line): Canadian
 * pensionable and insurable earnings are the earnings of the statements that carried the contribution, as the
 * engine's year-to-date reads them back (payroll-inputs.repository.ts `yearToDate`).
 */
import type { LineKind } from "../payroll/engine/types";

export interface LedgerRow {
  workerId: string;
  /** The engagement's work jurisdiction, ISO 3166-2 (`US-CA`, `CA-QC`). */
  jurisdiction: string;
  code: string;
  kind: LineKind;
  /** Cents paid in the same calendar year before the period. */
  before: number;
  /** Cents paid in the period. */
  inPeriod: number;
  /** The statements carried a CPP or QPP contribution line. */
  pensionable: boolean;
  /** The statements carried an EI premium line. */
  insurable: boolean;
  /** The statements carried a QPIP premium line. */
  qpip: boolean;
  /**
   * Tax lines: Σ of the lines' taxable wage base (`PaycheckLine.taxableWages`), before / in the period; null when a
   * line of the group does not carry one. Forms prefer it to their own derivation from earnings (`taxableOf`).
   */
  taxable: Split | null;
}

/** Month-level sums for the PD7A: one row per (month of the pay date, code, kind). */
export interface MonthLineSum {
  /** `YYYY-MM`. */
  month: string;
  code: string;
  kind: LineKind;
  amount: number;
}

/** Before / in-period amounts of one quantity. */
export interface Split {
  before: number;
  inPeriod: number;
}

export const ZERO: Split = { before: 0, inPeriod: 0 };

/** Σ of the rows matching `keep`. */
export function sumRows(rows: readonly LedgerRow[], keep: (row: LedgerRow) => boolean): Split {
  let before = 0;
  let inPeriod = 0;
  for (const row of rows) {
    if (!keep(row)) continue;
    before += row.before;
    inPeriod += row.inPeriod;
  }
  return { before, inPeriod };
}

/** Σ in the period of the rows with one of `codes`. */
export function sumCodes(rows: readonly LedgerRow[], ...codes: string[]): number {
  const set = new Set(codes);
  return sumRows(rows, (r) => set.has(r.code)).inPeriod;
}

/**
 * The taxable wage base the tax lines `code` carry, summed; undefined when there is no such line or one of them
 * carries no base (then the form derives the base from earnings, as the engine does).
 */
export function taxableOf(rows: readonly LedgerRow[], code: string): Split | undefined {
  const lines = rows.filter((r) => r.code === code);
  if (lines.length === 0 || lines.some((r) => r.taxable === null)) return undefined;
  return lines.reduce<Split>((acc, r) => ({ before: acc.before + r.taxable!.before, inPeriod: acc.inPeriod + r.taxable!.inPeriod }), { before: 0, inPeriod: 0 });
}

/** Rows grouped by a key, in first-seen order. */
export function groupRows<K>(rows: readonly LedgerRow[], key: (row: LedgerRow) => K): Map<K, LedgerRow[]> {
  const groups = new Map<K, LedgerRow[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/**
 * The part of a cumulative quantity that falls under a cap (an annual wage base): what the period adds below it.
 * `min(cap, before + in) − min(cap, before)`.
 */
export function underCap(split: Split, cap: number): number {
  return Math.min(cap, split.before + split.inPeriod) - Math.min(cap, split.before);
}

/** The part of a cumulative quantity the period adds above a threshold: `max(0, before + in − t) − max(0, before − t)`. */
export function overThreshold(split: Split, threshold: number): number {
  return Math.max(0, split.before + split.inPeriod - threshold) - Math.max(0, split.before - threshold);
}

/** "74,600" or "1,123.07" (a T4127 table amount) as cents. */
export function dollarsToCents(amount: string): number {
  const m = /^(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{2}))?$/.exec(amount);
  if (!m) throw new Error(`dollarsToCents(): not a dollar amount: ${amount}`);
  return Number(m[1].replaceAll(",", "")) * 100 + Number(m[2] ?? "0");
}
