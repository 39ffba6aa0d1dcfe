import { ArgsType, Field, ID, InputType } from "type-graphql";
import { ConnectionArgs } from "../../shared/pagination";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { MultilineText } from "../../shared/input-guard";
import { MsaStatus, ResponsibilityCategory, ResponsibleParty } from "./msa.type";

@InputType({ description: "A new DRAFT version of a client's MSA." })
export class CreateMsaInput {
  @Field(() => ID, { description: "The client whose agreement this is." })
  clientId!: string;

  @Field(() => String, { description: "Title of the agreement, 1-200 characters." })
  title!: string;

  @Field(() => DateScalar, {
    description: "First day the version applies. Must be after the `effectiveFrom` of the client's ACTIVE version, which it ends the day before.",
  })
  effectiveFrom!: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: "Start the draft with copies of the ACTIVE version's clauses (to amend an agreement). Ignored when the client has no ACTIVE version.",
  })
  copyClausesFromActive?: boolean | null;
}

@InputType({ description: "A clause to add to a DRAFT MSA version." })
export class AddMsaClauseInput {
  @Field(() => ID, { description: "The DRAFT MSA version." })
  msaId!: string;

  @Field(() => ResponsibilityCategory, { description: "The responsibility the clause assigns." })
  category!: ResponsibilityCategory;

  @Field(() => ResponsibleParty, { description: "Who holds it." })
  responsibleParty!: ResponsibleParty;

  @Field(() => [String], {
    nullable: true,
    description: "Where the clause applies: countries (`US`, `CA`) or subdivisions (`US-CA`, `CA-ON`). Omitted or empty: every jurisdiction. Duplicates are dropped.",
  })
  jurisdictions?: string[] | null;

  @Field(() => String, { description: "Short title, 1-200 characters." })
  title!: string;

  @MultilineText()
  @Field(() => String, { description: "Full text, 1-10000 characters; may span lines (tab, line feed and carriage return are the only control characters allowed)." })
  text!: string;
}

@InputType({ description: "A clause to remove from a DRAFT MSA version." })
export class RemoveMsaClauseInput {
  @Field(() => ID, { nullable: true, description: "The clause; its MSA version must be a DRAFT. Required (graphql-js cannot mark it so while `clauseId` is its deprecated name)." })
  msaClauseId?: string | null;

  @Field(() => ID, { nullable: true, description: "The clause.", deprecationReason: "Use `msaClauseId` (one of the two is required; both must agree)." })
  clauseId?: string | null;
}

@InputType({ description: "A DRAFT MSA version the caller's party accepts." })
export class AcceptMsaInput {
  @Field(() => ID, { description: "The DRAFT MSA version; it needs at least one clause." })
  msaId!: string;

  @Field(() => String, {
    description:
      "The `Msa.contentDigest` the caller reviewed. When the version changed since (a clause added or removed), the acceptance is refused with STALE_VERSION and nothing is recorded: read it again.",
  })
  contentDigest!: string;
}

@InputType({ description: "A DRAFT MSA version to accept (deprecated `activateMsa`)." })
export class ActivateMsaInput {
  @Field(() => ID, { description: "The DRAFT MSA version; it needs at least one clause." })
  msaId!: string;
}

@ArgsType()
export class MsasArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: "Only this client's versions." })
  clientId?: string | null;

  @Field(() => MsaStatus, { nullable: true, description: "Only versions with this status." })
  status?: MsaStatus | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Only versions changed at or after this instant: inclusive (`updatedAt >= updatedSince`), so what changed at that very instant comes again. For incremental sync pass the greatest `updatedAt` already received minus a margin of a few minutes; deleted objects leave `<type>.deleted` events instead (README, Sync recipe).",
  })
  updatedSince?: Date | null;
}

@ArgsType()
export class ClientMsasArgs extends ConnectionArgs {
  @Field(() => MsaStatus, { nullable: true, description: "Only versions with this status." })
  status?: MsaStatus | null;
}

@ArgsType()
export class MsaClausesArgs {
  @Field(() => ResponsibilityCategory, { nullable: true, description: "Only clauses of this category." })
  category?: ResponsibilityCategory | null;

  @Field(() => ResponsibleParty, { nullable: true, description: "Only clauses assigning the responsibility to this party." })
  responsibleParty?: ResponsibleParty | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Only clauses that apply in this jurisdiction or part of it: for `US-CA`, clauses for every jurisdiction, for `US` and for `US-CA`; for `US`, clauses for every jurisdiction, for `US` and for any US subdivision. An unsupported code is a BAD_USER_INPUT error.",
  })
  jurisdiction?: string | null;
}

@ArgsType()
export class ResponsibilitiesArgs {
  @Field(() => ResponsibilityCategory, { nullable: true, description: "Only this category; omitted: every category, in the enum's order." })
  category?: ResponsibilityCategory | null;
}
