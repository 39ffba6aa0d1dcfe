/**
 * Exact arithmetic for the Canadian engine. Every quantity is an exact rational number of CENTS
 * (`numerator / denominator`, both `bigint`), so T4127's rate ratios such as 0.0495/0.0595 are never
 * rounded and a result never depends on the order of operations. The only roundings are the ones
 * T4127 (Ch. 1 "Rounding", p. 8) prescribes, applied explicitly where the formula says so:
 * `roundCents` (half-up to the cent) and `truncCents` (the CPP basic exemption per pay period).
 */
export class Q {
  readonly n: bigint;
  readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  static of(numerator: bigint, denominator = 1n): Q {
    if (denominator === 0n) throw new Error("Q: division by zero");
    if (denominator < 0n) {
      numerator = -numerator;
      denominator = -denominator;
    }
    const g = gcd(numerator < 0n ? -numerator : numerator, denominator);
    return g > 1n ? new Q(numerator / g, denominator / g) : new Q(numerator, denominator);
  }

  /** An integer number of cents. */
  static cents(value: bigint | number): Q {
    if (typeof value === "number" && !Number.isSafeInteger(value)) throw new Error(`Q.cents: not an integer: ${value}`);
    return Q.of(BigInt(value));
  }

  /**
   * A dollar amount as printed in the publication ("74,600", "4,230.45", "0.50") → cents.
   * Thousands separators are allowed so tables read like the PDF they transcribe.
   */
  static dollars(text: string): Q {
    const clean = text.replace(/,/g, "");
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(clean);
    if (!m) throw new Error(`Q.dollars: not an amount: ${text}`);
    const frac = m[3] ?? "";
    const scale = 10n ** BigInt(frac.length);
    const value = BigInt(m[2] + frac) * 100n;
    return Q.of(m[1] === "-" ? -value : value, scale);
  }

  /** A dimensionless decimal ("0.0595", "0.165", "1.4") as an exact ratio. */
  static ratio(text: string): Q {
    const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) throw new Error(`Q.ratio: not a decimal: ${text}`);
    const frac = m[2] ?? "";
    return Q.of(BigInt(m[1] + frac), 10n ** BigInt(frac.length));
  }

  static readonly ZERO = new Q(0n, 1n);
  static readonly ONE = new Q(1n, 1n);

  add(o: Q): Q {
    return Q.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Q): Q {
    return Q.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Q): Q {
    return Q.of(this.n * o.n, this.d * o.d);
  }
  div(o: Q): Q {
    return Q.of(this.n * o.d, this.d * o.n);
  }
  mulInt(k: number | bigint): Q {
    return Q.of(this.n * BigInt(k), this.d);
  }
  divInt(k: number | bigint): Q {
    return Q.of(this.n, this.d * BigInt(k));
  }
  cmp(o: Q): number {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  lt(o: Q): boolean {
    return this.cmp(o) < 0;
  }
  le(o: Q): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Q): boolean {
    return this.cmp(o) > 0;
  }
  ge(o: Q): boolean {
    return this.cmp(o) >= 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  isNegative(): boolean {
    return this.n < 0n;
  }

  /** Half-up to a whole number of cents (ties go up: 0.005 → 0.01, −0.005 → 0.00). */
  roundCents(): Q {
    return Q.of(floorDiv(this.n * 2n + this.d, this.d * 2n));
  }
  /** Toward zero to a whole number of cents. */
  truncCents(): Q {
    return Q.of(this.n / this.d);
  }
  /** Half-up to whole dollars (T4127 constants K and KP are whole dollars). */
  roundDollars(): Q {
    return Q.of(floorDiv(this.n * 2n + this.d * 100n, this.d * 200n) * 100n);
  }

  /** Integer cents; throws if the value is not a whole number of cents (round first). */
  toCents(): number {
    if (this.d !== 1n) throw new Error(`Q.toCents: ${this.toString()} is not a whole number of cents`);
    return Number(this.n);
  }

  /** Dollars with `places` decimals, half-up; for traces and test messages only. */
  toDollars(places = 2): string {
    const scaled = floorDiv(this.n * 10n ** BigInt(places) * 2n + this.d * 100n, this.d * 200n);
    const neg = scaled < 0n;
    const abs = (neg ? -scaled : scaled).toString().padStart(places + 1, "0");
    const int = abs.slice(0, abs.length - places);
    const frac = abs.slice(abs.length - places);
    return `${neg ? "-" : ""}${int}${places > 0 ? "." + frac : ""}`;
  }

  toString(): string {
    return this.d === 1n ? `${this.n}c` : `${this.n}/${this.d}c`;
  }
}

export function qmin(a: Q, b: Q): Q {
  return a.le(b) ? a : b;
}
export function qmax(a: Q, b: Q): Q {
  return a.ge(b) ? a : b;
}
/** max(0, x) — T4127's "if the result is negative, substitute zero". */
export function pos(x: Q): Q {
  return x.isNegative() ? Q.ZERO : x;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
