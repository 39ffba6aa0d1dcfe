/**
 * The demo's onboarding (src/modules/payment-methods, src/modules/onboarding), computed from the demo roster: a
 * payment method per worker (fake but valid bank numbers, some paper checks), a signed agreement per engagement with
 * its terms, work authorization and the recorded withholding forms — except for one engagement left incomplete
 * (agreement sent, not signed; no work authorization) so the demo shows the `ONBOARDING_INCOMPLETE` blocker.
 * Bank numbers are in clear here; `seedDemoData` encrypts them on the way in.
 */
import { deterministicId } from "../shared/ids";
import { addDays } from "../shared/calendar";
import { agreementTemplateFor } from "../modules/onboarding/agreement-templates";
import { onboardingRequirements } from "../modules/onboarding/onboarding.rules";
import type { employmentAgreements, onboardingSteps } from "../modules/onboarding/onboarding.table";
import type { paymentMethods } from "../modules/payment-methods/payment-method.table";
import { DEMO_BASE_INSTANT, DEMO_DATA, type DemoData } from "./demo-data";

const BASE_MS = Date.parse(DEMO_BASE_INSTANT) + 86_400_000; // after every roster row
const STEP_MS = 1_000;

/** Published routing numbers with a valid check digit (the demo's account numbers are fake). */
const US_ROUTING = ["021000021", "011000015", "121000358", "026009593"];
/** Canadian institution numbers of large banks (BMO 001, Scotiabank 002, RBC 003, TD 004, CIBC 010). */
const CA_INSTITUTIONS = ["001", "002", "003", "004", "010"];

export type DemoPaymentMethod = Omit<typeof paymentMethods.$inferInsert, "routingEncrypted" | "accountEncrypted"> & { routing: string | null; account: string | null };

export interface DemoOnboarding {
  paymentMethods: DemoPaymentMethod[];
  agreements: (typeof employmentAgreements.$inferInsert)[];
  steps: (typeof onboardingSteps.$inferInsert)[];
  /** The engagement left with incomplete onboarding (its external id). */
  incompleteEngagementExternalId: string;
}

export function buildDemoOnboarding(data: Readonly<DemoData>): DemoOnboarding {
  let step = 0;
  const next = (key: string) => {
    const ms = BASE_MS + step++ * STEP_MS;
    return { id: deterministicId(`eor-demo:${key}`, ms), at: new Date(ms) };
  };
  const out: DemoOnboarding = { paymentMethods: [], agreements: [], steps: [], incompleteEngagementExternalId: "" };
  const incomplete = data.engagements.findLast((e) => e.status === "ACTIVE" && e.classification === "US_W2_EMPLOYEE" && e.workJurisdiction === "US-CA")!;
  out.incompleteEngagementExternalId = incomplete.externalId!;

  data.workers.forEach((w, i) => {
    const us = w.homeJurisdiction.startsWith("US-");
    const pm = next(`payment-method:${w.externalId}`);
    const check = i % 7 === 6;
    const account = String(10_000_000 + i * 7_919).padStart(us ? 12 : 9, "0");
    out.paymentMethods.push({
      id: pm.id,
      clientId: w.clientId,
      workerId: w.id,
      kind: check ? "CHECK" : "BANK_ACCOUNT",
      status: "ACTIVE",
      bankCountry: check ? null : us ? "US" : "CA",
      accountType: check || !us ? null : "CHECKING",
      routing: check ? null : us ? US_ROUTING[i % US_ROUTING.length] : `${CA_INSTITUTIONS[i % CA_INSTITUTIONS.length]}${String(10_000 + i * 37).slice(-5)}`,
      account: check ? null : account,
      version: 1,
      createdAt: pm.at,
      updatedAt: pm.at,
    });
  });

  for (const e of data.engagements) {
    const template = agreementTemplateFor(e.workJurisdiction, e.classification);
    const agreement = next(`agreement:${e.externalId}`);
    const signed = e.id !== incomplete.id;
    const pay = data.compensations.find((c) => c.engagementId === e.id && c.effectiveFrom === e.startDate) ?? null;
    out.agreements.push({
      id: agreement.id,
      clientId: e.clientId,
      engagementId: e.id,
      templateId: template.templateId,
      templateVersion: template.version,
      status: signed ? "SIGNED" : "SENT",
      sentOn: addDays(e.startDate, -10),
      signedOn: signed ? addDays(e.startDate, -7) : null,
      ...(signed
        ? {
            termTitle: e.title,
            termPayBasis: pay?.basis ?? null,
            termPayAmount: pay?.amount ?? null,
            termPayCurrency: pay?.currency ?? null,
            termStartDate: e.startDate,
            termProbationDays: template.probationDays,
            signedAt: agreement.at,
          }
        : {}),
      version: signed ? 2 : 1,
      createdAt: agreement.at,
      updatedAt: agreement.at,
    });
    if (!signed) continue;
    const worker = data.workers.find((w) => w.id === e.workerId)!;
    for (const req of onboardingRequirements(e.classification, e.workJurisdiction)) {
      if (!req.required) continue;
      const recorded =
        req.item === "WORK_AUTHORIZATION" ||
        (req.source === "RECORDED_STEP" && req.item !== "PAYMENT_METHOD") ||
        (req.source === "WORKER_DATA_OR_RECORDED_STEP" &&
          (req.item === "FEDERAL_WITHHOLDING_FORM" ? worker.td1FederalClaimAmount === null : worker.td1ProvincialClaimAmount === null));
      if (!recorded) continue;
      const row = next(`onboarding-step:${e.externalId}:${req.item}`);
      out.steps.push({
        id: row.id,
        clientId: e.clientId,
        engagementId: e.id,
        item: req.item,
        status: "COMPLETE",
        completedOn: req.item === "WORK_AUTHORIZATION" ? addDays(e.startDate, 1) : addDays(e.startDate, -5),
        // The demo's Canadian SINs start with 0 (permanent): no expiry.
        expiresOn: null,
        version: 1,
        createdAt: row.at,
        updatedAt: row.at,
      });
    }
  }
  return out;
}

export const DEMO_ONBOARDING: Readonly<DemoOnboarding> = buildDemoOnboarding(DEMO_DATA);
