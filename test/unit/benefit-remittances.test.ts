import { describe, expect, it } from "vitest";
import { planRemittances, type SchedulableStatement } from "../../src/modules/remittances/remittance.scheduler";

const statement = (id: string, workerId: string, lines: [code: string, kind: string, amount: number][], benefits: { planId: string; kind: string }[]): SchedulableStatement => ({
  id,
  engagementId: `eng-${id}`,
  workerId,
  classification: "US_W2_EMPLOYEE",
  workJurisdiction: "US-TX",
  net:
    lines.filter(([, kind]) => kind === "EARNING").reduce((s, [, , a]) => s + a, 0) -
    lines.filter(([, kind]) => kind === "DEDUCTION" || kind === "EMPLOYEE_TAX").reduce((s, [, , a]) => s + a, 0),
  lines: lines.map(([code, kind, amount], i) => ({ id: `${id}-l${i}`, code, kind, amount })),
  benefits,
});

describe("BENEFIT_CARRIER remittances (remittance.scheduler.ts planRemittances)", () => {
  it("one per plan and run: employee share from DED_<KIND>, employer share from BEN_ER_<KIND>, every line an item", () => {
    const plans = [
      { planId: "med", kind: "MEDICAL" },
      { planId: "k", kind: "US_401K" },
    ];
    const a = statement(
      "a",
      "w1",
      [
        ["EARNING_REGULAR", "EARNING", 300_000],
        ["US_FIT", "EMPLOYEE_TAX", 20_000],
        ["DED_MEDICAL", "DEDUCTION", 8_500],
        ["BEN_ER_MEDICAL", "EMPLOYER_CONTRIBUTION", 42_000],
        ["DED_US_401K", "DEDUCTION", 18_000],
        ["BEN_ER_US_401K", "EMPLOYER_CONTRIBUTION", 12_000],
      ],
      plans,
    );
    const b = statement(
      "b",
      "w2",
      [
        ["EARNING_REGULAR", "EARNING", 200_000],
        ["DED_MEDICAL", "DEDUCTION", 8_500],
        ["BEN_ER_MEDICAL", "EMPLOYER_CONTRIBUTION", 42_000],
      ],
      [plans[0]],
    );
    const carriers = planRemittances([a, b]).filter((p) => p.kind === "BENEFIT_CARRIER");
    expect(carriers.map((c) => [c.payeeKey, c.employeeShare, c.employerShare, c.amount, c.items.length])).toEqual([
      ["plan:med", 17_000, 84_000, 101_000, 4],
      ["plan:k", 18_000, 12_000, 30_000, 2],
    ]);
    // Benefit lines are never taken for a tax authority, and net pay stays the earnings less withholding and deductions.
    expect(
      planRemittances([a, b])
        .filter((p) => p.kind === "TAX")
        .map((p) => p.amount),
    ).toEqual([20_000]);
    expect(planRemittances([a]).find((p) => p.kind === "NET_PAY")!.amount).toBe(300_000 - 20_000 - 8_500 - 18_000);
  });

  it("a plan whose lines are all zero (limit reached) is not remitted", () => {
    const s = statement(
      "c",
      "w3",
      [
        ["EARNING_REGULAR", "EARNING", 100_000],
        ["DED_US_401K", "DEDUCTION", 0],
      ],
      [{ planId: "k", kind: "US_401K" }],
    );
    expect(planRemittances([s]).filter((p) => p.kind === "BENEFIT_CARRIER")).toEqual([]);
  });
});
