import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, dataOf, errorCodes, type TestServer } from "../support/server";
import { newClient } from "../support/factories";
import { EstimatePaycheckWithBenefitsDocument, type EstimatePaycheckInput, type EstimatePaycheckWithBenefitsQuery } from "../generated/graphql";

/**
 * `estimatePaycheck` with `benefitDeductions`, through the real server (Postgres or PGlite). Expected amounts are
 * worked out by hand from the publications (Pub 15-T 2026 Worksheet 1A, Single: annual wages − $8,600, 22% row
 * $5,800 + 22% over $57,900; FICA 6.2% / 1.45%; FUTA 0.6%; T4127 Jan 2026 factor F), not with the engine's code.
 */
let t: TestServer;
let partner: string;

beforeAll(async () => {
  t = await startTestServer();
  const clientId = await newClient(t, "estimate-benefits-client");
  partner = await t.token("PARTNER", { clients: [clientId] });
});
afterAll(() => t.stop());

const usd = (amount: string) => ({ amount, currency: "USD" as const });
const cad = (amount: string) => ({ amount, currency: "CAD" as const });
type Estimate = EstimatePaycheckWithBenefitsQuery["estimatePaycheck"];
const line = (e: Estimate, code: string) => e.lines.find((l) => l.code === code);

async function estimate(input: EstimatePaycheckInput) {
  return dataOf(await t.gql(EstimatePaycheckWithBenefitsDocument, { input }, partner)).estimatePaycheck;
}

const texas: EstimatePaycheckInput = {
  jurisdiction: "US-TX",
  classification: "US_W2_EMPLOYEE",
  payFrequency: "WEEKLY",
  payDate: "2026-03-06",
  gross: usd("1500.00"),
  w4: { filingStatus: "SINGLE" },
};

describe("estimatePaycheck with benefit deductions", () => {
  it("US-TX weekly $1,500: 401(k) $100 and medical $50 (+ $200 employer): FIT on $1,350, FICA and FUTA on $1,450", async () => {
    const e = await estimate({
      ...texas,
      benefitDeductions: [
        { kind: "US_401K", employeeAmount: usd("100.00") },
        { kind: "MEDICAL", employeeAmount: usd("50.00"), employerAmount: usd("200.00") },
      ],
    });
    // 1,350 × 52 = 70,200 − 8,600 = 61,600 → 5,800 + 22% × 3,700 = 6,614 ÷ 52 = 127.19
    expect(line(e, "US_FIT")?.amount.amount).toBe("127.19");
    expect(line(e, "US_SS_EE")?.amount.amount).toBe("89.90"); // 6.2% × 1,450
    expect(line(e, "US_MEDICARE_EE")?.amount.amount).toBe("21.03"); // 1.45% × 1,450 = 21.025
    expect(line(e, "US_FUTA_ER")?.amount.amount).toBe("8.70"); // 0.6% × 1,450
    expect(line(e, "DED_US_401K")).toMatchObject({ kind: "DEDUCTION", amount: usd("100.00") });
    expect(line(e, "DED_US_401K")?.description).toMatch(/reduces federal income tax wages/);
    expect(line(e, "DED_MEDICAL")).toMatchObject({ kind: "DEDUCTION", amount: usd("50.00") });
    expect(line(e, "BEN_ER_MEDICAL")).toMatchObject({ kind: "EMPLOYER_CONTRIBUTION", amount: usd("200.00") });
    expect(e.net).toEqual(usd("1111.88")); // 1,500 − 127.19 − 89.90 − 21.03 − 100 − 50
    expect(e.appliedBenefits).toEqual([
      { kind: "US_401K", employeeAmount: usd("100.00"), employerAmount: usd("0.00") },
      { kind: "MEDICAL", employeeAmount: usd("50.00"), employerAmount: usd("200.00") },
    ]);
    expect(e.blockers).toEqual([]);
  });

  it("the 401(k) stops at the 2026 limit ($24,500) from the year-to-date contributions", async () => {
    const e = await estimate({
      ...texas,
      yearToDate: { benefitContributions: [{ kind: "US_401K", employeeAmount: usd("24450.00") }] },
      benefitDeductions: [{ kind: "US_401K", employeeAmount: usd("100.00") }],
    });
    expect(e.appliedBenefits[0].employeeAmount).toEqual(usd("50.00"));
    expect(line(e, "DED_US_401K")?.description).toMatch(/stopped at the annual limit/);
    // FIT on 1,450: 75,400 − 8,600 = 66,800 → 5,800 + 22% × 8,900 = 7,758 ÷ 52 = 149.19
    expect(line(e, "US_FIT")?.amount.amount).toBe("149.19");
  });

  it("group-term life over $50,000 is imputed income: Social Security and Medicare only", async () => {
    const e = await estimate({
      ...texas,
      benefitDeductions: [{ kind: "GROUP_TERM_LIFE", employeeAmount: usd("0.00"), employerAmount: usd("4.00"), coverageAmount: usd("150000.00"), employeeAge: 40 }],
    });
    // 100 × $0.10 × 12 ÷ 52 = 2.3077 → 2.31
    expect(line(e, "EARNING_IMPUTED_GTL")).toMatchObject({ kind: "IMPUTED_INCOME", amount: usd("2.31") });
    expect(line(e, "US_SS_EE")?.amount.amount).toBe("93.14"); // 6.2% × 1,502.31 = 93.143
    expect(line(e, "US_FIT")?.amount.amount).toBe("160.19");
    expect(e.gross).toEqual(usd("1500.00"));
  });

  it("CA-ON weekly $1,000 with a $100 group RRSP: federal tax 67.61 (T4127 factor F), CPP 55.50 and EI 16.30 unchanged", async () => {
    const e = await estimate({
      jurisdiction: "CA-ON",
      classification: "CA_T4_EMPLOYEE",
      payFrequency: "WEEKLY",
      payDate: "2026-03-06",
      gross: cad("1000.00"),
      benefitDeductions: [{ kind: "CA_GROUP_RRSP", employeeAmount: cad("100.00") }],
    });
    expect(line(e, "CA_FIT")?.amount.amount).toBe("67.61");
    expect(line(e, "CA_CPP_EE")?.amount.amount).toBe("55.50");
    expect(line(e, "CA_EI_EE")?.amount.amount).toBe("16.30");
    expect(line(e, "DED_CA_GROUP_RRSP")).toMatchObject({ kind: "DEDUCTION", amount: cad("100.00") });
    const withheld = e.lines.filter((l) => l.kind === "EMPLOYEE_TAX" || l.kind === "DEDUCTION").reduce((c, l) => c + Math.round(Number(l.amount.amount) * 100), 0);
    expect(Math.round(Number(e.net.amount) * 100)).toBe(1_000_00 - withheld);
  });

  describe("input mistakes are BAD_USER_INPUT errors naming the field", () => {
    async function fields(input: EstimatePaycheckInput) {
      const res = await t.gql(EstimatePaycheckWithBenefitsDocument, { input }, partner);
      expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
      return ((res.errors![0].extensions!.problems as { field: string }[]) ?? []).map((p) => p.field);
    }

    it("a Canadian kind in the US, a CAD amount, a negative amount, group life without coverage", async () => {
      expect(await fields({ ...texas, benefitDeductions: [{ kind: "CA_GROUP_RRSP", employeeAmount: usd("1.00") }] })).toEqual(["input.benefitDeductions[0].kind"]);
      expect(await fields({ ...texas, benefitDeductions: [{ kind: "MEDICAL", employeeAmount: cad("1.00") }] })).toEqual(["input.benefitDeductions[0].employeeAmount.currency"]);
      // a negative amount is refused (by the money scalar or the service), never taken as a zero
      const negative = await t.gql(EstimatePaycheckWithBenefitsDocument, { input: { ...texas, benefitDeductions: [{ kind: "MEDICAL", employeeAmount: usd("-1.00") }] } }, partner);
      expect(errorCodes(negative)).toEqual(["BAD_USER_INPUT"]);
      expect(await fields({ ...texas, benefitDeductions: [{ kind: "GROUP_TERM_LIFE", employeeAmount: usd("1.00") }] })).toEqual(["input.benefitDeductions[0].coverageAmount"]);
    });

    it("more than 20 deductions", async () => {
      const many = Array.from({ length: 21 }, () => ({ kind: "MEDICAL" as const, employeeAmount: usd("1.00") }));
      expect(await fields({ ...texas, benefitDeductions: many })).toEqual(["input.benefitDeductions"]);
    });

    it("an unknown kind is refused by the BenefitKind enum", async () => {
      const res = await t.gql(
        EstimatePaycheckWithBenefitsDocument,
        { input: { ...texas, benefitDeductions: [{ kind: "PET_INSURANCE" as never, employeeAmount: usd("1.00") }] } },
        partner,
      );
      expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    });
  });
});
