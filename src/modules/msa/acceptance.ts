import { createHash } from "node:crypto";
import type { Role } from "../../auth/scopes";

/**
 * The MSA is a contract between two parties: the client side and the EOR. Pure rules (no database, no GraphQL),
 * used by the service, the graph and the seed.
 *
 * - Each party accepts a DRAFT version; the version becomes ACTIVE when both have accepted, in either order.
 * - An acceptance is bound to the digest of the content it accepted (title, effective date, every clause). It
 *   counts only while the version's content still has that digest, so a clause added or removed after one party
 *   accepted voids that acceptance without anyone having to clear it.
 */
export type MsaParty = "CLIENT" | "EOR";

export type AcceptanceActorKind = "OPERATOR" | "CLIENT" | "PARTNER" | "SYSTEM";

export interface StoredAcceptance {
  at: Date;
  actor: { kind: AcceptanceActorKind; id: string };
  /** `msaContentDigest` of the content accepted. */
  digest: string;
}

/** Which side of the contract a caller accepts for: CLIENT and PARTNER callers for the client, OPERATOR for the EOR. */
export function partyOf(role: Role): MsaParty {
  switch (role) {
    case "OPERATOR":
      return "EOR";
    case "CLIENT":
    case "PARTNER":
      return "CLIENT";
  }
}

export function otherParty(party: MsaParty): MsaParty {
  return party === "CLIENT" ? "EOR" : "CLIENT";
}

export interface MsaContent {
  id: string;
  title: string;
  effectiveFrom: string;
}

export interface MsaClauseContent {
  id: string;
  category: string;
  responsibleParty: string;
  jurisdictions: readonly string[];
  title: string;
  text: string;
}

/**
 * SHA-256 (hex) of what a party agrees to: the version's id, title and effective date, and its clauses in id
 * order (the order that decides ties between clauses). Arrays, not objects, so the encoding has one form.
 */
export function msaContentDigest(msa: MsaContent, clauses: readonly MsaClauseContent[]): string {
  const ordered = [...clauses].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const canonical = JSON.stringify([
    "msa-content/1",
    msa.id,
    msa.title,
    msa.effectiveFrom,
    ordered.map((c) => [c.id, c.category, c.responsibleParty, [...c.jurisdictions].sort(), c.title, c.text]),
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** An acceptance counts when it was given for exactly the current content. */
export function counts(acceptance: StoredAcceptance | null, currentDigest: string): acceptance is StoredAcceptance {
  return acceptance !== null && acceptance.digest === currentDigest;
}
