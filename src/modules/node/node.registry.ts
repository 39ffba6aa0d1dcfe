import type { Context } from "../../context";
import type { NodeType } from "../../shared/global-id";
import type { Node } from "./node.type";
import { ClientService } from "../clients/client.service";

/**
 * How `node(id)` fetches each type: through the module's service, so the same scope and tenant checks apply
 * as to every other read. A type missing here answers null.
 */
export const nodeFetchers: Partial<Record<NodeType, (ctx: Context, id: string) => Promise<Node | null>>> = {
  Client: (ctx, id) => new ClientService(ctx).byId(id),
};
