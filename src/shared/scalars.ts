import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { readIsoDate } from "./calendar";

function invalid(message: string) {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

/** Calendar date `YYYY-MM-DD` (pay periods, engagement dates): no time zone. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: "Date",
  description:
    'A calendar date: a JSON string `YYYY-MM-DD` (ISO 8601 extended form, exactly 10 characters, zero-padded), e.g. `"2026-01-15"`. No time and no time zone: the same day everywhere. Input must be a real date between 1900-01-01 and 2200-12-31; output always has this form. Codegen: a string (not a JavaScript `Date`, which would add a time zone).',
  serialize: (value) => String(value),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid("Date must be a string `YYYY-MM-DD`");
    return parseDate(ast.value);
  },
});

export function isValidDate(value: string): boolean {
  const date = readIsoDate(value);
  return date !== null && date.y >= 1900 && date.y <= 2200;
}

function parseDate(value: unknown): string {
  if (typeof value !== "string" || !isValidDate(value)) {
    throw invalid(`Date must be a real calendar date "YYYY-MM-DD" between 1900 and 2200, got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  return value;
}

/** Instant: ISO 8601 with an offset; serialized in UTC. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description:
    'An instant: a JSON string in ISO 8601 / RFC 3339. Output is always UTC with milliseconds, `YYYY-MM-DDTHH:mm:ss.sssZ` (24 characters, e.g. `"2026-03-01T12:00:00.000Z"`), so output strings sort chronologically. Input needs an offset (`Z` or `±HH:MM`); seconds and up to 9 fraction digits are optional (kept to the millisecond), e.g. `"2026-03-01T07:00-05:00"`. Codegen: a string (parse it with `new Date(…)` or Temporal when needed).',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid("DateTime must be an ISO 8601 string");
    return parseDateTime(ast.value);
  },
});

function parseDateTime(value: unknown): Date {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid(`DateTime must be ISO 8601 with an offset, e.g. 2026-03-01T12:00:00Z, got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  return new Date(value);
}

/** Decimal number as a string, so money never passes through a float. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: "Decimal",
  description:
    'A non-negative decimal number as a JSON string, never a JSON number: digits, optionally `.` and decimals (`^\\d{1,15}(\\.\\d{1,6})?$`), e.g. `"2307.69"`; no sign, exponent, spaces or thousands separators. Each field says its scale (money: exactly two decimals on output, at most two on input; hours: two decimals). Used for money and hours so that no binary float is involved. Codegen: a string (or a decimal library type), never `number`.',
  serialize: (value) => String(value),
  parseValue: (value) => parseDecimal(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid('Decimal must be a string such as "2307.69"');
    return parseDecimal(ast.value);
  },
});

function parseDecimal(value: unknown): string {
  if (typeof value !== "string" || !/^\d{1,15}(\.\d{1,6})?$/.test(value)) {
    throw invalid(`Decimal must be a string of digits with an optional decimal part, e.g. "2307.69", got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  return value;
}
