import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { keyset } from "../../db/keyset";
import { selectPagesPerParent } from "../../db/keyset-per-parent";
import type { PageRequest } from "../../shared/pagination";
import { classificationAssessments, engagementClassificationChanges } from "./classification.table";
import type { ClassificationAssessmentRow, ClassificationChangeRow } from "./classification.type";

/** All SQL about classification assessments and classification history. Every query carries the tenant filter. */
export const classificationRepository = {
  async findByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<ClassificationAssessmentRow[]> {
    /* classificationAssessments.findByIds */
    return db
      .select()
      .from(classificationAssessments)
      .where(and(tenantFilter(classificationAssessments.clientId, scope), inArray(classificationAssessments.id, [...ids])));
  },

  /** One page of a client's assessments (root `classificationAssessments`). */
  async pageOfClient(db: Db, scope: TenantScope, clientId: string, request: PageRequest): Promise<ClassificationAssessmentRow[]> {
    /* classificationAssessments.pageOfClient */
    const q = keyset(classificationAssessments.id, request, and(tenantFilter(classificationAssessments.clientId, scope), eq(classificationAssessments.clientId, clientId)));
    return db.select().from(classificationAssessments).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },

  async countOfClient(db: Db, scope: TenantScope, clientId: string): Promise<number> {
    /* classificationAssessments.countOfClient */
    const [row] = await db
      .select({ n: count() })
      .from(classificationAssessments)
      .where(and(tenantFilter(classificationAssessments.clientId, scope), eq(classificationAssessments.clientId, clientId)));
    return row.n;
  },

  /** One page per engagement in one statement (`Engagement.classificationAssessments` for a page of engagements). */
  async pagesOfEngagements(db: Db, scope: TenantScope, engagementIds: readonly string[], request: PageRequest): Promise<ClassificationAssessmentRow[]> {
    /* classificationAssessments.pagesOfEngagements */
    return selectPagesPerParent<ClassificationAssessmentRow>(
      db,
      classificationAssessments,
      undefined,
      classificationAssessments.engagementId,
      classificationAssessments.id,
      engagementIds,
      request,
      tenantFilter(classificationAssessments.clientId, scope),
    );
  },

  async countsOfEngagements(db: Db, scope: TenantScope, engagementIds: readonly string[]): Promise<{ parentId: string; n: number }[]> {
    /* classificationAssessments.countsOfEngagements */
    const rows = await db
      .select({ parentId: classificationAssessments.engagementId, n: count() })
      .from(classificationAssessments)
      .where(and(tenantFilter(classificationAssessments.clientId, scope), inArray(classificationAssessments.engagementId, [...engagementIds])))
      .groupBy(classificationAssessments.engagementId);
    return rows.map((r) => ({ parentId: r.parentId!, n: r.n }));
  },

  async insert(tx: Db, row: typeof classificationAssessments.$inferInsert): Promise<ClassificationAssessmentRow> {
    /* classificationAssessments.insert */
    const [created] = await tx.insert(classificationAssessments).values(row).returning();
    return created;
  },

  /** Locks an assessment until the transaction ends (a hire or change that links it), tenant-scoped; null when not visible. */
  async lockById(tx: Db, scope: TenantScope, id: string): Promise<ClassificationAssessmentRow | null> {
    /* classificationAssessments.lockById */
    const [row] = await tx
      .select()
      .from(classificationAssessments)
      .where(and(tenantFilter(classificationAssessments.clientId, scope), eq(classificationAssessments.id, id)))
      .for("update");
    return row ?? null;
  },

  /** Links a locked, unlinked assessment to an engagement. */
  async link(tx: Db, id: string, engagementId: string): Promise<void> {
    /* classificationAssessments.link */
    await tx
      .update(classificationAssessments)
      .set({ engagementId, updatedAt: sql`now()` })
      .where(eq(classificationAssessments.id, id));
  },

  /** Every classification of several engagements' histories, oldest first. */
  async changesOfEngagements(db: Db, scope: TenantScope, engagementIds: readonly string[]): Promise<ClassificationChangeRow[]> {
    /* engagementClassificationChanges.changesOfEngagements */
    return db
      .select()
      .from(engagementClassificationChanges)
      .where(and(tenantFilter(engagementClassificationChanges.clientId, scope), inArray(engagementClassificationChanges.engagementId, [...engagementIds])))
      .orderBy(asc(engagementClassificationChanges.engagementId), asc(engagementClassificationChanges.id));
  },

  /** The engagement's history, under its row lock (the caller holds it): for the count and the latest effective date. */
  async changesOfEngagement(tx: Db, engagementId: string): Promise<ClassificationChangeRow[]> {
    /* engagementClassificationChanges.changesOfEngagement */
    return tx.select().from(engagementClassificationChanges).where(eq(engagementClassificationChanges.engagementId, engagementId)).orderBy(asc(engagementClassificationChanges.id));
  },

  async insertChange(tx: Db, row: typeof engagementClassificationChanges.$inferInsert): Promise<ClassificationChangeRow> {
    /* engagementClassificationChanges.insert */
    const [created] = await tx.insert(engagementClassificationChanges).values(row).returning();
    return created;
  },
};
