import { describe, expect, it } from "vitest";
import { Kind } from "graphql";
import { DateScalar, DateTimeScalar, DecimalScalar } from "../../src/shared/scalars";

/** The wire formats the schema's scalar descriptions (and the README's codegen mapping) promise. */
describe("scalar wire formats", () => {
  it("DateTime: output is always UTC with milliseconds; input needs an offset and keeps the instant", () => {
    expect(DateTimeScalar.serialize(new Date("2026-03-01T07:00-05:00"))).toBe("2026-03-01T12:00:00.000Z");
    expect(DateTimeScalar.parseValue("2026-03-01T07:00-05:00")).toEqual(new Date("2026-03-01T12:00:00Z"));
    expect(DateTimeScalar.parseValue("2026-03-01T12:00:00.123456789Z")).toEqual(new Date("2026-03-01T12:00:00.123Z"));
    for (const bad of ["2026-03-01T12:00:00", "2026-03-01", 1767225600000, "2026-03-01 12:00:00Z"]) expect(() => DateTimeScalar.parseValue(bad), String(bad)).toThrow(/DateTime/);
  });

  it("Date: `YYYY-MM-DD`, a real date between 1900 and 2200, a string literal", () => {
    expect(DateScalar.parseValue("2026-01-15")).toBe("2026-01-15");
    for (const bad of ["2026-02-30", "2026-1-15", "1899-12-31", "2201-01-01", "2026-01-15T00:00:00Z", 20260115])
      expect(() => DateScalar.parseValue(bad), String(bad)).toThrow(/Date/);
    expect(() => DateScalar.parseLiteral({ kind: Kind.INT, value: "20260115" })).toThrow(/Date/);
  });

  it("Decimal: a string of digits with an optional `.` and up to 6 decimals; never a JSON number", () => {
    expect(DecimalScalar.parseValue("2307.69")).toBe("2307.69");
    expect(DecimalScalar.parseValue("0")).toBe("0");
    expect(DecimalScalar.serialize("7.50")).toBe("7.50");
    for (const bad of [2307.69, "-1.00", "1e3", "1,000.00", " 1.00", "1.1234567", "1234567890123456"]) expect(() => DecimalScalar.parseValue(bad), String(bad)).toThrow(/Decimal/);
    expect(() => DecimalScalar.parseLiteral({ kind: Kind.FLOAT, value: "2307.69" })).toThrow(/Decimal/);
  });
});
