import { Field, ID, InterfaceType } from "type-graphql";
import type { NodeType } from "../../shared/global-id";

/**
 * Every object that has a global ID. `nodeType` is not a field: it tells `resolveType` the concrete type.
 *
 * Its types implement it (`class Worker implements Node`, `id` declared again as a plain property), they do not
 * extend it: type-graphql takes the `id` field from `implements: Node` either way (the schema is the same), and a
 * subclass is slow to construct here. tsx compiles every class with esbuild's `keepNames` (a static block that
 * redefines the class's `name`), and V8 11 (Node 20) never optimizes the constructor of a subclass whose `name`
 * was redefined: it compiles it again and again and aborts each time ("dependency change"), and so every function
 * that inlines it (`toWorker`, `toEngagement`…). On `npm run bench:reads`'s nested page (~800 such objects a
 * request) that was thousands of aborted compilations a minute; as base classes the page serves 1.18× the requests
 * at 1.21× less CPU (A/B, 8 rounds).
 *
 * Its types are also `simpleResolvers: true` (as are `Money` and `PageInfo`): a field that only reads the property
 * of its name gets no resolver, where type-graphql would give it one that does just that. Without a resolver, the
 * compiled executor (src/compiled-execution.ts) reads the property inline; with one, it built a
 * `GraphQLResolveInfo` and a response path for every call — about 450 bytes per leaf, 60 % of what the nested page
 * allocated, and its collector's pauses were the page's p99 (1.25× the requests, p99 52 → 36 ms, A/B). The rule
 * this asks: such a type's objects hold their values, never a promise (the compiled read does not await one). Each
 * is built in one place, its row factory (`toWorker`…), which assigns each typed property from a row; a value that
 * must be loaded or computed is a field resolver, which keeps its resolver.
 * test/unit/node-types.test.ts keeps every Node type a base class, and simple.
 */
@InterfaceType("Node", {
  description: "An object with an opaque, globally unique ID that `node(id)` and `nodes(ids)` can fetch.",
  resolveType: (value: { nodeType?: NodeType }) => value.nodeType,
})
export abstract class Node {
  @Field(() => ID, { description: "Opaque global ID. Stable; do not parse it." })
  id!: string;
}
