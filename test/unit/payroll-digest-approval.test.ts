import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, inputsDigest } from "../../src/modules/payroll/payroll-inputs-digest";
import { approvalRule } from "../../src/modules/payroll/payroll-approval";
import type { CalculationInputs } from "../../src/modules/payroll/payroll-statements.compute";

/** The inputs digest (what approval compares) and the MSA rule of who approves a run. Pure functions. */
const INPUTS: CalculationInputs = {
  rulesVersion: 1,
  run: {
    id: "r",
    clientId: "c",
    employerEntityId: "e",
    kind: "REGULAR",
    currency: "USD",
    payDate: "2026-01-23",
    period: { startDate: "2026-01-05", endDate: "2026-01-18" },
    frequency: "BIWEEKLY",
  },
  engagements: [
    { id: "a", workerId: "w", workJurisdiction: "US-TX", classification: "US_W2_EMPLOYEE", startDate: "2026-01-01", endDate: null, scheduleFrequency: "BIWEEKLY" },
    { id: "b", workerId: "v", workJurisdiction: "US-CA", classification: "US_W2_EMPLOYEE", startDate: "2026-01-01", endDate: "2026-06-30", scheduleFrequency: "BIWEEKLY" },
  ],
  compensations: [{ engagementId: "a", basis: "SALARY", amount: 7_800_000, currency: "USD", effectiveFrom: "2026-01-01" }],
  timeEntries: [{ engagementId: "b", workDate: "2026-01-05", type: "REGULAR", hundredthsOfHours: 800 }],
  oneOffEarnings: [],
  workers: [],
  onboarding: [
    { engagementId: "a", paymentMethodKind: "BANK_ACCOUNT", missingItems: [] },
    { engagementId: "b", paymentMethodKind: "CHECK", missingItems: [] },
  ],
  yearToDate: [],
};

describe("inputs digest", () => {
  it("writes flat records natively with the same text as the general rule, whatever their key order, shape changes and values", () => {
    // The general rule written out: keys sorted at every level, undefined values left out.
    const reference = (value: unknown): string => {
      if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
      if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
      const entries = Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${reference((value as Record<string, unknown>)[k])}`);
      return `{${entries.join(",")}}`;
    };
    const records: unknown[] = [
      { b: 1, a: "x", c: null },
      { a: "y", b: 2, c: null }, // same keys, another order
      { b: 3, a: "z", c: null }, // back to the first order
      { b: 1, a: undefined, c: true, d: -0.5 },
      { é: 1, Z: 'q"uote\\', a: "\u2028 line sep", "": false, "10": 2, "9": 3 },
      { b: { y: 1, x: [2, { q: 1, p: undefined }] }, a: 1 }, // nested: the general path
      { b: new Date(0), a: 1 }, // an object value (a Date): the general path, as before
      { a: NaN, b: Infinity },
      {},
      { z: [], y: [undefined] },
    ];
    for (const record of [...records, ...records.reverse()]) expect(canonicalJson(record)).toBe(reference(record));
    expect(
      canonicalJson([
        { b: 1, a: 2 },
        { a: 3, b: 4 },
      ]),
    ).toBe('[{"a":2,"b":1},{"a":3,"b":4}]');
  });

  it("is sha256 of the canonical JSON of the inputs (keys sorted at every level)", () => {
    expect(inputsDigest(INPUTS)).toBe(createHash("sha256").update(canonicalJson(INPUTS)).digest("hex"));
    expect(canonicalJson({ b: 1, a: { d: [2, { f: null, e: "x" }], c: undefined } })).toBe('{"a":{"d":[2,{"e":"x","f":null}]},"b":1}');
    // Keys by UTF-16 code units (upper case before lower, non-ASCII last); undefined in a list is null.
    expect(canonicalJson({ é: 1, Z: [undefined, 'a"b', []], a: true, "": {} })).toBe('{"":{},"Z":[null,"a\\"b",[]],"a":true,"é":1}');
  });

  it("does not depend on the order of object keys, and changes with any input", () => {
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value !== null && typeof value === "object"
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reverseKeys(v)]),
            )
          : value;
    const reordered = reverseKeys(INPUTS) as CalculationInputs;
    expect(Object.keys(reordered)[0]).toBe("yearToDate");
    expect(inputsDigest(reordered)).toBe(inputsDigest(INPUTS));
    const digest = inputsDigest(INPUTS);
    const changes: CalculationInputs[] = [
      { ...INPUTS, rulesVersion: 2 },
      { ...INPUTS, onboarding: [INPUTS.onboarding[0], { ...INPUTS.onboarding[1], missingItems: ["WORK_AUTHORIZATION"] }] },
      { ...INPUTS, onboarding: [INPUTS.onboarding[0], { ...INPUTS.onboarding[1], paymentMethodKind: null }] },
      { ...INPUTS, run: { ...INPUTS.run, payDate: "2026-01-24" } },
      { ...INPUTS, timeEntries: [{ ...INPUTS.timeEntries[0], hundredthsOfHours: 801 }] },
      { ...INPUTS, compensations: [{ ...INPUTS.compensations[0], amount: 7_800_001 }] },
      { ...INPUTS, engagements: INPUTS.engagements.slice(0, 1) },
      { ...INPUTS, oneOffEarnings: [{ id: "o", engagementId: "a", kind: "BONUS", amount: 1, currency: "USD" }] },
      {
        ...INPUTS,
        yearToDate: [
          {
            workerId: "w",
            employeeWages: 1,
            supplementalWages: 0,
            pensionableEarnings: 0,
            cppContributions: 0,
            cpp2Contributions: 0,
            insurableEarnings: 0,
            eiPremiums: 0,
            qpipInsurableEarnings: 0,
            qpipPremiums: 0,
          },
        ],
      },
    ];
    const digests = new Set(changes.map(inputsDigest));
    expect(digests.size).toBe(changes.length);
    expect(digests.has(digest)).toBe(false);
  });
});

describe("who approves a run under the MSA", () => {
  const clause = (id: string, responsibleParty: string, jurisdictions: string[] = [], category = "PAYROLL_APPROVAL") => ({ id, category, responsibleParty, jurisdictions });

  it("EOR: operators only; CLIENT: client or partner; SHARED: anyone; no clause: the client", () => {
    const roles = (clauses: ReturnType<typeof clause>[], country: "US" | "CA" = "US") =>
      (["OPERATOR", "CLIENT", "PARTNER"] as const).filter((role) => approvalRule(clauses, country, role).allowed);
    expect(roles([clause("1", "EOR")])).toEqual(["OPERATOR"]);
    expect(roles([clause("1", "CLIENT")])).toEqual(["CLIENT", "PARTNER"]);
    expect(roles([clause("1", "SHARED")])).toEqual(["OPERATOR", "CLIENT", "PARTNER"]);
    expect(roles([])).toEqual(["CLIENT", "PARTNER"]);
    expect(approvalRule([], "US", "CLIENT").party).toBeNull();
    expect(roles([clause("1", "EOR", [], "PAYROLL_PROCESSING")])).toEqual(["CLIENT", "PARTNER"]); // another category
  });

  it("uses the clause for the run's country over the one for every jurisdiction, and ignores single-state clauses", () => {
    expect(approvalRule([clause("2", "CLIENT"), clause("1", "EOR", ["US"])], "US", "OPERATOR")).toMatchObject({ party: "EOR", allowed: true });
    expect(approvalRule([clause("2", "CLIENT"), clause("1", "EOR", ["US"])], "CA", "OPERATOR")).toMatchObject({ party: "CLIENT", allowed: false });
    expect(approvalRule([clause("1", "EOR", ["US-CA"])], "US", "OPERATOR")).toMatchObject({ party: null, allowed: false });
    expect(approvalRule([clause("1", "EOR", ["US", "CA-ON"])], "US", "OPERATOR")).toMatchObject({ party: "EOR", allowed: true });
    // Equally specific clauses: the latest (greatest id) wins.
    expect(approvalRule([clause("1", "EOR"), clause("2", "SHARED")], "US", "CLIENT")).toMatchObject({ party: "SHARED", allowed: true });
  });
});
