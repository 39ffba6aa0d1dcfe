import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import type { Context } from "../../context";
import { Client, ClientConnection } from "./client.type";
import { ClientsArgs, CreateClientInput, UpdateClientInput } from "./client.input";
import { CreateClientPayload, UpdateClientPayload } from "./client.payload";
import { toPayload } from "../../shared/command-result";
import { ClientService } from "./client.service";
import { legalEntitiesByClientId } from "./client.loaders";

@Resolver(() => Client)
export class ClientResolver {
  @Query(() => ClientConnection, { description: "Clients the caller may act for (OPERATOR: all). Needs `clients:read`." })
  clients(@Args(() => ClientsArgs) args: ClientsArgs, @Ctx() ctx: Context) {
    return new ClientService(ctx).list(args);
  }

  @Mutation(() => CreateClientPayload, { description: "Creates a client. OPERATOR only; needs `clients:write`." })
  async createClient(@Arg("input", () => CreateClientInput, { description: "The new client." }) input: CreateClientInput, @Ctx() ctx: Context) {
    return toPayload("client", await new ClientService(ctx).create(input));
  }

  @Mutation(() => UpdateClientPayload, {
    description:
      "Changes a client (name, externalId, status, legal entity jurisdictions), guarded by `expectedVersion`; records a `client.updated` event. OPERATOR only; needs `clients:write`.",
  })
  async updateClient(@Arg("input", () => UpdateClientInput, { description: "The changes." }) input: UpdateClientInput, @Ctx() ctx: Context) {
    return toPayload("client", await new ClientService(ctx).update(input));
  }

  @MaxItems(LIST_LIMITS.jurisdictions)
  @FieldResolver(() => [String], { description: "Jurisdictions where the client has its own legal entity (`US`, `US-CA`, `CA`…). At most 66 (every supported jurisdiction)." })
  legalEntityJurisdictions(@Root() client: Client, @Ctx() ctx: Context) {
    return ctx.loaders.get(legalEntitiesByClientId).load(client.dbId);
  }
}
