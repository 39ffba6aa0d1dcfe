import { requiredRenamedValue } from "../../shared/renamed";
import type { Context } from "../../context";
import { LIST_LIMITS } from "../../shared/list-limits";
import type { Db } from "../../db/client";
import { constraintUserError } from "../../db/constraint-errors";
import { conflictingIdFor } from "../../auth/read-scopes";
import { isRestrictViolation, isUniqueViolation } from "../../db/errors";
import { retryOn } from "../../db/retry";
import { failed, mapResult, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { parseGlobalId, toGlobalId } from "../../shared/global-id";
import { newId } from "../../shared/ids";
import { isJurisdiction } from "../../shared/jurisdiction";
import { userError, UserErrorCode, UserErrors, type UserError } from "../../shared/user-error";
import { recordEvent } from "../events/event.repository";
import { clientById } from "../clients/client.loaders";
import { msaRepository } from "./msa.repository";
import { counts, msaContentDigest, otherParty, partyOf } from "./acceptance";
import { toMsa, toMsaClause, type Msa, type MsaClause, type MsaClauseRow, type MsaRow } from "./msa.type";
import type { AcceptMsaInput, ActivateMsaInput, AddMsaClauseInput, CreateMsaInput, RemoveMsaClauseInput } from "./msa.input";

const TITLE_MAX = 200;
const CLAUSE_TEXT_MAX = 10_000;
/**
 * Creations and activations for one client are serialized by an advisory lock; should two still collide on a
 * unique index (a writer that skips the lock), the loser retries on the committed state.
 */
const ATTEMPTS = 3;

/**
 * The draft lifecycle of MSA versions: create a DRAFT, add and remove its clauses, accept it (both parties'
 * acceptances activate it). Every command needs `msa:write`, is scoped to the caller's clients (another client's
 * version answers exactly like a missing one), and returns a CommandResult. Reads are MsaQueryService.
 */
export class MsaDraftService {
  constructor(private readonly ctx: Context) {}

  async create(input: CreateMsaInput): Promise<CommandResult<Msa>> {
    const { principal, db } = this.ctx;
    principal.assertScope("msa:write");

    const errors = new UserErrors();
    const clientId = parseGlobalId(input.clientId, "Client");
    if (clientId === null) errors.add(["clientId"], UserErrorCode.INVALID_ID, "clientId is not a valid Client ID");
    else if (!(await this.ctx.loaders.get(clientById).load(clientId))) errors.add(["clientId"], UserErrorCode.NOT_FOUND, "Client not found");
    errors.text("title", input.title, TITLE_MAX);
    if (errors.any || clientId === null) return rejectedBy(errors);

    const outcome = await retryOnUnique("msas_client_version_key", () =>
      db.transaction(async (tx): Promise<CommandResult<MsaRow>> => {
        await msaRepository.lockClientVersions(tx, clientId);
        const active = await msaRepository.findActiveForUpdate(tx, principal.tenants, clientId);
        if (active && input.effectiveFrom <= active.effectiveFrom) {
          return failed(effectiveDateTooEarly(["effectiveFrom"], input.effectiveFrom, active));
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
        return succeeded(created);
      }),
    );
    return mapResult(outcome, toMsa);
  }

  async addClause(input: AddMsaClauseInput): Promise<CommandResult<MsaClause>> {
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
    if (errors.any || msaId === null) return rejectedBy(errors);

    try {
      const outcome = await db.transaction(async (tx): Promise<CommandResult<MsaClauseRow>> => {
        const draft = await msaRepository.touchDraft(tx, principal.tenants, msaId);
        if (!draft) return failed(await this.notDraft(tx, msaId, ["msaId"]));
        // Counted under the DRAFT's row lock (taken by touchDraft): concurrent additions count one after the other.
        if ((await msaRepository.countClauses(tx, principal.tenants, msaId)) >= LIST_LIMITS.clausesPerMsaVersion) {
          return failed(
            userError(
              ["msaId"],
              UserErrorCode.TOO_MANY_CLAUSES,
              `MSA version ${draft.versionNumber} already has ${LIST_LIMITS.clausesPerMsaVersion} clauses, the most a version may have`,
            ),
          );
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
        return succeeded(clause);
      });
      return mapResult(outcome, toMsaClause);
    } catch (error) {
      if (isRestrictViolation(error)) return failed(immutable(["msaId"], "The MSA version is no longer a DRAFT"));
      throw error;
    }
  }

  async removeClause(input: RemoveMsaClauseInput): Promise<CommandResult<{ removedMsaClauseId: string; removedClauseId: string; msa: Msa }>> {
    const { principal, db } = this.ctx;
    principal.assertScope("msa:write");
    const field = input.msaClauseId != null ? "msaClauseId" : "clauseId";
    const given = requiredRenamedValue(["msaClauseId", input.msaClauseId], ["clauseId", input.clauseId]);
    if (given.problem !== undefined) return failed(userError([given.name], UserErrorCode.INVALID_INPUT, given.problem));
    const clauseId = parseGlobalId(given.value, "MsaClause");
    if (clauseId === null) {
      return failed(userError([field], UserErrorCode.INVALID_ID, `${field} is not a valid MsaClause ID`));
    }

    try {
      const outcome = await db.transaction(async (tx): Promise<CommandResult<MsaRow>> => {
        const [clause] = await msaRepository.clausesByIds(tx, principal.tenants, [clauseId]);
        if (!clause) return failed(userError([field], UserErrorCode.NOT_FOUND, "MSA clause not found"));
        const draft = await msaRepository.touchDraft(tx, principal.tenants, clause.msaId);
        if (!draft) return failed(await this.notDraft(tx, clause.msaId, [field]));
        // The DRAFT's row lock is held now: a concurrent removal of the same clause committed first or waits.
        const deleted = await msaRepository.deleteClause(tx, principal.tenants, clauseId);
        if (!deleted) return failed(userError([field], UserErrorCode.NOT_FOUND, "MSA clause not found"));
        await this.clauseEvent(tx, "msa_clause.removed", deleted);
        // The uniform deletion event every deleted object leaves (incremental sync); `msa_clause.removed` stays for
        // the consumers that already filter on it.
        await this.clauseEvent(tx, "msaClause.deleted", deleted);
        return succeeded(draft);
      });
      return mapResult(outcome, (draft) => ({ removedMsaClauseId: toGlobalId("MsaClause", clauseId), removedClauseId: toGlobalId("MsaClause", clauseId), msa: toMsa(draft) }));
    } catch (error) {
      if (isRestrictViolation(error)) return failed(immutable([field], "The clause's MSA version is no longer a DRAFT"));
      throw error;
    }
  }

  /**
   * The caller's party (client side or EOR) accepts the DRAFT's current content; when the other party's
   * acceptance of the same content is already recorded, the version becomes ACTIVE in the same transaction.
   * Accepting again what the caller's party has already accepted changes nothing and records no event.
   */
  async accept(input: AcceptMsaInput): Promise<CommandResult<Msa>> {
    const outcome = await this.acceptOrActivate(input.msaId, input.contentDigest, UserErrorCode.MSA_IMMUTABLE);
    return mapResult(outcome, ({ msa }) => toMsa(msa));
  }

  /**
   * Deprecated `activateMsa`: the caller's acceptance of the current content, exactly as `accept` without a
   * digest to compare. It activates only when the other party has accepted the same content already. A version
   * that is not a DRAFT keeps answering ILLEGAL_STATUS_TRANSITION, as this mutation always did.
   */
  async activate(input: ActivateMsaInput): Promise<CommandResult<{ msa: Msa; supersededMsa: Msa | null }>> {
    const outcome = await this.acceptOrActivate(input.msaId, null, UserErrorCode.ILLEGAL_STATUS_TRANSITION);
    return mapResult(outcome, ({ msa, superseded }) => ({ msa: toMsa(msa), supersededMsa: superseded ? toMsa(superseded) : null }));
  }

  private async acceptOrActivate(
    msaGlobalId: string,
    expectedDigest: string | null,
    notDraftCode: UserErrorCode.MSA_IMMUTABLE | UserErrorCode.ILLEGAL_STATUS_TRANSITION,
  ): Promise<CommandResult<{ msa: MsaRow; superseded: MsaRow | null }>> {
    const { principal, db } = this.ctx;
    principal.assertScope("msa:write");
    const msaId = parseGlobalId(msaGlobalId, "Msa");
    if (msaId === null) return failed(userError(["msaId"], UserErrorCode.INVALID_ID, "msaId is not a valid Msa ID"));
    const party = partyOf(principal.role);

    return retryOnUnique("msas_one_active_per_client", () =>
      db.transaction(async (tx): Promise<CommandResult<{ msa: MsaRow; superseded: MsaRow | null }>> => {
        // The DRAFT's row lock: clause changes (which lock it too) and the other party's acceptance wait or are seen.
        const draft = await msaRepository.findForUpdate(tx, principal.tenants, msaId);
        if (!draft) return failed(userError(["msaId"], UserErrorCode.NOT_FOUND, "MSA not found"));
        if (draft.status !== "DRAFT") {
          const message = `MSA version ${draft.versionNumber} is ${draft.status}: only a DRAFT version can be accepted`;
          return failed(
            notDraftCode === UserErrorCode.MSA_IMMUTABLE
              ? immutable(["msaId"], `MSA version ${draft.versionNumber} is ${draft.status}`)
              : userError(["msaId"], notDraftCode, message),
          );
        }
        await msaRepository.lockClientVersions(tx, draft.clientId);
        const clauses = await msaRepository.clausesOfMsas(tx, principal.tenants, [draft.id]);
        if (clauses.length === 0) {
          return failed(userError(["msaId"], UserErrorCode.MSA_WITHOUT_CLAUSES, `MSA version ${draft.versionNumber} has no clause: add one first`));
        }
        const digest = msaContentDigest(draft, clauses);
        if (expectedDigest !== null && expectedDigest !== digest) {
          return failed(
            userError(
              ["contentDigest"],
              UserErrorCode.STALE_VERSION,
              `MSA version ${draft.versionNumber} changed since this contentDigest was read: read it again, review it and accept its current contentDigest`,
            ),
          );
        }

        // The activation rules are checked on every acceptance, so that no party accepts a version that cannot
        // come into force.
        const active = await msaRepository.findActiveForUpdate(tx, principal.tenants, draft.clientId);
        if (active) {
          if (active.versionNumber > draft.versionNumber) {
            return failed(
              userError(
                ["msaId"],
                UserErrorCode.MSA_VERSION_OUTDATED,
                `Version ${active.versionNumber} is ACTIVE and newer than version ${draft.versionNumber}: create a new version`,
                conflictingIdFor(principal, "Msa", active.id),
              ),
            );
          }
          if (draft.effectiveFrom <= active.effectiveFrom) return failed(effectiveDateTooEarly(["msaId"], draft.effectiveFrom, active));
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
        if (!counts(current[otherParty(party)], digest)) return succeeded({ msa: accepted, superseded: null });

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
        return succeeded({ msa: activated, superseded });
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

  private clauseEvent(tx: Db, type: "msa_clause.added" | "msa_clause.removed" | "msaClause.deleted", clause: MsaClauseRow, extra: Record<string, unknown> = {}) {
    const snapshot = { ...clauseSnapshot(clause), ...extra };
    return recordEvent(tx, {
      clientId: clause.clientId,
      type,
      objectType: "MsaClause",
      objectId: clause.id,
      actor: this.ctx.principal.actor,
      ...(type === "msa_clause.added" ? { after: snapshot } : { before: snapshot }),
    });
  }
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

/**
 * Runs a transaction again (ATTEMPTS in all) when it lost a race on the unique index `constraint`; when every
 * attempt lost, the violation is the caller's userError (CONSTRAINT_USER_ERRORS), not an internal error.
 */
async function retryOnUnique<T>(constraint: string, run: () => Promise<CommandResult<T>>): Promise<CommandResult<T>> {
  const lostRace = (error: unknown) => isUniqueViolation(error, constraint);
  try {
    return await retryOn(lostRace, run, ATTEMPTS);
  } catch (error) {
    const mapped = lostRace(error) ? constraintUserError(error) : null;
    if (mapped === null) throw error;
    return failed(mapped);
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
