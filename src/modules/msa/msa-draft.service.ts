import type { Context } from "../../context";
import { LIST_LIMITS } from "../../shared/list-limits";
import type { Db } from "../../db/client";
import { isRestrictViolation, isUniqueViolation } from "../../db/errors";
import { badInput } from "../../shared/errors";
import { parseGlobalId, requireGlobalId, toGlobalId } from "../../shared/global-id";
import { newId } from "../../shared/ids";
import { countryOf, isJurisdiction, isSubdivision } from "../../shared/jurisdiction";
import { pageInMemory, toConnection, toPage, toPageRequest } from "../../shared/pagination";
import { userError, UserErrorCode, UserErrors, type UserError } from "../../shared/user-error";
import { recordEvent } from "../events/event.repository";
import { clientById } from "../clients/client.loaders";
import { toClient, type Client } from "../clients/client.type";
import type { Engagement } from "../engagements/engagement.type";
import { msaRepository } from "./msa.repository";
import { activeClausesByClientId, activeMsaByClientId, clausesByMsaId, msaById, msaClauseById, msaVersionsByClientId } from "./msa.loaders";
import { counts, msaContentDigest, otherParty, partyOf, type MsaParty, type StoredAcceptance } from "./acceptance";
import { MsaStatus, ResponsibilityCategory, toMsa, toMsaClause, type Msa, type MsaClause, type MsaClauseRow, type MsaRow } from "./msa.type";
import { resolveResponsibilities } from "./responsibility";
import { toResponsibility } from "./responsibility.type";
import type { AcceptMsaInput, ActivateMsaInput, AddMsaClauseInput, ClientMsasArgs, CreateMsaInput, MsaClausesArgs, MsasArgs, RemoveMsaClauseInput } from "./msa.input";

const TITLE_MAX = 200;
const CLAUSE_TEXT_MAX = 10_000;
/**
 * Creations and activations for one client are serialized by an advisory lock; should two still collide on a
 * unique index (a writer that skips the lock), the loser retries on the committed state.
 */
const ATTEMPTS = 3;

type Outcome<T> = { ok: T } | { error: UserError };

/** Content digests per loaded clause list (one request's loader cache), so the graph hashes a version once. */
const digests = new WeakMap<readonly MsaClauseRow[], string>();

/**
 * Use cases about MSA versions and clauses. Reads need `msa:read`, changes `msa:write`; every query is scoped
 * to the caller's clients, and another client's version answers exactly like a missing one.
 */
export class MsaService {
  constructor(private readonly ctx: Context) {}

  // ── reads ──────────────────────────────────────────────────────────────────────────────────────────────

  async list(args: MsasArgs) {
    this.ctx.principal.assertScope("msa:read");
    const request = toPageRequest(args);
    const clientId = args.clientId != null ? requireGlobalId(args.clientId, "Client", "clientId") : null;
    const filter = { clientId, status: args.status, updatedSince: args.updatedSince };
    const { db, principal } = this.ctx;
    const rows = await msaRepository.page(db, principal.tenants, filter, request);
    return toConnection(toPage(rows, request), toMsa, () => msaRepository.count(db, principal.tenants, filter));
  }

  async byId(id: string): Promise<Msa | null> {
    this.ctx.principal.assertScope("msa:read");
    const row = await this.ctx.loaders.get(msaById).load(id);
    return row ? toMsa(row) : null;
  }

  async clauseById(id: string): Promise<MsaClause | null> {
    this.ctx.principal.assertScope("msa:read");
    const row = await this.ctx.loaders.get(msaClauseById).load(id);
    return row ? toMsaClause(row) : null;
  }

  /** The client's ACTIVE version, or null. */
  async activeOf(client: Client): Promise<Msa | null> {
    this.ctx.principal.assertScope("msa:read");
    const row = await this.ctx.loaders.get(activeMsaByClientId).load(client.dbId);
    return row ? toMsa(row) : null;
  }

  /** Every version of the client, paged in memory over one batched load. */
  async versionsOf(client: Client, args: ClientMsasArgs) {
    this.ctx.principal.assertScope("msa:read");
    const request = toPageRequest(args);
    const all = await this.ctx.loaders.get(msaVersionsByClientId).load(client.dbId);
    const rows = args.status ? all.filter((r) => r.status === args.status) : all;
    return toConnection(pageInMemory(rows, request), toMsa, () => rows.length);
  }

  async clientOf(msa: Msa): Promise<Client> {
    const row = await this.ctx.loaders.get(clientById).load(msa.clientDbId);
    if (!row) throw new Error(`Client of MSA ${msa.dbId} not visible`);
    return toClient(row);
  }

  async msaOf(clause: MsaClause): Promise<Msa> {
    const row = await this.ctx.loaders.get(msaById).load(clause.msaDbId);
    if (!row) throw new Error(`MSA of clause ${clause.dbId} not visible`);
    return toMsa(row);
  }

  async clausesOf(msa: Msa, args: MsaClausesArgs): Promise<MsaClause[]> {
    const { category, responsibleParty, jurisdiction } = args;
    if (jurisdiction != null && !isJurisdiction(jurisdiction)) {
      throw badInput("`jurisdiction` must be a supported country (`US`, `CA`) or subdivision (`US-CA`, `CA-ON`)", { argument: "jurisdiction" });
    }
    const rows = await this.ctx.loaders.get(clausesByMsaId).load(msa.dbId);
    return rows
      .filter((r) => (category == null || r.category === category) && (responsibleParty == null || r.responsibleParty === responsibleParty))
      .filter((r) => jurisdiction == null || appliesIn(r.jurisdictions, jurisdiction))
      .map(toMsaClause);
  }

  /** Who holds each responsibility for the engagement's work jurisdiction under the client's ACTIVE MSA. */
  async responsibilitiesOf(engagement: Engagement, category: ResponsibilityCategory | null | undefined) {
    this.ctx.principal.assertScope("msa:read");
    const clauses = await this.ctx.loaders.get(activeClausesByClientId).load(engagement.clientDbId);
    const categories = category ? [category] : Object.values(ResponsibilityCategory);
    return resolveResponsibilities(clauses, engagement.workJurisdiction, categories).map(toResponsibility);
  }

  // ── changes ────────────────────────────────────────────────────────────────────────────────────────────

  async create(input: CreateMsaInput) {
    const { principal, db } = this.ctx;
    principal.assertScope("msa:write");

    const errors = new UserErrors();
    const clientId = parseGlobalId(input.clientId, "Client");
    if (clientId === null) errors.add(["clientId"], UserErrorCode.INVALID_ID, "clientId is not a valid Client ID");
    else if (!(await this.ctx.loaders.get(clientById).load(clientId))) errors.add(["clientId"], UserErrorCode.NOT_FOUND, "Client not found");
    errors.text("title", input.title, TITLE_MAX);
    if (errors.any || clientId === null) return { msa: null, userErrors: errors.list };

    const outcome = await retryOnUnique("msas_client_version_key", () =>
      db.transaction(async (tx): Promise<Outcome<MsaRow>> => {
        await msaRepository.lockClientVersions(tx, clientId);
        const active = await msaRepository.findActiveForUpdate(tx, principal.tenants, clientId);
        if (active && input.effectiveFrom <= active.effectiveFrom) {
          return { error: effectiveDateTooEarly(["effectiveFrom"], input.effectiveFrom, active) };
        }
        const versionNumber = (await msaRepository.maxVersionNumber(tx, principal.tenants, clientId)) + 1;
        const created = await msaRepository.insert(tx, {
          id: newId(),
          clientId,
          versionNumber,
          title: input.title.trim(),
          effectiveFrom: input.effectiveFrom,
        });
        await recordEvent(tx, {
          clientId,
          type: "msa.created",
          objectType: "Msa",
          objectId: created.id,
          actor: principal.actor,
          after: msaSnapshot(created),
        });
        if (input.copyClausesFromActive && active) {
          const source = await msaRepository.clausesOfMsas(tx, principal.tenants, [active.id]);
          // ids are minted in the source order, so the later-added-wins rule reads the copy as the original.
          const copies = await msaRepository.insertClauses(
            tx,
            source.map((c) => ({
              id: newId(),
              clientId,
              msaId: created.id,
              category: c.category,
              responsibleParty: c.responsibleParty,
              jurisdictions: c.jurisdictions,
              title: c.title,
              text: c.text,
            })),
          );
          for (const copy of copies) await this.clauseEvent(tx, "msa_clause.added", copy, { copiedFromMsaId: active.id });
        }
        return { ok: created };
      }),
    );
    if ("error" in outcome) return { msa: null, userErrors: [outcome.error] };
    return { msa: toMsa(outcome.ok), userErrors: [] };
  }

  async addClause(input: AddMsaClauseInput) {
    const { principal, db } = this.ctx;
    principal.assertScope("msa:write");

    const errors = new UserErrors();
    const msaId = parseGlobalId(input.msaId, "Msa");
    if (msaId === null) errors.add(["msaId"], UserErrorCode.INVALID_ID, "msaId is not a valid Msa ID");
    errors.text("title", input.title, TITLE_MAX);
    errors.text("text", input.text, CLAUSE_TEXT_MAX);
    const jurisdictions = [...new Set(input.jurisdictions ?? [])].sort();
    (input.jurisdictions ?? []).forEach((j, i) => {
      if (!isJurisdiction(j)) {
        errors.add(["jurisdictions", String(i)], UserErrorCode.INVALID_JURISDICTION, `"${j.slice(0, 20)}" is not a supported jurisdiction (e.g. US, US-CA, CA, CA-ON)`);
      }
    });
    if (errors.any || msaId === null) return { clause: null, userErrors: errors.list };

    try {
      const outcome = await db.transaction(async (tx): Promise<Outcome<MsaClauseRow>> => {
        const draft = await msaRepository.touchDraft(tx, principal.tenants, msaId);
        if (!draft) return { error: await this.notDraft(tx, msaId, ["msaId"]) };
        // Counted under the DRAFT's row lock (taken by touchDraft): concurrent additions count one after the other.
        if ((await msaRepository.countClauses(tx, principal.tenants, msaId)) >= LIST_LIMITS.clausesPerMsaVersion) {
          return {
            error: userError(["msaId"], UserErrorCode.TOO_MANY_CLAUSES, `MSA version ${draft.versionNumber} already has ${LIST_LIMITS.clausesPerMsaVersion} clauses, the most a version may have`),
          };
        }
        const [clause] = await msaRepository.insertClauses(tx, [
          {
            id: newId(),
            clientId: draft.clientId,
            msaId,
            category: input.category,
            responsibleParty: input.responsibleParty,
            jurisdictions,
            title: input.title.trim(),
            text: input.text,
          },
        ]);
        await this.clauseEvent(tx, "msa_clause.added", clause);
        return { ok: clause };
      });
      if ("error" in outcome) return { clause: null, userErrors: [outcome.error] };
      return { clause: toMsaClause(outcome.ok), userErrors: [] };
    } catch (error) {
      if (isRestrictViolation(error)) return { clause: null, userErrors: [immutable(["msaId"], "The MSA version is no longer a DRAFT")] };
      throw error;
    }
  }

  async removeClause(input: RemoveMsaClauseInput) {
    const { principal, db } = this.ctx;
    principal.assertScope("msa:write");
    const clauseId = parseGlobalId(input.clauseId, "MsaClause");
    if (clauseId === null) {
      return { removedClauseId: null, msa: null, userErrors: [userError(["clauseId"], UserErrorCode.INVALID_ID, "clauseId is not a valid MsaClause ID")] };
    }

    try {
      const outcome = await db.transaction(async (tx): Promise<Outcome<MsaRow>> => {
        const [clause] = await msaRepository.clausesByIds(tx, principal.tenants, [clauseId]);
        if (!clause) return { error: userError(["clauseId"], UserErrorCode.NOT_FOUND, "MSA clause not found") };
        const draft = await msaRepository.touchDraft(tx, principal.tenants, clause.msaId);
        if (!draft) return { error: await this.notDraft(tx, clause.msaId, ["clauseId"]) };
        // The DRAFT's row lock is held now: a concurrent removal of the same clause committed first or waits.
        const deleted = await msaRepository.deleteClause(tx, principal.tenants, clauseId);
        if (!deleted) return { error: userError(["clauseId"], UserErrorCode.NOT_FOUND, "MSA clause not found") };
        await this.clauseEvent(tx, "msa_clause.removed", deleted);
        return { ok: draft };
      });
      if ("error" in outcome) return { removedClauseId: null, msa: null, userErrors: [outcome.error] };
      return { removedClauseId: toGlobalId("MsaClause", clauseId), msa: toMsa(outcome.ok), userErrors: [] };
    } catch (error) {
      if (isRestrictViolation(error)) return { removedClauseId: null, msa: null, userErrors: [immutable(["clauseId"], "The clause's MSA version is no longer a DRAFT")] };
      throw error;
    }
  }

  /**
   * The caller's party (client side or EOR) accepts the DRAFT's current content; when the other party's
   * acceptance of the same content is already recorded, the version becomes ACTIVE in the same transaction.
   * Accepting again what the caller's party has already accepted changes nothing and records no event.
   */
  async accept(input: AcceptMsaInput) {
    const outcome = await this.acceptOrActivate(input.msaId, input.contentDigest, UserErrorCode.MSA_IMMUTABLE);
    if ("error" in outcome) return { msa: null, userErrors: [outcome.error] };
    return { msa: toMsa(outcome.ok.msa), userErrors: [] };
  }

  /**
   * Deprecated `activateMsa`: the caller's acceptance of the current content, exactly as `accept` without a
   * digest to compare. It activates only when the other party has accepted the same content already. A version
   * that is not a DRAFT keeps answering ILLEGAL_STATUS_TRANSITION, as this mutation always did.
   */
  async activate(input: ActivateMsaInput) {
    const outcome = await this.acceptOrActivate(input.msaId, null, UserErrorCode.ILLEGAL_STATUS_TRANSITION);
    if ("error" in outcome) return { msa: null, supersededMsa: null, userErrors: [outcome.error] };
    return {
      msa: toMsa(outcome.ok.msa),
      supersededMsa: outcome.ok.superseded ? toMsa(outcome.ok.superseded) : null,
      userErrors: [],
    };
  }

  /** The current content digest of a version (what `acceptMsa` binds to). */
  async contentDigestOf(msa: Msa): Promise<string> {
    const clauses = await this.ctx.loaders.get(clausesByMsaId).load(msa.dbId);
    let digest = digests.get(clauses);
    if (digest === undefined) {
      digest = msaContentDigest({ id: msa.dbId, title: msa.title, effectiveFrom: msa.effectiveFrom }, clauses);
      digests.set(clauses, digest);
    }
    return digest;
  }

  /**
   * A party's acceptance that still counts: on a DRAFT, only when given for the current content; on an ACTIVE
   * or SUPERSEDED version (immutable) as recorded — null on versions activated before acceptances existed.
   */
  async acceptanceOf(msa: Msa, party: MsaParty): Promise<StoredAcceptance | null> {
    const stored = msa.acceptances[party];
    if (!stored || msa.status !== MsaStatus.DRAFT) return stored;
    return counts(stored, await this.contentDigestOf(msa)) ? stored : null;
  }

  private async acceptOrActivate(
    msaGlobalId: string,
    expectedDigest: string | null,
    notDraftCode: UserErrorCode.MSA_IMMUTABLE | UserErrorCode.ILLEGAL_STATUS_TRANSITION,
  ): Promise<Outcome<{ msa: MsaRow; superseded: MsaRow | null }>> {
    const { principal, db } = this.ctx;
    principal.assertScope("msa:write");
    const msaId = parseGlobalId(msaGlobalId, "Msa");
    if (msaId === null) return { error: userError(["msaId"], UserErrorCode.INVALID_ID, "msaId is not a valid Msa ID") };
    const party = partyOf(principal.role);

    return retryOnUnique("msas_one_active_per_client", () =>
      db.transaction(async (tx): Promise<Outcome<{ msa: MsaRow; superseded: MsaRow | null }>> => {
        // The DRAFT's row lock: clause changes (which lock it too) and the other party's acceptance wait or are seen.
        const draft = await msaRepository.findForUpdate(tx, principal.tenants, msaId);
        if (!draft) return { error: userError(["msaId"], UserErrorCode.NOT_FOUND, "MSA not found") };
        if (draft.status !== "DRAFT") {
          const message = `MSA version ${draft.versionNumber} is ${draft.status}: only a DRAFT version can be accepted`;
          return {
            error:
              notDraftCode === UserErrorCode.MSA_IMMUTABLE
                ? immutable(["msaId"], `MSA version ${draft.versionNumber} is ${draft.status}`)
                : userError(["msaId"], notDraftCode, message),
          };
        }
        await msaRepository.lockClientVersions(tx, draft.clientId);
        const clauses = await msaRepository.clausesOfMsas(tx, principal.tenants, [draft.id]);
        if (clauses.length === 0) {
          return { error: userError(["msaId"], UserErrorCode.MSA_WITHOUT_CLAUSES, `MSA version ${draft.versionNumber} has no clause: add one first`) };
        }
        const digest = msaContentDigest(draft, clauses);
        if (expectedDigest !== null && expectedDigest !== digest) {
          return {
            error: userError(
              ["contentDigest"],
              UserErrorCode.STALE_VERSION,
              `MSA version ${draft.versionNumber} changed since this contentDigest was read: read it again, review it and accept its current contentDigest`,
            ),
          };
        }

        // The activation rules are checked on every acceptance, so that no party accepts a version that cannot
        // come into force.
        const active = await msaRepository.findActiveForUpdate(tx, principal.tenants, draft.clientId);
        if (active) {
          if (active.versionNumber > draft.versionNumber) {
            return {
              error: userError(
                ["msaId"],
                UserErrorCode.MSA_VERSION_OUTDATED,
                `Version ${active.versionNumber} is ACTIVE and newer than version ${draft.versionNumber}: create a new version`,
              ),
            };
          }
          if (draft.effectiveFrom <= active.effectiveFrom) return { error: effectiveDateTooEarly(["msaId"], draft.effectiveFrom, active) };
        }

        const current = toMsa(draft).acceptances;
        let accepted = draft;
        if (!counts(current[party], digest)) {
          accepted = await msaRepository.recordAcceptance(tx, principal.tenants, draft.id, party, principal.actor, digest);
          await recordEvent(tx, {
            clientId: draft.clientId,
            type: "msa.accepted",
            objectType: "Msa",
            objectId: draft.id,
            actor: principal.actor,
            after: { ...msaSnapshot(accepted), party, contentDigest: digest, otherPartyAccepted: counts(current[otherParty(party)], digest) },
          });
        }
        if (!counts(current[otherParty(party)], digest)) return { ok: { msa: accepted, superseded: null } };

        let superseded: MsaRow | null = null;
        if (active) {
          superseded = await msaRepository.setStatus(tx, principal.tenants, active.id, "SUPERSEDED", dayBefore(draft.effectiveFrom));
          await recordEvent(tx, {
            clientId: active.clientId,
            type: "msa.superseded",
            objectType: "Msa",
            objectId: active.id,
            actor: principal.actor,
            before: msaSnapshot(active),
            after: { ...msaSnapshot(superseded), supersededByMsaId: draft.id },
          });
        }
        const activated = await msaRepository.setStatus(tx, principal.tenants, draft.id, "ACTIVE");
        await recordEvent(tx, {
          clientId: draft.clientId,
          type: "msa.activated",
          objectType: "Msa",
          objectId: draft.id,
          actor: principal.actor,
          before: msaSnapshot(accepted),
          after: { ...msaSnapshot(activated), supersedesMsaId: active?.id ?? null, contentDigest: digest },
        });
        return { ok: { msa: activated, superseded } };
      }),
    );
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────────────

  /** Why a version could not be locked as a DRAFT: missing (or another tenant's) or immutable. */
  private async notDraft(tx: Db, msaId: string, field: string[]): Promise<UserError> {
    const [row] = await msaRepository.findByIds(tx, this.ctx.principal.tenants, [msaId]);
    if (!row) return userError(field, UserErrorCode.NOT_FOUND, "MSA not found");
    return immutable(field, `MSA version ${row.versionNumber} is ${row.status}`);
  }

  private clauseEvent(tx: Db, type: string, clause: MsaClauseRow, extra: Record<string, unknown> = {}) {
    const snapshot = { ...clauseSnapshot(clause), ...extra };
    return recordEvent(tx, {
      clientId: clause.clientId,
      type,
      objectType: "MsaClause",
      objectId: clause.id,
      actor: this.ctx.principal.actor,
      ...(type === "msa_clause.removed" ? { before: snapshot } : { after: snapshot }),
    });
  }
}

/** Does a clause with these jurisdictions apply in `jurisdiction` or part of it? */
function appliesIn(clauseJurisdictions: string[], jurisdiction: string): boolean {
  if (clauseJurisdictions.length === 0 || clauseJurisdictions.includes(jurisdiction)) return true;
  return isSubdivision(jurisdiction)
    ? clauseJurisdictions.includes(countryOf(jurisdiction))
    : clauseJurisdictions.some((j) => countryOf(j) === jurisdiction);
}

/** `subject` says what is not a DRAFT, e.g. "MSA version 2 is ACTIVE". */
function immutable(field: string[], subject: string): UserError {
  return userError(field, UserErrorCode.MSA_IMMUTABLE, `${subject} and immutable: create a new version with createMsa`);
}

function effectiveDateTooEarly(field: string[], effectiveFrom: string, active: MsaRow): UserError {
  return userError(
    field,
    UserErrorCode.MSA_EFFECTIVE_DATE_TOO_EARLY,
    `effectiveFrom ${effectiveFrom} must be after ${active.effectiveFrom}, the effectiveFrom of ACTIVE version ${active.versionNumber}`,
  );
}

/** `YYYY-MM-DD` of the previous calendar day. */
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function retryOnUnique<T>(constraint: string, run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isUniqueViolation(error, constraint)) throw error;
    }
  }
}

function msaSnapshot(row: MsaRow) {
  return {
    clientId: row.clientId,
    versionNumber: row.versionNumber,
    title: row.title,
    status: row.status,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
  };
}

function clauseSnapshot(row: MsaClauseRow) {
  return {
    msaId: row.msaId,
    category: row.category,
    responsibleParty: row.responsibleParty,
    jurisdictions: row.jurisdictions,
    title: row.title,
    text: row.text,
  };
}
