/**
 * Exact money arithmetic for the US engine: amounts are integer cents held as `bigint`, rates are exact
 * rationals, and the only rounding is the one an authority prescribes, done once, half-up to the cent.
 * Nothing here ever touches a float, so a result never depends on the order of additions.
 */

/** An exact rate `numerator / denominator` (e.g. 6.2% = 62/1000). */
export interface Rate {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/**
 * A decimal string of US dollars ("7500", "192979.25") as exact cents. Tables are written with this so they
 * read like the publication they transcribe; more than two decimals is a transcription error and throws.
 */
export function usd(amount: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) throw new Error(`usd(): not a dollar amount: ${amount}`);
  const cents = (match[2] ?? "").padEnd(2, "0");
  return BigInt(match[1]) * 100n + BigInt(cents);
}

/** A percentage written as a decimal string ("6.2", "10.23", "0.9") as an exact rate. */
export function pct(percent: string): Rate {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(percent);
  if (!match) throw new Error(`pct(): not a percentage: ${percent}`);
  const fraction = match[2] ?? "";
  const scale = 10n ** BigInt(fraction.length);
  return { numerator: BigInt(match[1] + fraction), denominator: 100n * scale };
}

/** The product of rates (e.g. WA Paid Leave: total premium rate × employee share). */
export function product(...rates: Rate[]): Rate {
  return rates.reduce((acc, r) => ({ numerator: acc.numerator * r.numerator, denominator: acc.denominator * r.denominator }), { numerator: 1n, denominator: 1n });
}

/** `numerator / denominator` rounded half-up (ties away from zero) for non-negative values. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new Error("divideHalfUp(): denominator must be positive");
  if (numerator < 0n) throw new Error("divideHalfUp(): negative amounts are not expected here");
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** cents × rate, rounded half-up to the cent. */
export function applyRate(cents: bigint, rate: Rate): bigint {
  return divideHalfUp(cents * rate.numerator, rate.denominator);
}

export const max0 = (value: bigint): bigint => (value > 0n ? value : 0n);
export const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** A non-negative cents amount from the input, or `undefined` when it is not one (caller reports it). */
export function toCents(value: number | undefined): bigint | undefined {
  if (value === undefined) return 0n;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) return undefined;
  return BigInt(value);
}

/** Cents as a JavaScript number for the result (all amounts here are far below 2^53). */
export const toNumber = (cents: bigint): number => Number(cents);

/** "$1,234.56" for line descriptions. */
export function formatUsd(cents: bigint): string {
  const dollars = cents / 100n;
  const rest = (cents % 100n).toString().padStart(2, "0");
  return `$${dollars.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${rest}`;
}
