import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import type { Context } from "../../context";
import { Client } from "../clients/client.type";
import { Msa, MsaClause, MsaConnection } from "./msa.type";
import { type ActorKind, EventActor } from "../events/event.type";
import { DateTimeScalar } from "../../shared/scalars";
import type { MsaParty, StoredAcceptance } from "./acceptance";
import { AcceptMsaInput, ActivateMsaInput, AddMsaClauseInput, ClientMsasArgs, CreateMsaInput, MsaClausesArgs, MsasArgs, RemoveMsaClauseInput } from "./msa.input";
import { AcceptMsaPayload, ActivateMsaPayload, AddMsaClausePayload, CreateMsaPayload, RemoveMsaClausePayload } from "./msa.payload";
import { toPayload, toPayloadFields } from "../../shared/command-result";
import { MsaDraftService } from "./msa-draft.service";
import { MsaQueryService } from "./msa-query.service";

@Resolver(() => Msa)
export class MsaResolver {
  @Query(() => MsaConnection, {
    description: "MSA versions of the clients the caller may act for, in creation order. Needs `msa:read`.",
  })
  msas(@Args(() => MsasArgs) args: MsasArgs, @Ctx() ctx: Context) {
    return new MsaQueryService(ctx).list(args);
  }

  @Mutation(() => CreateMsaPayload, {
    description:
      "Creates the client's next MSA version as a DRAFT (version number = highest so far + 1), optionally starting from copies of the ACTIVE version's clauses. Needs `msa:write`.",
  })
  async createMsa(@Arg("input", () => CreateMsaInput, { description: "The new version." }) input: CreateMsaInput, @Ctx() ctx: Context) {
    return toPayload("msa", await new MsaDraftService(ctx).create(input));
  }

  @Mutation(() => AddMsaClausePayload, {
    description: "Adds a clause to a DRAFT version (an ACTIVE or SUPERSEDED version is immutable: MSA_IMMUTABLE). Needs `msa:write`.",
  })
  async addMsaClause(@Arg("input", () => AddMsaClauseInput, { description: "The clause." }) input: AddMsaClauseInput, @Ctx() ctx: Context) {
    return toPayload("clause", await new MsaDraftService(ctx).addClause(input));
  }

  @Mutation(() => RemoveMsaClausePayload, {
    description: "Removes a clause from a DRAFT version (MSA_IMMUTABLE otherwise). Needs `msa:write`.",
  })
  async removeMsaClause(@Arg("input", () => RemoveMsaClauseInput, { description: "The clause to remove." }) input: RemoveMsaClauseInput, @Ctx() ctx: Context) {
    return toPayloadFields(await new MsaDraftService(ctx).removeClause(input), { removedMsaClauseId: null, removedClauseId: null, msa: null });
  }

  @Mutation(() => AcceptMsaPayload, {
    description:
      "The caller's party accepts a DRAFT version as it is now (`contentDigest`): a CLIENT or PARTNER caller for the client side, an OPERATOR for the EOR. When the other party has already accepted the same content, the version comes into force in the same transaction: it becomes ACTIVE and immutable, and the previously ACTIVE version becomes SUPERSEDED with `effectiveTo` = the day before the new `effectiveFrom`. Either party may accept first. A change to the draft after an acceptance (a clause added or removed) voids it: both must accept the new content. Accepting again what one's party has already accepted changes nothing (no new event). Each acceptance is an `msa.accepted` event, the activation an `msa.activated` event. Needs `msa:write`.",
  })
  async acceptMsa(@Arg("input", () => AcceptMsaInput, { description: "The DRAFT version and the content the caller accepts." }) input: AcceptMsaInput, @Ctx() ctx: Context) {
    return toPayload("msa", await new MsaDraftService(ctx).accept(input));
  }

  @Mutation(() => ActivateMsaPayload, {
    description:
      "Deprecated: records the caller's party's acceptance of the DRAFT's current content, exactly as `acceptMsa` (without a content digest), and activates the version only when the other party has already accepted the same content. Needs `msa:write`.",
    deprecationReason:
      "Use `acceptMsa`: an MSA version needs the acceptance of both the client side and the EOR. `activateMsa` now only records the caller's acceptance; the version becomes ACTIVE when the other party has accepted the same content.",
  })
  async activateMsa(@Arg("input", () => ActivateMsaInput, { description: "The DRAFT version." }) input: ActivateMsaInput, @Ctx() ctx: Context) {
    return toPayloadFields(await new MsaDraftService(ctx).activate(input), { msa: null, supersededMsa: null });
  }

  @FieldResolver(() => String, {
    description:
      "SHA-256 (hex) of the version's content: its id, title, `effectiveFrom` and every clause. Changes whenever a clause is added or removed; pass the value reviewed to `acceptMsa`.",
  })
  contentDigest(@Root() msa: Msa, @Ctx() ctx: Context) {
    return new MsaQueryService(ctx).contentDigestOf(msa);
  }

  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description:
      "When the client side (a CLIENT or PARTNER caller) accepted this version with `acceptMsa`. On a DRAFT, null until the client side has accepted the current content (a change since voids the acceptance); null on versions activated before acceptances were recorded.",
  })
  async acceptedByClientAt(@Root() msa: Msa, @Ctx() ctx: Context) {
    return (await acceptance(ctx, msa, "CLIENT"))?.at ?? null;
  }

  @FieldResolver(() => EventActor, { nullable: true, description: "Who accepted for the client side (see `acceptedByClientAt`): a CLIENT or PARTNER caller." })
  async acceptedByClientActor(@Root() msa: Msa, @Ctx() ctx: Context) {
    return actorOf(await acceptance(ctx, msa, "CLIENT"));
  }

  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description:
      "When the EOR (an OPERATOR) accepted this version with `acceptMsa`. On a DRAFT, null until the EOR has accepted the current content (a change since voids the acceptance); null on versions activated before acceptances were recorded.",
  })
  async acceptedByEorAt(@Root() msa: Msa, @Ctx() ctx: Context) {
    return (await acceptance(ctx, msa, "EOR"))?.at ?? null;
  }

  @FieldResolver(() => EventActor, { nullable: true, description: "Who accepted for the EOR (see `acceptedByEorAt`): an OPERATOR." })
  async acceptedByEorActor(@Root() msa: Msa, @Ctx() ctx: Context) {
    return actorOf(await acceptance(ctx, msa, "EOR"));
  }

  @FieldResolver(() => Client, { nullable: true, description: "The client whose agreement this is. Needs `clients:read` (null with a FORBIDDEN error otherwise)." })
  client(@Root() msa: Msa, @Ctx() ctx: Context) {
    return new MsaQueryService(ctx).clientOf(msa);
  }

  @MaxItems(LIST_LIMITS.clausesPerMsaVersion)
  @FieldResolver(() => [MsaClause], { description: "The version's clauses in the order they were added, optionally filtered. At most 100: the most clauses a version may have." })
  clauses(@Root() msa: Msa, @Args(() => MsaClausesArgs) args: MsaClausesArgs, @Ctx() ctx: Context) {
    return new MsaQueryService(ctx).clausesOf(msa, args);
  }
}

function acceptance(ctx: Context, msa: Msa, party: MsaParty) {
  return new MsaQueryService(ctx).acceptanceOf(msa, party);
}

function actorOf(accepted: StoredAcceptance | null): EventActor | null {
  return accepted ? Object.assign(new EventActor(), { kind: accepted.actor.kind as ActorKind, id: accepted.actor.id }) : null;
}

@Resolver(() => MsaClause)
export class MsaClauseResolver {
  @FieldResolver(() => Msa, { description: "The MSA version the clause belongs to." })
  msa(@Root() clause: MsaClause, @Ctx() ctx: Context) {
    return new MsaQueryService(ctx).msaOf(clause);
  }
}

/** The client's MSA fields, contributed by this module to the `Client` type. */
@Resolver(() => Client)
export class ClientMsaResolver {
  @FieldResolver(() => Msa, { nullable: true, description: "The ACTIVE MSA version, or null when none is in force. Needs `msa:read`." })
  msa(@Root() client: Client, @Ctx() ctx: Context) {
    return new MsaQueryService(ctx).activeOf(client);
  }

  @FieldResolver(() => MsaConnection, {
    nullable: true,
    description: "Every MSA version of the client (DRAFT, ACTIVE, SUPERSEDED), in creation order. Needs `msa:read` (null with a FORBIDDEN error otherwise).",
  })
  msas(@Root() client: Client, @Args(() => ClientMsasArgs) args: ClientMsasArgs, @Ctx() ctx: Context) {
    return new MsaQueryService(ctx).versionsOf(client, args);
  }
}
