import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { MaxItems } from "../../shared/list-limits";
import type { Context } from "../../context";
import { decodeGlobalId } from "../../shared/global-id";
import { badInput } from "../../shared/errors";
import { Node } from "./node.type";
import { nodeFetchers } from "./node.registry";

const MAX_NODES = 100;

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description:
      "Fetches any object by its global ID. Null when it does not exist or the caller may not see it (the two are indistinguishable). A malformed ID is a BAD_USER_INPUT error.",
  })
  node(@Arg("id", () => ID, { description: "A global ID." }) id: string, @Ctx() ctx: Context) {
    return fetchNode(ctx, id);
  }

  @MaxItems(MAX_NODES)
  @Query(() => [Node], {
    nullable: "items",
    description: "Fetches up to 100 objects by global ID, in the same order; null in each place the caller may not see. At most 100 (one per ID).",
  })
  nodes(@Arg("ids", () => [ID], { description: "Global IDs (at most 100)." }) ids: string[], @Ctx() ctx: Context) {
    if (ids.length > MAX_NODES) throw badInput(`\`ids\` takes at most ${MAX_NODES} IDs, got ${ids.length}`);
    return ids.map((id) => fetchNode(ctx, id));
  }
}

async function fetchNode(ctx: Context, globalId: string): Promise<Node | null> {
  const decoded = decodeGlobalId(globalId);
  if (decoded === null) throw badInput("Not a valid global ID", { argument: "id" });
  const fetcher = nodeFetchers[decoded.type];
  return fetcher ? fetcher(ctx, decoded.id) : null;
}
