import { and, asc, desc, eq, inArray, ne, sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../db/client";
import { selectRows } from "../../db/prepared";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { employmentAgreements, onboardingSteps } from "./onboarding.table";
import type { OnboardingItemCode, RecordedStepStatus } from "./onboarding.rules";

export type OnboardingStepRow = typeof onboardingSteps.$inferSelect;
export type EmploymentAgreementRow = typeof employmentAgreements.$inferSelect;
export type EmploymentAgreementInsert = typeof employmentAgreements.$inferInsert;

/** Key terms copied onto an agreement at signature. */
export interface AgreementTermsColumns {
  termTitle: string;
  termPayBasis: "SALARY" | "HOURLY" | "FIXED_FEE" | null;
  termPayAmount: number | null;
  termPayCurrency: string | null;
  termStartDate: string;
  termProbationDays: number | null;
}

/** All SQL about onboarding steps and employment agreements. Every query carries the tenant filter (or the run's client). */
export const onboardingRepository = {
  async stepsByEngagementIds(db: Db, scope: TenantScope, engagementIds: readonly string[]): Promise<OnboardingStepRow[]> {
    /* onboardingSteps.byEngagementIds */
    return db
      .select()
      .from(onboardingSteps)
      .where(and(tenantFilter(onboardingSteps.clientId, scope), inArray(onboardingSteps.engagementId, [...engagementIds])))
      .orderBy(asc(onboardingSteps.engagementId), asc(onboardingSteps.item));
  },

  /** Records (or replaces) one step of an engagement; returns the row before (null when new) and after. */
  async upsertStep(
    tx: Db,
    row: { id: string; clientId: string; engagementId: string; item: OnboardingItemCode; status: RecordedStepStatus; completedOn: string | null; expiresOn: string | null },
  ): Promise<{ before: OnboardingStepRow | null; after: OnboardingStepRow }> {
    /* onboardingSteps.lockExisting */
    const [before] = await tx
      .select()
      .from(onboardingSteps)
      .where(and(eq(onboardingSteps.engagementId, row.engagementId), eq(onboardingSteps.item, row.item)))
      .for("update");
    /* onboardingSteps.upsert */
    const [after] = await tx
      .insert(onboardingSteps)
      .values(row)
      .onConflictDoUpdate({
        target: [onboardingSteps.engagementId, onboardingSteps.item],
        set: { status: row.status, completedOn: row.completedOn, expiresOn: row.expiresOn, version: sql`${onboardingSteps.version} + 1`, updatedAt: sql`now()` },
      })
      .returning();
    return { before: before ?? null, after };
  },

  async agreementsByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<EmploymentAgreementRow[]> {
    /* employmentAgreements.findByIds */
    return db
      .select()
      .from(employmentAgreements)
      .where(and(tenantFilter(employmentAgreements.clientId, scope), inArray(employmentAgreements.id, [...ids])));
  },

  /** Every agreement of each engagement, oldest first. */
  async agreementsByEngagementIds(db: Db, scope: TenantScope, engagementIds: readonly string[]): Promise<EmploymentAgreementRow[]> {
    /* employmentAgreements.byEngagementIds */
    return db
      .select()
      .from(employmentAgreements)
      .where(and(tenantFilter(employmentAgreements.clientId, scope), inArray(employmentAgreements.engagementId, [...engagementIds])))
      .orderBy(asc(employmentAgreements.engagementId), asc(employmentAgreements.id));
  },

  async lockAgreement(tx: Db, scope: TenantScope, id: string): Promise<EmploymentAgreementRow | null> {
    /* employmentAgreements.lockById */
    const [row] = await tx
      .select()
      .from(employmentAgreements)
      .where(and(tenantFilter(employmentAgreements.clientId, scope), eq(employmentAgreements.id, id)))
      .for("update");
    return row ?? null;
  },

  /** The engagement's unsigned (SENT) agreements, which a new one supersedes. */
  async supersedeUnsigned(tx: Db, engagementId: string): Promise<EmploymentAgreementRow[]> {
    /* employmentAgreements.supersedeUnsigned */
    return tx
      .update(employmentAgreements)
      .set({ status: "SUPERSEDED", version: sql`${employmentAgreements.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(employmentAgreements.engagementId, engagementId), eq(employmentAgreements.status, "SENT")))
      .returning();
  },

  async insertAgreement(tx: Db, row: EmploymentAgreementInsert): Promise<EmploymentAgreementRow> {
    /* employmentAgreements.insert */
    const [created] = await tx.insert(employmentAgreements).values(row).returning();
    return created;
  },

  /** SENT → SIGNED with the key terms; null when the row changed meanwhile (the caller holds its lock). */
  async sign(tx: Db, id: string, signedOn: string, terms: AgreementTermsColumns): Promise<EmploymentAgreementRow | null> {
    /* employmentAgreements.sign */
    const [row] = await tx
      .update(employmentAgreements)
      .set({ status: "SIGNED", signedOn, signedAt: sql`now()`, ...terms, version: sql`${employmentAgreements.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(employmentAgreements.id, id), eq(employmentAgreements.status, "SENT")))
      .returning();
    return row ?? null;
  },

  /** The run calculation's inputs: recorded steps of the paid engagements (no personal data). */
  async stepsForRun(db: Db, clientId: string, engagementIds: SQLWrapper) {
    /* onboardingSteps.forRun */
    return selectRows(
      db,
      db
        .select({
          engagementId: onboardingSteps.engagementId,
          item: onboardingSteps.item,
          status: onboardingSteps.status,
          completedOn: onboardingSteps.completedOn,
          expiresOn: onboardingSteps.expiresOn,
        })
        .from(onboardingSteps)
        .where(and(eq(onboardingSteps.clientId, clientId), inArray(onboardingSteps.engagementId, engagementIds)))
        .orderBy(asc(onboardingSteps.engagementId), asc(onboardingSteps.item)),
    );
  },

  /** The run calculation's inputs: the agreements of the paid engagements that are not superseded, newest first per engagement. */
  async agreementsForRun(db: Db, clientId: string, engagementIds: SQLWrapper) {
    /* employmentAgreements.forRun */
    return selectRows(
      db,
      db
        .select({
          engagementId: employmentAgreements.engagementId,
          status: employmentAgreements.status,
          sentOn: employmentAgreements.sentOn,
          signedOn: employmentAgreements.signedOn,
        })
        .from(employmentAgreements)
        .where(and(eq(employmentAgreements.clientId, clientId), inArray(employmentAgreements.engagementId, engagementIds), ne(employmentAgreements.status, "SUPERSEDED")))
        .orderBy(asc(employmentAgreements.engagementId), desc(employmentAgreements.id)),
    );
  },
};
