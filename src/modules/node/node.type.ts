import { Field, ID, InterfaceType } from "type-graphql";
import type { NodeType } from "../../shared/global-id";

/** Every object that has a global ID. `nodeType` is not a field: it tells `resolveType` the concrete type. */
@InterfaceType("Node", {
  description: "An object with an opaque, globally unique ID that `node(id)` and `nodes(ids)` can fetch.",
  resolveType: (value: { nodeType?: NodeType }) => value.nodeType,
})
export abstract class Node {
  @Field(() => ID, { description: "Opaque global ID. Stable; do not parse it." })
  id!: string;
}
