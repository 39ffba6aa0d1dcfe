/**
 * Pennsylvania local Earned Income Tax (Act 32) from the Residency Certification Form. Rule (DCED Act 32 FAQ):
 * withhold the higher of the home PSD's Total Resident EIT Rate and the work location's Non-Resident EIT Rate, on
 * PA compensation. Rates: tables/pa-eit-psd.ts (PSD 700102 Pittsburgh: resident 3.0%, non-resident 1.0%).
 * DCED publishes no worked example; the expected values are the rate × wages, worked in the comments.
 */
import { describe, expect, it } from "vitest";
import { blockerCodes, cents, codes, line, run } from "../support/engine-us";

const pa = (overrides: Parameters<typeof run>[0] = {}) => run({ jurisdiction: "US-PA", payFrequency: "BIWEEKLY", gross: cents("2000"), ...overrides });
const form = (residentPsdCode: unknown, worksitePsdCode: unknown) => ({ paResidencyCertification: { residentPsdCode, worksitePsdCode } }) as never;

describe("Pennsylvania local Earned Income Tax (Act 32)", () => {
  it("Pittsburgh resident working in Pittsburgh: resident rate 3.0% → $60.00 on $2,000", () => {
    const result = pa({ certificates: form("700102", "700102") });
    expect(result.blockers).toEqual([]);
    expect(line(result, "US_PA_EIT_EE")).toBe(cents("60.00"));
    const eit = result.lines.find((l) => l.code === "US_PA_EIT_EE")!;
    expect(eit.taxableWages).toBe(cents("2000"));
    expect(eit.description).toContain("resident rate 3.0%");
    expect(result.lines.find((l) => l.code === "US_PA_SIT")!.description).toContain("local EIT on its own line");
    // PIT and UC unchanged by the local tax
    expect(line(result, "US_PA_SIT")).toBe(cents("61.40"));
    expect(line(result, "US_PA_UC_EE")).toBe(cents("1.40"));
  });

  it("the bonus is earned income too: ($2,000 + $500) × 3.0% = $75.00", () => {
    expect(line(pa({ supplemental: cents("500"), certificates: form("700102", "700102") }), "US_PA_EIT_EE")).toBe(cents("75.00"));
  });

  it("no Residency Certification Form: EIT not computed, not a blocker, and the PIT line says so (today's behaviour)", () => {
    const result = pa();
    expect(result.blockers).toEqual([]);
    expect(codes(result)).not.toContain("US_PA_EIT_EE");
    expect(result.lines.find((l) => l.code === "US_PA_SIT")!.description).toContain("no Residency Certification Form on file");
  });

  it("a PSD code whose rates are not transcribed is an UNSUPPORTED_TAX_JURISDICTION blocker naming it", () => {
    // 230351 is a syntactically valid PSD code the engine has no rates for.
    const result = pa({ certificates: form("230351", "700102") });
    expect(blockerCodes(result)).toEqual(["UNSUPPORTED_TAX_JURISDICTION"]);
    expect(result.blockers[0].message).toContain("230351");
    expect(codes(result)).not.toContain("US_PA_EIT_EE");
    expect(line(result, "US_PA_SIT")).toBe(cents("61.40")); // the state lines are still computed
  });

  it("Philadelphia (510101, outside Act 32) as the home PSD is a blocker naming it, never a silent zero", () => {
    const result = pa({ certificates: form("510101", "700102") });
    expect(blockerCodes(result)).toEqual(["UNSUPPORTED_TAX_JURISDICTION"]);
    expect(result.blockers[0].message).toContain("510101");
  });

  it("a malformed PSD code or a missing field is INVALID_INPUT", () => {
    expect(blockerCodes(pa({ certificates: form("70010", "700102") }))).toEqual(["INVALID_INPUT"]);
    expect(blockerCodes(pa({ certificates: { paResidencyCertification: { residentPsdCode: "700102" } } }))).toEqual(["INVALID_INPUT"]);
  });
});
