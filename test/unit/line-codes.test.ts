import { describe, expect, it } from "vitest";
import { calculatePaycheck, type PaycheckInput } from "../../src/modules/payroll/engine";
import type { Certificates } from "../../src/modules/payroll/engine/certificates";
import { BENEFIT_KINDS_BY_COUNTRY } from "../../src/modules/payroll/engine/benefits/treatment";
import { CALCULATION_LINE_CODES, LINE_CODES_DESCRIPTION, RUN_LINE_CODES, STATEMENT_LINE_CODES } from "../../src/modules/payroll/engine/line-codes";
import { SUPPORTED_US_STATES } from "../../src/modules/payroll/engine/us/states";
import { CA_SUBDIVISIONS } from "../../src/shared/jurisdiction";
import { createSchema } from "../../src/schema";

/**
 * The statement line codes the schema documents are the ones the engines emit: every supported jurisdiction, in
 * both tax years with tables (a table one year lacks is a blocker, not a line), an employee with a bonus, a
 * reimbursement and year-to-date wages that cross the US Additional Medicare threshold, at a salary high enough for
 * CPP2/QPP2, with the employer's SUI rate, with every benefit kind of the country (employee and employer shares, group life over $50,000).
 */
/** Certificates that make a state's local lines appear (residence or work in a taxing locality); one run each. */
const LOCAL_CERTIFICATES: Readonly<Record<string, readonly Certificates[]>> = {
  NY: [{ it2104: { nycResident: true, yonkersResident: true } }, { it2104: { worksInYonkers: true } }],
  // Pennsylvania local EIT is computed only with a Residency Certification Form.
  PA: [{ paResidencyCertification: { residentPsdCode: "700102", worksitePsdCode: "700102" } }],
};

function emittedCodes(): { codes: Set<string>; kinds: Map<string, string> } {
  const inputs: PaycheckInput[] = ["2025-03-14", "2026-03-13"].flatMap((payDate) => [
    ...SUPPORTED_US_STATES.flatMap((st) =>
      [undefined, ...(LOCAL_CERTIFICATES[st] ?? [])].map((certificates): PaycheckInput => ({
        jurisdiction: `US-${st}`,
        classification: "US_W2_EMPLOYEE",
        payFrequency: "MONTHLY",
        payDate,
        gross: 30_000_00,
        supplemental: 5_000_00,
        reimbursement: 100_00,
        w4: { filingStatus: "SINGLE" },
        employerRates: { suiRate: "2.7", suiWageBase: 10_000_00 },
        yearToDate: { medicareWages: 190_000_00, socialSecurityWages: 0, futaWages: 0 },
        benefitDeductions: BENEFIT_KINDS_BY_COUNTRY.US.map((kind) => ({ kind, employeeAmount: 1_00, employerAmount: 10_00, coverageAmount: 100_000_00, employeeAge: 40 })),
        ...(certificates ? { certificates } : {}),
      })),
    ),
    ...CA_SUBDIVISIONS.map((pr): PaycheckInput => ({
      jurisdiction: `CA-${pr}`,
      classification: "CA_T4_EMPLOYEE",
      payFrequency: "MONTHLY",
      payDate,
      gross: 30_000_00,
      supplemental: 5_000_00,
      reimbursement: 100_00,
      benefitDeductions: BENEFIT_KINDS_BY_COUNTRY.CA.map((kind) => ({ kind, employeeAmount: 10_00, employerAmount: 10_00 })),
    })),
    // Contractors: fees, not wages.
    { jurisdiction: "US-TX", classification: "US_1099_CONTRACTOR", payFrequency: "MONTHLY", payDate, gross: 5_000_00 },
    { jurisdiction: "CA-ON", classification: "CA_T4A_CONTRACTOR", payFrequency: "MONTHLY", payDate, gross: 5_000_00 },
  ]);
  const codes = new Set<string>();
  const kinds = new Map<string, string>();
  for (const input of inputs) {
    const result = calculatePaycheck(input);
    for (const line of result.lines) {
      codes.add(line.code);
      kinds.set(line.code, line.kind);
    }
  }
  return { codes, kinds };
}

describe("statement line codes", () => {
  it("the table lists exactly the codes the engines emit, with their kinds", () => {
    const { codes, kinds } = emittedCodes();
    expect([...codes].sort()).toEqual(STATEMENT_LINE_CODES.map((c) => c.code).sort());
    for (const entry of STATEMENT_LINE_CODES) expect(kinds.get(entry.code), entry.code).toBe(entry.kind);
  });

  it("every code the schema's descriptions name exists in the table, and the list descriptions name them all", async () => {
    const schema = await createSchema();
    const known = new Set([...STATEMENT_LINE_CODES, ...CALCULATION_LINE_CODES, ...RUN_LINE_CODES].map((c) => c.code));
    const descriptions = [
      schema.getType("PayStatementLine")!.toConfig() as { fields: Record<string, { description?: string | null }> },
      schema.getType("PayStatement")!.toConfig() as { fields: Record<string, { description?: string | null }> },
      schema.getType("PaycheckEstimate")!.toConfig() as { fields: Record<string, { description?: string | null }> },
    ].flatMap((type) => [type.fields.code?.description, type.fields.lines?.description].filter((d): d is string => typeof d === "string"));
    expect(descriptions.length).toBe(3);
    for (const description of descriptions) {
      const named = [...description.matchAll(/`((?:US|CA|EARNING)_[A-Z0-9_]+|REIMBURSEMENT)`/g)].map((m) => m[1]);
      expect(named.length).toBeGreaterThan(0);
      expect(named.filter((code) => !known.has(code))).toEqual([]);
    }
    for (const code of known) expect(LINE_CODES_DESCRIPTION).toContain(`\`${code}\``);
  });
});
