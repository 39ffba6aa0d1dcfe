import { and, asc, count, desc, eq, getTableColumns, gt, gte, inArray, isNull, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { keyset } from "../../db/keyset";
import { anyUuid, keysetShape, keysetValues, preparedSelect, preparedTenantFilter, tenantShape, tenantValue } from "../../db/prepared";
import { pagesByParent, selectPagesPerParent } from "../../db/keyset-per-parent";
import type { Page, PageRequest } from "../../shared/pagination";
import { compensations, engagements } from "./engagement.table";
import { clients } from "../clients/client.table";
import type { ClientRow } from "../clients/client.repository";
import type { EngagementRow } from "./engagement.type";
import type { CompensationRow } from "./compensation.type";
import type { EngagementStatusValue } from "./engagement-status";

export interface EngagementFilter {
  clientId?: string | null;
  workerId?: string | null;
  status?: EngagementStatusValue | null;
  workJurisdiction?: string | null;
  classification?: EngagementRow["classification"] | null;
  updatedSince?: Date | null;
}

/** Columns `updateEngagement` may change (the service validates them first). */
export type EngagementChanges = Partial<Pick<EngagementRow, "title" | "externalId" | "payScheduleId" | "exempt" | "workLocality" | "scheduledHundredthsPerWeek">>;

/** Not ended: neither terminated by `endEngagement` nor past a planned end date (see engagement-status.ts). */
function openSql(today: string): SQL {
  return and(ne(engagements.status, "ENDED"), or(isNull(engagements.endDate), gte(engagements.endDate, today)))!;
}

/** The SQL twin of `deriveEngagementStatus`. */
function statusSql(status: EngagementStatusValue, today: string): SQL {
  switch (status) {
    case "ENDED":
      return or(eq(engagements.status, "ENDED"), lt(engagements.endDate, today))!;
    case "PENDING":
      return and(openSql(today), gt(engagements.startDate, today))!;
    case "ACTIVE":
      return and(openSql(today), lte(engagements.startDate, today))!;
  }
}

function filterSql(scope: TenantScope, filter: EngagementFilter, today: string) {
  return and(
    tenantFilter(engagements.clientId, scope),
    filter.clientId ? eq(engagements.clientId, filter.clientId) : undefined,
    filter.workerId ? eq(engagements.workerId, filter.workerId) : undefined,
    filter.status ? statusSql(filter.status, today) : undefined,
    filter.workJurisdiction ? eq(engagements.workJurisdiction, filter.workJurisdiction) : undefined,
    filter.classification ? eq(engagements.classification, filter.classification) : undefined,
    filter.updatedSince ? gte(engagements.updatedAt, filter.updatedSince) : undefined,
  );
}

/** The inclusive date ranges [start, end] (end null = open-ended) overlap: the `engagements_no_overlap` test. */
function overlapsSql(startDate: string, endDate: string | null): SQL {
  return sql`daterange(${engagements.startDate}, ${engagements.endDate}, '[]') && daterange(${startDate}::date, ${endDate}::date, '[]')`;
}

/**
 * The compensation in effect on `greatest(:today, startDate)` of the engagement of the outer row (see
 * `currentByEngagementIds`), as a lateral subquery.
 */
function currentCompensationOfEngagement(db: Db) {
  return db
    .select(getTableColumns(compensations))
    .from(compensations)
    .where(
      and(
        eq(compensations.engagementId, engagements.id),
        eq(compensations.clientId, engagements.clientId),
        lte(compensations.effectiveFrom, sql`greatest(${sql.placeholder("today")}::date, ${engagements.startDate})`),
      ),
    )
    .orderBy(desc(compensations.effectiveFrom))
    .limit(1)
    .as("current_compensation");
}

/** A worker's engagement with what a page of them shows beside it: its client and its current compensation. */
export interface EngagementWithRelations {
  /** Each part has every column, or only its summary's when the page asked for it (`EngagementPageColumns`). */
  engagement: EngagementRow | EngagementSummaryRow;
  client: ClientRow | ClientSummaryRow;
  compensation: CompensationRow | CompensationSummaryRow | null;
}

/**
 * The columns of an engagement that its summary fields need (`ENGAGEMENT_PAGE_SUMMARY`, engagement.type.ts). The
 * other twelve (ids of the employer entity and pay schedule, classification, timestamps, …) are most of what a
 * page's rows cost to send, decode and keep until the answer is written.
 */
export const ENGAGEMENT_SUMMARY_COLUMNS = {
  id: engagements.id,
  clientId: engagements.clientId,
  workerId: engagements.workerId,
  externalId: engagements.externalId,
  title: engagements.title,
  workJurisdiction: engagements.workJurisdiction,
  status: engagements.status,
  startDate: engagements.startDate,
  endDate: engagements.endDate,
};
/** The columns of the engagement's client that its summary fields need (`ENGAGEMENT_PAGE_SUMMARY.client`). */
export const CLIENT_SUMMARY_COLUMNS = { id: clients.id, name: clients.name, externalId: clients.externalId, status: clients.status };

export type EngagementSummaryRow = Pick<EngagementRow, keyof typeof ENGAGEMENT_SUMMARY_COLUMNS>;
export type ClientSummaryRow = Pick<ClientRow, keyof typeof CLIENT_SUMMARY_COLUMNS>;
export type CompensationSummaryRow = Omit<CompensationRow, "reason" | "createdAt" | "updatedAt">;

/**
 * Which columns a page of a worker's engagements reads of each part: every one, or the summary's (which the page's
 * selection decides: `ENGAGEMENT_PAGE_SUMMARY`). A part read as a summary is never primed into a loader, whose
 * callers expect whole rows.
 */
export interface EngagementPageColumns {
  engagement: "all" | "summary";
  client: "all" | "summary";
  compensation: "all" | "summary";
}

/** Every column of every part. */
export const ALL_ENGAGEMENT_PAGE_COLUMNS: EngagementPageColumns = { engagement: "all", client: "all", compensation: "all" };

/** The columns as a string: one statement shape (and one DataLoader batch) per distinct value. */
export function engagementPageColumnsKey(columns: EngagementPageColumns): string {
  return `${columns.engagement}/${columns.client}/${columns.compensation}`;
}

/** The page of a worker's engagements `pagesByWorkerIds` is asked for: who, which page and which columns (one shape per statement). */
interface WorkerPagesInput {
  scope: TenantScope;
  request: PageRequest;
  columns: EngagementPageColumns;
}

/**
 * `pagesByWorkerIds` (the `engagementsPageByWorker` loader, `Worker.engagements`), built once per tenant shape and
 * page shape (src/db/prepared.ts): one keyset page per worker of a batch, ranked per worker with `row_number()` in
 * the page's direction and cut at the page's `limit + 1`, so a worker with a long history costs a page, not its whole
 * history. The client (the engagement's own tenant key: visible exactly when the engagement is) and the current
 * compensation come in the same statement, so a page of workers with their engagements' clients and compensations
 * is two statements instead of four.
 */
const engagementPagesByWorkerIds = preparedSelect<WorkerPagesInput, EngagementWithRelations>(
  "engagement_pages_by_worker_ids",
  ({ scope, request, columns }) => `${tenantShape(scope)} ${keysetShape(request)} ${engagementPageColumnsKey(columns)}`,
  (db, { scope, request, columns }) => {
    const direction = sql.raw(request.direction === "forward" ? "asc" : "desc");
    const ranked = db
      .select({ id: engagements.id, rank: sql<number>`row_number() over (partition by ${engagements.workerId} order by ${engagements.id} ${direction})`.as("rank") })
      .from(engagements)
      .where(
        and(
          preparedTenantFilter(engagements.clientId, tenantShape(scope)),
          anyUuid(engagements.workerId, "workerIds"),
          request.afterId !== null ? gt(engagements.id, sql.placeholder("afterId")) : undefined,
          request.beforeId !== null ? lt(engagements.id, sql.placeholder("beforeId")) : undefined,
        ),
      )
      .as("ranked");
    const current = currentCompensationOfEngagement(db);
    const { id, clientId, engagementId, basis, amount, currency, effectiveFrom, reason, createdAt, updatedAt } = current; // every column (CompensationRow)
    const compensationSummary = { id, clientId, engagementId, basis, amount, currency, effectiveFrom };
    return db
      .select({
        engagement: columns.engagement === "summary" ? ENGAGEMENT_SUMMARY_COLUMNS : getTableColumns(engagements),
        client: columns.client === "summary" ? CLIENT_SUMMARY_COLUMNS : getTableColumns(clients),
        compensation: columns.compensation === "summary" ? compensationSummary : { ...compensationSummary, reason, createdAt, updatedAt },
      })
      .from(engagements)
      .innerJoin(ranked, eq(ranked.id, engagements.id))
      .innerJoin(clients, eq(clients.id, engagements.clientId))
      .leftJoinLateral(current, sql`true`)
      .where(lte(ranked.rank, sql.placeholder("limit")))
      .orderBy(asc(engagements.workerId), asc(ranked.rank));
  },
);

/** `currentByEngagementIds` (`Engagement.currentCompensation`), built once (src/db/prepared.ts). */
const currentCompensations = preparedSelect<TenantScope, CompensationRow>("current_compensations", tenantShape, (db, scope) =>
  db
    .selectDistinctOn([compensations.engagementId], getTableColumns(compensations))
    .from(compensations)
    .innerJoin(engagements, and(eq(engagements.id, compensations.engagementId), eq(engagements.clientId, compensations.clientId)))
    .where(
      and(
        preparedTenantFilter(compensations.clientId, tenantShape(scope)),
        anyUuid(compensations.engagementId, "engagementIds"),
        lte(compensations.effectiveFrom, sql`greatest(${sql.placeholder("today")}::date, ${engagements.startDate})`),
      ),
    )
    .orderBy(compensations.engagementId, desc(compensations.effectiveFrom)),
);

/** All SQL about engagements. Every query carries the caller's tenant filter. */
export const engagementRepository = {
  async findByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<EngagementRow[]> {
    /* engagements.findByIds */
    return db
      .select()
      .from(engagements)
      .where(and(tenantFilter(engagements.clientId, scope), inArray(engagements.id, [...ids])));
  },

  /**
   * One page of engagements for each of several workers, in one statement (`Worker.engagements`): the rows of every
   * page (at most `limit + 1` each, to know whether more follow), ordered by worker and then in the page's direction,
   * each with its client and its compensation in effect on `today` (as `currentByEngagementIds` finds it).
   */
  async pagesByWorkerIds(
    db: Db,
    scope: TenantScope,
    workerIds: readonly string[],
    request: PageRequest,
    today: string,
    columns: EngagementPageColumns = ALL_ENGAGEMENT_PAGE_COLUMNS,
  ): Promise<EngagementWithRelations[]> {
    /* engagements.pagesByWorkerIds */
    if (workerIds.length === 0) return [];
    return engagementPagesByWorkerIds(db, { scope, request, columns }, { tenants: tenantValue(scope), workerIds: [...workerIds], today, ...keysetValues(request) });
  },

  /** Number of each worker's engagements the caller may see (`Worker.engagements.totalCount`). */
  async countByWorkerIds(db: Db, scope: TenantScope, workerIds: readonly string[]): Promise<Map<string, number>> {
    /* engagements.countByWorkerIds */
    const rows = await db
      .select({ workerId: engagements.workerId, n: count() })
      .from(engagements)
      .where(and(tenantFilter(engagements.clientId, scope), inArray(engagements.workerId, [...workerIds])))
      .groupBy(engagements.workerId);
    return new Map(rows.map((r) => [r.workerId, r.n]));
  },

  async lockById(tx: Db, scope: TenantScope, id: string): Promise<EngagementRow | null> {
    /* engagements.lockById */
    const [row] = await tx
      .select()
      .from(engagements)
      .where(and(tenantFilter(engagements.clientId, scope), eq(engagements.id, id)))
      .for("update");
    return row ?? null;
  },

  async page(db: Db, scope: TenantScope, filter: EngagementFilter, request: PageRequest, today: string): Promise<EngagementRow[]> {
    /* engagements.page */
    const q = keyset(engagements.id, request, filterSql(scope, filter, today));
    return db.select().from(engagements).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },

  async count(db: Db, scope: TenantScope, filter: EngagementFilter, today: string): Promise<number> {
    /* engagements.count */
    const [row] = await db
      .select({ n: count() })
      .from(engagements)
      .where(filterSql(scope, filter, today));
    return row.n;
  },

  /** One page of engagements for each of several clients, in one statement (`Client.engagements`). */
  async pageByClients(db: Db, scope: TenantScope, clientIds: readonly string[], filter: EngagementFilter, request: PageRequest, today: string): Promise<Page<EngagementRow>[]> {
    /* engagements.pageByClients */
    const rows = await selectPagesPerParent<EngagementRow>(db, engagements, undefined, engagements.clientId, engagements.id, clientIds, request, filterSql(scope, filter, today));
    return pagesByParent(rows, (r) => r.clientId, clientIds, request);
  },

  async countByClients(db: Db, scope: TenantScope, clientIds: readonly string[], filter: EngagementFilter, today: string): Promise<Map<string, number>> {
    /* engagements.countByClients */
    const rows = await db
      .select({ clientId: engagements.clientId, n: count() })
      .from(engagements)
      .where(and(filterSql(scope, filter, today), inArray(engagements.clientId, [...clientIds])))
      .groupBy(engagements.clientId);
    return new Map(rows.map((r) => [r.clientId, r.n]));
  },

  /** Another engagement of the worker with the client over these dates (the exclusion constraint, checked first). */
  async findOverlapping(
    tx: Db,
    clientId: string,
    workerId: string,
    startDate: string,
    endDate: string | null,
    exceptId?: string,
  ): Promise<Pick<EngagementRow, "id" | "startDate" | "endDate"> | null> {
    /* engagements.findOverlapping: the caller has already checked access to the worker */
    const [row] = await tx
      .select({ id: engagements.id, startDate: engagements.startDate, endDate: engagements.endDate })
      .from(engagements)
      .where(and(eq(engagements.clientId, clientId), eq(engagements.workerId, workerId), overlapsSql(startDate, endDate), exceptId ? ne(engagements.id, exceptId) : undefined))
      .limit(1);
    return row ?? null;
  },

  async hasOpenEngagement(tx: Db, scope: TenantScope, workerId: string, today: string): Promise<boolean> {
    /* engagements.hasOpenEngagement */
    const rows = await tx
      .select({ id: engagements.id })
      .from(engagements)
      .where(and(tenantFilter(engagements.clientId, scope), eq(engagements.workerId, workerId), openSql(today)))
      .limit(1);
    return rows.length > 0;
  },

  /** The client's engagement holding this externalId (other than `exceptId`), among the caller's tenants, or null. */
  async idByExternalId(tx: Db, scope: TenantScope, clientId: string, externalId: string, exceptId?: string): Promise<string | null> {
    /* engagements.idByExternalId */
    const [row] = await tx
      .select({ id: engagements.id })
      .from(engagements)
      .where(
        and(
          tenantFilter(engagements.clientId, scope),
          eq(engagements.clientId, clientId),
          eq(engagements.externalId, externalId),
          exceptId ? ne(engagements.id, exceptId) : undefined,
        ),
      )
      .limit(1);
    return row?.id ?? null;
  },

  /** The work jurisdictions of the client's PEO engagements that have not ended (what its legal entities must cover). */
  async openPeoJurisdictions(tx: Db, scope: TenantScope, clientId: string, today: string): Promise<string[]> {
    /* engagements.openPeoJurisdictions */
    const rows = await tx
      .selectDistinct({ workJurisdiction: engagements.workJurisdiction })
      .from(engagements)
      .where(and(tenantFilter(engagements.clientId, scope), eq(engagements.clientId, clientId), eq(engagements.employmentModel, "PEO"), openSql(today)));
    return rows.map((r) => r.workJurisdiction);
  },

  async insert(tx: Db, row: typeof engagements.$inferInsert): Promise<EngagementRow> {
    /* engagements.insert */
    const [created] = await tx.insert(engagements).values(row).returning();
    return created;
  },

  /** Terminates the engagement (optimistic when `expectedVersion` is given); null when nothing matched. */
  async end(
    tx: Db,
    scope: TenantScope,
    id: string,
    expectedVersion: number | null,
    endDate: string,
    endReason: string | null,
    terminationReason: string | null = null,
  ): Promise<EngagementRow | null> {
    /* engagements.end */
    const [updated] = await tx
      .update(engagements)
      .set({ status: "ENDED", endDate, endReason, terminationReason, version: sql`${engagements.version} + 1`, updatedAt: sql`now()` })
      .where(and(tenantFilter(engagements.clientId, scope), eq(engagements.id, id), expectedVersion !== null ? eq(engagements.version, expectedVersion) : undefined))
      .returning();
    return updated ?? null;
  },

  /** Optimistic update of the columns `updateEngagement` changes; null when nothing matched. */
  async update(tx: Db, scope: TenantScope, id: string, expectedVersion: number, changes: EngagementChanges): Promise<EngagementRow | null> {
    /* engagements.update */
    const [updated] = await tx
      .update(engagements)
      .set({ ...changes, version: sql`${engagements.version} + 1`, updatedAt: sql`now()` })
      .where(and(tenantFilter(engagements.clientId, scope), eq(engagements.id, id), eq(engagements.version, expectedVersion)))
      .returning();
    return updated ?? null;
  },

  /** Sets the classification (`changeClassification`, under the row lock); bumps the version. */
  async changeClassification(tx: Db, scope: TenantScope, id: string, classification: EngagementRow["classification"]): Promise<EngagementRow> {
    /* engagements.changeClassification */
    const [updated] = await tx
      .update(engagements)
      .set({ classification, version: sql`${engagements.version} + 1`, updatedAt: sql`now()` })
      .where(and(tenantFilter(engagements.clientId, scope), eq(engagements.id, id)))
      .returning();
    return updated;
  },

  /** A compensation change is a change of the engagement: bump its version and `updatedAt` for incremental sync. */
  async touch(tx: Db, scope: TenantScope, id: string): Promise<EngagementRow> {
    /* engagements.touch */
    const [updated] = await tx
      .update(engagements)
      .set({ version: sql`${engagements.version} + 1`, updatedAt: sql`now()` })
      .where(and(tenantFilter(engagements.clientId, scope), eq(engagements.id, id)))
      .returning();
    return updated;
  },
};

/** All SQL about compensations. Every query carries the caller's tenant filter. */
export const compensationRepository = {
  async findByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<CompensationRow[]> {
    /* compensations.findByIds */
    return db
      .select()
      .from(compensations)
      .where(and(tenantFilter(compensations.clientId, scope), inArray(compensations.id, [...ids])));
  },

  /** Every compensation of several engagements, oldest effective date first. */
  async findByEngagementIds(db: Db, scope: TenantScope, engagementIds: readonly string[]): Promise<CompensationRow[]> {
    /* compensations.findByEngagementIds */
    return db
      .select()
      .from(compensations)
      .where(and(tenantFilter(compensations.clientId, scope), inArray(compensations.engagementId, [...engagementIds])))
      .orderBy(asc(compensations.engagementId), asc(compensations.effectiveFrom));
  },

  /**
   * The compensation in effect for each engagement on `greatest(today, startDate)`: today's for a started
   * engagement, the one it starts with for a pending one, the last one for an ended one (effective dates never
   * pass the end date). One statement with DISTINCT ON.
   */
  async currentByEngagementIds(db: Db, scope: TenantScope, engagementIds: readonly string[], today: string): Promise<CompensationRow[]> {
    /* compensations.currentByEngagementIds */
    return currentCompensations(db, scope, { tenants: tenantValue(scope), engagementIds: [...engagementIds], today });
  },

  async countForEngagement(tx: Db, engagementId: string): Promise<number> {
    /* compensations.countForEngagement */
    const [row] = await tx.select({ n: count() }).from(compensations).where(eq(compensations.engagementId, engagementId));
    return row.n;
  },

  /** The engagement's compensation taking effect on that date, among the caller's tenants, or null. */
  async idOn(tx: Db, scope: TenantScope, engagementId: string, effectiveFrom: string): Promise<string | null> {
    /* compensations.idOn */
    const [row] = await tx
      .select({ id: compensations.id })
      .from(compensations)
      .where(and(tenantFilter(compensations.clientId, scope), eq(compensations.engagementId, engagementId), eq(compensations.effectiveFrom, effectiveFrom)))
      .limit(1);
    return row?.id ?? null;
  },

  /** The earliest effective date among an engagement's compensations after `date`, if any. */
  async firstEffectiveAfter(tx: Db, engagementId: string, date: string): Promise<string | null> {
    /* compensations.firstEffectiveAfter */
    const [row] = await tx
      .select({ effectiveFrom: compensations.effectiveFrom })
      .from(compensations)
      .where(and(eq(compensations.engagementId, engagementId), gt(compensations.effectiveFrom, date)))
      .orderBy(asc(compensations.effectiveFrom))
      .limit(1);
    return row?.effectiveFrom ?? null;
  },

  async insert(tx: Db, row: typeof compensations.$inferInsert): Promise<CompensationRow> {
    /* compensations.insert */
    const [created] = await tx.insert(compensations).values(row).returning();
    return created;
  },
};
