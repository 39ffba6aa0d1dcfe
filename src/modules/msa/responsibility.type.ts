import { Field, ObjectType } from "type-graphql";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { MsaClause, ResponsibilityCategory, ResponsibleParty, toMsaClause, type MsaClauseRow } from "./msa.type";
import type { ResolvedResponsibility } from "./responsibility";

@ObjectType("Responsibility", {
  description: "Who holds one employer responsibility for an engagement, read from the client's ACTIVE MSA for the engagement's work jurisdiction.",
})
export class Responsibility {
  @Field(() => ResponsibilityCategory, { description: "The responsibility." })
  category!: ResponsibilityCategory;

  @Field(() => ResponsibleParty, {
    nullable: true,
    description: "Who holds it. Null when the client has no ACTIVE MSA or no clause of it covers this category in this jurisdiction.",
  })
  responsibleParty!: ResponsibleParty | null;

  @Field(() => MsaClause, { nullable: true, description: "The clause that decides it; null when `responsibleParty` is null." })
  clause!: MsaClause | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Which of the clause's jurisdictions matched the work jurisdiction: the subdivision (`US-CA`) or the country (`US`); null when the clause applies to every jurisdiction (or no clause applies).",
  })
  matchedJurisdiction!: string | null;

  @MaxItems(LIST_LIMITS.clausesPerMsaVersion)
  @Field(() => [MsaClause], {
    description:
      "Clauses as specific as `clause` that name a different party and lose to it because they were added earlier. Non-empty means the MSA contradicts itself here and should be corrected in a new version. At most 100 (the clauses of a version).",
  })
  conflictingClauses!: MsaClause[];
}

export function toResponsibility(resolved: ResolvedResponsibility<MsaClauseRow>): Responsibility {
  return Object.assign(new Responsibility(), {
    category: resolved.category as ResponsibilityCategory,
    responsibleParty: resolved.responsibleParty as ResponsibleParty | null,
    clause: resolved.clause ? toMsaClause(resolved.clause) : null,
    matchedJurisdiction: resolved.matchedJurisdiction,
    conflictingClauses: resolved.conflicting.map(toMsaClause),
  });
}
