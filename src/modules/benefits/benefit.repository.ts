import { and, count, eq, exists, gte, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { keyset } from "../../db/keyset";
import { selectPagesPerParent } from "../../db/keyset-per-parent";
import type { PageRequest } from "../../shared/pagination";
import type { BenefitKind } from "../../shared/benefit-kind";
import { engagements } from "../engagements/engagement.table";
import { benefitEnrollments, benefitPlans } from "./benefit.table";
import type { BenefitPlanRow } from "./benefit-plan.type";
import type { BenefitEnrollmentRow } from "./benefit-enrollment.type";

export type BenefitPlanInsert = typeof benefitPlans.$inferInsert;
export type BenefitEnrollmentInsert = typeof benefitEnrollments.$inferInsert;
export type BenefitPlanChanges = Partial<
  Pick<
    BenefitPlanRow,
    | "name"
    | "carrierName"
    | "jurisdictions"
    | "employeeMethod"
    | "employeeAmount"
    | "employeePercentBasisPoints"
    | "employerMethod"
    | "employerAmount"
    | "employerPercentBasisPoints"
    | "employerMatch"
    | "waitingPeriodDays"
    | "minHundredthsPerWeek"
    | "status"
  >
>;
export type BenefitEnrollmentChanges = Partial<
  Pick<BenefitEnrollmentRow, "status" | "effectiveTo" | "electedAmount" | "electedPercentBasisPoints" | "coverageTier" | "coverageAmount">
>;

export interface BenefitPlanFilter {
  /** Plans offered to this client's engagements. */
  clientId?: string | null;
  country?: "US" | "CA" | null;
  kind?: BenefitKind | null;
  status?: "ACTIVE" | "RETIRED" | null;
}

/** A plan of the employer entity offered to a client: the client has an engagement that entity employs. */
function entityEmploysFor(clientIds: SQL | readonly string[]): SQL {
  return exists(
    sql`(select 1 from ${engagements} where ${engagements.employerEntityId} = ${benefitPlans.employerEntityId} and ${
      Array.isArray(clientIds)
        ? sql`${engagements.clientId} in (${sql.join(
            (clientIds as readonly string[]).map((id) => sql`${id}`),
            sql`, `,
          )})`
        : sql`${engagements.clientId} = ${clientIds}`
    })`,
  );
}

/**
 * Who may see a plan: an OPERATOR every plan; another caller a client plan of its clients, and an EOR plan
 * (no client) of an employer entity that employs an engagement of its clients.
 */
function planVisibility(scope: TenantScope): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.clientIds.length === 0) return sql`false`;
  return or(inArray(benefitPlans.clientId, scope.clientIds), and(isNull(benefitPlans.clientId), entityEmploysFor(scope.clientIds)));
}

function planFilterSql(scope: TenantScope, filter: BenefitPlanFilter) {
  return and(
    planVisibility(scope),
    filter.clientId ? or(eq(benefitPlans.clientId, filter.clientId), and(isNull(benefitPlans.clientId), entityEmploysFor(sql`${filter.clientId}`))) : undefined,
    filter.country ? eq(benefitPlans.country, filter.country) : undefined,
    filter.kind ? eq(benefitPlans.kind, filter.kind) : undefined,
    filter.status ? eq(benefitPlans.status, filter.status) : undefined,
  );
}

/** The plans offered to one engagement: its client's own plans and its employer entity's. */
function offeredToSql(engagement: { clientId: string; employerEntityId: string }) {
  return or(eq(benefitPlans.clientId, engagement.clientId), and(isNull(benefitPlans.clientId), eq(benefitPlans.employerEntityId, engagement.employerEntityId)));
}

/** The last day an enrollment covers: its `effective_to`, else the plan year's end. */
const coveredThrough = sql`coalesce(${benefitEnrollments.effectiveTo}, ${benefitPlans.planYearEnd})`;

/** All SQL about benefit plans and enrollments. Plans are filtered by visibility, enrollments by tenant. */
export const benefitRepository = {
  async plansByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<BenefitPlanRow[]> {
    /* benefitPlans.findByIds */
    return db
      .select()
      .from(benefitPlans)
      .where(and(planVisibility(scope), inArray(benefitPlans.id, [...ids])));
  },

  async planPage(db: Db, scope: TenantScope, filter: BenefitPlanFilter, request: PageRequest): Promise<BenefitPlanRow[]> {
    /* benefitPlans.page */
    const q = keyset(benefitPlans.id, request, planFilterSql(scope, filter));
    return db.select().from(benefitPlans).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },

  async planCount(db: Db, scope: TenantScope, filter: BenefitPlanFilter): Promise<number> {
    /* benefitPlans.count */
    const [row] = await db.select({ n: count() }).from(benefitPlans).where(planFilterSql(scope, filter));
    return row.n;
  },

  /** A page of the plans offered to an engagement (`eligibleBenefits`). */
  async offeredPage(db: Db, scope: TenantScope, engagement: { clientId: string; employerEntityId: string }, request: PageRequest): Promise<BenefitPlanRow[]> {
    /* benefitPlans.offeredPage */
    const q = keyset(benefitPlans.id, request, and(planVisibility(scope), offeredToSql(engagement)));
    return db.select().from(benefitPlans).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },

  async offeredCount(db: Db, scope: TenantScope, engagement: { clientId: string; employerEntityId: string }): Promise<number> {
    /* benefitPlans.offeredCount */
    const [row] = await db
      .select({ n: count() })
      .from(benefitPlans)
      .where(and(planVisibility(scope), offeredToSql(engagement)));
    return row.n;
  },

  async insertPlan(db: Db, row: BenefitPlanInsert): Promise<BenefitPlanRow> {
    /* benefitPlans.insert */
    const [created] = await db.insert(benefitPlans).values(row).returning();
    return created;
  },

  async lockPlan(tx: Db, scope: TenantScope, id: string): Promise<BenefitPlanRow | null> {
    /* benefitPlans.lockById */
    const [row] = await tx
      .select()
      .from(benefitPlans)
      .where(and(planVisibility(scope), eq(benefitPlans.id, id)))
      .for("update");
    return row ?? null;
  },

  /** Optimistic update; null when the version moved. */
  async updatePlan(tx: Db, id: string, expectedVersion: number, changes: BenefitPlanChanges): Promise<BenefitPlanRow | null> {
    /* benefitPlans.update */
    const [row] = await tx
      .update(benefitPlans)
      .set({ ...changes, version: sql`${benefitPlans.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(benefitPlans.id, id), eq(benefitPlans.version, expectedVersion)))
      .returning();
    return row ?? null;
  },

  async enrollmentsByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<BenefitEnrollmentRow[]> {
    /* benefitEnrollments.findByIds */
    return db
      .select()
      .from(benefitEnrollments)
      .where(and(tenantFilter(benefitEnrollments.clientId, scope), inArray(benefitEnrollments.id, [...ids])));
  },

  /** Serializes enrollment changes of one engagement and kind until the transaction ends (the overlap check then holds). */
  async lockEngagementKind(tx: Db, engagementId: string, kind: BenefitKind): Promise<void> {
    /* benefitEnrollments.lockEngagementKind */
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`benefit-enrollments:${engagementId}:${kind}`}, 0))`);
  },

  async lockEnrollment(tx: Db, scope: TenantScope, id: string): Promise<BenefitEnrollmentRow | null> {
    /* benefitEnrollments.lockById */
    const [row] = await tx
      .select()
      .from(benefitEnrollments)
      .where(and(tenantFilter(benefitEnrollments.clientId, scope), eq(benefitEnrollments.id, id)))
      .for("update");
    return row ?? null;
  },

  /** An enrollment of the engagement and kind whose dates overlap [from, to] (other than `exceptId`), or null. */
  async overlapping(tx: Db, engagementId: string, kind: BenefitKind, from: string, to: string, exceptId?: string): Promise<string | null> {
    /* benefitEnrollments.overlapping */
    const [row] = await tx
      .select({ id: benefitEnrollments.id })
      .from(benefitEnrollments)
      .innerJoin(benefitPlans, eq(benefitPlans.id, benefitEnrollments.planId))
      .where(
        and(
          eq(benefitEnrollments.engagementId, engagementId),
          eq(benefitEnrollments.kind, kind),
          lte(benefitEnrollments.effectiveFrom, to),
          gte(coveredThrough, from),
          exceptId ? ne(benefitEnrollments.id, exceptId) : undefined,
        ),
      )
      .limit(1);
    return row?.id ?? null;
  },

  /** Kinds the engagement has an enrollment of covering `asOf` or later. */
  async enrolledKinds(db: Db, scope: TenantScope, engagementId: string, asOf: string): Promise<Set<BenefitKind>> {
    /* benefitEnrollments.enrolledKinds */
    const rows = await db
      .selectDistinct({ kind: benefitEnrollments.kind })
      .from(benefitEnrollments)
      .innerJoin(benefitPlans, eq(benefitPlans.id, benefitEnrollments.planId))
      .where(and(tenantFilter(benefitEnrollments.clientId, scope), eq(benefitEnrollments.engagementId, engagementId), gte(coveredThrough, asOf)));
    return new Set(rows.map((r) => r.kind));
  },

  async insertEnrollment(db: Db, row: BenefitEnrollmentInsert): Promise<BenefitEnrollmentRow> {
    /* benefitEnrollments.insert */
    const [created] = await db.insert(benefitEnrollments).values(row).returning();
    return created;
  },

  /** Optimistic update; null when the version moved. */
  async updateEnrollment(tx: Db, scope: TenantScope, id: string, expectedVersion: number, changes: BenefitEnrollmentChanges): Promise<BenefitEnrollmentRow | null> {
    /* benefitEnrollments.update */
    const [row] = await tx
      .update(benefitEnrollments)
      .set({ ...changes, version: sql`${benefitEnrollments.version} + 1`, updatedAt: sql`now()` })
      .where(and(tenantFilter(benefitEnrollments.clientId, scope), eq(benefitEnrollments.id, id), eq(benefitEnrollments.version, expectedVersion)))
      .returning();
    return row ?? null;
  },

  async enrollmentPagesOfEngagements(db: Db, scope: TenantScope, engagementIds: readonly string[], request: PageRequest): Promise<BenefitEnrollmentRow[]> {
    /* benefitEnrollments.pageOfEngagements: one page per engagement, ordered by (engagement, rank) */
    return selectPagesPerParent(
      db,
      benefitEnrollments,
      undefined,
      benefitEnrollments.engagementId,
      benefitEnrollments.id,
      engagementIds,
      request,
      tenantFilter(benefitEnrollments.clientId, scope),
    );
  },

  async enrollmentCountsOfEngagements(db: Db, scope: TenantScope, engagementIds: readonly string[]) {
    /* benefitEnrollments.countsOfEngagements */
    return db
      .select({ parentId: benefitEnrollments.engagementId, n: count() })
      .from(benefitEnrollments)
      .where(and(tenantFilter(benefitEnrollments.clientId, scope), inArray(benefitEnrollments.engagementId, [...engagementIds])))
      .groupBy(benefitEnrollments.engagementId);
  },
};
