import { Field, ID, ObjectType } from "type-graphql";
import { UserError } from "../../shared/user-error";
import { Msa, MsaClause } from "./msa.type";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";

@ObjectType({ description: "Result of `createMsa`." })
export class CreateMsaPayload {
  @Field(() => Msa, { nullable: true, description: "The new DRAFT version; null when `userErrors` is not empty." })
  msa!: Msa | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `addMsaClause`." })
export class AddMsaClausePayload {
  @Field(() => MsaClause, { nullable: true, description: "The new clause; null when `userErrors` is not empty." })
  clause!: MsaClause | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `removeMsaClause`." })
export class RemoveMsaClausePayload {
  @Field(() => ID, { nullable: true, description: "Global ID of the removed clause; null when `userErrors` is not empty." })
  removedMsaClauseId!: string | null;

  @Field(() => ID, { nullable: true, description: "Global ID of the removed clause.", deprecationReason: "Use `removedMsaClauseId`." })
  removedClauseId!: string | null;

  @Field(() => Msa, { nullable: true, description: "The DRAFT version the clause was removed from; null when `userErrors` is not empty." })
  msa!: Msa | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of `acceptMsa`." })
export class AcceptMsaPayload {
  @Field(() => Msa, {
    nullable: true,
    description:
      "The version: ACTIVE when this acceptance completed both parties' acceptances, otherwise still DRAFT with the caller's acceptance recorded (`acceptedByClientAt` / `acceptedByEorAt`). Null when `userErrors` is not empty.",
  })
  msa!: Msa | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of the deprecated `activateMsa`." })
export class ActivateMsaPayload {
  @Field(() => Msa, {
    nullable: true,
    description:
      "The version: ACTIVE when the other party had already accepted the same content, otherwise still DRAFT with the caller's acceptance recorded. Null when `userErrors` is not empty.",
  })
  msa!: Msa | null;

  @Field(() => Msa, { nullable: true, description: "The previously ACTIVE version, now SUPERSEDED; null when there was none, when the version is not ACTIVE yet, or on error." })
  supersededMsa!: Msa | null;

  @MaxItems(LIST_LIMITS.userErrors)
  @Field(() => [UserError], { description: "What to fix in the input; empty on success. At most 50." })
  userErrors!: UserError[];
}
