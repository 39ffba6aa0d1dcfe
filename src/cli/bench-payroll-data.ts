/** Bulk data of the payroll benchmark (npm run bench:payroll) and of the crash-recovery test. */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { newId } from "../shared/ids";
import { clients } from "../modules/clients/client.table";
import { workers } from "../modules/workers/worker.table";
import { compensations, engagements } from "../modules/engagements/engagement.table";
import { payPeriods, paySchedules } from "../modules/pay-schedules/pay-schedule.table";
import { payrollRuns } from "../modules/payroll/payroll.table";

/** A realistic mix of computed states (no blockers) and salaries. */
const JURISDICTIONS = ["US-TX", "US-CA", "US-PA", "US-IL", "US-WA", "US-FL", "US-NV", "US-TN"];
const FILING = ["SINGLE", "MARRIED_FILING_JOINTLY", "HEAD_OF_HOUSEHOLD"] as const;
const CHUNK = 2_000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * One client with `size` salaried engagements on a biweekly schedule, and a REGULAR run of its first period in
 * `status` (CALCULATING: what the queue's worker finds; DRAFT: to be calculated through `calculatePayrollRun`).
 * Inserted directly in chunks (a bench-sized client through the mutations would take minutes).
 */
export async function prepareBenchRun(db: Db, size: number, usEntityId: string, status: "CALCULATING" | "DRAFT" = "CALCULATING"): Promise<{ runId: string; clientId: string }> {
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
  }
  // ANALYZE after each table: the foreign-key checks of the next one are planned with real row counts (a plan
  // cached while a table was nearly empty can scan every row of the client for each check).
  await insertChunked(workerRows, (chunk) => db.insert(workers).values(chunk));
  await db.execute(sql`analyze workers`);
  await insertChunked(engagementRows, (chunk) => db.insert(engagements).values(chunk));
  await db.execute(sql`analyze engagements`);
  await insertChunked(compensationRows, (chunk) => db.insert(compensations).values(chunk));
  const runId = newId();
  await db
    .insert(payrollRuns)
    .values({ id: runId, clientId, employerEntityId: usEntityId, payPeriodId: periodId, kind: "REGULAR", status, currency: "USD", payDate: "2026-01-23" });
  await db.execute(sql`analyze`);
  return { runId, clientId };
}
