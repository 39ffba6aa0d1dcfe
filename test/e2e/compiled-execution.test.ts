import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  execute,
  getOperationAST,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionResult,
} from "graphql";
import { startNode, startTestServer, dataOf, type TestServer } from "../support/server";
import type { App } from "../../src/app";
import type { RunningServer } from "../../src/server";
import { compiledExecution } from "../../src/compiled-execution";
import { withRequestBudget } from "../../src/request-budget";
import { SCOPES } from "../../src/auth/scopes";
import { readScopeOf } from "../../src/auth/read-scopes";
import { AppError, ErrorCode } from "../../src/shared/errors";

/**
 * HTTP operations run compiled (src/compiled-execution.ts, graphql-jit). Two nodes on one database, one compiled
 * and one on graphql-js's `execute`, answer the same requests: every answer — status, data, errors with their
 * messages, codes, paths and locations — must be the same, byte for byte once parsed.
 */
let t: TestServer;
let reference: { app: App; server: RunningServer };
let operator: string;
let withoutClientScope: string;
let workerId: string;
let clientId: string;

interface Answer {
  status: number;
  body: unknown;
}

async function post(url: string, token: string, query: string, variables?: Record<string, unknown>, operationName?: string): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return { status: response.status, body: await response.json() };
}

/**
 * The compiled node's answer, after checking that graphql-js's is the same. The compiled node runs a document on
 * graphql-js at its first execution and compiled from its second (both through Apollo's pipeline), and a query from
 * its third on the hot lane (src/graphql-hot-lane.ts): all three are compared. `ran`: the second ran compiled;
 * `hot`: the third ran on the hot lane.
 */
async function same(token: string, query: string, variables?: Record<string, unknown>, operationName?: string): Promise<Answer & { ran: number; hot: number }> {
  const graphqlJs = await post(reference.server.url, token, query, variables, operationName);
  const first = await post(t.url, token, query, variables, operationName);
  expect(first).toEqual(graphqlJs);
  const stats = t.server.compiledExecution!;
  const before = stats.executedCompiled;
  const compiled = await post(t.url, token, query, variables, operationName);
  const ran = stats.executedCompiled - before;
  expect(compiled).toEqual(graphqlJs);
  const hotBefore = stats.executedHot;
  const third = await post(t.url, token, query, variables, operationName);
  expect(third).toEqual(graphqlJs);
  return Object.assign(compiled, { ran, hot: stats.executedHot - hotBefore });
}

beforeAll(async () => {
  t = await startTestServer();
  reference = await startNode(t.database, { execution: "graphql-js" });
  operator = await t.token("OPERATOR");
  const clientScope = readScopeOf("Client")!;
  withoutClientScope = await t.token("OPERATOR", { scopes: SCOPES.filter((s) => s !== clientScope) });
  const page = dataOf(
    await t.gql<{ workers: { nodes: { id: string; client: { id: string } | null }[] } }, unknown>(`{ workers(first: 1) { nodes { id client { id } } } }`, undefined, operator),
  );
  workerId = page.workers.nodes[0].id;
  clientId = page.workers.nodes[0].client!.id;
}, 120_000);

afterAll(async () => {
  await reference?.app.stop();
  await t?.stop();
});

describe("the compiled executor answers as graphql-js", () => {
  it("runs HTTP queries compiled, and the graphql-js node does not", async () => {
    expect(reference.server.compiledExecution).toBeUndefined();
    const answer = await same(operator, `{ clients(first: 2) { nodes { id name } } }`);
    expect(answer.ran).toBe(1);
    expect(answer.hot).toBe(1);
    expect((answer.body as { data: { clients: { nodes: unknown[] } } }).data.clients.nodes.length).toBeGreaterThan(0);
  });

  it("a nested page: lists, connections, objects through field resolvers and data loaders", async () => {
    const answer = await same(
      operator,
      `{ workers(first: 5) { totalCount pageInfo { hasNextPage startCursor endCursor } edges { cursor node { id status createdAt
          engagements(first: 5) { nodes { id title status client { id name } currentCompensation { id basis effectiveFrom amount { amount currency } } } } } } } }`,
    );
    expect(answer.status).toBe(200);
    expect((answer.body as { errors?: unknown }).errors).toBeUndefined();
  });

  it("variables, a named operation among several, and fragments (inline and named) on the Node interface", async () => {
    const document = `
      query A { viewer { __typename } }
      query B($id: ID!, $first: Int = 1) {
        node(id: $id) { __typename id ...W ... on Client { name } }
        nodes(ids: [$id]) { id }
        clients(first: $first) { nodes { ...C } }
      }
      fragment W on Worker { status client { ...C } }
      fragment C on Client { id name }`;
    const answer = await same(operator, document, { id: workerId }, "B");
    expect((answer.body as { data: { node: { __typename: string } } }).data.node.__typename).toBe("Worker");
    await same(operator, document, { id: clientId, first: 2 }, "B");
  });

  it("a variable that does not coerce: graphql-js's error, BAD_USER_INPUT, status 400", async () => {
    const answer = await same(operator, `query ($first: Int) { clients(first: $first) { nodes { id } } }`, { first: "two" });
    expect(answer.status).toBe(400);
    expect(answer.hot).toBe(0); // never compiled (the executor returned the coercion errors); the hot lane would refuse it too
    expect((answer.body as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("an error raised by a resolver, null propagated to the nearest nullable parent", async () => {
    const answer = await same(operator, `{ viewer { __typename } clients(first: 500) { nodes { id } } }`);
    expect(answer.hot).toBe(1);
    const body = answer.body as { data: unknown; errors: { path: unknown[]; extensions: { code: string } }[] };
    expect(body.errors.map((e) => [e.extensions.code, e.path])).toEqual([["BAD_USER_INPUT", ["clients"]]]);
    expect(body.data).toBeNull(); // clients is non-null: the whole data is null
  });

  it("read-scope refusals at each place of a list, and on the interface", async () => {
    const answer = await same(withoutClientScope, `query ($c: ID!) { workers(first: 3) { nodes { id client { id name } } } node(id: $c) { id } }`, { c: clientId });
    const body = answer.body as { errors: { path: unknown[]; extensions: { code: string } }[] };
    expect(body.errors.length).toBeGreaterThan(1);
    expect(new Set(body.errors.map((e) => e.extensions.code))).toEqual(new Set(["FORBIDDEN"]));
  });

  it("introspection and __typename", async () => {
    await same(operator, `{ __typename __type(name: "Worker") { name kind interfaces { name } fields(includeDeprecated: true) { name type { name kind ofType { name } } } } }`);
  });

  it("a mutation refused by the string guard", async () => {
    const answer = await same(operator, `mutation ($c: ID!) { createMsa(input: { clientId: $c, title: "bad\\u0000", effectiveFrom: "2027-01-01" }) { msa { id } } }`, {
      c: clientId,
    });
    expect((answer.body as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(answer.hot).toBe(0); // a mutation never takes the hot lane
  });
});

describe("graphql-js's errors, on a schema made to fail", () => {
  // Nulls and errors in non-null places at each depth, in lists, and values of the wrong shape.
  const Item: GraphQLObjectType = new GraphQLObjectType({
    name: "Item",
    fields: () => ({
      id: { type: new GraphQLNonNull(GraphQLString), resolve: (item: { id: string | null }) => item.id },
      fails: { type: GraphQLString, resolve: () => Promise.reject(new AppError(ErrorCode.BAD_USER_INPUT, "refused", { argument: "x" })) },
      failsRequired: {
        type: new GraphQLNonNull(GraphQLString),
        resolve: () => {
          throw new Error("secret detail");
        },
      },
      count: { type: GraphQLInt, resolve: () => "many" },
    }),
  });
  const Node = new GraphQLInterfaceType({ name: "Node", fields: { id: { type: GraphQLString } }, resolveType: (value: { kind: string }) => value.kind });
  const schema = new GraphQLSchema({
    types: [new GraphQLObjectType({ name: "Thing", interfaces: [Node], fields: { id: { type: GraphQLString } } })],
    query: new GraphQLObjectType({
      name: "Query",
      fields: {
        items: { type: new GraphQLList(new GraphQLNonNull(Item)), resolve: () => [{ id: "a" }, { id: null }, { id: "c" }] },
        nullableItems: { type: new GraphQLList(Item), resolve: () => [{ id: "a" }, Promise.resolve({ id: null }), new Error("item refused")] },
        required: { type: new GraphQLNonNull(Item), resolve: () => ({ id: "r" }) },
        notAList: { type: new GraphQLList(GraphQLString), resolve: () => 42 },
        node: { type: Node, resolve: () => ({ id: "n", kind: "Unknown" }) },
        echo: { type: GraphQLString, args: { value: { type: new GraphQLNonNull(GraphQLInt) } }, resolve: (_s, args: { value: number }) => String(args.value) },
      },
    }),
  });
  const documents: [string, Record<string, unknown>?][] = [
    ["{ items { id } }"],
    ["{ nullableItems { id } }"],
    ["{ items { fails } }"],
    ["{ required { id failsRequired } items { id } }"],
    ["{ required { id count } notAList }"],
    ["{ node { id } }"],
    ["query ($v: Int!) { echo(value: $v) }", { v: 3 }],
    ["query ($v: Int!) { echo(value: $v) }", { v: "three" }],
  ];

  it.each(documents)("%s", async (query, variables) => {
    const { gateway, stats } = compiledExecution(schema);
    const { executor } = await gateway.load({ apollo: {} });
    const document = parse(query);
    const run = () => executor!({ document, request: { variables }, operation: getOperationAST(document)!, context: {}, queryHash: query } as never);
    await run(); // the first execution is graphql-js's
    const compiled = await run();
    const reference = await execute({ schema, document, variableValues: variables });
    const shape = (result: ExecutionResult) => ({
      data: result.data,
      errors: result.errors?.map((e) => ({ ...e.toJSON(), original: e.originalError?.constructor.name, originalExtensions: (e.originalError as AppError | undefined)?.details })),
    });
    expect(shape(compiled)).toEqual(shape(reference));
    // Variables that do not coerce: graphql-js's errors, before any execution.
    expect(stats).toMatchObject(variables?.v === "three" ? { executedCompiled: 0, executedGraphqlJs: 0 } : { executedCompiled: 1, executedGraphqlJs: 1 });
  });

  it("lists errors of null values in non-null places after the others (graphql-js: as they happen)", async () => {
    const { gateway } = compiledExecution(schema);
    const { executor } = await gateway.load({ apollo: {} });
    const query = "{ nullableItems { id } items { fails } }";
    const document = parse(query);
    const run = () => executor!({ document, request: {}, operation: getOperationAST(document)!, context: {}, queryHash: query } as never);
    await run();
    const compiled = await run();
    const reference = await execute({ schema, document });
    expect(compiled.data).toEqual(reference.data);
    const paths = (result: ExecutionResult) => result.errors!.map((e) => e.path!.join("."));
    expect(paths(compiled)).toEqual(["nullableItems.2", "items.0.fails", "items.1.fails", "items.2.fails", "nullableItems.1.id"]);
    expect([...paths(compiled)].sort()).toEqual([...paths(reference)].sort());
  });
});

describe("the compiled documents' cache", () => {
  let schema: GraphQLSchema;
  beforeAll(() => {
    schema = withRequestBudget(t.app.schema);
  });

  it("compiles a document at its second execution and keeps at most its capacity, the least recently used dropped first", async () => {
    const { gateway, stats } = compiledExecution(schema, 2);
    const { executor } = await gateway.load({ apollo: {} });
    const context = t.app.context({ requestId: "cache", principal: await t.app.verifyToken(operator) });
    const run = (query: string) => {
      const document = parse(query);
      return executor!({ document, request: {}, operation: getOperationAST(document)!, context, queryHash: query } as never);
    };
    const [a, b, c] = ["{ viewer { __typename } }", "{ __typename }", "{ clients(first: 1) { nodes { id } } }"];
    for (const query of [a, a, b, b]) expect((await run(query)).errors).toBeUndefined();
    expect(stats).toMatchObject({ compiled: 2, executedCompiled: 2, executedGraphqlJs: 2, cached: 2 });
    await run(c); // seen once: a, the least recently used, is dropped
    expect(stats).toMatchObject({ compiled: 2, executedCompiled: 2, executedGraphqlJs: 3, cached: 2 });
    await run(b); // still compiled
    expect(stats).toMatchObject({ compiled: 2, executedCompiled: 3, executedGraphqlJs: 3, cached: 2 });
    await run(a); // seen once again
    expect(stats).toMatchObject({ compiled: 2, executedCompiled: 3, executedGraphqlJs: 4, cached: 2 });
  });
});
