import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, dataOf, errorCodes, type TestServer } from "../support/server";
import { newClient } from "../support/factories";
import { EstimatePaycheckDocument, type EstimatePaycheckInput, type EstimatePaycheckQuery } from "../generated/graphql";

/**
 * `estimatePaycheck` against a real server (Postgres or PGlite; the query reads nothing from the database).
 * The expected amounts are hand-checked from the official publications' own figures (payroll-reference-2026.md),
 * never recomputed with the engine's code: Pub 15-T 2026 Worksheet 1A ($670 → $38.48; $1,500 → $160.19, the
 * reference's corrected value), FICA rates and the 2026 Social Security wage base, EDD DE 44 Method B Example A and
 * the 1.3% SDI rate, T4127 122nd ed. examples (CPP 241.22 for $4,200 semimonthly, CPP 204.25 for $1,000 + $2,500
 * bonus weekly, EI 1.63% / Quebec 1.30%, EI maximum insurable earnings $68,900).
 */
let t: TestServer;
let partner: string;
let clientId: string;

beforeAll(async () => {
  t = await startTestServer();
  clientId = await newClient(t, "estimate-client");
  partner = await t.token("PARTNER", { clients: [clientId] }); // an ATS: its default scopes include payroll:read
});
afterAll(() => t.stop());

const usd = (amount: string) => ({ amount, currency: "USD" as const });
const cad = (amount: string) => ({ amount, currency: "CAD" as const });

async function estimate(input: EstimatePaycheckInput, token = partner) {
  return dataOf(await t.gql(EstimatePaycheckDocument, { input }, token)).estimatePaycheck;
}

type Estimate = EstimatePaycheckQuery["estimatePaycheck"];
const line = (e: Estimate, code: string) => e.lines.find((l) => l.code === code)?.amount.amount;
const employeeTaxes = (e: Estimate) => e.lines.filter((l) => l.kind === "EMPLOYEE_TAX").reduce((cents, l) => cents + Math.round(Number(l.amount.amount) * 100), 0);

describe("United States", () => {
  it("US-TX weekly $1,500, Single: federal tax $160.19, FICA at 6.2% / 1.45%, no state tax", async () => {
    const e = await estimate({
      jurisdiction: "US-TX",
      classification: "US_W2_EMPLOYEE",
      payFrequency: "WEEKLY",
      payDate: "2026-03-06",
      gross: usd("1500.00"),
      w4: { filingStatus: "SINGLE" },
    });
    expect(e.gross).toEqual(usd("1500.00"));
    expect(line(e, "US_FIT")).toBe("160.19");
    expect(line(e, "US_SS_EE")).toBe("93.00");
    expect(line(e, "US_MEDICARE_EE")).toBe("21.75");
    expect(line(e, "US_SS_ER")).toBe("93.00");
    expect(line(e, "US_MEDICARE_ER")).toBe("21.75");
    expect(line(e, "US_FUTA_ER")).toBe("9.00"); // 0.6% of the first $7,000
    expect(e.lines.some((l) => /^US_TX_/.test(l.code))).toBe(false);
    expect(e.net).toEqual(usd("1225.06")); // 1,500 − 160.19 − 93.00 − 21.75
    expect(e.blockers).toEqual([]);
    expect(e.lines.find((l) => l.code === "US_FUTA_ER")!.kind).toBe("EMPLOYER_TAX");
  });

  it("US-CA weekly $210 (EDD Method B Example A: below the low-income exemption): PIT $0.00, SDI 1.3% = $2.73", async () => {
    const e = await estimate({
      jurisdiction: "US-CA",
      classification: "US_W2_EMPLOYEE",
      payFrequency: "WEEKLY",
      payDate: "2026-03-06",
      gross: usd("210.00"),
      w4: { filingStatus: "SINGLE", multipleJobs: false },
    });
    expect(line(e, "US_FIT")).toBe("0.00"); // 10,920 − 8,600 = 2,320 a year: in the 0% bracket
    expect(line(e, "US_CA_SIT")).toBe("0.00");
    expect(line(e, "US_CA_SDI_EE")).toBe("2.73");
    expect(line(e, "US_SS_EE")).toBe("13.02");
    expect(line(e, "US_MEDICARE_EE")).toBe("3.05"); // 3.045, half-up
    expect(e.net).toEqual(usd("191.20"));
    expect(e.blockers).toEqual([]);
  });

  it("US-NY: New York State income tax with no IT-2104 (single, 0 allowances) — $670 weekly → $25.35", async () => {
    const e = await estimate({
      jurisdiction: "US-NY",
      classification: "US_W2_EMPLOYEE",
      payFrequency: "WEEKLY",
      payDate: "2026-03-06",
      gross: usd("670.00"),
      w4: { filingStatus: "SINGLE" },
    });
    expect(e.blockers).toEqual([]);
    expect(line(e, "US_FIT")).toBe("38.48"); // (670 × 52 − 8,600 − 7,500) × 10% / 52
    // NYS-50-T-NYS (1/26) Method II: 670 − 142.30 = 527.70; (527.70 − 267) × 5.40% = 14.0778 → 14.08 + 11.27
    expect(line(e, "US_NY_SIT")).toBe("25.35");
  });

  it("US-WV: state tax is a blocker, the federal lines are still computed ($670 weekly Single → $38.48)", async () => {
    const e = await estimate({
      jurisdiction: "US-WV",
      classification: "US_W2_EMPLOYEE",
      payFrequency: "WEEKLY",
      payDate: "2026-03-06",
      gross: usd("670.00"),
      w4: { filingStatus: "SINGLE" },
    });
    expect(e.blockers.map((b) => [b.blockerCode, b.code])).toEqual([["UNSUPPORTED_TAX_JURISDICTION", "UNSUPPORTED_TAX_JURISDICTION"]]);
    expect(e.blockers[0].message).toMatch(/ND/);
    expect(line(e, "US_FIT")).toBe("38.48"); // (670 × 52 − 8,600 − 7,500) × 10% / 52
    expect(line(e, "US_SS_EE")).toBe("41.54");
    expect(e.lines.some((l) => l.code.startsWith("US_ND_"))).toBe(false);
  });

  it("a supplemental bonus is withheld at the flat 22% within US_FIT; W-4 Step 4(c) adds its extra withholding", async () => {
    const base = { jurisdiction: "US-TX", classification: "US_W2_EMPLOYEE" as const, payFrequency: "WEEKLY" as const, payDate: "2026-03-06", gross: usd("670.00") };
    const withBonus = await estimate({ ...base, supplemental: usd("1000.00"), w4: { filingStatus: "SINGLE" } });
    expect(withBonus.gross).toEqual(usd("1670.00"));
    expect(line(withBonus, "US_FIT")).toBe("258.48"); // 38.48 + 22% × 1,000
    const extra = await estimate({ ...base, w4: { filingStatus: "SINGLE", extraWithholding: usd("25.00") } });
    expect(line(extra, "US_FIT")).toBe("63.48");
  });

  it("Social Security stops at the 2026 wage base ($184,500 year to date); Medicare does not", async () => {
    const e = await estimate({
      jurisdiction: "US-TX",
      classification: "US_W2_EMPLOYEE",
      payFrequency: "WEEKLY",
      payDate: "2026-11-06",
      gross: usd("1500.00"),
      w4: { filingStatus: "SINGLE" },
      yearToDate: { socialSecurityWages: usd("184500.00"), medicareWages: usd("184500.00") },
    });
    expect(line(e, "US_SS_EE")).toBeUndefined(); // a zero tax line is omitted
    expect(line(e, "US_MEDICARE_EE")).toBe("21.75");
  });

  it("a US employee without a W-4: MISSING_W4 blocker and no federal income tax line", async () => {
    const e = await estimate({ jurisdiction: "US-TX", classification: "US_W2_EMPLOYEE", payFrequency: "WEEKLY", payDate: "2026-03-06", gross: usd("1500.00") });
    expect(e.blockers.map((b) => [b.blockerCode, b.code])).toEqual([["MISSING_W4", "MISSING_W4"]]);
    expect(line(e, "US_FIT")).toBeUndefined();
    expect(line(e, "US_SS_EE")).toBe("93.00");
  });

  it("a contractor is paid gross: no withholding at all", async () => {
    const e = await estimate({ jurisdiction: "US-CA", classification: "US_1099_CONTRACTOR", payFrequency: "MONTHLY", payDate: "2026-03-31", gross: usd("8000.00") });
    expect(e.net).toEqual(usd("8000.00"));
    expect(e.lines.map((l) => l.kind)).toEqual(["EARNING"]);
    expect(e.blockers).toEqual([]);
  });

  it("a tax year without tables is a blocker, not a silent zero", async () => {
    const e = await estimate({
      jurisdiction: "US-TX",
      classification: "US_W2_EMPLOYEE",
      payFrequency: "WEEKLY",
      payDate: "2030-03-06",
      gross: usd("1500.00"),
      w4: { filingStatus: "SINGLE" },
    });
    expect(e.blockers.map((b) => [b.blockerCode, b.code])).toEqual([["UNSUPPORTED_TAX_YEAR", "UNSUPPORTED_TAX_YEAR"]]);
    expect(e.lines.filter((l) => l.kind === "EMPLOYEE_TAX")).toEqual([]);
  });
});

describe("Canada", () => {
  it("CA-ON semimonthly $4,200: CPP $241.22 (T4127 CPP2 appendix, scenario 1), EI 1.63% = $68.46, employer EI 1.4×", async () => {
    const e = await estimate({ jurisdiction: "CA-ON", classification: "CA_T4_EMPLOYEE", payFrequency: "SEMIMONTHLY", payDate: "2026-02-13", gross: cad("4200.00") });
    expect(e.gross).toEqual(cad("4200.00"));
    expect(line(e, "CA_CPP_EE")).toBe("241.22");
    expect(line(e, "CA_CPP_ER")).toBe("241.22");
    expect(line(e, "CA_EI_EE")).toBe("68.46");
    expect(line(e, "CA_EI_ER")).toBe("95.84"); // 1.4 × 68.46 = 95.844
    expect(line(e, "CA_CPP2_EE")).toBe("0.00"); // below the YMPE in period 1
    expect(Number(line(e, "CA_FIT"))).toBeGreaterThan(0);
    expect(Number(line(e, "CA_ON_PIT"))).toBeGreaterThan(0);
    expect(e.blockers).toEqual([]);
    // net = gross − employee lines, to the cent
    expect(Math.round(Number(e.net.amount) * 100)).toBe(420_000 - employeeTaxes(e));
  });

  it("CA-ON weekly $1,000 with a $2,500 bonus (T4127 bonus example): CPP on $3,500 = $204.25", async () => {
    const e = await estimate({
      jurisdiction: "CA-ON",
      classification: "CA_T4_EMPLOYEE",
      payFrequency: "WEEKLY",
      payDate: "2026-03-06",
      gross: cad("1000.00"),
      supplemental: cad("2500.00"),
      td1: { federalClaimAmount: cad("16452.00") },
    });
    expect(e.gross).toEqual(cad("3500.00"));
    expect(line(e, "CA_CPP_EE")).toBe("204.25");
    expect(line(e, "CA_EI_EE")).toBe("57.05"); // 1.63% × 3,500
  });

  it("EI stops at the annual maximum (68,900 insurable × 1.63% = 1,123.07); CPP and EI exemptions remove those lines", async () => {
    const atMax = await estimate({
      jurisdiction: "CA-ON",
      classification: "CA_T4_EMPLOYEE",
      payFrequency: "SEMIMONTHLY",
      payDate: "2026-11-13",
      gross: cad("4200.00"),
      yearToDate: { eiInsurableEarnings: cad("68900.00"), eiPremiums: cad("1123.07") },
    });
    expect(line(atMax, "CA_EI_EE")).toBe("0.00");
    const exempt = await estimate({
      jurisdiction: "CA-ON",
      classification: "CA_T4_EMPLOYEE",
      payFrequency: "SEMIMONTHLY",
      payDate: "2026-02-13",
      gross: cad("4200.00"),
      exemptions: ["CPP", "EI"],
    });
    expect(exempt.lines.map((l) => l.code).filter((c) => /CPP|EI/.test(c))).toEqual([]);
  });

  it("CA-QC: Quebec income tax (TP-1015.F), QPP and QPIP lines, EI at the Quebec rate 1.30% = $54.60", async () => {
    const e = await estimate({ jurisdiction: "CA-QC", classification: "CA_T4_EMPLOYEE", payFrequency: "SEMIMONTHLY", payDate: "2026-02-13", gross: cad("4200.00") });
    expect(e.blockers).toEqual([]);
    expect(line(e, "CA_EI_EE")).toBe("54.60");
    expect(Number(line(e, "CA_QPP_EE"))).toBeGreaterThan(0);
    expect(Number(line(e, "CA_QPIP_EE"))).toBeGreaterThan(0);
    expect(line(e, "CA_CPP_EE")).toBeUndefined();
    // QPP 0.063 × (4,200 − 145.83) = 255.41; H = 1,450/24 = 60.42; CSA = 255.41 × 0.01/0.063 = 40.54;
    // I = 24 × 4,099.04 = 98,376.96; Y = 18,691.62 − 2,717 − 2,653.28 = 13,321.34; ÷ 24 = 555.06.
    expect(line(e, "CA_QC_PIT")).toBe("555.06");
  });
});

describe("input mistakes are BAD_USER_INPUT errors naming the field (never INTERNAL_SERVER_ERROR)", () => {
  const valid: EstimatePaycheckInput = {
    jurisdiction: "US-CA",
    classification: "US_W2_EMPLOYEE",
    payFrequency: "WEEKLY",
    payDate: "2026-03-06",
    gross: usd("1000.00"),
    w4: { filingStatus: "SINGLE" },
  };

  async function problems(input: EstimatePaycheckInput) {
    const res = await t.gql(EstimatePaycheckDocument, { input }, partner);
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.data ?? null).toBeNull();
    return (res.errors![0].extensions!.problems as { field: string; message: string }[]) ?? [];
  }

  it.each([
    ["an unknown jurisdiction", { jurisdiction: "XX-YY" }, "input.jurisdiction"],
    ["a country instead of a subdivision", { jurisdiction: "US" }, "input.jurisdiction"],
    ["a classification of the other country", { classification: "CA_T4_EMPLOYEE" as const }, "input.classification"],
    ["a currency that does not follow the country", { gross: cad("1000.00") }, "input.gross.currency"],
    ["more than two decimals", { gross: usd("1000.005") }, "input.gross.amount"],
    ["an amount too large", { gross: usd("99999999999999.00") }, "input.gross.amount"],
    ["a TD1 in the US", { td1: { federalClaimAmount: cad("16452.00") } }, "input.td1"],
    ["a Canadian exemption in the US", { exemptions: ["CPP" as const] }, "input.exemptions"],
    ["a Canadian year-to-date field in the US", { yearToDate: { eiPremiums: usd("10.00") } }, "input.yearToDate.eiPremiums"],
    [
      "QPIP outside Quebec",
      { jurisdiction: "CA-ON", classification: "CA_T4_EMPLOYEE" as const, gross: cad("1000.00"), w4: null, exemptions: ["QPIP" as const] },
      "input.exemptions",
    ],
    ["a W-4 amount in CAD", { w4: { filingStatus: "SINGLE" as const, dependentsAmount: cad("2000.00") } }, "input.w4.dependentsAmount.currency"],
  ])("%s", async (_what, change, field) => {
    const list = await problems({ ...valid, ...change });
    expect(list.map((p) => p.field)).toContain(field);
  });

  it("a W-4 in Canada, and every problem at once", async () => {
    const list = await problems({ ...valid, jurisdiction: "CA-ON", classification: "US_W2_EMPLOYEE", gross: usd("1.999") });
    expect(list.map((p) => p.field).sort()).toEqual(["input.classification", "input.gross.amount", "input.gross.currency", "input.w4"]);
  });

  it("a malformed or impossible payDate is refused by the Date scalar", async () => {
    for (const payDate of ["2026-02-30", "03/06/2026", ""]) {
      const res = await t.gql(EstimatePaycheckDocument, { input: { ...valid, payDate } }, partner);
      expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    }
  });
});

describe("access", () => {
  it("needs payroll:read (FORBIDDEN without), and a token (UNAUTHENTICATED without)", async () => {
    const input = { jurisdiction: "US-TX", classification: "US_1099_CONTRACTOR" as const, payFrequency: "WEEKLY" as const, payDate: "2026-03-06", gross: usd("1.00") };
    const noScope = await t.token("PARTNER", { clients: [clientId], scopes: ["workers:read"] });
    expect(errorCodes(await t.gql(EstimatePaycheckDocument, { input }, noScope))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await t.gql(EstimatePaycheckDocument, { input }, null))).toEqual(["UNAUTHENTICATED"]);
    for (const role of ["OPERATOR", "CLIENT"] as const) {
      const token = await t.token(role, { clients: [clientId] });
      expect((await estimate(input, token)).net).toEqual(usd("1.00"));
    }
  });
});
