import type { Context } from "../../context";
import { badInput } from "../../shared/errors";
import { requireGlobalId } from "../../shared/global-id";
import { countryOf, isJurisdiction, isSubdivision } from "../../shared/jurisdiction";
import { pageInMemory, toConnection, toPage, toPageRequest } from "../../shared/pagination";
import { clientById } from "../clients/client.loaders";
import { toClient, type Client } from "../clients/client.type";
import type { Engagement } from "../engagements/engagement.type";
import { msaRepository } from "./msa.repository";
import { activeClausesByClientId, activeMsaByClientId, clausesByMsaId, msaById, msaClauseById, msaVersionsByClientId } from "./msa.loaders";
import { counts, msaContentDigest, type MsaParty, type StoredAcceptance } from "./acceptance";
import { MsaStatus, ResponsibilityCategory, toMsa, toMsaClause, type Msa, type MsaClause, type MsaClauseRow } from "./msa.type";
import { resolveResponsibilities } from "./responsibility";
import { toResponsibility } from "./responsibility.type";
import type { ClientMsasArgs, MsaClausesArgs, MsasArgs } from "./msa.input";

/** Content digests per loaded clause list (one request's loader cache), so the graph hashes a version once. */
const digests = new WeakMap<readonly MsaClauseRow[], string>();

/**
 * Reads of MSA versions, clauses and responsibilities (the draft lifecycle is MsaDraftService). They need
 * `msa:read`; every query is scoped to the caller's clients, and another client's version answers exactly like
 * a missing one.
 */
export class MsaQueryService {
  constructor(private readonly ctx: Context) {}

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
    const status: string | null | undefined = args.status; // the GraphQL enum's values are the database's strings
    const rows = status ? all.filter((r) => r.status === status) : all;
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
    const { jurisdiction } = args;
    // The GraphQL enums' values are the database's strings.
    const category: string | null | undefined = args.category;
    const responsibleParty: string | null | undefined = args.responsibleParty;
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
}

/** Does a clause with these jurisdictions apply in `jurisdiction` or part of it? */
function appliesIn(clauseJurisdictions: string[], jurisdiction: string): boolean {
  if (clauseJurisdictions.length === 0 || clauseJurisdictions.includes(jurisdiction)) return true;
  return isSubdivision(jurisdiction) ? clauseJurisdictions.includes(countryOf(jurisdiction)) : clauseJurisdictions.some((j) => countryOf(j) === jurisdiction);
}
