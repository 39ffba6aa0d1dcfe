/**
 * What onboarding an engagement needs, and how far it is — rules as data and pure functions (unit-tested in
 * test/unit/onboarding.rules.test.ts; every source in this module's README.md).
 *
 * Items (one status each: NOT_STARTED / PENDING / COMPLETE / NOT_REQUIRED):
 * - FEDERAL_WITHHOLDING_FORM: US employee Form W-4 (COMPLETE when the worker's W-4 elections are on file — data
 *   only, the engine needs them); US contractor Form W-9 (recorded step); Canadian employee federal TD1 (the TD1
 *   claim on file, or a recorded step: an employee who files a TD1 claiming the basic amount only); Canadian
 *   contractors file none.
 * - STATE_WITHHOLDING_FORM: the US state's own withholding certificate where it has one (`US_STATE_FORMS`; none in
 *   states without a wage income tax, nor where the state uses the federal W-4), the provincial TD1 (TD1ON, TD1BC…)
 *   or Quebec's TP-1015.3-V (the provincial claim on file, or a recorded step). Contractors: none.
 * - PAYMENT_METHOD: everyone (derived from the worker's active payment method).
 * - EMPLOYMENT_AGREEMENT: everyone — an employment agreement for employees, a contractor agreement for contractors
 *   (derived from a signed `employment_agreements` row).
 * - WORK_AUTHORIZATION: US employees Form I-9 (Section 2 due 3 business days after the first day of work, 8 CFR
 *   274a.2(b)(1)(ii)); Canadian employees the SIN (given within 3 days of starting work; a SIN starting with 9 is
 *   temporary and expires: expired means not verified any more). Independent contractors: neither (8 CFR 274a.1(f)
 *   excludes them from "employee"; the SIN duty is an employer's). Status and dates only, never documents.
 */
import { businessDaysAfter, compareIsoDates } from "../../shared/calendar";
import { isContractor, type Classification } from "../../shared/classification";

export const ONBOARDING_ITEMS = ["FEDERAL_WITHHOLDING_FORM", "STATE_WITHHOLDING_FORM", "PAYMENT_METHOD", "EMPLOYMENT_AGREEMENT", "WORK_AUTHORIZATION"] as const;
export type OnboardingItemCode = (typeof ONBOARDING_ITEMS)[number];
export type OnboardingItemStatusValue = "NOT_STARTED" | "PENDING" | "COMPLETE" | "NOT_REQUIRED";
export type RecordedStepStatus = "NOT_STARTED" | "PENDING" | "COMPLETE";

/** How an item's status is known: from data the graph holds, or from a step the caller records. */
export type ItemSource = "WORKER_DATA" | "RECORDED_STEP" | "WORKER_DATA_OR_RECORDED_STEP" | "PAYMENT_METHOD" | "AGREEMENT" | "WORK_AUTHORIZATION";

export interface ItemRequirement {
  item: OnboardingItemCode;
  required: boolean;
  /** The form or proof (e.g. `W-4`, `DE 4`, `TD1ON`, `I-9`); null when not required or not a form. */
  form: string | null;
  source: ItemSource;
  /** Why it is (not) required, for the checklist's `note`. */
  note: string;
}

/**
 * US states' own employee withholding certificates (null: none — no wage income tax, or the state uses the
 * federal Form W-4). Each state revenue agency's form; see the README for which were checked against two sources.
 */
export const US_STATE_FORMS: Readonly<Record<string, string | null>> = {
  AL: "A-4",
  AK: null,
  AZ: "A-4",
  AR: "AR4EC",
  CA: "DE 4",
  CO: null,
  CT: "CT-W4",
  DE: null,
  DC: "D-4",
  FL: null,
  GA: "G-4",
  HI: "HW-4",
  ID: "ID W-4",
  IL: "IL-W-4",
  IN: "WH-4",
  IA: "IA W-4",
  KS: "K-4",
  KY: "K-4",
  LA: "L-4",
  ME: "W-4ME",
  MD: "MW507",
  MA: "M-4",
  MI: "MI-W4",
  MN: "W-4MN",
  MS: "89-350",
  MO: "MO W-4",
  MT: "MW-4",
  NE: "W-4N",
  NV: null,
  NH: null,
  NJ: "NJ-W4",
  NM: null,
  NY: "IT-2104",
  NC: "NC-4",
  ND: null,
  OH: "IT 4",
  OK: "OK-W-4",
  OR: "OR-W-4",
  PA: null,
  RI: "RI W-4",
  SC: "SC W-4",
  SD: null,
  TN: null,
  TX: null,
  UT: null,
  VT: "W-4VT",
  VA: "VA-4",
  WA: null,
  WV: "WV/IT-104",
  WI: "WT-4",
  WY: null,
};

/** States without a tax on wages (no certificate because there is nothing to withhold). */
const US_NO_WAGE_TAX = new Set(["AK", "FL", "NV", "NH", "SD", "TN", "TX", "WA", "WY"]);

/** Canadian provincial / territorial withholding forms: CRA's TD1 for each, Revenu Québec's TP-1015.3-V for Quebec. */
export const CA_PROVINCIAL_FORMS: Readonly<Record<string, string>> = {
  AB: "TD1AB",
  BC: "TD1BC",
  MB: "TD1MB",
  NB: "TD1NB",
  NL: "TD1NL",
  NS: "TD1NS",
  NT: "TD1NT",
  NU: "TD1NU",
  ON: "TD1ON",
  PE: "TD1PE",
  QC: "TP-1015.3-V",
  SK: "TD1SK",
  YT: "TD1YT",
};

const notRequired = (item: OnboardingItemCode, source: ItemSource, note: string): ItemRequirement => ({ item, required: false, form: null, source, note });

/** The five items of an engagement's checklist, required or not, for its classification and work jurisdiction. */
/**
 * `onboardingRequirements` of each (classification, jurisdiction) built once, frozen and shared (a payroll run
 * evaluates every engagement's checklist). Bounded: the keys are the classifications × the supported
 * jurisdictions; past the cap (never reached) it starts again.
 */
const REQUIREMENTS_CACHE_MAX = 1_000;
const requirementsCache = new Map<string, readonly Readonly<ItemRequirement>[]>();
function requirementsOf(classification: Classification, workJurisdiction: string): readonly Readonly<ItemRequirement>[] {
  const key = `${classification} ${workJurisdiction}`;
  let cached = requirementsCache.get(key);
  if (cached === undefined) {
    if (requirementsCache.size >= REQUIREMENTS_CACHE_MAX) requirementsCache.clear();
    cached = Object.freeze(onboardingRequirements(classification, workJurisdiction).map((r) => Object.freeze(r)));
    requirementsCache.set(key, cached);
  }
  return cached;
}

export function onboardingRequirements(classification: Classification, workJurisdiction: string): ItemRequirement[] {
  const country = workJurisdiction.slice(0, 2);
  const subdivision = workJurisdiction.slice(3);
  const contractor = isContractor(classification);
  const items: ItemRequirement[] = [];

  if (country === "US") {
    items.push(
      contractor
        ? {
            item: "FEDERAL_WITHHOLDING_FORM",
            required: true,
            form: "W-9",
            source: "RECORDED_STEP",
            note: "Form W-9 (TIN for Form 1099-NEC); nothing is withheld from a contractor.",
          }
        : {
            item: "FEDERAL_WITHHOLDING_FORM",
            required: true,
            form: "W-4",
            source: "WORKER_DATA",
            note: "Form W-4: complete when the worker's W-4 elections are set (`updateWorker`).",
          },
    );
    const stateForm = US_STATE_FORMS[subdivision];
    if (contractor) items.push(notRequired("STATE_WITHHOLDING_FORM", "RECORDED_STEP", "Contractors file no state withholding certificate."));
    else if (stateForm === undefined) throw new Error(`No state withholding rule for ${workJurisdiction}`);
    else if (stateForm === null) {
      const why = US_NO_WAGE_TAX.has(subdivision) ? `${workJurisdiction} has no wage income tax.` : `${workJurisdiction} uses the federal Form W-4 for withholding.`;
      items.push(notRequired("STATE_WITHHOLDING_FORM", "RECORDED_STEP", why));
    } else
      items.push({ item: "STATE_WITHHOLDING_FORM", required: true, form: stateForm, source: "RECORDED_STEP", note: `${workJurisdiction} withholding certificate ${stateForm}.` });
  } else {
    if (contractor) {
      items.push(notRequired("FEDERAL_WITHHOLDING_FORM", "WORKER_DATA_OR_RECORDED_STEP", "Self-employed contractors file no TD1: nothing is withheld."));
      items.push(notRequired("STATE_WITHHOLDING_FORM", "WORKER_DATA_OR_RECORDED_STEP", "Self-employed contractors file no provincial TD1."));
    } else {
      items.push({
        item: "FEDERAL_WITHHOLDING_FORM",
        required: true,
        form: "TD1",
        source: "WORKER_DATA_OR_RECORDED_STEP",
        note: "Federal TD1: complete when the TD1 federal claim is set (`updateWorker`) or the filed form is recorded.",
      });
      const form = CA_PROVINCIAL_FORMS[subdivision];
      if (form === undefined) throw new Error(`No provincial withholding form for ${workJurisdiction}`);
      items.push({
        item: "STATE_WITHHOLDING_FORM",
        required: true,
        form,
        source: "WORKER_DATA_OR_RECORDED_STEP",
        note: `${form}: complete when the provincial claim is set (\`updateWorker\`) or the filed form is recorded.`,
      });
    }
  }

  items.push({ item: "PAYMENT_METHOD", required: true, form: null, source: "PAYMENT_METHOD", note: "A bank account or a check (`setPaymentMethod`)." });
  items.push({
    item: "EMPLOYMENT_AGREEMENT",
    required: true,
    form: contractor ? "Contractor agreement" : "Employment agreement",
    source: "AGREEMENT",
    note: "Signed agreement (`sendEmploymentAgreement`, `recordAgreementSignature`).",
  });
  if (contractor) items.push(notRequired("WORK_AUTHORIZATION", "WORK_AUTHORIZATION", "Independent contractors are not verified by the EOR (no Form I-9, no SIN duty)."));
  else if (country === "US") {
    items.push({
      item: "WORK_AUTHORIZATION",
      required: true,
      form: "I-9",
      source: "WORK_AUTHORIZATION",
      note: "Form I-9: Section 2 within 3 business days of the first day of work.",
    });
  } else {
    items.push({
      item: "WORK_AUTHORIZATION",
      required: true,
      form: "SIN",
      source: "WORK_AUTHORIZATION",
      note: "SIN given and verified within 3 days of starting work; a temporary SIN (starting with 9) must not be expired.",
    });
  }
  return items;
}

/** What the checklist reads about one engagement (the repository gathers it; no I/O here). */
export interface ChecklistFacts {
  classification: Classification;
  workJurisdiction: string;
  startDate: string;
  worker: { hasW4: boolean; hasTd1Federal: boolean; hasTd1Provincial: boolean };
  hasPaymentMethod: boolean;
  /** The most recent agreement that is not superseded (SENT or SIGNED), if any. */
  agreement: { status: "SENT" | "SIGNED"; sentOn: string; signedOn: string | null } | null;
  /** Recorded steps (including work authorization), by item. */
  steps: Partial<Record<OnboardingItemCode, { status: RecordedStepStatus; completedOn: string | null; expiresOn: string | null }>>;
  /** The date statuses are judged on (expiry of a temporary SIN): today, or a payroll run's reference date. */
  asOf: string;
}

export interface ChecklistItem {
  item: OnboardingItemCode;
  status: OnboardingItemStatusValue;
  form: string | null;
  completedOn: string | null;
  /** I-9 Section 2: 3 business days after the start date; null otherwise. */
  dueOn: string | null;
  /** Work authorization: when a temporary authorization ends (temporary SIN, work permit); null otherwise. */
  expiresOn: string | null;
  note: string;
}

export interface Checklist {
  items: ChecklistItem[];
  status: "COMPLETE" | "INCOMPLETE";
  /** Required items that are not COMPLETE, in checklist order. */
  missing: OnboardingItemCode[];
}

function stepStatus(facts: ChecklistFacts, item: OnboardingItemCode) {
  const step = facts.steps[item];
  return { status: step?.status ?? ("NOT_STARTED" as const), completedOn: step?.status === "COMPLETE" ? step.completedOn : null };
}

/** An item's status (and completion date, and a note when the status needs one): what decides whether it is missing. */
function itemState(req: ItemRequirement, facts: ChecklistFacts): { status: OnboardingItemStatusValue; completedOn: string | null; note?: string } {
  switch (req.source) {
    case "WORKER_DATA":
      return { status: facts.worker.hasW4 ? "COMPLETE" : "NOT_STARTED", completedOn: null };
    case "RECORDED_STEP":
      return stepStatus(facts, req.item);
    case "WORKER_DATA_OR_RECORDED_STEP": {
      const onFile = req.item === "FEDERAL_WITHHOLDING_FORM" ? facts.worker.hasTd1Federal : facts.worker.hasTd1Provincial;
      return onFile ? { status: "COMPLETE", completedOn: stepStatus(facts, req.item).completedOn } : stepStatus(facts, req.item);
    }
    case "PAYMENT_METHOD":
      return { status: facts.hasPaymentMethod ? "COMPLETE" : "NOT_STARTED", completedOn: null };
    case "AGREEMENT": {
      const a = facts.agreement;
      if (a === null) return { status: "NOT_STARTED", completedOn: null };
      return a.status === "SIGNED" ? { status: "COMPLETE", completedOn: a.signedOn } : { status: "PENDING", completedOn: null };
    }
    case "WORK_AUTHORIZATION": {
      const step = facts.steps.WORK_AUTHORIZATION;
      const expiresOn = step?.expiresOn ?? null;
      if (!step) return { status: "NOT_STARTED", completedOn: null };
      if (step.status === "COMPLETE" && expiresOn !== null && compareIsoDates(expiresOn, facts.asOf) < 0) {
        return { status: "PENDING", completedOn: null, note: `The work authorization expired on ${expiresOn}: verify the renewed one.` };
      }
      return { status: step.status, completedOn: step.status === "COMPLETE" ? step.completedOn : null };
    }
  }
}

/** An item's status with its dates: I-9 Section 2's due date, a temporary work authorization's end. */
function statusOf(req: ItemRequirement, facts: ChecklistFacts): Omit<ChecklistItem, "item" | "form" | "note"> & { note?: string } {
  const state = itemState(req, facts);
  if (req.source !== "WORK_AUTHORIZATION") return { ...state, dueOn: null, expiresOn: null };
  const dueOn = req.form === "I-9" ? businessDaysAfter(facts.startDate, 3, "US_FEDERAL") : null;
  return { ...state, dueOn, expiresOn: facts.steps.WORK_AUTHORIZATION?.expiresOn ?? null };
}

/** The checklist of one engagement: each item's status, form, dates and note. */
export function evaluateChecklist(facts: ChecklistFacts): Checklist {
  const items = requirementsOf(facts.classification, facts.workJurisdiction).map((req): ChecklistItem => {
    if (!req.required) return { item: req.item, status: "NOT_REQUIRED", form: null, completedOn: null, dueOn: null, expiresOn: null, note: req.note };
    const { note, ...status } = statusOf(req, facts);
    return { item: req.item, form: req.form, note: note ?? req.note, ...status };
  });
  const missing = items.filter((i) => i.status !== "COMPLETE" && i.status !== "NOT_REQUIRED").map((i) => i.item);
  return { items, status: missing.length === 0 ? "COMPLETE" : "INCOMPLETE", missing };
}

/**
 * The required items not COMPLETE, in checklist order: `evaluateChecklist(facts).missing` without the dates and
 * notes it also builds (a payroll run asks this of every engagement it pays).
 */
export function missingOnboardingItems(facts: ChecklistFacts): OnboardingItemCode[] {
  const missing: OnboardingItemCode[] = [];
  for (const req of requirementsOf(facts.classification, facts.workJurisdiction)) {
    if (req.required && itemState(req, facts).status !== "COMPLETE") missing.push(req.item);
  }
  return missing;
}

/** A SIN starting with 9 is temporary (issued to people who are neither citizens nor permanent residents) and has an expiry date. */
export function isTemporarySin(sin: string): boolean {
  return /^9\d{8}$/.test(sin);
}
