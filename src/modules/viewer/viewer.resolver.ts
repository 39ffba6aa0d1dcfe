import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import type { Context } from "../../context";
import { Client } from "../clients/client.type";
import { ClientService } from "../clients/client.service";
import { type PrincipalKind, Viewer } from "./viewer.type";

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: "Describes the caller: kind, scopes and accessible clients." })
  viewer(@Ctx() ctx: Context): Viewer {
    const p = ctx.principal;
    return Object.assign(new Viewer(), {
      kind: p.role as PrincipalKind,
      subject: p.subject,
      scopes: [...p.scopes].sort(),
      allClients: p.role === "OPERATOR",
    });
  }

  @MaxItems(LIST_LIMITS.tokenClients)
  @FieldResolver(() => [Client], {
    nullable: true,
    description:
      "The clients named in the token that exist (CLIENT, PARTNER). Empty for an OPERATOR: use `clients`. At most 100 (a token names at most 100 clients). Needs `clients:read` (null with a FORBIDDEN error otherwise).",
  })
  async accessibleClients(@Root() _viewer: Viewer, @Ctx() ctx: Context) {
    const service = new ClientService(ctx);
    const clients = await Promise.all(ctx.principal.clientIds.map((id) => service.byId(id)));
    return clients.filter((c): c is Client => c !== null);
  }
}
