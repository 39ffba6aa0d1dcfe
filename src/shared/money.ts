import { Field, InputType, ObjectType } from "type-graphql";
import { CurrencyCode } from "./currency.enum";
import { DecimalScalar } from "./scalars";

/** Money as the graph shows it: a decimal string in major units and an ISO 4217 currency. Never a float. */
@ObjectType({ simpleResolvers: true, description: 'An amount of money: a decimal string in major units (e.g. "2307.69") and its currency.' })
export class Money {
  @Field(() => DecimalScalar, { description: 'Amount in major units as a decimal string with two decimals, e.g. "2307.69".' })
  amount!: string;

  @Field(() => CurrencyCode, { description: "ISO 4217 currency: USD in the United States, CAD in Canada." })
  currency!: CurrencyCode;
}

@InputType({ description: "An amount of money: a decimal string in major units and its currency." })
export class MoneyInput {
  @Field(() => DecimalScalar, { description: 'Amount in major units, at most two decimals, e.g. "95000.00".' })
  amount!: string;

  @Field(() => CurrencyCode, { description: "ISO 4217 currency of the amount." })
  currency!: CurrencyCode;
}

/** Largest amount accepted: 10^12 major units, far below 2^53 minor units. */
export const MAX_MINOR_UNITS = 100_000_000_000_000;

/** Parses a decimal string ("2307.69", "95000") into integer minor units; null when it is not one. */
export function parseMinorUnits(decimal: string): number | null {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(decimal);
  if (!m) return null;
  const minor = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return minor <= MAX_MINOR_UNITS ? minor : null;
}

export function formatMinorUnits(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function money(minor: number, currency: string): Money {
  const value = new Money();
  value.amount = formatMinorUnits(minor);
  value.currency = currency as CurrencyCode;
  return value;
}
