import { countryOf } from "../../shared/jurisdiction";

/**
 * Who holds a responsibility for work in one jurisdiction, read from the clauses of an ACTIVE MSA.
 * Pure: no database, no GraphQL, so the rule is tested on its own (test/unit/responsibility.test.ts).
 *
 * The rule:
 * 1. A clause applies to a work jurisdiction (`US-CA`) when it lists that subdivision, its country (`US`), or
 *    no jurisdiction at all (every jurisdiction).
 * 2. The most specific applicable clause wins: subdivision (`US-CA`) over country (`US`) over every jurisdiction.
 *    A clause listing both `US` and `US-CA` counts at its most specific match.
 * 3. Several applicable clauses at the same, most specific level: the clause added last wins (ids are UUIDv7,
 *    time-ordered, so the greatest id is the latest; clauses copied into a new version keep their relative
 *    order). The equally specific clauses that name a different party are reported as `conflicting`, so the
 *    disagreement is visible instead of hidden.
 * 4. No applicable clause: the MSA is silent, `responsibleParty` is null.
 */
export interface ClauseForResolution {
  id: string;
  category: string;
  responsibleParty: string;
  /** Countries and subdivisions; empty = every jurisdiction. */
  jurisdictions: readonly string[];
}

export interface ResolvedResponsibility<C extends ClauseForResolution> {
  category: string;
  /** Null when no clause applies (the MSA is silent) or when there are no clauses (no ACTIVE MSA). */
  responsibleParty: string | null;
  clause: C | null;
  /** Which of the winning clause's jurisdictions matched (`US-CA` or `US`); null when it applies everywhere or nothing matched. */
  matchedJurisdiction: string | null;
  /** Other applicable clauses at the winner's specificity that name a different party (added earlier, so they lose). */
  conflicting: C[];
}

/** 2 = the subdivision itself, 1 = its country, 0 = every jurisdiction; null = the clause does not apply. */
export function specificity(clauseJurisdictions: readonly string[], workJurisdiction: string): { level: number; matched: string | null } | null {
  if (clauseJurisdictions.length === 0) return { level: 0, matched: null };
  if (clauseJurisdictions.includes(workJurisdiction)) return { level: 2, matched: workJurisdiction };
  const country = countryOf(workJurisdiction);
  if (clauseJurisdictions.includes(country)) return { level: 1, matched: country };
  return null;
}

/** Resolves one category for a work jurisdiction (a subdivision such as `US-CA`). */
export function resolveResponsibility<C extends ClauseForResolution>(clauses: readonly C[], workJurisdiction: string, category: string): ResolvedResponsibility<C> {
  let bestLevel = -1;
  let atBest: { clause: C; matched: string | null }[] = [];
  for (const clause of clauses) {
    if (clause.category !== category) continue;
    const match = specificity(clause.jurisdictions, workJurisdiction);
    if (match === null || match.level < bestLevel) continue;
    if (match.level > bestLevel) {
      bestLevel = match.level;
      atBest = [];
    }
    atBest.push({ clause, matched: match.matched });
  }
  if (atBest.length === 0) {
    return { category, responsibleParty: null, clause: null, matchedJurisdiction: null, conflicting: [] };
  }
  const ordered = atBest.sort((a, b) => (a.clause.id < b.clause.id ? -1 : a.clause.id > b.clause.id ? 1 : 0));
  const winner = ordered[ordered.length - 1];
  const conflicting = ordered
    .slice(0, -1)
    .map((m) => m.clause)
    .filter((c) => c.responsibleParty !== winner.clause.responsibleParty);
  return {
    category,
    responsibleParty: winner.clause.responsibleParty,
    clause: winner.clause,
    matchedJurisdiction: winner.matched,
    conflicting,
  };
}

/** Resolves each of `categories`, in that order. */
export function resolveResponsibilities<C extends ClauseForResolution>(
  clauses: readonly C[],
  workJurisdiction: string,
  categories: readonly string[],
): ResolvedResponsibility<C>[] {
  return categories.map((category) => resolveResponsibility(clauses, workJurisdiction, category));
}
