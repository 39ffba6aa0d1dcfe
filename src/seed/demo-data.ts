import { deterministicId } from "../shared/ids";
import type {
  clientLegalEntities,
  clients,
  compensations,
  employerEntities,
  employerRegistrations,
  employerSuiRates,
  engagements,
  msaClauses,
  msas,
  payPeriods,
  paySchedules,
  timeEntries,
  workers,
  classificationAssessments,
  engagementClassificationChanges,
  payrollRuns,
  finalPays,
} from "../db/schema";
import { DEMO_ROSTER, type DemoClientKey, type DemoEngagementSpec, type DemoKind } from "./demo-roster";
import { DEMO_MSAS } from "./demo-msas";
import { demoFinalPays } from "./demo-offboarding";
import { generatePayPeriodsThrough, type PayFrequency } from "../shared/calendar";
import { isContractor } from "../shared/classification";
import { msaContentDigest } from "../modules/msa/acceptance";
import { answersIndicating } from "../modules/classification/classification.questionnaire";
import { evaluateClassification } from "../modules/classification/classification.rules";

/**
 * The demo data as rows, computed once from the fixed roster: every id is `deterministicId(key, instant)` with
 * an instant one second after the previous object's, starting at DEMO_BASE_INSTANT, and created_at/updated_at
 * are that same instant. So the rows are identical on every machine, and `ORDER BY id` lists each table in the
 * order the objects were created here. Nothing reads the clock.
 */
export const DEMO_BASE_INSTANT = "2026-01-05T00:00:00.000Z";
const BASE_MS = Date.parse(DEMO_BASE_INSTANT);
const STEP_MS = 1_000;

/** Pay periods are generated to cover every day of this year. */
export const DEMO_PAY_CALENDAR_YEAR = 2026;
const PAY_DATE_OFFSET_DAYS = 5;
/** An engagement that starts after this day is PENDING in the demo data. */
const PENDING_AFTER = "2026-12-31";

type Country = "US" | "CA";

/** Actor id recorded for both parties' acceptances of the demo MSAs. */
const DEMO_MSA_SIGNATORY = "demo-seed";

/** Federal basic personal amount 2026 (T4127, 2026 edition): TD1 claim code 1. */
const TD1_FEDERAL_BPA = 1_645_200;
/**
 * Provincial basic personal amounts 2026 (T4127, Table 8.2). Quebec has no TD1 for provincial tax: Revenu
 * Québec's TP-1015.3 applies, which the demo leaves unset.
 */
const TD1_PROVINCIAL_BPA: Record<string, number | null> = { "CA-ON": 1_298_900, "CA-BC": 1_321_600, "CA-QC": null };

/** 2026 Form W-4 elections, cycled over the US employees (amounts in cents; Step 4(c) is per pay period). */
const W4_ELECTIONS = [
  { status: "SINGLE", multipleJobs: false, dependents: 0, otherIncome: 0, deductions: 0, extra: 0 },
  { status: "MARRIED_FILING_JOINTLY", multipleJobs: false, dependents: 440_000, otherIncome: 0, deductions: 0, extra: 0 },
  { status: "HEAD_OF_HOUSEHOLD", multipleJobs: false, dependents: 220_000, otherIncome: 0, deductions: 0, extra: 0 },
  { status: "SINGLE", multipleJobs: true, dependents: 0, otherIncome: 0, deductions: 0, extra: 0 },
  { status: "MARRIED_FILING_JOINTLY", multipleJobs: true, dependents: 270_000, otherIncome: 0, deductions: 0, extra: 0 },
  { status: "SINGLE", multipleJobs: false, dependents: 0, otherIncome: 0, deductions: 0, extra: 2_500 },
  { status: "MARRIED_FILING_JOINTLY", multipleJobs: false, dependents: 220_000, otherIncome: 300_000, deductions: 0, extra: 0 },
  { status: "SINGLE", multipleJobs: false, dependents: 0, otherIncome: 0, deductions: 1_200_000, extra: 0 },
] as const;

/** TD1 claims, cycled over the Canadian employees: the basic amount, a spouse amount, or claim code 0 (second job). */
const TD1_CLAIMS = ["BASIC", "BASIC", "BASIC", "SPOUSE", "ZERO"] as const;

const CLASSIFICATION = {
  W2: "US_W2_EMPLOYEE",
  "1099": "US_1099_CONTRACTOR",
  T4: "CA_T4_EMPLOYEE",
  T4A: "CA_T4A_CONTRACTOR",
} as const satisfies Record<DemoKind, string>;

/** Pay calendars per client and country. */
const DEMO_PAY_SCHEDULES: readonly { client: DemoClientKey; country: Country; name: string; frequency: PayFrequency; firstPeriodStart: string }[] = [
  { client: "northwind", country: "US", name: "Northwind US biweekly", frequency: "BIWEEKLY", firstPeriodStart: "2025-12-29" },
  { client: "northwind", country: "CA", name: "Northwind Canada semi-monthly", frequency: "SEMIMONTHLY", firstPeriodStart: "2026-01-01" },
  { client: "summit", country: "US", name: "Summit US semi-monthly", frequency: "SEMIMONTHLY", firstPeriodStart: "2026-01-01" },
  { client: "maple", country: "CA", name: "Maple Ledger biweekly", frequency: "BIWEEKLY", firstPeriodStart: "2025-12-22" },
];

const DEMO_EMPLOYERS = [
  {
    country: "US" as const,
    legalName: "Atlas Workforce US Inc.",
    taxId: "84-1234567",
    registrations: [
      { jurisdiction: "US-CA", agency: "California Employment Development Department (EDD)", accountNumber: "123-4567-8" },
      { jurisdiction: "US-TX", agency: "Texas Workforce Commission (TWC)", accountNumber: "12-345678-9" },
      { jurisdiction: "US-NY", agency: "New York State Department of Taxation and Finance", accountNumber: "84-1234567" },
      { jurisdiction: "US-WA", agency: "Washington Employment Security Department (ESD)", accountNumber: "123456-00-1" },
    ],
  },
  {
    country: "CA" as const,
    legalName: "Atlas Workforce Canada Ltd.",
    taxId: "123456789RP0001",
    registrations: [
      { jurisdiction: "CA-ON", agency: "Canada Revenue Agency (CRA)", accountNumber: "123456789RP0001" },
      { jurisdiction: "CA-BC", agency: "Canada Revenue Agency (CRA)", accountNumber: "123456789RP0001" },
      { jurisdiction: "CA-QC", agency: "Revenu Québec", accountNumber: "1234567890RS0001" },
    ],
  },
];

/**
 * The SUI rates of the demo US registrations (their states' rate notices, as `setEmployerSuiRate` would record them),
 * for 2025 and 2026 so demo runs of either year compute. Rates are demo assignments (a new employer's rate where the
 * state publishes one: CA 3.4%, NY 4.1% with the reemployment service fund); wage bases where the engine has no
 * published one (engine/us/tables/sui.ts): TX $9,000 (Tex. Lab. Code §201.082; DOL Comparison of State UI Laws),
 * NY $12,800 (2025) and $17,600 (2026, NYS DOL Form NYS-45 page as reported by Bloomberg Tax). Washington has none:
 * its 2025/2026 wage base is not sourced here, so demo Washington runs show MISSING_EMPLOYER_RATE until one is set.
 */
const DEMO_SUI_RATES: Record<string, { taxYear: number; rate: string; wageBase: number | null }[]> = {
  "US-CA": [
    { taxYear: 2025, rate: "3.4", wageBase: null },
    { taxYear: 2026, rate: "3.4", wageBase: null },
  ],
  "US-TX": [
    { taxYear: 2025, rate: "2.7", wageBase: 9_000_00 },
    { taxYear: 2026, rate: "2.7", wageBase: 9_000_00 },
  ],
  "US-NY": [
    { taxYear: 2025, rate: "4.1", wageBase: 12_800_00 },
    { taxYear: 2026, rate: "4.1", wageBase: 17_600_00 },
  ],
};

export type DemoWorker = Omit<typeof workers.$inferSelect, "taxIdEncrypted" | "taxIdHmac" | "withholdingCertificatesEncrypted"> & { taxId: string | null };

export interface DemoData {
  employerEntities: (typeof employerEntities.$inferSelect)[];
  employerRegistrations: (typeof employerRegistrations.$inferSelect)[];
  employerSuiRates: (typeof employerSuiRates.$inferSelect)[];
  clients: (typeof clients.$inferSelect)[];
  clientLegalEntities: (typeof clientLegalEntities.$inferSelect)[];
  paySchedules: (typeof paySchedules.$inferSelect)[];
  payPeriods: (typeof payPeriods.$inferSelect)[];
  /** Worker rows with the (fake) tax id in clear: `seedDemoData` encrypts it on the way in (`sealTaxId`). */
  workers: DemoWorker[];
  engagements: (typeof engagements.$inferSelect)[];
  compensations: (typeof compensations.$inferSelect)[];
  /** With their final status; the seed inserts them as DRAFT, adds the clauses, then sets the status. */
  msas: (typeof msas.$inferSelect)[];
  msaClauses: (typeof msaClauses.$inferSelect)[];
  /** A CONTRACTOR assessment behind every contractor engagement, and one prospective NEEDS_REVIEW one. */
  classificationAssessments: (typeof classificationAssessments.$inferSelect)[];
  /** Each engagement's classification at hire (with its assessment for a contractor). */
  engagementClassificationChanges: (typeof engagementClassificationChanges.$inferSelect)[];
  /** Hours of hourly demo workers (overtime classification in the demo's runs). */
  timeEntries: (typeof timeEntries.$inferSelect)[];
  /** Offboarding (demo-offboarding.ts): the OFF_CYCLE final-pay runs (DRAFT) and the final pays of ended engagements. */
  payrollRuns: (typeof payrollRuns.$inferSelect)[];
  finalPays: (typeof finalPays.$inferSelect)[];
}

/** Actor recorded for the demo assessments and classification history (the client answered at hire). */
const DEMO_ASSESSOR = "demo-seed";

/** ASCII, lower case, letters only: "Élodie" → "elodie", "O'Connor" → "oconnor". */
function emailPart(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

/**
 * A fake, deterministic 9-digit tax id. US ones start with 9 (never an SSN) and Canadian ones with 0 (never a
 * SIN); the middle digits make them no ITIN either.
 */
function demoTaxId(country: Country, ordinal: number): string {
  const serial = String(ordinal).padStart(3, "0");
  const tail = String((ordinal * 7_919 + 1_234) % 100_000).padStart(5, "0");
  return `${country === "US" ? "9" : "0"}${serial}${tail}`;
}

function buildDemoData(): DemoData {
  let step = 0;
  /** The next object's id and creation instant. */
  const next = (key: string) => {
    const ms = BASE_MS + step++ * STEP_MS;
    return { id: deterministicId(`eor-demo:${key}`, ms), at: new Date(ms) };
  };
  const stamps = (at: Date) => ({ createdAt: at, updatedAt: at });
  const pendingHours: { engagement: typeof engagements.$inferSelect; hours: readonly (readonly [string, number])[] }[] = [];

  const data: DemoData = {
    employerEntities: [],
    employerRegistrations: [],
    employerSuiRates: [],
    clients: [],
    clientLegalEntities: [],
    paySchedules: [],
    payPeriods: [],
    workers: [],
    engagements: [],
    compensations: [],
    msas: [],
    timeEntries: [],
    msaClauses: [],
    classificationAssessments: [],
    engagementClassificationChanges: [],
    payrollRuns: [],
    finalPays: [],
  };
  const ended: Parameters<typeof demoFinalPays>[0] = [];

  const employerIdByCountry = new Map<Country, string>();
  for (const employer of DEMO_EMPLOYERS) {
    const { id, at } = next(`employer:${employer.country}`);
    employerIdByCountry.set(employer.country, id);
    data.employerEntities.push({ id, country: employer.country, legalName: employer.legalName, taxId: employer.taxId, ...stamps(at) });
    for (const r of employer.registrations) {
      const reg = next(`registration:${r.jurisdiction}`);
      data.employerRegistrations.push({ id: reg.id, employerEntityId: id, ...r, ...stamps(reg.at) });
      // Instants a millisecond apart after the registration's (not `next`): adding rates leaves every other demo id
      // unchanged, and the rates' ids stay in creation order.
      (DEMO_SUI_RATES[r.jurisdiction] ?? []).forEach((rate, i) => {
        const at = new Date(reg.at.getTime() + i + 1);
        const rateId = deterministicId(`eor-demo:sui-rate:${r.jurisdiction}:${rate.taxYear}`, at.getTime());
        data.employerSuiRates.push({ id: rateId, employerRegistrationId: reg.id, ...rate, ...stamps(at) });
      });
    }
  }

  let workerOrdinal = 0;
  let usEmployeeOrdinal = 0;
  let caEmployeeOrdinal = 0;

  for (const spec of DEMO_ROSTER) {
    const client = next(`client:${spec.key}`);
    const clientId = client.id;
    data.clients.push({ id: clientId, name: spec.name, externalId: spec.externalId, status: "ACTIVE", version: 1, ...stamps(client.at) });
    for (const jurisdiction of spec.legalEntities) data.clientLegalEntities.push({ clientId, jurisdiction });

    const scheduleIdByCountry = new Map<Country, string>();
    for (const s of DEMO_PAY_SCHEDULES.filter((x) => x.client === spec.key)) {
      const schedule = next(`pay-schedule:${spec.key}:${s.country}`);
      scheduleIdByCountry.set(s.country, schedule.id);
      data.paySchedules.push({
        id: schedule.id,
        clientId,
        name: s.name,
        country: s.country,
        frequency: s.frequency,
        firstPeriodStart: s.firstPeriodStart,
        version: 1,
        payDateOffsetDays: PAY_DATE_OFFSET_DAYS,
        payDateAdjustment: "PREVIOUS_BUSINESS_DAY",
        ...stamps(schedule.at),
      });
      for (const p of generatePayPeriodsThrough(
        {
          frequency: s.frequency,
          firstPeriodStart: s.firstPeriodStart,
          payDateOffsetDays: PAY_DATE_OFFSET_DAYS,
          businessDays: { country: s.country, adjustment: "PREVIOUS_BUSINESS_DAY" },
        },
        `${DEMO_PAY_CALENDAR_YEAR}-12-31`,
      )) {
        const period = next(`pay-period:${spec.key}:${s.country}:${p.startDate}`);
        data.payPeriods.push({ id: period.id, clientId, payScheduleId: schedule.id, ...p, ...stamps(period.at) });
      }
    }

    spec.workers.forEach((w, index) => {
      workerOrdinal++;
      const externalId = `${spec.workerPrefix}-${String(index + 1).padStart(3, "0")}`;
      const country = w.where.slice(0, 2) as Country;
      const contractor = isContractor(CLASSIFICATION[w.kind]);
      const worker = next(`worker:${externalId}`);
      const taxId = w.noTaxId ? null : demoTaxId(country, workerOrdinal);
      const w4 = country === "US" && !contractor && !w.noTaxId ? W4_ELECTIONS[usEmployeeOrdinal++ % W4_ELECTIONS.length] : null;
      const td1 = country === "CA" && !contractor && !w.noTaxId ? TD1_CLAIMS[caEmployeeOrdinal++ % TD1_CLAIMS.length] : null;
      const provincialBpa = TD1_PROVINCIAL_BPA[w.where] ?? null;
      data.workers.push({
        id: worker.id,
        clientId,
        externalId,
        legalFirstName: w.first,
        legalLastName: w.last,
        preferredName: w.preferred ?? null,
        email: contractor ? `${emailPart(w.first)}@${emailPart(w.last)}consulting.example` : `${emailPart(w.preferred ?? w.first)}.${emailPart(w.last)}@${spec.emailDomain}`,
        homeJurisdiction: w.where,
        taxId,
        // A worker whose only engagement has ended is no longer active.
        status: w.end ? "INACTIVE" : "ACTIVE",
        w4FilingStatus: w4?.status ?? null,
        w4MultipleJobs: w4?.multipleJobs ?? null,
        w4DependentsAmount: w4?.dependents ?? null,
        w4OtherIncome: w4?.otherIncome ?? null,
        w4Deductions: w4?.deductions ?? null,
        w4ExtraWithholding: w4?.extra ?? null,
        td1FederalClaimAmount: td1 === null ? null : td1 === "ZERO" ? 0 : td1 === "SPOUSE" ? 2 * TD1_FEDERAL_BPA : TD1_FEDERAL_BPA,
        td1ProvincialClaimAmount: td1 === null || provincialBpa === null ? null : td1 === "ZERO" ? 0 : provincialBpa,
        cppExempt: false,
        eiExempt: false,
        version: 1,
        ...stamps(worker.at),
      });

      const engage = (e: DemoEngagementSpec, n: number) => {
        const engagementExternalId = `${externalId}-e${n}`;
        const engagement = next(`engagement:${engagementExternalId}`);
        const engagementRow: (typeof data.engagements)[number] = {
          id: engagement.id,
          clientId,
          workerId: worker.id,
          employerEntityId: employerIdByCountry.get(country)!,
          payScheduleId: scheduleIdByCountry.get(country)!,
          externalId: engagementExternalId,
          title: e.title,
          workJurisdiction: w.where,
          employmentModel: e.peo ? "PEO" : "EOR",
          classification: CLASSIFICATION[e.kind],
          startDate: e.start,
          endDate: e.end ?? null,
          scheduledHundredthsPerWeek: null,
          status: e.end ? "ENDED" : e.start > PENDING_AFTER ? "PENDING" : "ACTIVE",
          endReason: e.endReason ?? null,
          exempt: e.exempt ?? false,
          workLocality: e.locality ?? null,
          terminationReason: e.terminationReason ?? null,
          version: 1,
          ...stamps(engagement.at),
        };
        data.engagements.push(engagementRow);
        if (e.terminationReason) ended.push({ row: engagementRow, spec: e });
        const changes = [
          { from: e.start, amount: e.pay[1], reason: e.peo ? "Initial compensation (PEO co-employment)" : "Initial compensation" },
          ...(e.raise ? [{ from: e.raise.from, amount: e.raise.amount, reason: e.raise.reason }] : []),
        ];
        for (const c of changes) {
          const compensation = next(`compensation:${engagementExternalId}:${c.from}`);
          data.compensations.push({
            id: compensation.id,
            clientId,
            engagementId: engagement.id,
            basis: e.pay[0],
            amount: c.amount,
            currency: country === "US" ? "USD" : "CAD",
            effectiveFrom: c.from,
            reason: c.reason,
            ...stamps(compensation.at),
          });
        }
      };
      if (w.earlier) engage(w.earlier, 1);
      engage(w, w.earlier ? 2 : 1);
      if (w.hours) pendingHours.push({ engagement: data.engagements[data.engagements.length - 1], hours: w.hours });
    });

    for (const m of DEMO_MSAS.filter((x) => x.client === spec.key)) {
      const msa = next(`msa:${spec.key}:v${m.versionNumber}`);
      const clauses = m.clauses.map((c, i) => {
        const clause = next(`msa-clause:${spec.key}:v${m.versionNumber}:${i + 1}`);
        return {
          id: clause.id,
          clientId,
          msaId: msa.id,
          category: c.category,
          responsibleParty: c.party,
          jurisdictions: [...(c.jurisdictions ?? [])],
          title: c.title,
          text: c.text,
          ...stamps(clause.at),
        };
      });
      // Every demo version was accepted by both parties (when it was created), bound to its final content.
      const digest = msaContentDigest({ id: msa.id, title: m.title, effectiveFrom: m.effectiveFrom }, clauses);
      data.msas.push({
        id: msa.id,
        clientId,
        versionNumber: m.versionNumber,
        title: m.title,
        status: m.status,
        effectiveFrom: m.effectiveFrom,
        effectiveTo: m.effectiveTo ?? null,
        clientAcceptedAt: msa.at,
        clientAcceptedByKind: "CLIENT",
        clientAcceptedById: DEMO_MSA_SIGNATORY,
        clientAcceptedDigest: digest,
        eorAcceptedAt: msa.at,
        eorAcceptedByKind: "OPERATOR",
        eorAcceptedById: DEMO_MSA_SIGNATORY,
        eorAcceptedDigest: digest,
        ...stamps(msa.at),
      });
      data.msaClauses.push(...clauses);
    }
  }

  // Classification (after everything else, so the ids above do not move): every contractor was hired on a
  // CONTRACTOR assessment evaluated by the production rules; every engagement has its hire in its history.
  const assess = (key: string, clientId: string, engagementId: string | null, jurisdiction: string, role: string, indicates: "CONTRACTOR" | "UNSURE") => {
    const answers = answersIndicating(jurisdiction, indicates);
    const evaluation = evaluateClassification(jurisdiction, answers, "2026-1");
    const { id, at } = next(key);
    data.classificationAssessments.push({
      id,
      clientId,
      engagementId,
      workJurisdiction: jurisdiction,
      role,
      questionnaireVersion: "2026-1",
      answers,
      outcome: evaluation.outcome,
      recommendedClassification: evaluation.recommendedClassification,
      tests: evaluation.tests,
      factors: evaluation.factors,
      rationale: evaluation.rationale,
      notAssessed: evaluation.notAssessed,
      assessedAt: at,
      assessedByKind: "CLIENT",
      assessedById: DEMO_ASSESSOR,
      ...stamps(at),
    });
    return id;
  };
  for (const e of data.engagements) {
    const assessmentId = isContractor(e.classification) ? assess(`classification-assessment:${e.externalId}`, e.clientId, e.id, e.workJurisdiction, e.title, "CONTRACTOR") : null;
    const change = next(`classification-change:${e.externalId}`);
    data.engagementClassificationChanges.push({
      id: change.id,
      clientId: e.clientId,
      engagementId: e.id,
      fromClassification: null,
      toClassification: e.classification,
      effectiveFrom: e.startDate,
      assessmentId,
      overrideReason: null,
      changedByKind: "CLIENT",
      changedById: DEMO_ASSESSOR,
      ...stamps(change.at),
    });
  }
  // A prospective role the client was unsure about: NEEDS_REVIEW, so it cannot back a contractor hire.
  const northwind = data.clients.find((c) => c.externalId === DEMO_ROSTER.find((s) => s.key === "northwind")!.externalId)!;
  assess("classification-assessment:northwind:prospective", northwind.id, null, "US-CA", "Field Robotics Technician", "UNSURE");
  // Time entries last, so adding them shifts no other demo object's id or instant.
  for (const { engagement, hours } of pendingHours) {
    for (const [workDate, h] of hours) {
      const entry = next(`time-entry:${engagement.externalId}:${workDate}`);
      data.timeEntries.push({
        id: entry.id,
        clientId: engagement.clientId,
        engagementId: engagement.id,
        workDate,
        type: "REGULAR",
        hundredthsOfHours: Math.round(h * 100),
        ...stamps(entry.at),
      });
    }
  }
  const offboarding = demoFinalPays(ended, data.paySchedules, data.compensations, next);
  data.payrollRuns.push(...offboarding.payrollRuns);
  data.finalPays.push(...offboarding.finalPays);
  return data;
}

/** Every demo row, in creation (= id) order per table. */
export const DEMO_DATA: Readonly<DemoData> = buildDemoData();

function clientSummary(key: DemoClientKey) {
  const spec = DEMO_ROSTER.find((c) => c.key === key)!;
  const client = DEMO_DATA.clients.find((c) => c.externalId === spec.externalId)!;
  const own = <T extends { clientId: string }>(rows: readonly T[]) => rows.filter((r) => r.clientId === client.id);
  return {
    /** The client's database uuid (its global ID is `toGlobalId("Client", id)`). */
    id: client.id,
    name: client.name,
    externalId: spec.externalId,
    legalEntities: [...spec.legalEntities],
    workers: own(DEMO_DATA.workers).length,
    activeWorkers: own(DEMO_DATA.workers).filter((w) => w.status === "ACTIVE").length,
    engagements: own(DEMO_DATA.engagements).length,
    peoEngagements: own(DEMO_DATA.engagements).filter((e) => e.employmentModel === "PEO").length,
    paySchedules: own(DEMO_DATA.paySchedules).length,
    payPeriods: own(DEMO_DATA.payPeriods).length,
    msaVersions: own(DEMO_DATA.msas).length,
  };
}

export type DemoClientSummary = ReturnType<typeof clientSummary>;

/** The three demo clients, for tests and docs. */
export const DEMO_CLIENTS: Readonly<Record<DemoClientKey, DemoClientSummary>> = {
  northwind: clientSummary("northwind"),
  summit: clientSummary("summit"),
  maple: clientSummary("maple"),
};

function employerSummary(country: Country) {
  const e = DEMO_DATA.employerEntities.find((x) => x.country === country)!;
  return { id: e.id, legalName: e.legalName, taxId: e.taxId };
}

/** What the demo data holds: ids, names and row counts per table. */
export const DEMO = {
  baseInstant: DEMO_BASE_INSTANT,
  employerEntities: { US: employerSummary("US"), CA: employerSummary("CA") },
  clients: DEMO_CLIENTS,
  counts: {
    employerEntities: DEMO_DATA.employerEntities.length,
    employerRegistrations: DEMO_DATA.employerRegistrations.length,
    employerSuiRates: DEMO_DATA.employerSuiRates.length,
    clients: DEMO_DATA.clients.length,
    clientLegalEntities: DEMO_DATA.clientLegalEntities.length,
    paySchedules: DEMO_DATA.paySchedules.length,
    payPeriods: DEMO_DATA.payPeriods.length,
    workers: DEMO_DATA.workers.length,
    engagements: DEMO_DATA.engagements.length,
    compensations: DEMO_DATA.compensations.length,
    msas: DEMO_DATA.msas.length,
    msaClauses: DEMO_DATA.msaClauses.length,
    classificationAssessments: DEMO_DATA.classificationAssessments.length,
    engagementClassificationChanges: DEMO_DATA.engagementClassificationChanges.length,
    timeEntries: DEMO_DATA.timeEntries.length,
    payrollRuns: DEMO_DATA.payrollRuns.length,
    finalPays: DEMO_DATA.finalPays.length,
  },
} as const;

/** `nw-001` → the worker's database uuid (for docs and tests that need one named person). */
export function demoWorkerId(externalId: string): string {
  const worker = DEMO_DATA.workers.find((w) => w.externalId === externalId);
  if (!worker) throw new Error(`no demo worker ${externalId}`);
  return worker.id;
}
