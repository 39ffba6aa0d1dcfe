import { benefitPlans } from "../benefits/benefit.table";
import { and, asc, count, eq, gte, inArray, lt, lte, ne, or, sql, sum } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { keyset } from "../../db/keyset";
import { selectPagesPerParent } from "../../db/keyset-per-parent";
import type { PageRequest } from "../../shared/pagination";
import { payrollRuns } from "../payroll/payroll.table";
import type { PayrollRunStatus } from "../payroll/payroll-run.status";
import { workers } from "../workers/worker.table";
import { remittanceItems, remittances } from "./remittance.table";
import { RemittanceStatus, type RemittanceKind, type RemittanceRow } from "./remittance.type";

export interface RemittanceFilter {
  clientId?: string | null;
  payrollRunId?: string | null;
  status?: RemittanceStatus | null;
  kind?: RemittanceKind | null;
  /** Due strictly before this date. */
  dueBefore?: string | null;
  updatedSince?: Date | null;
}

export type NewRemittance = typeof remittances.$inferInsert;
export type NewRemittanceItem = typeof remittanceItems.$inferInsert;
export type RunLock = { id: string; clientId: string; status: PayrollRunStatus };

/** What a transition may change besides the status. */
export interface RemittanceChanges {
  confirmationNumber?: string | null;
  failureReason?: string | null;
  retryable?: boolean | null;
  submittedAt?: Date | null;
  settledAt?: Date | null;
}

/** Largest batch of rows per INSERT / IN list (Postgres allows 65,535 bound parameters per statement). */
const CHUNK = 1000;

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function filterSql(scope: TenantScope, filter: RemittanceFilter) {
  return and(
    tenantFilter(remittances.clientId, scope),
    filter.clientId ? eq(remittances.clientId, filter.clientId) : undefined,
    filter.payrollRunId ? eq(remittances.payrollRunId, filter.payrollRunId) : undefined,
    filter.status ? eq(remittances.status, filter.status) : undefined,
    filter.kind ? eq(remittances.kind, filter.kind) : undefined,
    filter.dueBefore ? lt(remittances.dueOn, filter.dueBefore) : undefined,
    filter.updatedSince ? gte(remittances.updatedAt, filter.updatedSince) : undefined,
  );
}

const PAYMENT_KINDS = ["NET_PAY", "CONTRACTOR_PAYMENT"] as const;

/**
 * All SQL about remittances. Reads for callers carry the caller's tenant filter; the methods used by the
 * approval, the sandbox transitions and the payment rail work on one run or remittance id that the calling
 * service has already checked against the caller's tenants (or run as the system, for the rail).
 */
export const remittanceRepository = {
  async findByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<RemittanceRow[]> {
    /* remittances.findByIds */
    return db
      .select()
      .from(remittances)
      .where(and(tenantFilter(remittances.clientId, scope), inArray(remittances.id, [...ids])));
  },

  async page(db: Db, scope: TenantScope, filter: RemittanceFilter, request: PageRequest): Promise<RemittanceRow[]> {
    /* remittances.page */
    const q = keyset(remittances.id, request, filterSql(scope, filter));
    return db.select().from(remittances).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },

  async count(db: Db, scope: TenantScope, filter: RemittanceFilter): Promise<number> {
    /* remittances.count */
    const [row] = await db.select({ n: count() }).from(remittances).where(filterSql(scope, filter));
    return row.n;
  },

  async pageOfRuns(db: Db, scope: TenantScope, runIds: readonly string[], request: PageRequest): Promise<RemittanceRow[]> {
    /* remittances.pageOfRuns: one page of remittances for each run, ordered by (run, rank) */
    return selectPagesPerParent(db, remittances, undefined, remittances.payrollRunId, remittances.id, runIds, request, tenantFilter(remittances.clientId, scope));
  },

  async countsOfRuns(db: Db, scope: TenantScope, runIds: readonly string[]) {
    /* remittances.countsOfRuns */
    return db
      .select({ parentId: remittances.payrollRunId, n: count() })
      .from(remittances)
      .where(and(tenantFilter(remittances.clientId, scope), inArray(remittances.payrollRunId, [...runIds])))
      .groupBy(remittances.payrollRunId);
  },

  // ---- scheduling (inside the approval transaction) ----

  /** Payee names of a run's workers: the legal name, as a bank payment needs it. */
  /** Carrier names of benefit plans (BENEFIT_CARRIER payees): organizations, never a person. */
  async planPayeeNames(tx: Db, planIds: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const ids of chunks(planIds)) {
      /* remittances.planPayeeNames */
      const rows = await tx.select({ id: benefitPlans.id, carrierName: benefitPlans.carrierName }).from(benefitPlans).where(inArray(benefitPlans.id, ids));
      for (const r of rows) names.set(r.id, r.carrierName);
    }
    return names;
  },

  async workerPayeeNames(tx: Db, clientId: string, workerIds: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const ids of chunks(workerIds)) {
      /* remittances.workerPayeeNames */
      const rows = await tx
        .select({ id: workers.id, first: workers.legalFirstName, last: workers.legalLastName })
        .from(workers)
        .where(and(eq(workers.clientId, clientId), inArray(workers.id, ids)));
      for (const r of rows) names.set(r.id, `${r.first} ${r.last}`);
    }
    return names;
  },

  /**
   * Serializes schedulers of one employer entity and pay date until commit, so the $100,000 next-day rule sees
   * every other run's federal liability of that day (two approvals at once cannot both miss each other).
   */
  async lockDepositDay(tx: Db, employerEntityId: string, payDate: string): Promise<void> {
    /* remittances.lockDepositDay */
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`deposit-day:${employerEntityId}:${payDate}`}, 0))`);
  },

  /** Form 941 liability (`IRS` tax remittances) already scheduled by other runs of the entity on that pay date, in cents. */
  async federalLiabilityOnDay(tx: Db, employerEntityId: string, payDate: string, exceptRunId: string): Promise<number> {
    /* remittances.federalLiabilityOnDay */
    const [row] = await tx
      .select({ total: sum(remittances.amount) })
      .from(remittances)
      .innerJoin(payrollRuns, eq(payrollRuns.id, remittances.payrollRunId))
      .where(
        and(
          eq(payrollRuns.employerEntityId, employerEntityId),
          eq(payrollRuns.payDate, payDate),
          ne(payrollRuns.id, exceptRunId),
          eq(remittances.kind, "TAX"),
          eq(remittances.payeeKey, "IRS"),
        ),
      );
    return Number(row?.total ?? 0);
  },

  /** Inserts remittances; an existing (run, kind, payee) is left alone. Returns the rows actually created. */
  async insertNew(tx: Db, rows: readonly NewRemittance[]): Promise<RemittanceRow[]> {
    const created: RemittanceRow[] = [];
    for (const batch of chunks(rows)) {
      /* remittances.insertNew: ON CONFLICT (run, kind, payee_key) DO NOTHING makes a second scheduling a no-op */
      created.push(
        ...(await tx
          .insert(remittances)
          .values(batch)
          .onConflictDoNothing({ target: [remittances.payrollRunId, remittances.kind, remittances.payeeKey] })
          .returning()),
      );
    }
    return created;
  },

  async insertItems(tx: Db, items: readonly NewRemittanceItem[]): Promise<void> {
    for (const batch of chunks(items, 5000)) {
      /* remittances.insertItems */
      await tx.insert(remittanceItems).values(batch);
    }
  },

  /** The statement lines a remittance pays (tests and audits). */
  async itemsOf(db: Db, scope: TenantScope, remittanceId: string) {
    /* remittances.itemsOf */
    return db
      .select()
      .from(remittanceItems)
      .where(and(tenantFilter(remittanceItems.clientId, scope), eq(remittanceItems.remittanceId, remittanceId)))
      .orderBy(asc(remittanceItems.payStatementLineId));
  },

  // ---- transitions ----

  /** One remittance by id, no tenant filter: for services that checked the tenant, and for the system rail. */
  async findById(tx: Db, id: string): Promise<RemittanceRow | null> {
    /* remittances.findById */
    const [row] = await tx.select().from(remittances).where(eq(remittances.id, id));
    return row ?? null;
  },

  /** Conditional transition: `UPDATE … WHERE id = $1 AND status = $from`. Null when the status was no longer `from`. */
  async transition(tx: Db, id: string, from: RemittanceStatus, to: RemittanceStatus, changes: RemittanceChanges): Promise<RemittanceRow | null> {
    /* remittances.transition */
    const [row] = await tx
      .update(remittances)
      .set({ ...changes, status: to, version: sql`${remittances.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(remittances.id, id), eq(remittances.status, from)))
      .returning();
    return row ?? null;
  },

  /** Ids of a run's remittances in a status (the rail: SCHEDULED to submit; SUBMITTED before `submittedBefore` to confirm). */
  async idsOfRunInStatus(tx: Db, runId: string, status: RemittanceStatus, submittedBefore?: Date): Promise<string[]> {
    /* remittances.idsOfRunInStatus */
    const rows = await tx
      .select({ id: remittances.id })
      .from(remittances)
      .where(and(eq(remittances.payrollRunId, runId), eq(remittances.status, status), submittedBefore ? lte(remittances.submittedAt, submittedBefore) : undefined))
      .orderBy(asc(remittances.id));
    return rows.map((r) => r.id);
  },

  /** Net pay and contractor payments of a run, by status. */
  async paymentStatusCounts(tx: Db, runId: string): Promise<{ total: number; confirmed: number; failed: number }> {
    /* remittances.paymentStatusCounts */
    const rows = await tx
      .select({ status: remittances.status, n: count() })
      .from(remittances)
      .where(and(eq(remittances.payrollRunId, runId), inArray(remittances.kind, [...PAYMENT_KINDS])))
      .groupBy(remittances.status);
    const of = (s: RemittanceStatus) => rows.find((r) => r.status === (s as string))?.n ?? 0;
    return { total: rows.reduce((n, r) => n + r.n, 0), confirmed: of(RemittanceStatus.CONFIRMED), failed: of(RemittanceStatus.FAILED) };
  },

  /**
   * Runs the sandbox rail has work on: FUNDED runs (to start paying), and runs whose remittances are SCHEDULED or
   * SUBMITTED after funding (PAYING, and PAID / PARTIALLY_PAID runs whose taxes are still pending).
   */
  async railRuns(db: Db, limit: number, clientId?: string): Promise<string[]> {
    /* remittances.railRuns */
    const rows = await db
      .select({ id: payrollRuns.id })
      .from(payrollRuns)
      .where(
        and(
          clientId ? eq(payrollRuns.clientId, clientId) : undefined,
          or(
            eq(payrollRuns.status, "FUNDED"),
            and(
              inArray(payrollRuns.status, ["PAYING", "PAID", "PARTIALLY_PAID"]),
              sql`exists (select 1 from ${remittances} r where r.payroll_run_id = ${payrollRuns.id} and r.status in ('SCHEDULED', 'SUBMITTED'))`,
            ),
          ),
        ),
      )
      .orderBy(asc(payrollRuns.id))
      .limit(limit);
    return rows.map((r) => r.id);
  },
};
