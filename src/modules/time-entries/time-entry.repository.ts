import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { timeEntries } from "./time-entry.table";
import type { TimeEntryRow } from "./time-entry.type";

export type TimeEntryInsert = typeof timeEntries.$inferInsert;

export interface TimeEntryRange {
  from: string;
  to: string;
  type: TimeEntryRow["type"] | null;
}

/** All SQL about time entries. Every query carries the caller's tenant filter. */
export const timeEntryRepository = {
  /**
   * Serializes the writers of these engagement-days until the transaction ends (transaction-level advisory locks, in
   * one order so that two calls cannot deadlock; one statement whatever the number of days): the entries read after it are the ones the upsert replaces, so an
   * event's `previousHours` is exactly the hours the previous writer left.
   */
  async lockEngagementDays(db: Db, days: readonly { engagementId: string; workDate: string }[]): Promise<void> {
    const keys = [...new Set(days.map((d) => `time-entries:${d.engagementId}:${d.workDate}`))].sort();
    if (keys.length === 0) return;
    /* timeEntries.lockEngagementDays: one statement, the locks taken in the array's (sorted) order */
    await db.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(key, 0)) from unnest(array[${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )}]::text[]) with ordinality as k(key, n) order by n`,
    );
  },

  /** The stored entries of these engagements on these dates (a superset of the keys: the caller matches exactly). */
  async existing(db: Db, scope: TenantScope, engagementIds: readonly string[], dates: readonly string[]): Promise<TimeEntryRow[]> {
    /* timeEntries.existing */
    return db
      .select()
      .from(timeEntries)
      .where(and(tenantFilter(timeEntries.clientId, scope), inArray(timeEntries.engagementId, [...engagementIds]), inArray(timeEntries.workDate, [...dates])));
  },

  /**
   * One multi-row upsert for the whole batch: a new (engagement, date, type) is inserted; an existing one gets
   * the new hours only when they differ (`setWhere`), so sending the same batch again writes nothing. Returns the
   * rows inserted or changed.
   */
  async upsert(db: Db, rows: readonly TimeEntryInsert[]): Promise<TimeEntryRow[]> {
    if (rows.length === 0) return [];
    /* timeEntries.upsert */
    return db
      .insert(timeEntries)
      .values([...rows])
      .onConflictDoUpdate({
        target: [timeEntries.engagementId, timeEntries.workDate, timeEntries.type],
        set: { hundredthsOfHours: sql`excluded.hundredths_of_hours`, updatedAt: sql`now()` },
        setWhere: sql`${timeEntries.hundredthsOfHours} <> excluded.hundredths_of_hours`,
      })
      .returning();
  },

  /** Entries of many engagements in one date range (`Engagement.timeEntries` for a page of engagements). */
  async ofEngagements(db: Db, scope: TenantScope, engagementIds: readonly string[], range: TimeEntryRange): Promise<TimeEntryRow[]> {
    /* timeEntries.ofEngagements */
    return db
      .select()
      .from(timeEntries)
      .where(
        and(
          tenantFilter(timeEntries.clientId, scope),
          inArray(timeEntries.engagementId, [...engagementIds]),
          gte(timeEntries.workDate, range.from),
          lte(timeEntries.workDate, range.to),
          range.type ? eq(timeEntries.type, range.type) : undefined,
        ),
      )
      .orderBy(asc(timeEntries.engagementId), asc(timeEntries.workDate), asc(timeEntries.type));
  },
};
