import { describe, expect, it } from "vitest";
import { formatRate, minimumWageOn, salaryMeetsHourly } from "../../src/modules/labor-law/minimum-wage";
import { exemptThresholdOn, federalExemptThreshold } from "../../src/modules/labor-law/exempt-thresholds";
import { checkCompensationLaborLaw, checkWorkLocality, type LaborLawSubject } from "../../src/modules/labor-law/labor-law.rules";
import { engagementUpdateLaborLaw } from "../../src/modules/labor-law/engagement-labor-law";
import { overtimeRuleOf } from "../../src/modules/labor-law/overtime.rules";
import { CA_MINIMUM_WAGES, LOCAL_MINIMUM_WAGES, US_STATE_MINIMUM_WAGES } from "../../src/modules/labor-law/minimum-wage.tables";
import { WORK_LOCALITIES } from "../../src/modules/labor-law/localities";
import { CA_SUBDIVISIONS, US_SUBDIVISIONS } from "../../src/shared/jurisdiction";
import { UserErrors } from "../../src/shared/user-error";
import { DEMO_ROSTER } from "../../src/seed/demo-roster";

/**
 * The labor-law rules as pure functions, each value checked against its source (module README,
 * src/modules/labor-law/README.md): minimum wage lookup (federal floor, state, local, provincial, mid-year
 * changes), the salary's hourly equivalent, the exemption salary thresholds, and the userErrors of the checks.
 */
function wage(jurisdiction: string, date: string, locality: string | null = null) {
  const found = minimumWageOn(jurisdiction, locality, date);
  if (!found.ok) throw new Error(found.message);
  return found.wage;
}

describe("minimum wage tables", () => {
  it("cover every supported US state and DC, every province and territory, and every work locality", () => {
    expect(Object.keys(US_STATE_MINIMUM_WAGES).sort()).toEqual(US_SUBDIVISIONS.map((s) => `US-${s}`).sort());
    expect(Object.keys(CA_MINIMUM_WAGES).sort()).toEqual(CA_SUBDIVISIONS.map((s) => `CA-${s}`).sort());
    expect(Object.keys(LOCAL_MINIMUM_WAGES).sort()).toEqual(WORK_LOCALITIES.map((l) => l.code).sort());
    for (const table of [...Object.values(US_STATE_MINIMUM_WAGES), ...Object.values(CA_MINIMUM_WAGES), ...Object.values(LOCAL_MINIMUM_WAGES)]) {
      expect(table.source.length).toBeGreaterThan(10);
      // Every table reaches back to 2025-01-01: the 2025 and 2026 effective dates are all covered.
      expect(table.steps[0].from <= "2025-01-01", table.name).toBe(true);
    }
  });

  it("federal floor: $7.25 (FLSA §6, 29 U.S.C. 206(a)(1)(C)) where the state adopts it (Texas) or has a lower one (Georgia)", () => {
    expect(wage("US-TX", "2026-03-01")).toMatchObject({ cents: 725, decidedBy: "US-TX" });
    expect(wage("US-GA", "2026-03-01").cents).toBe(725);
    expect(wage("US-GA", "2026-03-01").source).toContain("29 U.S.C. 206");
  });

  it("state rates by effective date: California $16.50 in 2025, $16.90 from 2026-01-01 (Lab. Code §1182.12)", () => {
    expect(wage("US-CA", "2025-12-31").cents).toBe(1650);
    expect(wage("US-CA", "2026-01-01").cents).toBe(1690);
    expect(wage("US-WA", "2026-01-01").cents).toBe(1713);
    expect(wage("US-NY", "2026-01-01").cents).toBe(1600); // remainder of state, Labor Law §652(1)(c)
  });

  it("mid-year changes: Alaska 1 July (Ballot Measure 1), Florida 30 September (Const. art. X §24), Michigan 21 February 2025", () => {
    expect(wage("US-AK", "2025-06-30").cents).toBe(1191);
    expect(wage("US-AK", "2025-07-01").cents).toBe(1300);
    expect(wage("US-AK", "2026-07-01").cents).toBe(1400);
    expect(wage("US-FL", "2025-09-29").cents).toBe(1300);
    expect(wage("US-FL", "2025-09-30").cents).toBe(1400);
    expect(wage("US-MI", "2025-02-20").cents).toBe(1056);
    expect(wage("US-MI", "2025-02-21").cents).toBe(1248);
  });

  it("provinces: Ontario 1 October (ESA s.23.1: $17.20 → $17.60), B.C. 1 June (ESR s.15: $17.40 → $17.85 → $18.25), Québec 1 May", () => {
    expect(wage("CA-ON", "2025-09-30")).toMatchObject({ cents: 1720, currency: "CAD" });
    expect(wage("CA-ON", "2025-10-01").cents).toBe(1760);
    expect(wage("CA-BC", "2025-05-31").cents).toBe(1740);
    expect(wage("CA-BC", "2025-06-01").cents).toBe(1785);
    expect(wage("CA-BC", "2026-06-01").cents).toBe(1825);
    expect(wage("CA-QC", "2026-04-30").cents).toBe(1610);
    expect(wage("CA-QC", "2026-05-01").cents).toBe(1660);
    expect(wage("CA-AB", "2026-05-01").cents).toBe(1500);
  });

  it("local rates win over the state's when higher: San Francisco (Admin. Code ch. 12R), Los Angeles, Seattle, NYC, Chicago, Denver", () => {
    expect(wage("US-CA", "2025-06-30", "US-CA-SF")).toMatchObject({ cents: 1867, decidedBy: "US-CA-SF" });
    expect(wage("US-CA", "2025-07-01", "US-CA-SF").cents).toBe(1918);
    expect(wage("US-CA", "2026-01-01", "US-CA-SF").cents).toBe(1918); // above the state's $16.90
    expect(wage("US-CA", "2025-07-01", "US-CA-LA").cents).toBe(1787);
    expect(wage("US-WA", "2026-01-01", "US-WA-SEA").cents).toBe(2130);
    expect(wage("US-NY", "2026-01-01", "US-NY-NYC").cents).toBe(1700);
    expect(wage("US-IL", "2025-07-01", "US-IL-CHI").cents).toBe(1660);
    expect(wage("US-CO", "2026-01-01", "US-CO-DEN").cents).toBe(1929);
  });

  it("a date before a state's table falls back to the federal floor and says so; a province's is an error", () => {
    const early = wage("US-CA", "2024-06-01");
    expect(early).toMatchObject({ cents: 725, decidedBy: "US" });
    expect(early.note).toContain("federal floor");
    expect(minimumWageOn("CA-ON", null, "2024-01-01")).toEqual({
      ok: false,
      message: "The Ontario minimum wage table starts on 2024-10-01: no minimum wage is known for 2024-01-01",
    });
    expect(minimumWageOn("US-XX", null, "2026-01-01").ok).toBe(false);
  });

  it("a salary's hourly equivalent is annual ÷ (52 × 40 h): $35,152.00 meets California's $16.90 exactly, a cent less does not", () => {
    expect(salaryMeetsHourly(3_515_200, 1690)).toBe(true);
    expect(salaryMeetsHourly(3_515_199, 1690)).toBe(false);
    expect(formatRate(1690, "USD")).toBe("$16.90");
  });
});

describe("exemption salary thresholds", () => {
  it("federal: $684 a week = $35,568 a year (29 CFR 541.600; the 2024 rule was vacated, Texas v. DOL)", () => {
    expect(federalExemptThreshold("2026-01-01").annualCents).toBe(3_556_800);
    expect(federalExemptThreshold("2026-01-01").source).toContain("State of Texas v. U.S. Department of Labor");
    expect(exemptThresholdOn("US-TX", null, "2026-01-01").annualCents).toBe(3_556_800);
  });

  it("California: 2 × state minimum wage × 2080 (Lab. Code §515(a)) = $68,640 in 2025, $70,304 in 2026", () => {
    expect(exemptThresholdOn("US-CA", null, "2025-06-01").annualCents).toBe(6_864_000);
    expect(exemptThresholdOn("US-CA", "US-CA-SF", "2026-01-01").annualCents).toBe(7_030_400); // local wages do not raise it
  });

  it("New York (12 NYCRR 142-2.14): $1,275/week downstate and $1,199.10 elsewhere in 2026; Washington 2.25 × min × 40 (WAC 296-128-545)", () => {
    expect(exemptThresholdOn("US-NY", "US-NY-NYC", "2026-01-01").annualCents).toBe(127_500 * 52);
    expect(exemptThresholdOn("US-NY", null, "2026-01-01").annualCents).toBe(119_910 * 52);
    expect(exemptThresholdOn("US-NY", null, "2025-03-01").annualCents).toBe(116_165 * 52);
    expect(exemptThresholdOn("US-WA", null, "2026-01-01").annualCents).toBe(8_016_840); // $1,541.70 a week
    expect(exemptThresholdOn("US-WA", null, "2025-01-01").annualCents).toBe(7_796_880); // $1,499.40 a week
  });

  it("Alaska 2 × min × 40 (AS 23.10.055), Maine 3,000 × min (26 M.R.S. §663(3)(K)), Colorado $56,485 (2025 PAY CALC)", () => {
    expect(exemptThresholdOn("US-AK", null, "2026-07-01").annualCents).toBe(112_000 * 52);
    expect(exemptThresholdOn("US-ME", null, "2026-01-01").annualCents).toBe(4_530_000);
    expect(exemptThresholdOn("US-CO", null, "2025-01-01").annualCents).toBe(5_648_500);
  });
});

const fields = { amount: ["compensation", "amount"], basis: ["compensation", "basis"], exempt: ["exempt"] };

describe("the checks' userErrors", () => {
  const californian: LaborLawSubject = { workJurisdiction: "US-CA", workLocality: null, classification: "US_W2_EMPLOYEE", exempt: false };
  function check(subject: LaborLawSubject, comp: { basis: "SALARY" | "HOURLY" | "FIXED_FEE"; amount: number; effectiveFrom: string }) {
    const errors = new UserErrors();
    checkCompensationLaborLaw(errors, fields, subject, comp);
    return errors.list;
  }

  it("an hourly rate below the minimum is BELOW_MINIMUM_WAGE at the amount, naming the rate and its source", () => {
    const [error] = check(californian, { basis: "HOURLY", amount: 1600, effectiveFrom: "2026-01-01" });
    expect(error).toMatchObject({ field: ["input", "compensation", "amount"], code: "BELOW_MINIMUM_WAGE" });
    expect(error.message).toBe(
      '$16.00 an hour is below $16.90 an hour, the minimum wage of California on 2026-01-01 (Cal. Lab. Code §1182.12 (CPI-adjusted by the Department of Finance); US DOL Wage and Hour Division, "State Minimum Wage Laws" (dol.gov/agencies/whd/minimum-wage/state))',
    );
    expect(check(californian, { basis: "HOURLY", amount: 1690, effectiveFrom: "2026-01-01" })).toEqual([]);
    // The same rate before the 2026 increase is fine.
    expect(check(californian, { basis: "HOURLY", amount: 1650, effectiveFrom: "2025-12-31" })).toEqual([]);
  });

  it("the local rate needs the locality: $18.00 is fine in California, below San Francisco's $19.18", () => {
    expect(check(californian, { basis: "HOURLY", amount: 1800, effectiveFrom: "2026-01-01" })).toEqual([]);
    const [error] = check({ ...californian, workLocality: "US-CA-SF" }, { basis: "HOURLY", amount: 1800, effectiveFrom: "2026-01-01" });
    expect(error.code).toBe("BELOW_MINIMUM_WAGE");
    expect(error.message).toContain("$19.18 an hour, the minimum wage of San Francisco, CA");
  });

  it("a salary's hourly equivalent below the minimum is BELOW_MINIMUM_WAGE; contractors are out of scope", () => {
    const [error] = check({ ...californian, workJurisdiction: "US-WA" }, { basis: "SALARY", amount: 3_000_000, effectiveFrom: "2026-01-01" });
    expect(error.code).toBe("BELOW_MINIMUM_WAGE");
    expect(error.message).toContain("A salary of $30,000.00 a year is $14.42 an hour over 52 × 40 h: below $17.13 an hour");
    expect(error.message).toContain("at least $35,630.40 a year");
    expect(check({ ...californian, classification: "US_1099_CONTRACTOR" }, { basis: "HOURLY", amount: 500, effectiveFrom: "2026-01-01" })).toEqual([]);
  });

  it("exempt: a salary below the state threshold is EXEMPT_SALARY_BELOW_THRESHOLD; hourly, contractor or Canada is EXEMPT_NOT_ALLOWED", () => {
    const exempt = { ...californian, exempt: true };
    const [low] = check(exempt, { basis: "SALARY", amount: 7_000_000, effectiveFrom: "2026-01-01" });
    expect(low).toMatchObject({ field: ["input", "compensation", "amount"], code: "EXEMPT_SALARY_BELOW_THRESHOLD" });
    expect(low.message).toContain("below the California exemption threshold of $70,304.00 a year on 2026-01-01 (Cal. Lab. Code §515(a)");
    expect(check(exempt, { basis: "SALARY", amount: 7_030_400, effectiveFrom: "2026-01-01" })).toEqual([]);
    expect(check(exempt, { basis: "HOURLY", amount: 5000, effectiveFrom: "2026-01-01" }).map((e) => [e.field, e.code])).toEqual([
      [["input", "compensation", "basis"], "EXEMPT_NOT_ALLOWED"],
    ]);
    expect(check({ ...exempt, classification: "US_1099_CONTRACTOR" }, { basis: "HOURLY", amount: 5000, effectiveFrom: "2026-01-01" })[0].code).toBe("EXEMPT_NOT_ALLOWED");
    expect(check({ ...exempt, workJurisdiction: "CA-ON", classification: "CA_T4_EMPLOYEE" }, { basis: "SALARY", amount: 9_000_000, effectiveFrom: "2026-01-01" })).toMatchObject([
      { field: ["input", "exempt"], code: "EXEMPT_NOT_ALLOWED" },
    ]);
  });

  it("a locality must exist and lie in the work jurisdiction", () => {
    const errors = new UserErrors();
    checkWorkLocality(errors, ["workLocality"], "US-CA-SF", "US-WA");
    checkWorkLocality(errors, ["workLocality"], "US-CA-XX", "US-CA");
    checkWorkLocality(errors, ["workLocality"], "US-CA-SF", "US-CA");
    expect(errors.list.map((e) => e.code)).toEqual(["INVALID_WORK_LOCALITY", "INVALID_WORK_LOCALITY"]);
  });

  it("an update of exempt checks the compensations in effect from today on, the current one at today's date", () => {
    const comps = [
      { basis: "SALARY" as const, amount: 9_000_000, effectiveFrom: "2025-01-01" },
      { basis: "SALARY" as const, amount: 6_000_000, effectiveFrom: "2025-06-01" },
    ];
    const errors = engagementUpdateLaborLaw({ ...californian, exempt: true }, "exempt", comps, "2026-02-01");
    expect(errors.list).toMatchObject([{ field: ["input", "exempt"], code: "EXEMPT_SALARY_BELOW_THRESHOLD" }]);
    expect(errors.list[0].message).toContain("on 2026-02-01");
    expect(engagementUpdateLaborLaw({ ...californian, exempt: true }, "exempt", comps.slice(0, 1), "2026-02-01").any).toBe(false);
  });
});

describe("overtime rules", () => {
  it("FLSA 40 h/week everywhere in the US, California's daily rules, Canadian thresholds", () => {
    expect(overtimeRuleOf("US-TX")).toMatchObject({ weeklyHours: 40 });
    expect(overtimeRuleOf("US-TX")!.dailyHours).toBeUndefined();
    expect(overtimeRuleOf("US-CA")).toMatchObject({ weeklyHours: 40, dailyHours: 8, dailyDoubleHours: 12, seventhDay: true });
    expect(overtimeRuleOf("CA-ON")).toMatchObject({ weeklyHours: 44 });
    expect(overtimeRuleOf("CA-BC")).toMatchObject({ weeklyHours: 40, dailyHours: 8, dailyDoubleHours: 12 });
    expect(overtimeRuleOf("CA-AB")).toMatchObject({ weeklyHours: 44, dailyHours: 8 });
    expect(overtimeRuleOf("CA-QC")).toMatchObject({ weeklyHours: 40 });
    for (const pr of CA_SUBDIVISIONS) expect(overtimeRuleOf(`CA-${pr}`), pr).not.toBeNull();
  });
});

describe("demo data", () => {
  it("every demo employee's compensation meets the minimum wage and every exempt one its threshold", () => {
    const problems: string[] = [];
    for (const client of DEMO_ROSTER) {
      for (const w of client.workers) {
        for (const e of [w, ...(w.earlier ? [w.earlier] : [])]) {
          const classification = ({ W2: "US_W2_EMPLOYEE", "1099": "US_1099_CONTRACTOR", T4: "CA_T4_EMPLOYEE", T4A: "CA_T4A_CONTRACTOR" } as const)[e.kind];
          const subject: LaborLawSubject = { workJurisdiction: w.where, workLocality: w.locality ?? null, classification, exempt: e.exempt === true };
          const comps = [
            { basis: e.pay[0], amount: e.pay[1], effectiveFrom: e.start },
            ...(e.raise ? [{ basis: e.pay[0], amount: e.raise.amount, effectiveFrom: e.raise.from }] : []),
          ];
          for (const comp of comps) {
            const errors = new UserErrors();
            checkCompensationLaborLaw(errors, fields, subject, comp);
            // Still compliant on the 2026 increases' dates.
            checkCompensationLaborLaw(errors, fields, subject, { ...comp, effectiveFrom: comp.effectiveFrom > "2026-01-01" ? comp.effectiveFrom : "2026-01-01" });
            problems.push(...errors.list.map((x) => `${w.first} ${w.last}: ${x.message}`));
          }
        }
      }
    }
    expect(problems).toEqual([]);
    const exempt = DEMO_ROSTER.flatMap((c) => c.workers).filter((w) => w.exempt);
    expect(exempt.length).toBeGreaterThan(3);
  });
});
