import { describe, expect, it } from "vitest";
import {
  CA_PROVINCIAL_FORMS,
  evaluateChecklist,
  isTemporarySin,
  missingOnboardingItems,
  onboardingRequirements,
  US_STATE_FORMS,
  type ChecklistFacts,
} from "../../src/modules/onboarding/onboarding.rules";
import { agreementFactOf, stepsFactOf, workerFactOf } from "../../src/modules/onboarding/onboarding-facts";
import { DEMO_DATA } from "../../src/seed/demo-data";
import { DEMO_ONBOARDING } from "../../src/seed/demo-onboarding";
import { abaRoutingProblem } from "../../src/modules/payment-methods/bank-account.rules";
import { agreementTemplateFor } from "../../src/modules/onboarding/agreement-templates";
import { CA_SUBDIVISIONS, US_SUBDIVISIONS } from "../../src/shared/jurisdiction";
import { onboardingBlockers, type CalcEngagement, type CalcRun } from "../../src/modules/payroll/payroll-statements.compute";

/** Onboarding requirements per classification and jurisdiction, item statuses, and the run blockers (sources: src/modules/onboarding/README.md). */
const required = (classification: Parameters<typeof onboardingRequirements>[0], jurisdiction: string) =>
  Object.fromEntries(onboardingRequirements(classification, jurisdiction).map((r) => [r.item, r.required ? (r.form ?? "required") : null]));

function facts(over: Partial<ChecklistFacts> = {}): ChecklistFacts {
  return {
    classification: "US_W2_EMPLOYEE",
    workJurisdiction: "US-CA",
    startDate: "2026-03-02",
    worker: { hasW4: true, hasTd1Federal: false, hasTd1Provincial: false },
    hasPaymentMethod: true,
    agreement: { status: "SIGNED", sentOn: "2026-02-20", signedOn: "2026-02-23" },
    steps: {
      STATE_WITHHOLDING_FORM: { status: "COMPLETE", completedOn: "2026-02-25", expiresOn: null },
      WORK_AUTHORIZATION: { status: "COMPLETE", completedOn: "2026-03-03", expiresOn: null },
    },
    asOf: "2026-03-13",
    ...over,
  };
}

describe("what each classification and jurisdiction requires", () => {
  it("US employee: W-4, the state's certificate (CA DE 4, IL IL-W-4, NY IT-2104), payment method, employment agreement, Form I-9", () => {
    expect(required("US_W2_EMPLOYEE", "US-CA")).toEqual({
      FEDERAL_WITHHOLDING_FORM: "W-4",
      STATE_WITHHOLDING_FORM: "DE 4",
      PAYMENT_METHOD: "required",
      EMPLOYMENT_AGREEMENT: "Employment agreement",
      WORK_AUTHORIZATION: "I-9",
    });
    expect(required("US_W2_EMPLOYEE", "US-IL").STATE_WITHHOLDING_FORM).toBe("IL-W-4");
    expect(required("US_W2_EMPLOYEE", "US-NY").STATE_WITHHOLDING_FORM).toBe("IT-2104");
  });

  it("no state certificate in states without a wage income tax, nor where the state uses the federal W-4", () => {
    for (const state of ["TX", "WA", "FL", "NV", "SD", "TN", "WY", "AK", "NH"]) expect(required("US_W2_EMPLOYEE", `US-${state}`).STATE_WITHHOLDING_FORM, state).toBeNull();
    expect(onboardingRequirements("US_W2_EMPLOYEE", "US-TX").find((r) => r.item === "STATE_WITHHOLDING_FORM")!.note).toContain("no wage income tax");
    expect(onboardingRequirements("US_W2_EMPLOYEE", "US-PA").find((r) => r.item === "STATE_WITHHOLDING_FORM")!.note).toContain("federal Form W-4");
  });

  it("US contractor: Form W-9 and a contractor agreement; no state form, no Form I-9 (8 CFR 274a.1(f))", () => {
    expect(required("US_1099_CONTRACTOR", "US-CA")).toEqual({
      FEDERAL_WITHHOLDING_FORM: "W-9",
      STATE_WITHHOLDING_FORM: null,
      PAYMENT_METHOD: "required",
      EMPLOYMENT_AGREEMENT: "Contractor agreement",
      WORK_AUTHORIZATION: null,
    });
  });

  it("Canadian employee: federal TD1, the provincial TD1 (TP-1015.3-V in Quebec), the SIN", () => {
    expect(required("CA_T4_EMPLOYEE", "CA-ON")).toEqual({
      FEDERAL_WITHHOLDING_FORM: "TD1",
      STATE_WITHHOLDING_FORM: "TD1ON",
      PAYMENT_METHOD: "required",
      EMPLOYMENT_AGREEMENT: "Employment agreement",
      WORK_AUTHORIZATION: "SIN",
    });
    expect(required("CA_T4_EMPLOYEE", "CA-QC").STATE_WITHHOLDING_FORM).toBe("TP-1015.3-V");
    expect(required("CA_T4_EMPLOYEE", "CA-BC").STATE_WITHHOLDING_FORM).toBe("TD1BC");
  });

  it("Canadian self-employed contractor: no TD1, no SIN verification; a contractor agreement and a payment method", () => {
    expect(required("CA_T4A_CONTRACTOR", "CA-BC")).toEqual({
      FEDERAL_WITHHOLDING_FORM: null,
      STATE_WITHHOLDING_FORM: null,
      PAYMENT_METHOD: "required",
      EMPLOYMENT_AGREEMENT: "Contractor agreement",
      WORK_AUTHORIZATION: null,
    });
  });

  it("has a rule for every supported subdivision (never a silent gap)", () => {
    for (const s of US_SUBDIVISIONS) expect(Object.hasOwn(US_STATE_FORMS, s), s).toBe(true);
    for (const p of CA_SUBDIVISIONS) expect(Object.hasOwn(CA_PROVINCIAL_FORMS, p), p).toBe(true);
    for (const s of US_SUBDIVISIONS) expect(() => onboardingRequirements("US_W2_EMPLOYEE", `US-${s}`)).not.toThrow();
  });
});

describe("item statuses", () => {
  it("is COMPLETE when every required item is done; NOT_REQUIRED items do not count", () => {
    const checklist = evaluateChecklist(facts());
    expect(checklist.status).toBe("COMPLETE");
    expect(checklist.missing).toEqual([]);
    expect(
      evaluateChecklist(facts({ workJurisdiction: "US-TX", steps: { WORK_AUTHORIZATION: facts().steps.WORK_AUTHORIZATION } })).items.find(
        (i) => i.item === "STATE_WITHHOLDING_FORM",
      )!.status,
    ).toBe("NOT_REQUIRED");
  });

  it("derives the W-4 and the payment method from data, the agreement from its status", () => {
    const c = evaluateChecklist(
      facts({
        worker: { hasW4: false, hasTd1Federal: false, hasTd1Provincial: false },
        hasPaymentMethod: false,
        agreement: { status: "SENT", sentOn: "2026-02-20", signedOn: null },
      }),
    );
    expect(c.items.map((i) => [i.item, i.status])).toEqual([
      ["FEDERAL_WITHHOLDING_FORM", "NOT_STARTED"],
      ["STATE_WITHHOLDING_FORM", "COMPLETE"],
      ["PAYMENT_METHOD", "NOT_STARTED"],
      ["EMPLOYMENT_AGREEMENT", "PENDING"],
      ["WORK_AUTHORIZATION", "COMPLETE"],
    ]);
    expect(c.missing).toEqual(["FEDERAL_WITHHOLDING_FORM", "PAYMENT_METHOD", "EMPLOYMENT_AGREEMENT"]);
    expect(evaluateChecklist(facts({ agreement: null })).items[3]).toMatchObject({ status: "NOT_STARTED", completedOn: null });
    expect(evaluateChecklist(facts()).items[3]).toMatchObject({ status: "COMPLETE", completedOn: "2026-02-23" });
  });

  it("Form I-9 Section 2 is due 3 business days after the start date (Monday → Thursday; a federal holiday is skipped)", () => {
    expect(evaluateChecklist(facts({ startDate: "2026-03-02" })).items[4].dueOn).toBe("2026-03-05");
    // Friday 2026-07-03 is the observed Independence Day: start Thursday 07-02 → 07-06, 07-07, 07-08.
    expect(evaluateChecklist(facts({ startDate: "2026-07-02" })).items[4].dueOn).toBe("2026-07-08");
    expect(evaluateChecklist(facts({ steps: {} })).items[4]).toMatchObject({ status: "NOT_STARTED", dueOn: "2026-03-05" });
  });

  it("Canada: a TD1 claim on file completes the form, a recorded step does too; an expired temporary SIN is PENDING again", () => {
    const ca = facts({ classification: "CA_T4_EMPLOYEE", workJurisdiction: "CA-ON", worker: { hasW4: false, hasTd1Federal: true, hasTd1Provincial: false }, steps: {} });
    expect(
      evaluateChecklist(ca)
        .items.slice(0, 2)
        .map((i) => i.status),
    ).toEqual(["COMPLETE", "NOT_STARTED"]);
    const recorded = { ...ca, steps: { STATE_WITHHOLDING_FORM: { status: "COMPLETE" as const, completedOn: "2026-02-27", expiresOn: null } } };
    expect(evaluateChecklist(recorded).items[1]).toMatchObject({ status: "COMPLETE", form: "TD1ON", completedOn: "2026-02-27" });
    const temporary = { ...recorded, steps: { ...recorded.steps, WORK_AUTHORIZATION: { status: "COMPLETE" as const, completedOn: "2026-03-02", expiresOn: "2026-03-10" } } };
    expect(evaluateChecklist({ ...temporary, asOf: "2026-03-10" }).items[4]).toMatchObject({ status: "COMPLETE", expiresOn: "2026-03-10", dueOn: null });
    expect(evaluateChecklist({ ...temporary, asOf: "2026-03-11" }).items[4]).toMatchObject({ status: "PENDING", completedOn: null });
    expect(evaluateChecklist({ ...temporary, asOf: "2026-03-11" }).missing).toEqual(["WORK_AUTHORIZATION"]);
  });

  it("what a payroll run reads (missingOnboardingItems) is the checklist's missing list, for every source of status", () => {
    const variants: ChecklistFacts[] = [];
    for (const [classification, workJurisdiction] of [
      ["US_W2_EMPLOYEE", "US-CA"],
      ["US_W2_EMPLOYEE", "US-TX"],
      ["US_1099_CONTRACTOR", "US-NY"],
      ["CA_T4_EMPLOYEE", "CA-QC"],
      ["CA_T4A_CONTRACTOR", "CA-ON"],
    ] as const)
      for (const worker of [
        { hasW4: true, hasTd1Federal: true, hasTd1Provincial: true },
        { hasW4: false, hasTd1Federal: false, hasTd1Provincial: false },
      ])
        for (const agreement of [null, { status: "SENT" as const, sentOn: "2026-02-20", signedOn: null }, facts().agreement])
          for (const steps of [{}, facts().steps, { WORK_AUTHORIZATION: { status: "COMPLETE" as const, completedOn: "2026-03-02", expiresOn: "2026-03-10" } }])
            for (const hasPaymentMethod of [true, false]) variants.push(facts({ classification, workJurisdiction, worker, agreement, steps, hasPaymentMethod }));
    const outcomes = new Set<string>();
    for (const v of variants) {
      const expected = evaluateChecklist(v).missing;
      expect(missingOnboardingItems(v), JSON.stringify(v)).toEqual(expected);
      outcomes.add(expected.join(","));
    }
    expect(variants).toHaveLength(180);
    expect(outcomes.size).toBeGreaterThan(20); // the matrix reaches many different answers, not one
    expect(missingOnboardingItems(facts())).toEqual([]);
    expect(missingOnboardingItems(facts({ hasPaymentMethod: false, agreement: null }))).toEqual(["PAYMENT_METHOD", "EMPLOYMENT_AGREEMENT"]);
  });

  it("a temporary SIN starts with 9", () => {
    expect(isTemporarySin("912345678")).toBe(true);
    expect(isTemporarySin("046454286")).toBe(false);
    expect(isTemporarySin("91234567")).toBe(false);
  });

  it("a signed agreement counts over a newer unsigned one; a superseded one never counts", () => {
    expect(
      agreementFactOf([
        { status: "SIGNED", sentOn: "2026-01-01", signedOn: "2026-01-02" },
        { status: "SENT", sentOn: "2026-02-01", signedOn: null },
      ]),
    ).toEqual({
      status: "SIGNED",
      sentOn: "2026-01-01",
      signedOn: "2026-01-02",
    });
    expect(agreementFactOf([{ status: "SUPERSEDED", sentOn: "2026-01-01", signedOn: null }])).toBeNull();
  });
});

describe("agreement templates", () => {
  it("is chosen by jurisdiction and classification, with its version and probation", () => {
    expect(agreementTemplateFor("US-CA", "US_W2_EMPLOYEE")).toMatchObject({ templateId: "US-CA-EMPLOYEE", version: 3, versionedId: "US-CA-EMPLOYEE-v3", probationDays: 90 });
    expect(agreementTemplateFor("US-TX", "US_1099_CONTRACTOR")).toMatchObject({ versionedId: "US-TX-CONTRACTOR-v1", probationDays: null });
    expect(agreementTemplateFor("CA-ON", "CA_T4_EMPLOYEE").probationBasis).toContain("s. 54");
    expect(agreementTemplateFor("CA-QC", "CA_T4_EMPLOYEE")).toMatchObject({ versionedId: "CA-QC-EMPLOYEE-v2", probationDays: 90 });
  });
});

describe("run blockers", () => {
  const run: CalcRun = {
    id: "r",
    clientId: "c",
    employerEntityId: "e",
    kind: "REGULAR",
    currency: "USD",
    payDate: "2026-03-20",
    period: { startDate: "2026-03-02", endDate: "2026-03-15" },
    frequency: "BIWEEKLY",
  };
  const engagement: CalcEngagement = {
    id: "a",
    workerId: "w",
    workJurisdiction: "US-CA",
    classification: "US_W2_EMPLOYEE",
    startDate: "2026-03-09",
    endDate: null,
    scheduleFrequency: "BIWEEKLY",
  };

  it("MISSING_PAYMENT_METHOD without a method; ONBOARDING_INCOMPLETE naming the other missing items once started", () => {
    expect(onboardingBlockers(run, engagement, { engagementId: "a", paymentMethodKind: "CHECK", missingItems: [] })).toEqual([]);
    const blockers = onboardingBlockers(run, engagement, { engagementId: "a", paymentMethodKind: null, missingItems: ["PAYMENT_METHOD", "WORK_AUTHORIZATION"] });
    expect(blockers.map((b) => b.code)).toEqual(["MISSING_PAYMENT_METHOD", "ONBOARDING_INCOMPLETE"]);
    expect(blockers[1].message).toBe("Onboarding is incomplete (the engagement started 2026-03-09): missing WORK_AUTHORIZATION");
    // Only the payment method missing: one blocker, not two.
    expect(onboardingBlockers(run, engagement, { engagementId: "a", paymentMethodKind: null, missingItems: ["PAYMENT_METHOD"] }).map((b) => b.code)).toEqual([
      "MISSING_PAYMENT_METHOD",
    ]);
  });

  it("ONBOARDING_INCOMPLETE only once the engagement has started by the run's reference date; absent facts block", () => {
    const later = { ...engagement, startDate: "2026-03-16" };
    expect(onboardingBlockers(run, later, { engagementId: "a", paymentMethodKind: "CHECK", missingItems: ["WORK_AUTHORIZATION"] })).toEqual([]);
    expect(
      onboardingBlockers({ ...run, period: null, payDate: "2026-03-16" }, later, { engagementId: "a", paymentMethodKind: "CHECK", missingItems: ["WORK_AUTHORIZATION"] }),
    ).toHaveLength(1);
    expect(onboardingBlockers(run, engagement, undefined).map((b) => b.code)).toEqual(["MISSING_PAYMENT_METHOD", "ONBOARDING_INCOMPLETE"]);
  });
});

describe("the demo data", () => {
  it("onboards every engagement but one, which shows ONBOARDING_INCOMPLETE (and a US worker without a W-4 stays incomplete)", () => {
    const incomplete = DEMO_DATA.engagements
      .map((e) => {
        const worker = DEMO_DATA.workers.find((w) => w.id === e.workerId)!;
        const checklist = evaluateChecklist({
          classification: e.classification,
          workJurisdiction: e.workJurisdiction,
          startDate: e.startDate,
          worker: workerFactOf(worker),
          hasPaymentMethod: DEMO_ONBOARDING.paymentMethods.some((m) => m.workerId === worker.id && m.status === "ACTIVE"),
          agreement: agreementFactOf(
            DEMO_ONBOARDING.agreements.filter((a) => a.engagementId === e.id).map((a) => ({ status: a.status!, sentOn: a.sentOn, signedOn: a.signedOn ?? null })),
          ),
          steps: stepsFactOf(
            DEMO_ONBOARDING.steps
              .filter((s) => s.engagementId === e.id)
              .map((s) => ({ item: s.item, status: s.status, completedOn: s.completedOn ?? null, expiresOn: s.expiresOn ?? null })),
          ),
          asOf: "2026-11-29",
        });
        return [e.externalId, checklist.missing] as const;
      })
      .filter(([, missing]) => missing.length > 0);
    expect(incomplete).toEqual([
      ["nw-017-e1", ["FEDERAL_WITHHOLDING_FORM"]],
      [DEMO_ONBOARDING.incompleteEngagementExternalId, ["STATE_WITHHOLDING_FORM", "EMPLOYMENT_AGREEMENT", "WORK_AUTHORIZATION"]],
    ]);
    for (const m of DEMO_ONBOARDING.paymentMethods) if (m.bankCountry === "US") expect(abaRoutingProblem(m.routing!)).toBeNull();
  });
});
