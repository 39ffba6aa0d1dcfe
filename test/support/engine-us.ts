/**
 * Fixtures of the US engine tests (test/unit/engine-us-*.test.ts): a default paycheck input, running the engine,
 * and reading its lines. Pure: no database, no server.
 */
import { calculateUsPaycheck } from "../../src/modules/payroll/engine/us";
import type { PaycheckInput, PaycheckResult } from "../../src/modules/payroll/engine/types";

/** A 2026 W-2 employee in Texas (no state income tax), single, weekly — override what a case needs. */
export function usInput(overrides: Partial<PaycheckInput> = {}): PaycheckInput {
  return {
    jurisdiction: "US-TX",
    classification: "US_W2_EMPLOYEE",
    payFrequency: "WEEKLY",
    payDate: "2026-03-06",
    gross: 0,
    w4: { filingStatus: "SINGLE" },
    ...overrides,
  };
}

export function run(overrides: Partial<PaycheckInput> = {}): PaycheckResult {
  return calculateUsPaycheck(usInput(overrides));
}

/** The amount of the line with this code, or undefined when the line is absent. */
export function line(result: PaycheckResult, code: string): number | undefined {
  const found = result.lines.filter((l) => l.code === code);
  if (found.length > 1) throw new Error(`duplicate line ${code}`);
  return found[0]?.amount;
}

export function codes(result: PaycheckResult): string[] {
  return result.lines.map((l) => l.code);
}

export function blockerCodes(result: PaycheckResult): string[] {
  return result.blockers.map((b) => b.code);
}

/** Dollars (as written in publications) to cents, exactly: "160.19" → 16019. */
export function cents(dollars: string): number {
  const [whole, fraction = ""] = dollars.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}
// ---------------------------------------------------------------------------------------------
