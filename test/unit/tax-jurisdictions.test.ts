import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { taxJurisdictionCoverage, TAX_JURISDICTIONS_MAX, UNSUPPORTED_US_NOTE } from "../../src/modules/payroll/engine/tax-jurisdictions";
import { coverageMarkdown, withCoverageBlock } from "../../src/modules/payroll/engine/coverage-docs";
import { SUPPORTED_US_STATES } from "../../src/modules/payroll/engine/us/states";
import { CA_SUBDIVISIONS, US_SUBDIVISIONS } from "../../src/shared/jurisdiction";
import { STATEMENT_LINE_CODES } from "../../src/modules/payroll/engine/line-codes";

const entries = taxJurisdictionCoverage();

describe("coverage table (engine/tax-jurisdictions.ts)", () => {
  it("lists the 51 US and 13 Canadian jurisdictions once each, under the cap, sorted", () => {
    const codes = entries.map((e) => e.jurisdiction);
    for (const s of US_SUBDIVISIONS) expect(codes).toContain(`US-${s}`);
    for (const p of CA_SUBDIVISIONS) expect(codes).toContain(`CA-${p}`);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThanOrEqual(64);
    expect(codes.length).toBeLessThanOrEqual(TAX_JURISDICTIONS_MAX);
    expect([...codes].sort()).toEqual(codes);
    for (const c of codes) expect(c).toMatch(/^(US|CA)-[A-Z]{2}(-[A-Z0-9_]+)?$/);
  });

  it("a state is UNSUPPORTED exactly when no module computes it", () => {
    for (const s of US_SUBDIVISIONS) {
      const entry = entries.find((e) => e.jurisdiction === `US-${s}`)!;
      if (SUPPORTED_US_STATES.includes(s)) expect(entry.status, s).not.toBe("UNSUPPORTED");
      else expect(entry, s).toMatchObject({ status: "UNSUPPORTED", taxYears: [], lineCodes: [], note: UNSUPPORTED_US_NOTE });
    }
  });

  it("US-CA is COMPUTED with US_CA_SIT and the DE 4; Ontario COMPUTED with CA_ON_PIT; every line code is in the line-code table", () => {
    const ca = entries.find((e) => e.jurisdiction === "US-CA")!;
    expect(ca.status).toBe("COMPUTED");
    expect(ca.lineCodes.map((c) => c.code)).toContain("US_CA_SIT");
    expect(ca.certificateForm?.key).toBe("de4");
    const on = entries.find((e) => e.jurisdiction === "CA-ON")!;
    expect(on).toMatchObject({ status: "COMPUTED" });
    expect(on.lineCodes.map((c) => c.code)).toContain("CA_ON_PIT");
    expect(on.taxYears).toContain(2026);
    const known = new Set(STATEMENT_LINE_CODES.map((c) => c.code));
    for (const e of entries) for (const c of e.lineCodes) expect(known.has(c.code), `${e.jurisdiction} ${c.code}`).toBe(true);
    for (const e of entries.filter((x) => x.status !== "UNSUPPORTED")) expect(e.sources.length, e.jurisdiction).toBeGreaterThan(0);
  });

  it("the engine README's coverage block is the generated one (run `npm run docs:coverage` after changing a module)", () => {
    const readme = readFileSync(new URL("../../src/modules/payroll/engine/README.md", import.meta.url), "utf8");
    expect(readme).toContain(coverageMarkdown(entries));
    expect(withCoverageBlock(readme)).toBe(readme);
  });
});
