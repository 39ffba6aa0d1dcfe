/** Who approves a run: the PAYROLL_APPROVAL rule of the client's MSA (pure; the lifecycle service applies it). */
import type { Role } from "../../auth/scopes";
import { resolveResponsibility, type ClauseForResolution } from "../msa/responsibility";

export const PAYROLL_APPROVAL = "PAYROLL_APPROVAL";

/** Who approves a run under its client's MSA, and whether the caller's role may. */
export interface ApprovalRule {
  /** The responsible party of the deciding clause; null when the MSA is silent (or there is no ACTIVE MSA). */
  party: string | null;
  /** The roles that may approve. */
  roles: readonly Role[];
  allowed: boolean;
}

/**
 * Which party approves a run, from the client-wide clauses of its ACTIVE MSA: the PAYROLL_APPROVAL clause that
 * applies to the whole run's country — a clause for every jurisdiction or one listing the country (`US`,
 * `CA`). A clause that lists only subdivisions (`US-CA`) concerns single engagements, not a run paying a
 * whole country, so it does not decide here. Most specific wins, then the latest (see responsibility.ts).
 *
 * - CLIENT: the client's own people or its integrations approve — CLIENT or PARTNER principals;
 * - EOR: the EOR approves — OPERATOR principals only;
 * - SHARED: either side;
 * - no clause: CLIENT. Approving payroll is the client's decision in an EOR relationship (the EOR processes it);
 *   the EOR only approves when the MSA says so.
 */
export function approvalRule(clauses: readonly ClauseForResolution[], country: "US" | "CA", role: Role): ApprovalRule {
  // Resolving for the country itself: a clause applies when it lists no jurisdiction or lists the country.
  const { responsibleParty } = resolveResponsibility(clauses, country, PAYROLL_APPROVAL);
  const roles: readonly Role[] = responsibleParty === "EOR" ? ["OPERATOR"] : responsibleParty === "SHARED" ? ["OPERATOR", "CLIENT", "PARTNER"] : ["CLIENT", "PARTNER"];
  return { party: responsibleParty, roles, allowed: roles.includes(role) };
}
