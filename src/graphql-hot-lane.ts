import type { IncomingMessage } from "node:http";
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import {
  HeaderMap,
  type ApolloServer,
  type ApolloServerPlugin,
  type BaseContext,
  type GraphQLRequestContext,
  type GraphQLRequestContextWillSendResponse,
  type GraphQLRequestExecutionListener,
  type GraphQLRequestListener,
  type HTTPGraphQLResponse,
} from "@apollo/server";
import { serializedData } from "./request-budget";
import type { CompiledExecution, HotOperation } from "./compiled-execution";
import type { Logger } from "./logger";
import type { Context } from "./context";

/** What Apollo answers a single result with when the request's `Accept` leaves it the choice (or asks for JSON). */
const APPLICATION_JSON = "application/json; charset=utf-8";

/** `Accept` values for which Apollo answers `application/json; charset=utf-8` without negotiating further. */
const JSON_ACCEPTS = new Set(["*/*", "application/json"]);

type Listener = GraphQLRequestListener<BaseContext>;
type Head = { status?: number; headers: HeaderMap };

export interface HotLaneDeps {
  apollo: ApolloServer<Context>;
  /** The plugins given to Apollo, in the same order: the lane runs only when Apollo runs exactly these. */
  plugins: readonly ApolloServerPlugin<Context>[];
  compiled: CompiledExecution;
  /** The schema Apollo serves (its request context's `schema`). */
  schema: GraphQLSchema;
  /** Apollo's `formatError` (the same function). */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
}

/** A request the lane takes: its body's fields, as Apollo reads them. */
interface HotRequest {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
}

/**
 * Answers a POST /graphql request, or returns null (before anything ran: no context, no plugin, no charge) when
 * the lane does not take it and Apollo's pipeline must.
 */
export type HotLane = (body: unknown, req: IncomingMessage, context: () => Context) => Promise<HTTPGraphQLResponse> | null;

/**
 * The hot lane: a query that Apollo has already parsed, validated (with this server's rules: the specified ones,
 * the limits, introspection as configured) and resolved, and that the compiled executor has compiled, runs again
 * without Apollo's request pipeline — no sha-256 of the query text, no document store, no request parsing and
 * content negotiation, no batching layer. What Apollo does to such a request, the lane does, in Apollo's order
 * (@apollo/server 5's `processGraphQLRequest` for a document found in its store):
 *
 * 1. every plugin's `requestDidStart` (the same plugin objects Apollo calls), then `didResolveSource`;
 * 2. `didResolveOperation` — the rate limit charges here; an error thrown answers with it (status from its
 *    `extensions.http`, else 500), as Apollo's `sendErrorResponse` does;
 * 3. `responseForOperation` (the first answer given replaces execution), else `executionDidStart`, the compiled
 *    query (the executor's own code), `executionDidEnd`;
 * 4. `didEncounterErrors` when there are errors; errors formatted as Apollo formats them (a default code
 *    INTERNAL_SERVER_ERROR, `extensions.http` taken out into the answer's status and headers, then `formatError`;
 *    a `formatError` that throws gives Apollo's masked error); status 400 for an answer with errors and no data;
 * 5. `willSendResponse` — the budget, availability, rate-limit headers and metrics plugins finish the answer;
 * 6. the body as Apollo writes it: `{errors, data, extensions}` in that order, JSON and a newline, with
 *    `Content-Type: application/json; charset=utf-8`.
 *
 * It takes only what leaves Apollo no other choice: a body of `query` (a string), `variables` (an object or null),
 * `operationName` (a string or null) and no `extensions`; no `Accept` header, or `*\/*` or `application/json`; a
 * query text and operation name already hot (a query operation, not a mutation or subscription); variables that
 * coerce. Anything else — a first request of a document, a persisted query, an idempotency key, a mutation,
 * variables that do not coerce — goes through Apollo, which words its errors. The lane runs only while Apollo runs
 * exactly the given plugins (nothing installed implicitly).
 */
export function hotLane(deps: HotLaneDeps): HotLane | null {
  const { apollo, plugins, compiled, schema, formatError, logger } = deps;
  const installed = (apollo as unknown as { internals?: { plugins?: readonly unknown[] } }).internals?.plugins;
  if (!installed || installed.length !== plugins.length || installed.some((p, i) => p !== plugins[i])) {
    logger.warn("Apollo Server runs plugins this server did not give it: every request goes through its pipeline (no hot lane)");
    return null;
  }
  const requestPlugins = plugins.filter((p) => p.requestDidStart !== undefined) as unknown as ApolloServerPlugin<BaseContext>[];

  return (body, req, makeContext) => {
    const request = hotRequest(body);
    if (!request) return null;
    const accept = req.headers.accept;
    if (accept !== undefined && !JSON_ACCEPTS.has(accept)) return null;
    const hot = compiled.hotOperation(request.query, request.operationName);
    if (!hot || !compiled.hotVariablesCoerce(hot, request.variables)) return null;
    return run(hot, request, req, makeContext());
  };

  async function run(hot: HotOperation, request: HotRequest, req: IncomingMessage, contextValue: BaseContext): Promise<HTTPGraphQLResponse> {
    const head: Head = { status: undefined, headers: new HeaderMap() };
    const rc = requestContext(hot, request, req, contextValue, head);
    const listeners = (await Promise.all(requestPlugins.map((p) => p.requestDidStart!(rc)))).filter((l): l is Listener => l !== undefined && l !== null);
    await each(listeners, (l) => l.didResolveSource?.(rc as never));
    try {
      await each(listeners, (l) => l.didResolveOperation?.(rc as never));
    } catch (err) {
      return sendErrorResponse(rc, listeners, [asGraphQLError(err)]);
    }
    let given = null;
    for (const l of listeners) {
      given = (await l.responseForOperation?.(rc as never)) ?? null;
      if (given !== null) break;
    }
    if (given !== null) {
      rc.response.body = given.body;
      mergeHead(head, given.http);
    } else {
      const executionListeners = (await Promise.all(listeners.map(async (l) => l.executionDidStart?.(rc as never))))
        .filter((l): l is GraphQLRequestExecutionListener<BaseContext> => l !== undefined && l !== null)
        .reverse();
      let result: ExecutionResult;
      try {
        result = await compiled.executeHot(hot, contextValue, request.variables);
      } catch (thrown) {
        const error = thrown instanceof Error ? thrown : new GraphQLError(`Unexpected error value: ${String(thrown)}`); // Apollo's `ensureError`
        await each(executionListeners, (l) => l.executionDidEnd?.(error));
        return sendErrorResponse(rc, listeners, [asGraphQLError(error)]);
      }
      await each(executionListeners, (l) => l.executionDidEnd?.());
      // (Apollo recodes a variable's coercion error as BAD_USER_INPUT here: the lane runs only variables that coerce.)
      const errors = result.errors;
      let formatted: GraphQLFormattedError[] | undefined;
      if (errors) {
        await didEncounterErrors(rc, listeners, errors);
        formatted = formatErrors(errors, head);
        // Apollo's status400ForVariableCoercionErrors (the default): errors and no data, and no status of their own.
        if (errors.length && result.data === undefined && !head.status) head.status = 400;
      }
      rc.response.body = { kind: "single", singleResult: { ...result, errors: formatted } };
    }
    await each(listeners, (l) => l.willSendResponse?.(rc as GraphQLRequestContextWillSendResponse<BaseContext>));
    return answer(rc);
  }

  async function sendErrorResponse(rc: RequestContext, listeners: Listener[], errors: readonly GraphQLError[]): Promise<HTTPGraphQLResponse> {
    await didEncounterErrors(rc, listeners, errors);
    const head = rc.response.http;
    rc.response.body = { kind: "single", singleResult: { errors: formatErrors(errors, head) } };
    if (!head.status) head.status = 500;
    await each(listeners, (l) => l.willSendResponse?.(rc as GraphQLRequestContextWillSendResponse<BaseContext>));
    return answer(rc);
  }

  async function didEncounterErrors(rc: RequestContext, listeners: Listener[], errors: readonly GraphQLError[]) {
    (rc as { errors?: readonly GraphQLError[] }).errors = errors;
    await each(listeners, (l) => l.didEncounterErrors?.(rc as never));
  }

  /** Apollo's `normalizeAndFormatErrors` (with `includeStacktraceInErrorResponses: false`, as this server runs it). */
  function formatErrors(errors: readonly GraphQLError[], head: Head): GraphQLFormattedError[] {
    return errors.map((error) => {
      try {
        const extensions: Record<string, unknown> = { ...error.extensions, code: error.extensions.code ?? "INTERNAL_SERVER_ERROR" };
        const http = extensions.http;
        if (isPartialHead(http)) {
          mergeHead(head, { headers: new HeaderMap(), ...http });
          delete extensions.http;
        }
        return formatError({ ...error.toJSON(), extensions }, error);
      } catch {
        return { message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } };
      }
    });
  }

  function answer(rc: RequestContext): HTTPGraphQLResponse {
    const { http, body } = rc.response;
    if (body?.kind !== "single") throw new Error("the hot lane answers single results only");
    if (!http.headers.get("content-type")) http.headers.set("content-type", APPLICATION_JSON);
    const { errors, data, extensions } = body.singleResult;
    // The data as the request budget serialized it to measure it (src/request-budget.ts), not serialized again.
    const dataJson = serializedData(data);
    const string =
      dataJson === undefined
        ? JSON.stringify({ errors, data, extensions })
        : `{${errors === undefined ? "" : `"errors":${JSON.stringify(errors)},`}"data":${dataJson}${extensions === undefined ? "" : `,"extensions":${JSON.stringify(extensions)}`}}`;
    return { status: http.status, headers: http.headers, body: { kind: "complete", string: `${string}\n` } };
  }

  function requestContext(hot: HotOperation, request: HotRequest, req: IncomingMessage, contextValue: BaseContext, head: Head): RequestContext {
    let headers: HeaderMap | undefined;
    const http = {
      method: "POST",
      search: "",
      body: undefined as unknown,
      // Built only if a plugin reads them (none of this server's does).
      get headers() {
        if (!headers) {
          headers = new HeaderMap();
          for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
        }
        return headers;
      },
    };
    return {
      logger: apollo.logger,
      cache: apollo.cache,
      schema,
      request: { query: request.query, operationName: request.operationName, variables: request.variables, extensions: undefined, http },
      response: { http: head },
      contextValue,
      metrics: { persistedQueryHit: false, persistedQueryRegister: false },
      overallCachePolicy: undefined,
      requestIsBatched: false,
      source: hot.query,
      document: hot.document,
      operation: hot.operation,
      operationName: hot.operation.name?.value ?? null,
    } as unknown as RequestContext;
  }
}

type RequestContext = GraphQLRequestContext<BaseContext> & { response: { http: Head } };

/** The body's fields when the lane may take them (see `hotLane`), else null. */
function hotRequest(body: unknown): HotRequest | null {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return null;
  const fields = body as Record<string, unknown>;
  for (const key in fields) if (key !== "query" && key !== "variables" && key !== "operationName" && key !== "extensions") return null;
  const { query, variables, operationName, extensions } = fields;
  if (typeof query !== "string") return null;
  if (extensions !== undefined && extensions !== null) return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return null;
  if (variables !== undefined && variables !== null && (typeof variables !== "object" || Array.isArray(variables))) return null;
  return { query, operationName: operationName ?? undefined, variables: (variables as Record<string, unknown> | null) ?? undefined };
}

/**
 * Calls a hook of every listener that has one, all at once: Apollo's `Promise.all(listeners.map((l) => l.hook?.(…)))`.
 * Undefined when no listener has the hook (nothing to await).
 */
function each<L>(listeners: readonly L[], call: (listener: L) => Promise<unknown> | undefined | void): Promise<unknown> | undefined {
  let pending: Promise<unknown>[] | undefined;
  for (const listener of listeners) {
    const called = call(listener);
    if (called) (pending ??= []).push(called);
  }
  return pending && (pending.length === 1 ? pending[0] : Promise.all(pending));
}

/** Apollo's `ensureGraphQLError`. */
function asGraphQLError(error: unknown): GraphQLError {
  if (!(error instanceof Error)) return new GraphQLError(`Unexpected error value: ${String(error)}`);
  return error instanceof GraphQLError ? error : new GraphQLError(error.message, { originalError: error });
}

function isPartialHead(x: unknown): x is Partial<Head> {
  return !!x && typeof x === "object" && (!("status" in x) || typeof x.status === "number") && (!("headers" in x) || x.headers instanceof Map);
}

function mergeHead(target: Head, source: Partial<Head>) {
  if (source.status) target.status = source.status;
  if (source.headers) for (const [name, value] of source.headers) target.headers.set(name, value);
}
