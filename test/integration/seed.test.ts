import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc } from "drizzle-orm";
import { openDatabase, type Database, type Db } from "../../src/db/client";
import {
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
  responsibilityCategoryEnum,
  timeEntries,
  workers,
  classificationAssessments,
  engagementClassificationChanges,
  payrollRuns,
  finalPays,
} from "../../src/db/schema";
import { testPiiCipher } from "../support/pii";
import { openTaxId } from "../../src/modules/workers/worker-tax-id";
import { DEMO, DEMO_CLIENTS, DEMO_DATA, demoWorkerId, seedDemoData } from "../../src/seed/seed";
import { addDays, businessPayDate, generatePayPeriodsThrough, type PayFrequency } from "../../src/shared/calendar";

const generatePayPeriods = (frequency: PayFrequency, firstPeriodStart: string, through: string, payDateOffsetDays: number) =>
  generatePayPeriodsThrough({ frequency, firstPeriodStart, payDateOffsetDays }, through);
import { UUID_PATTERN } from "../../src/shared/ids";
import { msaContentDigest } from "../../src/modules/msa/acceptance";
import { countryOf, covers, currencyOf } from "../../src/shared/jurisdiction";

// Real migrations on a fresh in-memory PGlite per database (never the shared Postgres): the seed is checked
// against the database's own constraints and triggers, and against itself on a second database.

async function freshDatabase(): Promise<Database> {
  const database = await openDatabase({ dataDir: "memory://" });
  await database.migrate();
  return database;
}

const pii = testPiiCipher();

/** Every table the seed writes, ordered by id (client_legal_entities by its key). */
async function snapshot(db: Db) {
  return {
    employerEntities: await db.select().from(employerEntities).orderBy(asc(employerEntities.id)),
    employerRegistrations: await db.select().from(employerRegistrations).orderBy(asc(employerRegistrations.id)),
    employerSuiRates: await db.select().from(employerSuiRates).orderBy(asc(employerSuiRates.id)),
    clients: await db.select().from(clients).orderBy(asc(clients.id)),
    clientLegalEntities: await db.select().from(clientLegalEntities).orderBy(asc(clientLegalEntities.clientId), asc(clientLegalEntities.jurisdiction)),
    paySchedules: await db.select().from(paySchedules).orderBy(asc(paySchedules.id)),
    payPeriods: await db.select().from(payPeriods).orderBy(asc(payPeriods.id)),
    // Tax ids decrypted back to the plan's shape (each encryption differs: the ciphertexts cannot be compared).
    workers: (await db.select().from(workers).orderBy(asc(workers.id))).map(({ taxIdEncrypted, taxIdHmac: _hmac, withholdingCertificatesEncrypted: _certificates, ...w }) => ({
      ...w,
      taxId: taxIdEncrypted === null ? null : openTaxId(pii, { id: w.id, taxIdEncrypted }),
    })),
    engagements: await db.select().from(engagements).orderBy(asc(engagements.id)),
    compensations: await db.select().from(compensations).orderBy(asc(compensations.id)),
    msas: await db.select().from(msas).orderBy(asc(msas.id)),
    msaClauses: await db.select().from(msaClauses).orderBy(asc(msaClauses.id)),
    classificationAssessments: await db.select().from(classificationAssessments).orderBy(asc(classificationAssessments.id)),
    engagementClassificationChanges: await db.select().from(engagementClassificationChanges).orderBy(asc(engagementClassificationChanges.id)),
    timeEntries: await db.select().from(timeEntries).orderBy(asc(timeEntries.id)),
    payrollRuns: await db.select().from(payrollRuns).orderBy(asc(payrollRuns.id)),
    finalPays: await db.select().from(finalPays).orderBy(asc(finalPays.id)),
  };
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

function counts(s: Snapshot): Record<keyof Snapshot, number> {
  return Object.fromEntries(Object.entries(s).map(([table, rows]) => [table, rows.length])) as Record<keyof Snapshot, number>;
}

describe("pay period generator", () => {
  it("semimonthly: 1st–15th and 16th–end of month, 24 periods in 2026, pay date = end + 5 days", () => {
    const periods = generatePayPeriods("SEMIMONTHLY", "2026-01-01", "2026-12-31", 5);
    expect(periods).toHaveLength(24);
    expect(periods.slice(0, 4)).toEqual([
      { startDate: "2026-01-01", endDate: "2026-01-15", payDate: "2026-01-20" },
      { startDate: "2026-01-16", endDate: "2026-01-31", payDate: "2026-02-05" },
      { startDate: "2026-02-01", endDate: "2026-02-15", payDate: "2026-02-20" },
      { startDate: "2026-02-16", endDate: "2026-02-28", payDate: "2026-03-05" },
    ]);
    expect(periods.at(-1)).toEqual({ startDate: "2026-12-16", endDate: "2026-12-31", payDate: "2027-01-05" });
    expect(generatePayPeriods("SEMIMONTHLY", "2028-02-16", "2028-02-16", 0)).toEqual([{ startDate: "2028-02-16", endDate: "2028-02-29", payDate: "2028-02-29" }]);
  });

  it("biweekly: 14-day periods from the first start until the one containing the last day", () => {
    const periods = generatePayPeriods("BIWEEKLY", "2025-12-29", "2026-12-31", 5);
    expect(periods).toHaveLength(27);
    expect(periods[0]).toEqual({ startDate: "2025-12-29", endDate: "2026-01-11", payDate: "2026-01-16" });
    expect(periods.at(-1)).toEqual({ startDate: "2026-12-28", endDate: "2027-01-10", payDate: "2027-01-15" });
    for (const p of periods) expect(addDays(p.startDate, 13)).toBe(p.endDate);
  });

  it("weekly and monthly periods; contiguous, no gaps", () => {
    const weekly = generatePayPeriods("WEEKLY", "2026-01-05", "2026-01-31", 3);
    expect(weekly.map((p) => p.startDate)).toEqual(["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"]);
    const monthly = generatePayPeriods("MONTHLY", "2026-01-01", "2026-12-31", 0);
    expect(monthly).toHaveLength(12);
    expect(monthly[1]).toEqual({ startDate: "2026-02-01", endDate: "2026-02-28", payDate: "2026-02-28" });
    for (const list of [weekly, monthly]) {
      for (let i = 1; i < list.length; i++) expect(list[i].startDate).toBe(addDays(list[i - 1].endDate, 1));
    }
  });

  it("refuses start days a frequency does not allow", () => {
    expect(() => generatePayPeriods("SEMIMONTHLY", "2026-01-02", "2026-12-31", 5)).toThrow(/1st or the 16th/);
    expect(() => generatePayPeriods("MONTHLY", "2026-01-15", "2026-12-31", 5)).toThrow(/1st/);
  });
});

describe("demo data (pure)", () => {
  it("has the documented shape: 2 employer entities, 3 clients, 60 workers", () => {
    expect(DEMO.counts).toEqual({
      employerEntities: 2,
      employerRegistrations: 7,
      employerSuiRates: 6,
      clients: 3,
      clientLegalEntities: 2,
      paySchedules: 4,
      payPeriods: 102,
      workers: 60,
      engagements: 63,
      compensations: 66,
      msas: 4,
      msaClauses: 59,
      classificationAssessments: 13, // one per contractor engagement (12) and one prospective NEEDS_REVIEW
      engagementClassificationChanges: 63, // each engagement's classification at hire
      timeEntries: 9,
      payrollRuns: 2,
      finalPays: 2,
    });
    // Offboarding: the two ended employees with a termination reason have their final pay, each by an OFF_CYCLE run.
    expect(DEMO_DATA.finalPays.map((f) => [f.finalPayCase, f.deadline, f.paidBy, f.ptoPayout])).toEqual([
      ["VOLUNTARY_WITHOUT_NOTICE", "2025-12-19", "OFF_CYCLE_RUN", 1_152_00],
      ["VOLUNTARY_WITH_NOTICE", "2026-02-27", "OFF_CYCLE_RUN", 276_00],
    ]);
    expect(DEMO_CLIENTS.northwind).toMatchObject({ name: "Northwind Robotics", workers: 24, legalEntities: [], peoEngagements: 0 });
    expect(DEMO_CLIENTS.summit).toMatchObject({ name: "Summit Health Partners", workers: 20, legalEntities: ["US"] });
    expect(DEMO_CLIENTS.summit.peoEngagements).toBeGreaterThan(0);
    expect(DEMO_CLIENTS.summit.peoEngagements).toBeLessThan(DEMO_CLIENTS.summit.engagements);
    expect(DEMO_CLIENTS.maple).toMatchObject({ name: "Maple Ledger Inc.", workers: 16, legalEntities: ["CA"], peoEngagements: 0 });
    expect(DEMO.employerEntities.US).toMatchObject({ legalName: "Atlas Workforce US Inc.", taxId: "84-1234567" });
    expect(DEMO.employerEntities.CA).toMatchObject({ legalName: "Atlas Workforce Canada Ltd.", taxId: "123456789RP0001" });
    expect(demoWorkerId("nw-001")).toBe(DEMO_DATA.workers[0].id);
    expect(() => demoWorkerId("nw-999")).toThrow();
  });

  it("ids are UUIDv7, unique and time-ordered in creation order; timestamps fixed on 2026-01-05", () => {
    const all = Object.values(DEMO_DATA).flatMap((rows) => rows as { id?: string; createdAt?: Date; updatedAt?: Date }[]);
    const withIds = all.filter((r) => r.id !== undefined);
    expect(new Set(withIds.map((r) => r.id)).size).toBe(withIds.length);
    for (const r of withIds) {
      expect(r.id).toMatch(UUID_PATTERN);
      expect(r.id![14]).toBe("7");
      expect(r.createdAt!.toISOString().slice(0, 10)).toBe("2026-01-05");
      expect(r.updatedAt).toEqual(r.createdAt);
    }
    for (const rows of Object.values(DEMO_DATA) as { id?: string; createdAt?: Date }[][]) {
      const ids = rows.filter((r) => r.id).map((r) => r.id!);
      expect(ids).toEqual([...ids].sort());
      const instants = rows.filter((r) => r.createdAt).map((r) => r.createdAt!.getTime());
      expect(instants).toEqual([...instants].sort((a, b) => a - b));
    }
  });

  it("workers: fake tax ids by country, W-4 for US employees only, TD1 for Canadian employees only", () => {
    const kindOf = new Map(DEMO_DATA.engagements.map((e) => [e.workerId, e.classification]));
    for (const w of DEMO_DATA.workers) {
      const country = countryOf(w.homeJurisdiction);
      const classification = kindOf.get(w.id)!; // the current (last) engagement
      if (w.taxId !== null) {
        expect(w.taxId).toMatch(country === "US" ? /^9\d{8}$/ : /^0\d{8}$/);
      }
      const hasW4 = w.w4FilingStatus !== null;
      const hasTd1 = w.td1FederalClaimAmount !== null;
      expect(hasW4).toBe(classification === "US_W2_EMPLOYEE" && w.taxId !== null);
      expect(hasTd1).toBe(classification === "CA_T4_EMPLOYEE" && w.taxId !== null);
      if (hasW4) expect(w.w4MultipleJobs).not.toBeNull();
      if (hasTd1) expect([0, 1_645_200, 3_290_400]).toContain(w.td1FederalClaimAmount);
    }
    const w4 = DEMO_DATA.workers.filter((w) => w.w4FilingStatus !== null);
    expect(new Set(w4.map((w) => w.w4FilingStatus))).toEqual(new Set(["SINGLE", "MARRIED_FILING_JOINTLY", "HEAD_OF_HOUSEHOLD"]));
    expect(w4.filter((w) => w.w4MultipleJobs).length).toBeGreaterThanOrEqual(2);
    const ontario = DEMO_DATA.workers.find((w) => w.homeJurisdiction === "CA-ON" && w.td1FederalClaimAmount === 1_645_200)!;
    expect(ontario.td1ProvincialClaimAmount).toBe(1_298_900);
    expect(DEMO_DATA.workers.filter((w) => w.status === "INACTIVE").length).toBeGreaterThanOrEqual(2);
  });
});

describe("seedDemoData on a fresh database", () => {
  let database: Database;
  let first: { seeded: boolean };
  let seeded: Snapshot;

  beforeAll(async () => {
    database = await freshDatabase();
    first = await seedDemoData(database.db, pii);
    seeded = await snapshot(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("inserts exactly the demo rows, in id order", () => {
    expect(first).toEqual({ seeded: true });
    expect(counts(seeded)).toEqual(DEMO.counts);
    // Rows read back equal the planned rows: ORDER BY id is creation order, and the MSAs ended in their status.
    expect(seeded).toEqual({
      ...DEMO_DATA,
      clientLegalEntities: [...DEMO_DATA.clientLegalEntities].sort((a, b) =>
        a.clientId === b.clientId ? a.jurisdiction.localeCompare(b.jurisdiction) : a.clientId < b.clientId ? -1 : 1,
      ),
    });
  });

  it("stores tax ids encrypted, with a keyed hash beside each: no digits in the rows", async () => {
    const rows = await database.db.select().from(workers);
    const planned = new Map(DEMO_DATA.workers.map((w) => [w.id, w.taxId]));
    for (const row of rows) {
      const taxId = planned.get(row.id)!;
      expect(row.taxIdEncrypted === null).toBe(taxId === null);
      expect(row.taxIdHmac === null).toBe(taxId === null);
      if (taxId !== null) {
        expect(pii.keyIdOf(row.taxIdEncrypted!)).toBe(pii.currentKeyId);
        expect(JSON.stringify(row)).not.toContain(taxId);
      }
    }
  });

  it("a second run changes nothing", async () => {
    expect(await seedDemoData(database.db, pii)).toEqual({ seeded: false });
    expect(await snapshot(database.db)).toEqual(seeded);
  });

  it("per-client counts match DEMO_CLIENTS", () => {
    for (const c of Object.values(DEMO_CLIENTS)) {
      const own = seeded.workers.filter((w) => w.clientId === c.id);
      expect({
        workers: own.length,
        active: own.filter((w) => w.status === "ACTIVE").length,
        engagements: seeded.engagements.filter((e) => e.clientId === c.id).length,
        name: seeded.clients.find((x) => x.id === c.id)?.name,
      }).toEqual({ workers: c.workers, active: c.activeWorkers, engagements: c.engagements, name: c.name });
    }
    const total = Object.values(DEMO_CLIENTS).reduce((n, c) => n + c.workers, 0);
    expect(total).toBe(60);
    expect(seeded.workers.map((w) => w.homeJurisdiction).sort()).toEqual(expect.arrayContaining(["US-CA", "US-TX", "US-NY", "US-WA", "CA-ON", "CA-BC", "CA-QC"]));
  });

  it("the employer entities are registered in every demo jurisdiction", () => {
    const byEntity = (id: string) =>
      seeded.employerRegistrations
        .filter((r) => r.employerEntityId === id)
        .map((r) => r.jurisdiction)
        .sort();
    expect(byEntity(DEMO.employerEntities.US.id)).toEqual(["US-CA", "US-NY", "US-TX", "US-WA"]);
    expect(byEntity(DEMO.employerEntities.CA.id)).toEqual(["CA-BC", "CA-ON", "CA-QC"]);
    const quebec = seeded.employerRegistrations.find((r) => r.jurisdiction === "CA-QC")!;
    expect(quebec.agency).toBe("Revenu Québec");
  });

  it("every engagement follows the business rules", () => {
    const entityCountry = new Map(seeded.employerEntities.map((e) => [e.id, e.country]));
    const schedule = new Map(seeded.paySchedules.map((s) => [s.id, s]));
    const legal = (clientId: string) => seeded.clientLegalEntities.filter((l) => l.clientId === clientId).map((l) => l.jurisdiction);
    const employee = new Set(["US_W2_EMPLOYEE", "CA_T4_EMPLOYEE"]);
    for (const e of seeded.engagements) {
      const country = countryOf(e.workJurisdiction);
      expect(e.classification.startsWith(country === "US" ? "US_" : "CA_")).toBe(true);
      if (!employee.has(e.classification)) expect(e.employmentModel).toBe("EOR");
      if (e.employmentModel === "PEO") {
        expect(e.clientId).toBe(DEMO_CLIENTS.summit.id);
        expect(country).toBe("US");
        expect(legal(e.clientId).some((j) => covers(j, e.workJurisdiction))).toBe(true);
      }
      expect(entityCountry.get(e.employerEntityId)).toBe(country);
      const s = schedule.get(e.payScheduleId!)!;
      expect({ client: s.clientId, country: s.country }).toEqual({ client: e.clientId, country });
      expect(e.status === "ENDED").toBe(e.endDate !== null);
      if (e.status === "PENDING") expect(e.startDate >= "2027-01-01").toBe(true);
      if (e.status === "ACTIVE") expect(e.startDate < "2027-01-01").toBe(true);
      expect(e.startDate >= "2025-01-01").toBe(true);
    }
    const statuses = new Set(seeded.engagements.map((e) => e.status));
    expect(statuses).toEqual(new Set(["ACTIVE", "ENDED", "PENDING"]));
    const classifications = new Set(seeded.engagements.map((e) => e.classification));
    expect(classifications).toEqual(new Set(["US_W2_EMPLOYEE", "US_1099_CONTRACTOR", "CA_T4_EMPLOYEE", "CA_T4A_CONTRACTOR"]));
  });

  it("workers with two engagements: the earlier one ended before the current one started", () => {
    const repeat = groupBy(seeded.engagements, (e) => e.workerId).filter((list) => list.length > 1);
    expect(repeat.length).toBeGreaterThanOrEqual(2);
    for (const [earlier, current] of repeat) {
      expect(earlier.status).toBe("ENDED");
      expect(earlier.endDate! < current.startDate).toBe(true);
      expect(current.endDate).toBeNull();
    }
  });

  it("compensation: currency follows the country, basis fits the classification, raises are later", () => {
    const engagement = new Map(seeded.engagements.map((e) => [e.id, e]));
    for (const c of seeded.compensations) {
      const e = engagement.get(c.engagementId)!;
      expect(c.clientId).toBe(e.clientId);
      expect(c.currency).toBe(currencyOf(countryOf(e.workJurisdiction)));
      const contractor = e.classification === "US_1099_CONTRACTOR" || e.classification === "CA_T4A_CONTRACTOR";
      expect(c.basis === "FIXED_FEE").toBe(contractor);
      expect(Number.isSafeInteger(c.amount) && c.amount > 0).toBe(true);
      expect(c.effectiveFrom >= e.startDate).toBe(true);
    }
    for (const e of seeded.engagements) {
      const own = seeded.compensations.filter((c) => c.engagementId === e.id);
      expect(own[0].effectiveFrom).toBe(e.startDate);
    }
    const raised = groupBy(seeded.compensations, (c) => c.engagementId).filter((l) => l.length > 1);
    expect(raised.length).toBeGreaterThanOrEqual(1);
    for (const [initial, raise] of raised) expect(raise.amount).toBeGreaterThan(initial.amount);
  });

  it("pay schedules and their 2026 periods", () => {
    const expected = [
      { client: DEMO_CLIENTS.northwind.id, country: "US", frequency: "BIWEEKLY", firstPeriodStart: "2025-12-29", periods: 27 },
      { client: DEMO_CLIENTS.northwind.id, country: "CA", frequency: "SEMIMONTHLY", firstPeriodStart: "2026-01-01", periods: 24 },
      { client: DEMO_CLIENTS.summit.id, country: "US", frequency: "SEMIMONTHLY", firstPeriodStart: "2026-01-01", periods: 24 },
      { client: DEMO_CLIENTS.maple.id, country: "CA", frequency: "BIWEEKLY", firstPeriodStart: "2025-12-22", periods: 27 },
    ];
    expect(
      seeded.paySchedules.map((s) => ({
        client: s.clientId,
        country: s.country,
        frequency: s.frequency,
        firstPeriodStart: s.firstPeriodStart,
        periods: seeded.payPeriods.filter((p) => p.payScheduleId === s.id).length,
      })),
    ).toEqual(expected);
    for (const s of seeded.paySchedules) {
      const periods = seeded.payPeriods.filter((p) => p.payScheduleId === s.id);
      // Pay date: the period's end + 5 days, moved to the previous business day off a weekend or bank holiday.
      expect(periods.every((p) => p.clientId === s.clientId && p.payDate === businessPayDate(addDays(p.endDate, 5), s.country, "PREVIOUS_BUSINESS_DAY"))).toBe(true);
      expect(periods[0].startDate).toBe(s.firstPeriodStart);
      expect(periods.at(-1)!.endDate >= "2026-12-31").toBe(true);
      for (let i = 1; i < periods.length; i++) expect(periods[i].startDate).toBe(addDays(periods[i - 1].endDate, 1));
    }
  });

  it("MSAs: one ACTIVE version per client (Northwind v1 superseded) with a clause for every category everywhere it works", () => {
    expect(seeded.msas.map((m) => [m.clientId, m.versionNumber, m.status])).toEqual([
      [DEMO_CLIENTS.northwind.id, 1, "SUPERSEDED"],
      [DEMO_CLIENTS.northwind.id, 2, "ACTIVE"],
      [DEMO_CLIENTS.summit.id, 1, "ACTIVE"],
      [DEMO_CLIENTS.maple.id, 1, "ACTIVE"],
    ]);
    for (const msa of seeded.msas.filter((m) => m.status === "ACTIVE")) {
      const clauses = seeded.msaClauses.filter((c) => c.msaId === msa.id);
      expect(clauses.every((c) => c.clientId === msa.clientId)).toBe(true);
      const worked = new Set(seeded.engagements.filter((e) => e.clientId === msa.clientId).map((e) => e.workJurisdiction));
      for (const jurisdiction of worked) {
        for (const category of responsibilityCategoryEnum.enumValues) {
          const applicable = clauses.filter((c) => c.category === category && (c.jurisdictions.length === 0 || c.jurisdictions.some((j) => covers(j, jurisdiction))));
          expect(applicable.length, `${category} in ${jurisdiction}`).toBeGreaterThan(0);
        }
      }
    }
    const clause = (client: string, category: string, jurisdictions: string[]) =>
      seeded.msaClauses.find(
        (c) =>
          c.clientId === client && seeded.msas.find((m) => m.id === c.msaId)!.status === "ACTIVE" && c.category === category && c.jurisdictions.join() === jurisdictions.join(),
      )?.responsibleParty;
    expect(clause(DEMO_CLIENTS.northwind.id, "PAYROLL_APPROVAL", [])).toBe("CLIENT");
    expect(clause(DEMO_CLIENTS.summit.id, "PAYROLL_APPROVAL", [])).toBe("SHARED");
    expect(clause(DEMO_CLIENTS.summit.id, "BENEFITS_ADMINISTRATION", ["US"])).toBe("CLIENT");
    expect(clause(DEMO_CLIENTS.summit.id, "BENEFITS_ADMINISTRATION", ["US-CA"])).toBe("EOR");
    expect(clause(DEMO_CLIENTS.maple.id, "TERMINATION", ["CA-QC"])).toBe("EOR");
  });

  it("MSAs: every version carries both parties' acceptances of exactly its content", () => {
    for (const msa of seeded.msas) {
      const digest = msaContentDigest(
        msa,
        seeded.msaClauses.filter((c) => c.msaId === msa.id),
      );
      expect(msa).toMatchObject({
        clientAcceptedByKind: "CLIENT",
        clientAcceptedDigest: digest,
        eorAcceptedByKind: "OPERATOR",
        eorAcceptedDigest: digest,
        clientAcceptedAt: msa.createdAt,
        eorAcceptedAt: msa.createdAt,
      });
    }
  });

  it("the seeded MSAs are immutable: the draft-only trigger refuses new clauses", async () => {
    const active = seeded.msas.find((m) => m.status === "ACTIVE")!;
    await expect(
      database.db.insert(msaClauses).values({ ...seeded.msaClauses[0], id: "019b8b74-0000-7000-8000-000000000001", msaId: active.id, clientId: active.clientId }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/is ACTIVE and immutable/) } });
  });
});

describe("determinism and concurrency", () => {
  it("two fresh databases get identical rows", async () => {
    const [a, b] = [await freshDatabase(), await freshDatabase()];
    try {
      await Promise.all([seedDemoData(a.db, pii), seedDemoData(b.db, pii)]);
      const [sa, sb] = [await snapshot(a.db), await snapshot(b.db)];
      expect(counts(sa)).toEqual(DEMO.counts);
      expect(sa).toEqual(sb);
      expect(JSON.stringify(sa)).toBe(JSON.stringify(sb));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("two seeds started at once: exactly one inserts", async () => {
    const database = await freshDatabase();
    try {
      const results = await Promise.all([seedDemoData(database.db, pii), seedDemoData(database.db, pii)]);
      expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
      expect(counts(await snapshot(database.db))).toEqual(DEMO.counts);
    } finally {
      await database.close();
    }
  });
});

function groupBy<T>(rows: readonly T[], key: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return [...groups.values()];
}

describe("demo classification", () => {
  it("every contractor engagement has a CONTRACTOR assessment of its client and jurisdiction, in its hire history", () => {
    const assessments = new Map(DEMO_DATA.classificationAssessments.map((a) => [a.id, a]));
    for (const e of DEMO_DATA.engagements) {
      const hireEntry = DEMO_DATA.engagementClassificationChanges.find((c) => c.engagementId === e.id);
      expect(hireEntry, e.externalId ?? e.id).toMatchObject({ fromClassification: null, toClassification: e.classification, effectiveFrom: e.startDate });
      const contractor = e.classification === "US_1099_CONTRACTOR" || e.classification === "CA_T4A_CONTRACTOR";
      if (!contractor) continue;
      const assessment = assessments.get(hireEntry!.assessmentId!);
      expect(assessment).toMatchObject({
        clientId: e.clientId,
        engagementId: e.id,
        workJurisdiction: e.workJurisdiction,
        outcome: "CONTRACTOR",
        recommendedClassification: e.classification,
      });
    }
    expect(DEMO_DATA.classificationAssessments.filter((a) => a.engagementId === null).map((a) => a.outcome)).toEqual(["NEEDS_REVIEW"]);
  });
});
