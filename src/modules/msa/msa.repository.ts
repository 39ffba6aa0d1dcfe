import { and, asc, count, eq, gte, inArray, max, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { TenantScope } from "../../auth/principal";
import { tenantFilter } from "../../db/tenant";
import { keyset } from "../../db/keyset";
import type { PageRequest } from "../../shared/pagination";
import { msaClauses, msas } from "./msa.table";
import type { MsaClauseRow, MsaRow } from "./msa.type";
import type { MsaParty, StoredAcceptance } from "./acceptance";

type MsaStatusValue = "DRAFT" | "ACTIVE" | "SUPERSEDED";

export interface MsaFilter {
  clientId?: string | null;
  status?: MsaStatusValue | null;
  updatedSince?: Date | null;
}

function filterSql(scope: TenantScope, filter: MsaFilter) {
  return and(
    tenantFilter(msas.clientId, scope),
    filter.clientId ? eq(msas.clientId, filter.clientId) : undefined,
    filter.status ? eq(msas.status, filter.status) : undefined,
    filter.updatedSince ? gte(msas.updatedAt, filter.updatedSince) : undefined,
  );
}

/** All SQL about MSA versions and their clauses. Every statement carries the caller's tenant filter. */
export const msaRepository = {
  async findByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<MsaRow[]> {
    /* msa.findByIds */
    return db
      .select()
      .from(msas)
      .where(and(tenantFilter(msas.clientId, scope), inArray(msas.id, [...ids])));
  },

  async page(db: Db, scope: TenantScope, filter: MsaFilter, request: PageRequest): Promise<MsaRow[]> {
    /* msa.page */
    const q = keyset(msas.id, request, filterSql(scope, filter));
    return db.select().from(msas).where(q.where).orderBy(q.orderBy).limit(q.limit);
  },

  async count(db: Db, scope: TenantScope, filter: MsaFilter): Promise<number> {
    /* msa.count */
    const [row] = await db.select({ n: count() }).from(msas).where(filterSql(scope, filter));
    return row.n;
  },

  async versionsOfClients(db: Db, scope: TenantScope, clientIds: readonly string[]): Promise<MsaRow[]> {
    /* msa.versionsOfClients */
    return db
      .select()
      .from(msas)
      .where(and(tenantFilter(msas.clientId, scope), inArray(msas.clientId, [...clientIds])))
      .orderBy(asc(msas.id));
  },

  async activeOfClients(db: Db, scope: TenantScope, clientIds: readonly string[]): Promise<MsaRow[]> {
    /* msa.activeOfClients */
    return db
      .select()
      .from(msas)
      .where(and(tenantFilter(msas.clientId, scope), inArray(msas.clientId, [...clientIds]), eq(msas.status, "ACTIVE")));
  },

  async clausesByIds(db: Db, scope: TenantScope, ids: readonly string[]): Promise<MsaClauseRow[]> {
    /* msa.clausesByIds */
    return db
      .select()
      .from(msaClauses)
      .where(and(tenantFilter(msaClauses.clientId, scope), inArray(msaClauses.id, [...ids])));
  },

  async clausesOfMsas(db: Db, scope: TenantScope, msaIds: readonly string[]): Promise<MsaClauseRow[]> {
    /* msa.clausesOfMsas */
    return db
      .select()
      .from(msaClauses)
      .where(and(tenantFilter(msaClauses.clientId, scope), inArray(msaClauses.msaId, [...msaIds])))
      .orderBy(asc(msaClauses.id));
  },

  async activeClausesOfClients(db: Db, scope: TenantScope, clientIds: readonly string[]): Promise<MsaClauseRow[]> {
    /* msa.activeClausesOfClients */
    const rows = await db
      .select({ clause: msaClauses })
      .from(msaClauses)
      .innerJoin(msas, and(eq(msas.id, msaClauses.msaId), eq(msas.clientId, msaClauses.clientId)))
      .where(and(tenantFilter(msaClauses.clientId, scope), inArray(msaClauses.clientId, [...clientIds]), eq(msas.status, "ACTIVE")))
      .orderBy(asc(msaClauses.id));
    return rows.map((r) => r.clause);
  },

  /**
   * Serializes version creation and activation for one client until the transaction ends (a transaction-scoped
   * advisory lock: no table row is locked, so other modules' writes to the client are not blocked).
   */
  async lockClientVersions(db: Db, clientId: string): Promise<void> {
    /* msa.lockClientVersions */
    await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`msa-versions:${clientId}`}, 0))`);
  },

  async maxVersionNumber(db: Db, scope: TenantScope, clientId: string): Promise<number> {
    /* msa.maxVersionNumber */
    const [row] = await db
      .select({ n: max(msas.versionNumber) })
      .from(msas)
      .where(and(tenantFilter(msas.clientId, scope), eq(msas.clientId, clientId)));
    return row.n ?? 0;
  },

  async findActiveForUpdate(db: Db, scope: TenantScope, clientId: string): Promise<MsaRow | null> {
    /* msa.findActiveForUpdate */
    const [row] = await db
      .select()
      .from(msas)
      .where(and(tenantFilter(msas.clientId, scope), eq(msas.clientId, clientId), eq(msas.status, "ACTIVE")))
      .for("update");
    return row ?? null;
  },

  async findForUpdate(db: Db, scope: TenantScope, id: string): Promise<MsaRow | null> {
    /* msa.findForUpdate */
    const [row] = await db
      .select()
      .from(msas)
      .where(and(tenantFilter(msas.clientId, scope), eq(msas.id, id)))
      .for("update");
    return row ?? null;
  },

  /**
   * Locks a DRAFT version and bumps its `updatedAt` (its clauses are changing). Null when the version is missing,
   * of another tenant or no longer a DRAFT: the row lock makes a concurrent activation wait or be seen.
   */
  async touchDraft(db: Db, scope: TenantScope, id: string): Promise<MsaRow | null> {
    /* msa.touchDraft */
    const [row] = await db
      .update(msas)
      .set({ updatedAt: sql`now()` })
      .where(and(tenantFilter(msas.clientId, scope), eq(msas.id, id), eq(msas.status, "DRAFT")))
      .returning();
    return row ?? null;
  },

  async countClauses(db: Db, scope: TenantScope, msaId: string): Promise<number> {
    /* msa.countClauses */
    const [row] = await db
      .select({ n: count() })
      .from(msaClauses)
      .where(and(tenantFilter(msaClauses.clientId, scope), eq(msaClauses.msaId, msaId)));
    return row.n;
  },

  async insert(db: Db, row: typeof msas.$inferInsert): Promise<MsaRow> {
    /* msa.insert */
    const [created] = await db.insert(msas).values(row).returning();
    return created;
  },

  /** Sets the status (and `effectiveTo`) of a version the caller has locked and checked in this transaction. */
  async setStatus(db: Db, scope: TenantScope, id: string, status: MsaStatusValue, effectiveTo?: string): Promise<MsaRow> {
    /* msa.setStatus */
    const [updated] = await db
      .update(msas)
      .set({ status, ...(effectiveTo !== undefined ? { effectiveTo } : {}), updatedAt: sql`now()` })
      .where(and(tenantFilter(msas.clientId, scope), eq(msas.id, id)))
      .returning();
    if (!updated) throw new Error(`MSA ${id} vanished inside its own transaction`);
    return updated;
  },

  /** Records one party's acceptance (replacing an earlier one of that party) on a DRAFT the caller has locked. */
  async recordAcceptance(db: Db, scope: TenantScope, id: string, party: MsaParty, actor: StoredAcceptance["actor"], digest: string): Promise<MsaRow> {
    /* msa.recordAcceptance */
    const values =
      party === "CLIENT"
        ? { clientAcceptedAt: sql`now()`, clientAcceptedByKind: actor.kind, clientAcceptedById: actor.id, clientAcceptedDigest: digest }
        : { eorAcceptedAt: sql`now()`, eorAcceptedByKind: actor.kind, eorAcceptedById: actor.id, eorAcceptedDigest: digest };
    const [updated] = await db
      .update(msas)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(tenantFilter(msas.clientId, scope), eq(msas.id, id), eq(msas.status, "DRAFT")))
      .returning();
    if (!updated) throw new Error(`MSA ${id} is no longer a DRAFT inside its own transaction`);
    return updated;
  },

  async insertClauses(db: Db, rows: (typeof msaClauses.$inferInsert)[]): Promise<MsaClauseRow[]> {
    /* msa.insertClauses */
    if (rows.length === 0) return [];
    return db.insert(msaClauses).values(rows).returning();
  },

  /** The deleted clause, or null when it was already gone (a concurrent removal). */
  async deleteClause(db: Db, scope: TenantScope, id: string): Promise<MsaClauseRow | null> {
    /* msa.deleteClause */
    const [deleted] = await db
      .delete(msaClauses)
      .where(and(tenantFilter(msaClauses.clientId, scope), eq(msaClauses.id, id)))
      .returning();
    return deleted ?? null;
  },
};
