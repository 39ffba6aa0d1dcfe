import { describe, expect, it } from "vitest";
import { basicExemptionPerPeriod } from "../../src/modules/payroll/engine/ca/contributions";
import { editionFor } from "../../src/modules/payroll/engine/ca/editions";
import { Q } from "../../src/modules/payroll/engine/ca/exact";
import { EDITION_2025_JAN, EDITION_2025_JUL } from "../../src/modules/payroll/engine/ca/tables/y2025";
import { EDITION_2026_JAN } from "../../src/modules/payroll/engine/ca/tables/y2026";
import type { TaxBracket } from "../../src/modules/payroll/engine/ca/tables/types";

// Integrity of the transcribed tables: every derived number must follow from the published ones the way T4127
// defines it, and the 2026 values must be the ones of the project reference §4 (not a trap transcription, §6).

/** T4127's constants: K_i = Σ_{j ≤ i} (R_j − R_{j−1}) × A_j, whole dollars (half-up). */
function derivedConstants(brackets: TaxBracket[]): string[] {
  let sum = Q.ZERO;
  return brackets.map((b, i) => {
    if (i > 0)
      sum = sum.add(
        Q.ratio(b.rate)
          .sub(Q.ratio(brackets[i - 1].rate))
          .mul(Q.dollars(b.from)),
      );
    return sum.roundDollars().toDollars(0);
  });
}
const printed = (brackets: TaxBracket[]) => brackets.map((b) => Q.dollars(b.constant).toDollars(0));

describe("constants K / KP follow from rates and thresholds", () => {
  for (const edition of [EDITION_2026_JAN, EDITION_2025_JAN, EDITION_2025_JUL]) {
    it(`${edition.name}: federal`, () => expect(printed(edition.federal.brackets)).toEqual(derivedConstants(edition.federal.brackets)));
    for (const p of Object.values(edition.provinces)) {
      it(`${edition.name}: ${p.code}`, () => expect(printed(p.brackets)).toEqual(derivedConstants(p.brackets)));
    }
  }

  it("the rule reproduces the constants printed in the reference (federal, ON, BC, AB 2026; federal 2025 blended)", () => {
    expect(printed(EDITION_2026_JAN.federal.brackets)).toEqual(["0", "3804", "10241", "15685", "26024"]);
    expect(printed(EDITION_2026_JAN.provinces.ON.brackets)).toEqual(["0", "2210", "4376", "5876", "8076"]);
    expect(printed(EDITION_2026_JAN.provinces.BC.brackets)).toEqual(["0", "1330", "4150", "6220", "9604", "13603", "23428"]);
    expect(printed(EDITION_2026_JAN.provinces.AB.brackets)).toEqual(["0", "1224", "4309", "6160", "8628", "12331"]);
    // Table 8.22 (2025, blended 14.5%): 3,443 / 9,754 / 15,090 / 25,227.
    const blended = EDITION_2025_JAN.federal.brackets.map((b, i) => ({ ...b, rate: i === 0 ? "0.145" : b.rate }));
    expect(derivedConstants(blended)).toEqual(["0", "3443", "9754", "15090", "25227"]);
    expect(printed(EDITION_2025_JAN.provinces.ON.brackets)).toEqual(["0", "2168", "4294", "5794", "7994"]);
  });
});

describe("2026 values are the reference's (T4127 122nd ed.)", () => {
  const e = EDITION_2026_JAN;
  it("federal", () => {
    expect(e.federal.lowestRate).toBe("0.14");
    expect(e.federal.cea).toBe("1,501"); // not "1,433" (trap)
    expect(e.federal.bpaf).toEqual({ max: "16,452", min: "14,829", phaseStart: "181,440", phaseEnd: "258,482" });
  });

  it("basic personal amounts and lowest rates", () => {
    const bpa = Object.fromEntries(Object.values(e.provinces).map((p) => [p.code, p.basicAmount.kind === "fixed" ? p.basicAmount.amount : p.basicAmount.kind]));
    expect(bpa).toEqual({
      ON: "12,989", // not "12,398" (trap)
      BC: "13,216",
      AB: "22,769",
      MB: "phaseOutToZero",
      NB: "13,664",
      NL: "11,188",
      NS: "11,932",
      NT: "18,198",
      NU: "19,659",
      PE: "15,000",
      SK: "20,381",
      YT: "federal",
    });
    const lowest = Object.fromEntries(Object.values(e.provinces).map((p) => [p.code, p.brackets[0].rate]));
    expect(lowest).toEqual({
      ON: "0.0505",
      BC: "0.0506",
      AB: "0.08",
      MB: "0.108",
      NB: "0.094",
      NL: "0.087",
      NS: "0.0879",
      NT: "0.059",
      NU: "0.04",
      PE: "0.095",
      SK: "0.105",
      YT: "0.064",
    });
    expect(e.provinces.AB.brackets[0].rate).not.toBe("0.10"); // trap: "AB 10% flat"
  });

  it("maxima equal rate × earnings band", () => {
    const band = (plan: typeof e.cpp) => Q.dollars(plan.ympe).sub(Q.dollars(plan.basicExemption));
    for (const plan of [e.cpp, e.qpp, EDITION_2025_JAN.cpp, EDITION_2025_JAN.qpp]) {
      expect(Q.ratio(plan.rate).mul(band(plan)).roundCents().toDollars()).toBe(Q.dollars(plan.maxContribution).toDollars());
      expect(Q.ratio(plan.baseRate).mul(band(plan)).roundCents().toDollars()).toBe(Q.dollars(plan.maxBaseContribution).toDollars());
      expect(
        Q.ratio(plan.secondRate)
          .mul(Q.dollars(plan.yampe).sub(Q.dollars(plan.ympe)))
          .toDollars(),
      ).toBe(Q.dollars(plan.maxSecondContribution).toDollars());
    }
    for (const ei of [e.ei, e.eiQuebec, EDITION_2025_JAN.ei, EDITION_2025_JAN.eiQuebec]) {
      expect(Q.ratio(ei.rate).mul(Q.dollars(ei.maxInsurableEarnings)).roundCents().toDollars()).toBe(Q.dollars(ei.maxPremium).toDollars());
    }
    for (const q of [e.qpip, EDITION_2025_JAN.qpip]) {
      expect(Q.ratio(q.employeeRate).mul(Q.dollars(q.maxInsurableEarnings)).roundCents().toDollars()).toBe(Q.dollars(q.maxEmployeePremium).toDollars());
      expect(Q.ratio(q.employerRate).mul(Q.dollars(q.maxInsurableEarnings)).roundCents().toDollars()).toBe(Q.dollars(q.maxEmployerPremium).toDollars());
    }
    expect([e.cpp.maxContribution, e.cpp.maxBaseContribution, e.ei.maxPremium, e.qpip.maxEmployeePremium]).toEqual(["4,230.45", "3,519.45", "1,123.07", "442.90"]);
  });

  it("CPP basic exemption per period is truncated, not rounded (T4127 Ch. 1 p. 8)", () => {
    const per = (p: number) => basicExemptionPerPeriod(e.cpp, p).toDollars();
    expect([per(52), per(26), per(24), per(12), per(27), per(53)]).toEqual(["67.30", "134.61", "145.83", "291.66", "129.62", "66.03"]);
  });
});

describe("edition by pay date", () => {
  it("picks the edition in force", () => {
    expect(editionFor("2024-12-31")).toBeUndefined();
    expect(editionFor("2025-01-01")?.name).toBe("T4127 120th ed. (Jan 2025)");
    expect(editionFor("2025-06-30")?.name).toBe("T4127 120th ed. (Jan 2025)");
    expect(editionFor("2025-07-01")?.name).toBe("T4127 121st ed. (Jul 2025)");
    expect(editionFor("2026-01-01")?.name).toBe("T4127 122nd ed. (Jan 2026)");
    expect(editionFor("2026-12-31")?.name).toBe("T4127 122nd ed. (Jan 2026)");
    expect(editionFor("2027-01-01")).toBeUndefined();
  });
});
