import { and, count, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { keyset } from "../../db/keyset";
import { selectPagesPerParent } from "../../db/keyset-per-parent";
import type { PageRequest } from "../../shared/pagination";
import { payPeriods, paySchedules } from "./pay-schedule.table";
import type { PayPeriodRow, PayScheduleRow } from "./pay-schedule.type";

export type { PayPeriodRow, PayScheduleRow };

export interface PayScheduleFilter {
  clientId?: string | null;
  updatedSince?: Date | null;
}

export interface PayPeriodFilter {
  clientId?: string | null;
  payScheduleId?: string | null;
  /** Periods that end on or after this date. */
  from?: string | null;
  /** Periods that start on or before this date. */
  to?: string | null;
  updatedSince?: Date | null;
}

function scheduleFilterSql(scope: TenantScope, filter: PayScheduleFilter) {
  return and(
    tenantFilter(paySchedules.clientId, scope),
    filter.clientId ? eq(paySchedules.clientId, filter.clientId) : undefined,
    filter.updatedSince ? gte(paySchedules.updatedAt, filter.updatedSince) : undefined,
  );
}

function periodFilterSql(scope: TenantScope, filter: PayPeriodFilter) {
  return and(
    tenantFilter(payPeriods.clientId, scope),
    filter.clientId ? eq(payPeriods.clientId, filter.clientId) : undefined,
    filter.payScheduleId ? eq(payPeriods.payScheduleId, filter.payScheduleId) : undefined,
    filter.from ? gte(payPeriods.endDate, filter.from) : undefined,
    filter.to ? lte(payPeriods.startDate, filter.to) : undefined,
    filter.updatedSince ? gte(payPeriods.updatedAt, filter.updatedSince) : undefined,
  );
}

/** All SQL about pay schedules and their periods. Every query carries the caller's tenant filter. */
export const payScheduleRepository = {
  async findByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<PayScheduleRow[]> {
    /* paySchedules.findByIds */
    return db
      .select()
      .from(paySchedules)
      .where(and(tenantFilter(paySchedules.clientId, scope), inArray(paySchedules.id, [...ids])));
  },

  async page(db: Db, scope: TenantScope, filter: PayScheduleFilter, request: PageRequest): Promise<PayScheduleRow[]> {
    /* paySchedules.page */
    const q = keyset(paySchedules.id, request, scheduleFilterSql(scope, filter));
    return db.select().from(paySchedules).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },

  async count(db: Db, scope: TenantScope, filter: PayScheduleFilter): Promise<number> {
    /* paySchedules.count */
    const [row] = await db.select({ n: count() }).from(paySchedules).where(scheduleFilterSql(scope, filter));
    return row.n;
  },

  async pageOfClients(db: Db, scope: TenantScope, clientIds: readonly string[], request: PageRequest): Promise<PayScheduleRow[]> {
    /* paySchedules.pageOfClients: one page of schedules for each client, ordered by (client, rank) */
    return selectPagesPerParent(db, paySchedules, undefined, paySchedules.clientId, paySchedules.id, clientIds, request, tenantFilter(paySchedules.clientId, scope));
  },

  async countsOfClients(db: Db, scope: TenantScope, clientIds: readonly string[]) {
    /* paySchedules.countsOfClients */
    return db
      .select({ parentId: paySchedules.clientId, n: count() })
      .from(paySchedules)
      .where(and(tenantFilter(paySchedules.clientId, scope), inArray(paySchedules.clientId, [...clientIds])))
      .groupBy(paySchedules.clientId);
  },

  /** The client's schedule with this name (other than `exceptId`), among the caller's tenants, or null. */
  async idByName(db: Db, scope: TenantScope, clientId: string, name: string, exceptId?: string): Promise<string | null> {
    /* paySchedules.idByName */
    const [row] = await db
      .select({ id: paySchedules.id })
      .from(paySchedules)
      .where(
        and(tenantFilter(paySchedules.clientId, scope), eq(paySchedules.clientId, clientId), eq(paySchedules.name, name), exceptId ? ne(paySchedules.id, exceptId) : undefined),
      )
      .limit(1);
    return row?.id ?? null;
  },

  /** The row for an update, locked until the transaction ends. */
  async lockById(tx: Db, scope: TenantScope, id: string): Promise<PayScheduleRow | null> {
    /* paySchedules.lockById */
    const [row] = await tx
      .select()
      .from(paySchedules)
      .where(and(tenantFilter(paySchedules.clientId, scope), eq(paySchedules.id, id)))
      .for("update");
    return row ?? null;
  },

  /** Optimistic update of the columns `updatePaySchedule` changes; null when nothing matched. */
  async update(tx: Db, scope: TenantScope, id: string, expectedVersion: number, changes: Partial<Pick<PayScheduleRow, "name">>): Promise<PayScheduleRow | null> {
    /* paySchedules.update */
    const [updated] = await tx
      .update(paySchedules)
      .set({ ...changes, version: sql`${paySchedules.version} + 1`, updatedAt: sql`now()` })
      .where(and(tenantFilter(paySchedules.clientId, scope), eq(paySchedules.id, id), eq(paySchedules.version, expectedVersion)))
      .returning();
    return updated ?? null;
  },

  async insert(db: Db, schedule: typeof paySchedules.$inferInsert, periods: (typeof payPeriods.$inferInsert)[]): Promise<{ schedule: PayScheduleRow; periods: PayPeriodRow[] }> {
    /* paySchedules.insert */
    const [created] = await db.insert(paySchedules).values(schedule).returning();
    /* payPeriods.insertMany */
    const createdPeriods = periods.length > 0 ? await db.insert(payPeriods).values(periods).returning() : [];
    return { schedule: created, periods: createdPeriods };
  },

  async periodsByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<PayPeriodRow[]> {
    /* payPeriods.findByIds */
    return db
      .select()
      .from(payPeriods)
      .where(and(tenantFilter(payPeriods.clientId, scope), inArray(payPeriods.id, [...ids])));
  },

  async periodsPage(db: Db, scope: TenantScope, filter: PayPeriodFilter, request: PageRequest): Promise<PayPeriodRow[]> {
    /* payPeriods.page */
    const q = keyset(payPeriods.id, request, periodFilterSql(scope, filter));
    return db.select().from(payPeriods).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },

  async periodsCount(db: Db, scope: TenantScope, filter: PayPeriodFilter): Promise<number> {
    /* payPeriods.count */
    const [row] = await db.select({ n: count() }).from(payPeriods).where(periodFilterSql(scope, filter));
    return row.n;
  },

  async periodsPageOfSchedules(db: Db, scope: TenantScope, scheduleIds: readonly string[], request: PageRequest): Promise<PayPeriodRow[]> {
    /* payPeriods.pageOfSchedules: one page of periods for each schedule, ordered by (schedule, rank) */
    return selectPagesPerParent(db, payPeriods, undefined, payPeriods.payScheduleId, payPeriods.id, scheduleIds, request, tenantFilter(payPeriods.clientId, scope));
  },

  async periodCountsOfSchedules(db: Db, scope: TenantScope, scheduleIds: readonly string[]) {
    /* payPeriods.countsOfSchedules */
    return db
      .select({ parentId: payPeriods.payScheduleId, n: count() })
      .from(payPeriods)
      .where(and(tenantFilter(payPeriods.clientId, scope), inArray(payPeriods.payScheduleId, [...scheduleIds])))
      .groupBy(payPeriods.payScheduleId);
  },
};
