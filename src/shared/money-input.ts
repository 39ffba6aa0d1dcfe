import type { Currency } from "./jurisdiction";
import { parseMinorUnits, type MoneyInput } from "./money";
import { UserErrorCode, type UserErrors } from "./user-error";

/**
 * Reads a `MoneyInput` into integer minor units, adding userErrors at `field` (a path below `input`):
 * INVALID_AMOUNT for more than two decimals, too large or (with `positive`) zero; CURRENCY_MISMATCH when the
 * currency is not `expected`. Null when anything is wrong.
 */
export function readMoneyInput(
  errors: UserErrors,
  field: string[],
  input: MoneyInput,
  expected: Currency | null,
  options: { positive?: boolean; what?: string } = {},
): number | null {
  const what = options.what ?? field[field.length - 1];
  let ok = true;
  const currency: Currency = input.currency; // the GraphQL enum's values are the currency codes
  if (expected !== null && currency !== expected) {
    errors.add([...field, "currency"], UserErrorCode.CURRENCY_MISMATCH, `${what} must be in ${expected}, got ${input.currency}`);
    ok = false;
  }
  const minor = parseMinorUnits(input.amount);
  if (minor === null) {
    errors.add([...field, "amount"], UserErrorCode.INVALID_AMOUNT, `${what} must be a non-negative amount with at most two decimals and at most 13 integer digits`);
    return null;
  }
  if (options.positive && minor === 0) {
    errors.add([...field, "amount"], UserErrorCode.INVALID_AMOUNT, `${what} must be greater than zero`);
    return null;
  }
  return ok ? minor : null;
}
