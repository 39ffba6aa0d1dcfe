/** Bulk data of the payroll benchmark (npm run bench:payroll) and of the crash-recovery test. */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { newId } from "../shared/ids";
import { clients } from "../modules/clients/client.table";
import { workers } from "../modules/workers/worker.table";
import { compensations, engagements } from "../modules/engagements/engagement.table";
import { payPeriods, paySchedules } from "../modules/pay-schedules/pay-schedule.table";
import { payrollRuns } from "../modules/payroll/payroll.table";
import { employerRegistrations, employerSuiRates } from "../modules/employers/employer.table";
import { paymentMethods } from "../modules/payment-methods/payment-method.table";
import { sealBankNumbers } from "../modules/payment-methods/payment-method-secret";
import { employmentAgreements, onboardingSteps } from "../modules/onboarding/onboarding.table";
import { agreementTemplateFor } from "../modules/onboarding/agreement-templates";
import { onboardingRequirements } from "../modules/onboarding/onboarding.rules";
import { addDays } from "../shared/calendar";
import type { PiiCipher } from "../pii/pii-cipher";

/** A realistic mix of computed states (no blockers) and salaries. */
const JURISDICTIONS = ["US-TX", "US-CA", "US-PA", "US-IL", "US-WA", "US-FL", "US-NV", "US-TN"];
/**
 * The SUI rate notices a real client's EOR would hold for the bench's states in 2026 (bench values, not sourced
 * rates: new-employer-like rates; a wage base where the engine publishes none, engine/us/tables/sui.ts). States
 * whose registration or rate the seed already has keep the seed's.
 */
const BENCH_SUI_2026: Record<string, { rate: string; wageBase: number | null }> = {
  "US-TX": { rate: "2.7", wageBase: 9_000_00 },
  "US-CA": { rate: "3.4", wageBase: null },
  "US-PA": { rate: "3.822", wageBase: 10_000_00 },
  "US-IL": { rate: "3.5", wageBase: 14_250_00 },
  "US-WA": { rate: "1.2", wageBase: 78_200_00 },
  "US-FL": { rate: "2.7", wageBase: null },
  "US-NV": { rate: "2.95", wageBase: 43_700_00 },
  "US-TN": { rate: "2.7", wageBase: 7_000_00 },
};
/** Published routing numbers with a valid check digit (the account numbers are fake). */
const US_ROUTING = ["021000021", "011000015", "121000358", "026009593"];
const FILING = ["SINGLE", "MARRIED_FILING_JOINTLY", "HEAD_OF_HOUSEHOLD"] as const;
const CHUNK = 2_000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** The EOR's registration and 2026 SUI rate in every bench state (once per database; existing rows are kept). */
async function ensureSuiRates(db: Db, usEntityId: string): Promise<void> {
  await db
    .insert(employerRegistrations)
    .values(
      JURISDICTIONS.map((jurisdiction) => ({
        id: newId(),
        employerEntityId: usEntityId,
        jurisdiction,
        agency: `${jurisdiction} unemployment agency`,
        accountNumber: "BENCH-0001",
      })),
    )
    .onConflictDoNothing();
  const registrations = await db
    .select({ id: employerRegistrations.id, jurisdiction: employerRegistrations.jurisdiction })
    .from(employerRegistrations)
    .where(sql`${employerRegistrations.employerEntityId} = ${usEntityId}`);
  await db
    .insert(employerSuiRates)
    .values(
      registrations.filter((r) => BENCH_SUI_2026[r.jurisdiction]).map((r) => ({ id: newId(), employerRegistrationId: r.id, taxYear: 2026, ...BENCH_SUI_2026[r.jurisdiction] })),
    )
    .onConflictDoNothing();
}

export interface BenchRunOptions {
  /** CALCULATING (default): what the queue's worker finds; DRAFT: to be calculated through `calculatePayrollRun`. */
  status?: "CALCULATING" | "DRAFT";
  /**
   * True (default): every engagement is ready to pay, as a real client's are — an active payment method (bank
   * accounts sealed with `pii`, every 7th a paper check), a signed agreement, the recorded onboarding steps, and
   * the EOR's SUI rate in its state (registrations and rates added to the employer entity: for a scratch database,
   * not a shared test database): a run without blockers. False: none of these (every engagement blocked).
   */
  onboarded?: boolean;
}

/**
 * One client with `size` salaried engagements on a biweekly schedule, and a REGULAR run of its first period.
 * Inserted directly in chunks (a bench-sized client through the mutations would take minutes).
 */
export async function prepareBenchRun(db: Db, pii: PiiCipher, size: number, usEntityId: string, options: BenchRunOptions = {}): Promise<{ runId: string; clientId: string }> {
  const { status = "CALCULATING", onboarded = true } = options;
  if (onboarded) await ensureSuiRates(db, usEntityId);
  const clientId = newId();
  await db.insert(clients).values({ id: clientId, name: `Bench ${size} ${clientId.slice(-6)}`, status: "ACTIVE" });
  const scheduleId = newId();
  await db
    .insert(paySchedules)
    .values({ id: scheduleId, clientId, name: "US biweekly", country: "US", frequency: "BIWEEKLY", firstPeriodStart: "2026-01-05", payDateOffsetDays: 5 });
  const periodId = newId();
  await db.insert(payPeriods).values({ id: periodId, clientId, payScheduleId: scheduleId, startDate: "2026-01-05", endDate: "2026-01-18", payDate: "2026-01-23" });

  const workerRows: (typeof workers.$inferInsert)[] = [];
  const engagementRows: (typeof engagements.$inferInsert)[] = [];
  const compensationRows: (typeof compensations.$inferInsert)[] = [];
  const paymentMethodRows: (typeof paymentMethods.$inferInsert)[] = [];
  const agreementRows: (typeof employmentAgreements.$inferInsert)[] = [];
  const stepRows: (typeof onboardingSteps.$inferInsert)[] = [];
  for (let i = 0; i < size; i++) {
    const workerId = newId();
    const engagementId = newId();
    const jurisdiction = JURISDICTIONS[i % JURISDICTIONS.length];
    workerRows.push({
      id: workerId,
      clientId,
      legalFirstName: "Bench",
      legalLastName: `Worker ${i}`,
      email: `bench-${i}@example.test`,
      homeJurisdiction: jurisdiction,
      w4FilingStatus: FILING[i % FILING.length],
      w4DependentsAmount: i % 5 === 0 ? 200_000 : 0,
    });
    engagementRows.push({
      id: engagementId,
      clientId,
      workerId,
      employerEntityId: usEntityId,
      payScheduleId: scheduleId,
      title: "Engineer",
      workJurisdiction: jurisdiction,
      employmentModel: "EOR",
      classification: "US_W2_EMPLOYEE",
      // Every 10th starts inside the period: prorated.
      startDate: i % 10 === 0 ? "2026-01-12" : "2025-06-01",
      status: "ACTIVE",
    });
    compensationRows.push({
      id: newId(),
      clientId,
      engagementId,
      basis: "SALARY",
      amount: 4_000_000 + (i % 200) * 100_000,
      currency: "USD",
      effectiveFrom: i % 10 === 0 ? "2026-01-12" : "2025-06-01",
    });
    if (onboarded)
      addOnboarding(pii, i, { clientId, workerId, engagementId, jurisdiction, startDate: i % 10 === 0 ? "2026-01-12" : "2025-06-01" }, paymentMethodRows, agreementRows, stepRows);
  }
  // ANALYZE after each table: the foreign-key checks of the next one are planned with real row counts (a plan
  // cached while a table was nearly empty can scan every row of the client for each check).
  await insertChunked(workerRows, (chunk) => db.insert(workers).values(chunk));
  await db.execute(sql`analyze workers`);
  await insertChunked(engagementRows, (chunk) => db.insert(engagements).values(chunk));
  await db.execute(sql`analyze engagements`);
  await insertChunked(compensationRows, (chunk) => db.insert(compensations).values(chunk));
  await insertChunked(paymentMethodRows, (chunk) => db.insert(paymentMethods).values(chunk));
  await insertChunked(agreementRows, (chunk) => db.insert(employmentAgreements).values(chunk));
  await insertChunked(stepRows, (chunk) => db.insert(onboardingSteps).values(chunk));
  const runId = newId();
  await db
    .insert(payrollRuns)
    .values({ id: runId, clientId, employerEntityId: usEntityId, payPeriodId: periodId, kind: "REGULAR", status, currency: "USD", payDate: "2026-01-23" });
  await db.execute(sql`analyze`);
  return { runId, clientId };
}

/** A ready-to-pay engagement's payment method, signed agreement and recorded steps (as the demo seed records them). */
function addOnboarding(
  pii: PiiCipher,
  i: number,
  e: { clientId: string; workerId: string; engagementId: string; jurisdiction: string; startDate: string },
  paymentMethodRows: (typeof paymentMethods.$inferInsert)[],
  agreementRows: (typeof employmentAgreements.$inferInsert)[],
  stepRows: (typeof onboardingSteps.$inferInsert)[],
): void {
  const methodId = newId();
  const check = i % 7 === 6;
  paymentMethodRows.push({
    id: methodId,
    clientId: e.clientId,
    workerId: e.workerId,
    kind: check ? "CHECK" : "BANK_ACCOUNT",
    status: "ACTIVE",
    ...(check
      ? {}
      : {
          bankCountry: "US" as const,
          accountType: "CHECKING" as const,
          ...sealBankNumbers(pii, methodId, US_ROUTING[i % US_ROUTING.length], String(10_000_000 + i * 7_919).padStart(12, "0")),
        }),
  });
  const template = agreementTemplateFor(e.jurisdiction, "US_W2_EMPLOYEE");
  agreementRows.push({
    id: newId(),
    clientId: e.clientId,
    engagementId: e.engagementId,
    templateId: template.templateId,
    templateVersion: template.version,
    status: "SIGNED",
    sentOn: addDays(e.startDate, -10),
    signedOn: addDays(e.startDate, -7),
    termTitle: "Engineer",
    termStartDate: e.startDate,
    termProbationDays: template.probationDays,
    signedAt: new Date(`${addDays(e.startDate, -7)}T12:00:00Z`),
    version: 2,
  });
  for (const req of onboardingRequirements("US_W2_EMPLOYEE", e.jurisdiction)) {
    if (!req.required || (req.source !== "RECORDED_STEP" && req.item !== "WORK_AUTHORIZATION")) continue;
    stepRows.push({
      id: newId(),
      clientId: e.clientId,
      engagementId: e.engagementId,
      item: req.item,
      status: "COMPLETE",
      completedOn: req.item === "WORK_AUTHORIZATION" ? addDays(e.startDate, 1) : addDays(e.startDate, -5),
    });
  }
}
