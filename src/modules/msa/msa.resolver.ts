import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { Client } from "../clients/client.type";
import { Msa, MsaClause, MsaConnection } from "./msa.type";
import { ActivateMsaInput, AddMsaClauseInput, ClientMsasArgs, CreateMsaInput, MsaClausesArgs, MsasArgs, RemoveMsaClauseInput } from "./msa.input";
import { ActivateMsaPayload, AddMsaClausePayload, CreateMsaPayload, RemoveMsaClausePayload } from "./msa.payload";
import { MsaService } from "./msa.service";

@Resolver(() => Msa)
export class MsaResolver {
  @Query(() => MsaConnection, {
    description: "MSA versions of the clients the caller may act for, in creation order. Needs `msa:read`.",
  })
  msas(@Args(() => MsasArgs) args: MsasArgs, @Ctx() ctx: Context) {
    return new MsaService(ctx).list(args);
  }

  @Mutation(() => CreateMsaPayload, {
    description:
      "Creates the client's next MSA version as a DRAFT (version number = highest so far + 1), optionally starting from copies of the ACTIVE version's clauses. Needs `msa:write`.",
  })
  createMsa(@Arg("input", () => CreateMsaInput, { description: "The new version." }) input: CreateMsaInput, @Ctx() ctx: Context) {
    return new MsaService(ctx).create(input);
  }

  @Mutation(() => AddMsaClausePayload, {
    description: "Adds a clause to a DRAFT version (an ACTIVE or SUPERSEDED version is immutable: MSA_IMMUTABLE). Needs `msa:write`.",
  })
  addMsaClause(@Arg("input", () => AddMsaClauseInput, { description: "The clause." }) input: AddMsaClauseInput, @Ctx() ctx: Context) {
    return new MsaService(ctx).addClause(input);
  }

  @Mutation(() => RemoveMsaClausePayload, {
    description: "Removes a clause from a DRAFT version (MSA_IMMUTABLE otherwise). Needs `msa:write`.",
  })
  removeMsaClause(@Arg("input", () => RemoveMsaClauseInput, { description: "The clause to remove." }) input: RemoveMsaClauseInput, @Ctx() ctx: Context) {
    return new MsaService(ctx).removeClause(input);
  }

  @Mutation(() => ActivateMsaPayload, {
    description:
      "Puts a DRAFT version in force: it becomes ACTIVE and immutable, and the previously ACTIVE version becomes SUPERSEDED with `effectiveTo` = the day before the new `effectiveFrom`, in one transaction. Needs `msa:write`.",
  })
  activateMsa(@Arg("input", () => ActivateMsaInput, { description: "The DRAFT version." }) input: ActivateMsaInput, @Ctx() ctx: Context) {
    return new MsaService(ctx).activate(input);
  }

  @FieldResolver(() => Client, { nullable: true, description: "The client whose agreement this is. Needs `clients:read` (null with a FORBIDDEN error otherwise)." })
  client(@Root() msa: Msa, @Ctx() ctx: Context) {
    return new MsaService(ctx).clientOf(msa);
  }

  @FieldResolver(() => [MsaClause], { description: "The version's clauses in the order they were added, optionally filtered." })
  clauses(@Root() msa: Msa, @Args(() => MsaClausesArgs) args: MsaClausesArgs, @Ctx() ctx: Context) {
    return new MsaService(ctx).clausesOf(msa, args);
  }
}

@Resolver(() => MsaClause)
export class MsaClauseResolver {
  @FieldResolver(() => Msa, { description: "The MSA version the clause belongs to." })
  msa(@Root() clause: MsaClause, @Ctx() ctx: Context) {
    return new MsaService(ctx).msaOf(clause);
  }
}

/** The client's MSA fields, contributed by this module to the `Client` type. */
@Resolver(() => Client)
export class ClientMsaResolver {
  @FieldResolver(() => Msa, { nullable: true, description: "The ACTIVE MSA version, or null when none is in force. Needs `msa:read`." })
  msa(@Root() client: Client, @Ctx() ctx: Context) {
    return new MsaService(ctx).activeOf(client);
  }

  @FieldResolver(() => MsaConnection, { nullable: true, description: "Every MSA version of the client (DRAFT, ACTIVE, SUPERSEDED), in creation order. Needs `msa:read` (null with a FORBIDDEN error otherwise)." })
  msas(@Root() client: Client, @Args(() => ClientMsasArgs) args: ClientMsasArgs, @Ctx() ctx: Context) {
    return new MsaService(ctx).versionsOf(client, args);
  }
}
