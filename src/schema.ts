import "reflect-metadata";
import { buildSchema } from "type-graphql";
import { createPubSub } from "@graphql-yoga/subscription";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { DateTimeScalar } from "./shared/scalars";
import { NodeResolver } from "./modules/node/node.resolver";
import { ViewerResolver } from "./modules/viewer/viewer.resolver";
import { ClientResolver } from "./modules/clients/client.resolver";

export const resolvers = [NodeResolver, ViewerResolver, ClientResolver] as const;

/** Builds the executable schema. No side effects: emitting the SDL is `npm run schema:emit`. */
export async function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolvers] as never,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    pubSub: createPubSub(),
    validate: false,
  });
}

/** The SDL as committed in schema/schema.graphql: sorted, so diffs show real changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
