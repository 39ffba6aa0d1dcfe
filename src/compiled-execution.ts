import {
  execute,
  getVariableValues,
  GraphQLError,
  locatedError,
  OperationTypeNode,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import type { ApolloServerOptionsWithGateway, BaseContext } from "@apollo/server";

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>["gateway"];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface["load"]>>["executor"]>;

/** Compiled documents kept, per (document, operation name): the least recently used is dropped first. */
export const COMPILED_CACHE_SIZE = 1_000;

/** The cache entry of a document executed once (by graphql-js). */
const SEEN_ONCE = Symbol("seen once");

/**
 * Longest query text the executor hands to the hot lane (src/graphql-hot-lane.ts), which keeps the text as its key:
 * with COMPILED_CACHE_SIZE entries, at most 16 MB of keys. A longer document keeps Apollo's pipeline.
 */
export const HOT_QUERY_MAX_LENGTH = 16_384;

/** graphql-js's cap on variable coercion errors (its `execute` passes the same). */
const MAX_VARIABLE_ERRORS = 50;

/** What the executor did (for tests and the benchmark). */
export interface CompiledExecutionStats {
  /** Documents compiled (or found not compilable): at their second execution while in the cache. */
  compiled: number;
  /** Operations run by their compiled query. */
  executedCompiled: number;
  /** Operations run by graphql-js's `execute`. */
  executedGraphqlJs: number;
  /** Of `executedCompiled`, those the hot lane ran without Apollo's pipeline (src/graphql-hot-lane.ts). */
  executedHot: number;
  /** Entries in the cache now. */
  readonly cached: number;
}

/**
 * A query Apollo has parsed, validated and resolved (with this server's rules), and this executor compiled: what
 * the hot lane needs to run the same request again without Apollo's pipeline.
 */
export interface HotOperation {
  /** The query text, exactly as sent. */
  query: string;
  /** The operation name as sent (undefined: none was sent). */
  operationName: string | undefined;
  document: DocumentNode;
  /** The operation Apollo resolved for that name: always a query. */
  operation: OperationDefinitionNode;
  compiled: CompiledQuery;
}

export interface CompiledExecution {
  /** For `new ApolloServer({ gateway })`: Apollo runs every step but execution as with a schema. */
  gateway: GatewayInterface;
  stats: CompiledExecutionStats;
  /**
   * The hot operation of a request's query text and operation name: one that Apollo has validated and this executor
   * has compiled, while the cache holds it; undefined otherwise (the request goes through Apollo).
   */
  hotOperation(query: string, operationName: string | undefined): HotOperation | undefined;
  /**
   * Whether a hot operation's variables coerce (graphql-js's rules, as the executor checks them under Apollo). When
   * they do not, the request goes through Apollo, which words the errors: nothing has run yet.
   */
  hotVariablesCoerce(hot: HotOperation, variables: Record<string, unknown> | undefined): boolean;
  /** Runs a hot operation (whose variables coerce) as the executor runs it under Apollo: graphql-js decides when graphql-jit refuses the variables. */
  executeHot(hot: HotOperation, context: unknown, variables: Record<string, unknown> | undefined): Promise<ExecutionResult>;
}

/**
 * HTTP queries and mutations run as compiled JavaScript (graphql-jit): a document is compiled once into a function
 * that walks its selection set directly, instead of graphql-js interpreting the document for every object of every
 * page (its argument values, field collection, `completeValue` and promise bookkeeping per field: most of the CPU
 * of a nested page). Every field resolver of the schema is still called — with the same wrappers (read scopes, the
 * string guard, the request budget) — and every answer keeps graphql-js's shape: errors are rebuilt as graphql-js
 * builds them (message, locations, path, `originalError`), so Apollo's formatting and `formatError` see what they
 * saw before.
 *
 * Plugged in through Apollo Server's `gateway` option, the one way Apollo Server 5 takes another executor: Apollo
 * still parses, validates, resolves the operation, runs every plugin hook (`didResolveOperation`,
 * `executionDidStart`/`executionDidEnd`, `willSendResponse`, `didEncounterErrors`) and formats the errors; only
 * its call of `execute` is replaced. graphql-js still executes:
 * - a subscription sent over HTTP, and a request whose operation Apollo could not resolve (graphql-js words those
 *   errors);
 * - a document at its first execution (it is compiled at its second, while the cache holds it), and a document
 *   graphql-jit refuses to compile;
 * - variables that do not coerce: they are coerced by graphql-js first, so the caller gets graphql-js's errors
 *   (and Apollo its BAD_USER_INPUT and status 400).
 * WebSocket operations (src/realtime) keep graphql-js: their executions are shared per event by the fan-out and
 * bounded by it, and are not where the read traffic is.
 *
 * Two differences are left, both in answers where a null in a non-null place discards part of the answer: the
 * errors of such nulls are listed after the other errors (graphql-js lists errors as they happen), and errors
 * raised by fields inside the discarded part may be listed that graphql-js would not have reached (it stops
 * resolving the fields of an object at its first such null). Each error is formatted and masked as before.
 */
export function compiledExecution(schema: GraphQLSchema, capacity = COMPILED_CACHE_SIZE): CompiledExecution {
  // Insertion order is recency: a hit is moved to the end, the first key is the least recently used.
  // A document is compiled at its second execution (compiling takes a few milliseconds: a document sent once, like
  // most of a fuzzer's or an attacker's, is cheaper to interpret); until then its entry is SEEN_ONCE.
  const cache = new Map<string, CompiledQuery | null | typeof SEEN_ONCE>();
  // The hot lane's entries, by operation name and query text (the same capacity and recency rule).
  const hot = new Map<string, HotOperation>();
  const hotKey = (query: string, operationName: string | undefined) => `${operationName ?? ""}\u0000${query}`;
  const stats: CompiledExecutionStats = {
    compiled: 0,
    executedCompiled: 0,
    executedGraphqlJs: 0,
    executedHot: 0,
    get cached() {
      return cache.size;
    },
  };

  const remember = (key: string, entry: CompiledQuery | null | typeof SEEN_ONCE) => {
    cache.delete(key);
    cache.set(key, entry);
    if (cache.size > capacity) cache.delete(cache.keys().next().value!);
  };
  const compiledFor = (key: string, document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    const cached = cache.get(key);
    if (cached === undefined) {
      remember(key, SEEN_ONCE);
      return null;
    }
    if (cached !== SEEN_ONCE) {
      remember(key, cached);
      return cached;
    }
    const result = compileQuery<Record<string, unknown>, Record<string, unknown>>(schema, document, operationName);
    const compiled = isCompiledQuery(result) ? result : null; // not compilable: graphql-js executes it
    stats.compiled++;
    remember(key, compiled);
    return compiled;
  };

  const coercionErrors = (operation: OperationDefinitionNode, variableValues: Record<string, unknown> | undefined) =>
    operation.variableDefinitions?.length ? getVariableValues(schema, operation.variableDefinitions, variableValues ?? {}, { maxErrors: MAX_VARIABLE_ERRORS }).errors : undefined;
  const graphqlJs = (document: DocumentNode, context: unknown, variableValues: Record<string, unknown> | undefined, operationName: string | undefined) => {
    stats.executedGraphqlJs++;
    return execute({ schema, document, contextValue: context, variableValues, operationName }) as Promise<ExecutionResult>;
  };
  const runCompiled = async (
    compiled: CompiledQuery,
    document: DocumentNode,
    context: unknown,
    variableValues: Record<string, unknown> | undefined,
    operationName: string | undefined,
    hotLane = false,
  ): Promise<ExecutionResult> => {
    const result = await compiled.query(undefined, context, variableValues ?? {});
    // graphql-jit refused variables graphql-js took (no resolver has run): graphql-js decides.
    if (!("data" in result)) return graphqlJs(document, context, variableValues, operationName);
    stats.executedCompiled++;
    if (hotLane) stats.executedHot++;
    if (!result.errors?.length) return result;
    return { data: result.data, errors: result.errors.map((e) => asLocatedError(e, schema)) };
  };

  const executor: GatewayExecutor = async ({ document, request, operation, context, queryHash }) => {
    const operationName = request.operationName ?? undefined;
    const variableValues = request.variables ?? undefined;
    // Apollo found no operation (graphql-js words the error), or a subscription over HTTP (graphql-js refuses it).
    if (!operation || operation.operation === OperationTypeNode.SUBSCRIPTION) return graphqlJs(document, context, variableValues, operationName);
    const errors = coercionErrors(operation, variableValues);
    if (errors) return { errors };
    const compiled = compiledFor(`${operationName ?? ""}\u0000${queryHash}`, document, operationName);
    if (!compiled) return graphqlJs(document, context, variableValues, operationName);
    // A query Apollo validated and resolved, now compiled: its next requests may take the hot lane.
    const query = request.query;
    if (operation.operation === OperationTypeNode.QUERY && query !== undefined && query.length <= HOT_QUERY_MAX_LENGTH) {
      const key = hotKey(query, operationName);
      if (hot.get(key)?.compiled !== compiled) {
        hot.set(key, { query, operationName, document, operation, compiled });
        if (hot.size > capacity) hot.delete(hot.keys().next().value!);
      }
    }
    return runCompiled(compiled, document, context, variableValues, operationName);
  };

  const hotOperation = (query: string, operationName: string | undefined): HotOperation | undefined => {
    const key = hotKey(query, operationName);
    const found = hot.get(key);
    if (!found) return undefined;
    hot.delete(key);
    hot.set(key, found);
    return found;
  };
  const hotVariablesCoerce = (entry: HotOperation, variableValues: Record<string, unknown> | undefined) => !coercionErrors(entry.operation, variableValues);
  const executeHot = (entry: HotOperation, context: unknown, variableValues: Record<string, unknown> | undefined) =>
    runCompiled(entry.compiled, entry.document, context, variableValues, entry.operationName, true);

  let listeners: ((schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void)[] = [];
  const gateway: GatewayInterface = {
    onSchemaLoadOrUpdate(callback) {
      listeners.push(callback);
      return () => {
        listeners = listeners.filter((l) => l !== callback);
      };
    },
    // Apollo takes the schema from this callback (its validation, plugins and introspection use it) and the
    // executor from the answer. The schema never changes: there is no later update.
    async load() {
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: "" });
      return { executor };
    },
    async stop() {
      cache.clear();
      hot.clear();
    },
  };
  return { gateway, stats, hotOperation, hotVariablesCoerce, executeHot };
}

/**
 * graphql-js's own errors that are plain `Error`s (Apollo's `formatError` masks them as internal): a null in a
 * non-null field, and a leaf whose serializer returned nothing. graphql-jit words them alike; its other errors of
 * its own (not an iterable, an unresolvable abstract type, a scalar's serializer refusing a value) are
 * GraphQLErrors in graphql-js too, shown to the caller as they are.
 */
const PLAIN_ERRORS = /^(?:Cannot return null for non-nullable field |Expected a value of type )/;

/** graphql-jit's wording of graphql-js's errors about a resolved value of the wrong kind, as graphql-js 16 words them. */
function graphqlJsWording(message: string, schema: GraphQLSchema): string {
  const notIterable = /^Expected Iterable, but did not find one for field ([\w.]+)\.$/.exec(message);
  if (notIterable) return `Expected Iterable, but did not find one for field "${notIterable[1]}".`;
  const abstract = /^Abstract type (\w+) must resolve to an Object type at runtime for field ([\w.]+)\. /.exec(message);
  if (abstract) {
    const [, type, field] = abstract;
    return `Abstract type "${type}" must resolve to an Object type at runtime for field "${field}". Either the "${type}" type should provide a "resolveType" function or each possible type should provide an "isTypeOf" function.`;
  }
  const notPossible = /^Runtime Object type "(\w+)" is not a possible type for "(\w+)"\.$/.exec(message);
  if (notPossible && !schema.getType(notPossible[1])) return `Abstract type "${notPossible[2]}" was resolved to a type "${notPossible[1]}" that does not exist inside the schema.`;
  return message;
}

/**
 * A graphql-jit error as graphql-js reports it (`locatedError` of what was raised): a GraphQLError with a path of
 * its own passes as it is; anything else becomes a GraphQLError with the message, path and field locations, and
 * the raised value as `originalError` (whose `extensions` it takes). graphql-jit's own error objects carry no
 * `extensions` object (which Apollo reads) and no `originalError` for the errors it raises itself.
 */
function asLocatedError(error: GraphQLError, schema: GraphQLSchema): GraphQLError {
  const raised: unknown = error.originalError ?? (PLAIN_ERRORS.test(error.message) ? new Error(error.message) : new GraphQLError(graphqlJsWording(error.message, schema)));
  const located = locatedError(raised, undefined, error.path);
  if (located.locations === undefined && error.locations) (located as { locations: GraphQLError["locations"] }).locations = error.locations;
  return located;
}
