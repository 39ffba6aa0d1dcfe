import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import cors from "cors";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { unwrapResolverError } from "@apollo/server/errors";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import {
  GraphQLError,
  OperationTypeNode,
  NoSchemaIntrospectionCustomRule,
  getOperationAST,
  parse,
  specifiedRules,
  subscribe,
  validate,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
} from "graphql";
import { DEFAULT_RATE_LIMIT, DEFAULT_WS_MAX_SUBSCRIPTIONS_PER_SOCKET, type Config } from "./config";
import type { Logger } from "./logger";
import type { Context } from "./context";
import { AppError, ErrorCode, toGraphQLError, unauthenticated } from "./shared/errors";
import { CLOCK_TOLERANCE_SECONDS, bearerToken } from "./auth/tokens";
import type { Principal } from "./auth/principal";
import { PARSE_OPTIONS, createArmor } from "./armor";
import { replayedHeaders, replayedPerOrigin, securityHeaders, type HeaderMiddleware } from "./security-headers";
import { DocumentCache, SubscriptionFanout, type EventsNotifier, type RealtimeContext } from "./realtime";
import { DEFAULT_BUDGET, budgetExceededResult, createRequestBudget, requestBudgetPlugin, withRequestBudget } from "./request-budget";
import type { App } from "./app";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "./db/availability";
import { serviceUnavailableError, serviceUnavailablePlugin, unavailableResult } from "./service-unavailable";
import { rateLimiterFor, type RateLimiter } from "./rate-limit/rate-limiter";
import { rateLimitPlugin, wsRateLimit } from "./rate-limit/rate-limit.plugin";
import { mountWebPages, type WebPagesOptions } from "./web/web-pages";
import { graphqlFastPath, type RequestLocals } from "./graphql-fast-path";
import { compiledExecution, type CompiledExecutionStats } from "./compiled-execution";
import { hotLane } from "./graphql-hot-lane";
import { activeTracing } from "./observability/tracing-handle";
import { operationMetricsPlugin, type OperationLogFields } from "./observability/operation-metrics.plugin";
import { wsMetrics } from "./observability/ws-metrics";
import { metricsOnMainPort, startMetricsListener, type MetricsListener } from "./observability/metrics-endpoint";

/** What the transport reads of the configuration. */
export type TransportConfig = Pick<Config, "corsOrigins" | "introspection" | "nodeEnv"> &
  Partial<Pick<Config, "trustProxyTls" | "requestTimeoutMs" | "maxResponseBytes" | "wsMaxSubscriptionsPerSocket" | "rateLimit" | "metrics">>;

export interface ServerDeps {
  /** The runtime this transport serves (src/app.ts): schema, token verification, per-operation contexts, notifier. */
  app: App;
  config: TransportConfig;
  /** The rate limiter (default: the configured one on the app's database, src/rate-limit/); null: none, the benchmark's baseline. */
  rateLimiter?: RateLimiter | null;
  /** The browser pages (IDE, /status); default: the IDE outside production, no pre-filled token. */
  web?: WebPagesOptions;
  /**
   * How HTTP operations execute: "compiled" (src/compiled-execution.ts; the default, unless tracing runs) or
   * "graphql-js" (graphql-js's `execute`, as Apollo runs it; what tests compare the compiled path with).
   */
  execution?: "compiled" | "graphql-js";
}

export interface RunningServer {
  url: string;
  wsUrl: string;
  port: number;
  httpServer: Server;
  /** The app's live-event notifier (subscriber counts for tests and the benchmark). */
  notifier: EventsNotifier;
  /** The WebSocket subscriptions' fan-out (groups and execution counts for tests and the benchmark). */
  fanout: SubscriptionFanout;
  /** The app's payroll calculation queue. */
  calculations: App["calculations"];
  /** The METRICS_PORT listener on 127.0.0.1, when configured. */
  metricsListener?: MetricsListener;
  /** What the compiled executor did (absent when HTTP operations run on graphql-js): for tests and the benchmark. */
  compiledExecution?: CompiledExecutionStats;
  /** Stops the transport only: stops accepting, drains HTTP requests and WebSocket connections (`App.stop` calls it first). */
  stop(): Promise<void>;
}

/** setTimeout's largest delay (about 24.8 days); longer waits are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Where the operation metrics plugin finds the request's log fields (`res.locals`) on an operation's context. */
const OPERATION_LOG = Symbol("operationLog");

/** Paths named in the HTTP latency metric (any other is `other`: the label stays bounded). */
const KNOWN_ROUTES = new Set(["/graphql", "/healthz", "/readyz", "/metrics", "/", "/status"]);

/**
 * Pending connections the kernel may queue before they are accepted (Node's default is 511): a burst of thousands
 * of WebSocket clients reconnecting at once must wait in the queue, not be reset. The kernel caps it at
 * net.core.somaxconn (4096 on most current Linux).
 */
export const LISTEN_BACKLOG = 16_384;

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 1_000_000;

/**
 * Node's HTTP timeouts, explicit: idle keep-alive sockets live 65 s (above the usual load balancer and client idle
 * timeouts, so the server is not the side closing a socket a client is reusing); the headers of a request must
 * arrive within 66 s (above keepAliveTimeout, as Node requires for reused sockets) and the whole request (headers
 * and body) within 70 s. The execution of an operation is bounded separately by REQUEST_TIMEOUT_MS.
 */
export const HTTP_TIMEOUTS = { keepAliveTimeout: 65_000, headersTimeout: 66_000, requestTimeout: 70_000 } as const;

function httpError(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * The graceful end of the HTTP side: stop accepting connections, answer every request already received (however
 * long it takes: each is bounded by REQUEST_TIMEOUT_MS and the process by its shutdown timeout), and close
 * keep-alive sockets only between requests — idle ones at once, busy ones after their answer, which carries
 * `Connection: close` so that the client opens its next request elsewhere. Resolves when the last socket closed.
 */
function httpDrain(httpServer: Server): () => Promise<void> {
  const answering = new Set<ServerResponse>();
  let draining = false;
  httpServer.prependListener("request", (_req, res: ServerResponse) => {
    answering.add(res);
    if (draining) res.setHeader("Connection", "close");
    res.once("close", () => {
      answering.delete(res);
      if (draining) httpServer.closeIdleConnections();
    });
  });
  let drained: Promise<void> | undefined;
  return () =>
    (drained ??= new Promise<void>((resolve) => {
      draining = true;
      for (const res of answering) if (!res.headersSent) res.setHeader("Connection", "close");
      httpServer.close(() => resolve()); // stops listening; closes idle keep-alive sockets (Node ≥ 19)
      httpServer.closeIdleConnections();
    }));
}

/** graphql-js appends "Did you mean …?" to unknown names: that maps the schema for a caller who may not introspect. */
const withoutSuggestions = (message: string) => message.replace(/ ?Did you mean [^?]*\?/g, "");

/** Maps every error to what a caller may see: coded errors pass, anything unknown is logged and masked. */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      const mapped = toGraphQLError(original);
      return { message: mapped.message, locations: formatted.locations, path: formatted.path, extensions: { code: original.code, ...original.details } };
    }
    if (original instanceof GraphQLError) {
      // Parse, validation, variable coercion and scalar errors: already written for the caller.
      const { http: _http, stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      let message = withoutSuggestions(formatted.message).replace(/^Context creation failed: /, "");
      // graphql-armor words its limit errors as "Syntax Error: …"; they are validation errors.
      if (extensions.code === "GRAPHQL_VALIDATION_FAILED") message = message.replace(/^Syntax Error: /, "");
      // graphql-js stops after 50 bad variable values with an uncoded error, which Apollo then codes
      // INTERNAL_SERVER_ERROR (it codes the 50 others BAD_USER_INPUT): it is the caller's input too.
      if (message.startsWith("Too many errors processing variables") && formatted.path === undefined) extensions.code = ErrorCode.BAD_USER_INPUT;
      return { ...formatted, message, extensions };
    }
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original, path: formatted.path }, "database unavailable");
      return { ...serviceUnavailableError(), locations: formatted.locations, path: formatted.path };
    }
    logger.error({ err: original, path: formatted.path }, "unexpected error"); // redacted by the logger (errorForLog)
    return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

/** A copy of a parse or validation error carrying the code Apollo gives the same error over HTTP. */
function withCode(error: GraphQLError, code: "GRAPHQL_PARSE_FAILED" | "GRAPHQL_VALIDATION_FAILED"): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

/** The error of an operation over the per-socket limit (WS_MAX_SUBSCRIPTIONS_PER_SOCKET). */
function tooManySubscriptions(max: number): GraphQLError {
  return new GraphQLError(`This WebSocket already runs ${max} operations (WS_MAX_SUBSCRIPTIONS_PER_SOCKET): complete one, or open another connection`, {
    extensions: { code: "TOO_MANY_SUBSCRIPTIONS", limit: max },
  });
}

/**
 * The transport of an app: HTTP (Express + Apollo, with POST /graphql's common case on the raw server:
 * src/graphql-fast-path.ts) and WebSocket (graphql-ws) on one port, health endpoints, and
 * their shutdown. It starts no runtime part: the app (src/app.ts) hands it the schema, token verification, the
 * per-operation context and the notifier, and stops it before the runtime. No import-time side effects.
 */
export async function startServer(deps: ServerDeps, port: number, host = "0.0.0.0"): Promise<RunningServer> {
  const { app: runtime, config } = deps;
  const { database, logger, verifyToken, notifier } = runtime;
  // Every field checks the operation's deadline and response size (src/request-budget.ts).
  const schema = withRequestBudget(runtime.schema);
  const budgetLimits = {
    timeoutMs: config.requestTimeoutMs ?? DEFAULT_BUDGET.timeoutMs,
    maxResponseBytes: config.maxResponseBytes ?? DEFAULT_BUDGET.maxResponseBytes,
  };
  const app = express();
  app.disable("x-powered-by");
  const securityHeadersMiddleware = securityHeaders(config);
  app.use(securityHeadersMiddleware);
  // POST /graphql's common case skips Express (src/graphql-fast-path.ts); set once Apollo has started, below.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = app;
  const httpServer = createHttpServer({ requestTimeout: HTTP_TIMEOUTS.requestTimeout, headersTimeout: HTTP_TIMEOUTS.headersTimeout }, (req, res) => handle(req, res));
  httpServer.keepAliveTimeout = HTTP_TIMEOUTS.keepAliveTimeout;
  const drain = httpDrain(httpServer);
  const armor = createArmor();
  const format = formatError(logger);
  // Over WebSocket the same rules as Apollo applies over HTTP: the specified rules, the limits, and introspection
  // refused when it is off.
  const wsMaxSubscriptions = config.wsMaxSubscriptionsPerSocket ?? DEFAULT_WS_MAX_SUBSCRIPTIONS_PER_SOCKET;
  // A WebSocket answer as sent: errors shaped as over HTTP. (An answer replaced by the request budget, or replayed
  // under an idempotency key, carries already formatted errors.)
  const formatResult = (result: ExecutionResult | FormattedExecutionResult): FormattedExecutionResult =>
    result.errors?.length ? { ...result, errors: result.errors.map((e) => (e instanceof GraphQLError ? format(e.toJSON(), e) : e)) } : result;
  const wsValidationRules = [...specifiedRules, ...armor.validationRules, ...(config.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  // Each principal's bucket (src/rate-limit/): charged before execution over HTTP and WebSocket alike.
  const rateLimiter = deps.rateLimiter === undefined ? rateLimiterFor(database, config.rateLimit ?? DEFAULT_RATE_LIMIT, logger) : deps.rateLimiter;
  const wsLimit = rateLimiter && wsRateLimit(rateLimiter);
  // Metrics and the request log's operation fields (src/observability/).
  const metrics = runtime.metrics;
  const wsObserved = wsMetrics(metrics);

  const authenticate = async (authorization: string | undefined | null): Promise<Principal> => {
    const token = bearerToken(authorization);
    if (!token) throw unauthenticated(authorization ? "The Authorization header must be `Bearer <token>`" : "A bearer token is required");
    return verifyToken(token);
  };
  // An HTTP request's token is verified once: the fast path checks it first and hands a refused one to Express,
  // whose check then reads the same answer instead of verifying the token again.
  const checked = new WeakMap<IncomingMessage, Promise<Principal>>();
  const authenticateRequest = (req: IncomingMessage): Promise<Principal> => {
    let principal = checked.get(req);
    if (!principal) checked.set(req, (principal = authenticate(req.headers.authorization)));
    return principal;
  };

  // Parsed and validated once per document text (a burst of clients subscribing with one document checks it once).
  const wsDocuments = new DocumentCache((query) => {
    let document;
    try {
      document = parse(query, PARSE_OPTIONS);
    } catch (e) {
      return { errors: [withCode(e instanceof GraphQLError ? e : new GraphQLError("Syntax Error: the document could not be parsed"), "GRAPHQL_PARSE_FAILED")] };
    }
    const errors = validate(schema, document, wsValidationRules);
    return errors.length > 0 ? { errors: errors.map((e) => withCode(e, "GRAPHQL_VALIDATION_FAILED")) } : { document };
  });

  // Live subscriptions that cannot differ in what they receive share one stream, one execution per event and one
  // serialized frame (src/realtime/subscription-fanout.ts); each event's payload is shaped as onNext shapes it.
  const fanout = new SubscriptionFanout({
    subscribe: (args) => subscribe(args),
    payload: (result, args) => {
      // The event's delivery lag, once per group: its frames are written right after this (one serialization).
      wsObserved.sending(args.contextValue);
      if (!result.errors?.length) return result;
      const formatted = formatResult(result);
      return unavailableResult(formatted, OperationTypeNode.SUBSCRIPTION, (args.contextValue as Context).dbActivity) ?? formatted;
    },
    logger,
  });

  // GraphQL over WebSocket (graphql-ws protocol) on the same path.
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: MAX_BODY_BYTES });
  const wsCleanup = useServer<Record<string, unknown>, { principal?: Principal; requestId?: string; expiry?: NodeJS.Timeout }>(
    {
      schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = params.authorization ?? params.Authorization;
        const header = typeof authorization === "string" ? authorization : typeof params.token === "string" ? `Bearer ${params.token}` : undefined;
        let principal: Principal;
        try {
          principal = await authenticate(header);
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
        ctx.extra.principal = principal;
        ctx.extra.requestId = randomUUID();
        // The token was checked once, at connection_init: the connection lives no longer than the token (with the
        // same clock tolerance as the check).
        if (principal.expiresAt) {
          const end = principal.expiresAt.getTime() + CLOCK_TOLERANCE_SECONDS * 1000;
          const closeAtExpiry = () => {
            const left = end - Date.now();
            if (left <= 0) return ctx.extra.socket.close(4403, "Forbidden: the token has expired");
            ctx.extra.expiry = setTimeout(closeAtExpiry, Math.min(left, MAX_TIMER_MS));
          };
          closeAtExpiry();
        }
        wsObserved.connected();
        return true;
      },
      onDisconnect: () => wsObserved.disconnected(),
      onClose: (ctx) => clearTimeout(ctx.extra.expiry),
      context: (ctx, id, payload): Context & RealtimeContext => {
        // Object.assign, not a spread: the context's logger is a getter of its prototype (src/context.ts).
        const contextValue = Object.assign(runtime.context({ requestId: ctx.extra.requestId!, principal: ctx.extra.principal!, budget: createRequestBudget(budgetLimits) }), {
          notifier,
        });
        fanout.register(contextValue, { socket: ctx.extra.socket, id, principal: ctx.extra.principal!, ...payload });
        return contextValue;
      },
      subscribe: fanout.subscribe,
      // The budget bounds a query's or mutation's execution, and a subscription's setup (not its lifetime).
      onOperation: async (ctx, id, _payload, args, operationResult) => {
        const budget = (args.contextValue as Context).budget;
        const result = await operationResult;
        if (Symbol.asyncIterator in result) {
          wsObserved.executed(ctx.extra, id, args, null);
          return void budget?.disarm();
        }
        const operation = getOperationAST(args.document, args.operationName)?.operation;
        const replaced = budget ? ((budgetExceededResult(budget, result, operation) as typeof result | null) ?? undefined) : undefined;
        // The answer as it is sent: its cost report (a replayed answer keeps the one it was stored with) and the
        // availability verdict, which says whether a write may have committed.
        const answer = replaced ?? result;
        const costed = answer.extensions?.cost !== undefined ? answer : (wsLimit?.withCost(ctx.extra, id, answer) ?? answer);
        const sent = formatResult(costed);
        const final = unavailableResult(sent, operation, (args.contextValue as Context).dbActivity) ?? sent;
        await runtime.idempotency.ws.executed(args, final); // stores a keyed mutation's answer as it is sent
        wsObserved.executed(ctx.extra, id, args, final);
        return costed === result ? undefined : (costed as typeof result);
      },
      execute: (args) => runtime.idempotency.ws.execute(args), // a replayed keyed mutation executes nothing
      onSubscribe: async (ctx, id, payload) => {
        wsObserved.received(ctx.extra, id);
        // graphql-ws registers the operation before this hook: the count includes it. Refusing it leaves the
        // socket and its other operations running.
        if (Object.keys(ctx.subscriptions).length > wsMaxSubscriptions) return [tooManySubscriptions(wsMaxSubscriptions)];
        const checked = wsDocuments.get(payload.query);
        if (checked.errors) return [...checked.errors];
        const { document } = checked;
        const refusal = await wsLimit?.admit(ctx.extra, id, ctx.extra.principal!.subject, schema, document, payload.operationName ?? undefined);
        if (refusal) return [refusal];
        const args = { schema, document, variableValues: payload.variables ?? undefined, operationName: payload.operationName ?? undefined };
        // Last step (it reserves an idempotency key: nothing may refuse the operation after it).
        return runtime.idempotency.ws.prepare(ctx.extra.principal!, payload, args);
      },
      // Errors are shaped as over HTTP: codes, no internals (graphql-ws would otherwise send resolver errors raw).
      onError: (ctx, id, payload, errors) => {
        const formatted = errors.map((e) => format(e.toJSON(), e) as GraphQLError);
        wsObserved.refused(ctx.extra, id, payload.operationName, formatted);
        return formatted;
      },
      onNext: (ctx, id, _payload, args, result) => {
        wsObserved.sending(args.contextValue);
        const costed = wsLimit?.withCost(ctx.extra, id, result) ?? result;
        if (!costed.errors?.length) return costed === result ? undefined : costed;
        const formatted = formatResult(costed);
        // The database was unreachable: one SERVICE_UNAVAILABLE error, retryable unless a mutation may have written.
        return unavailableResult(formatted, getOperationAST(args.document, args.operationName)?.operation, (args.contextValue as Context).dbActivity) ?? formatted;
      },
      onComplete: (ctx, id) => {
        wsObserved.completed(ctx.extra, id);
        wsLimit?.forget(ctx.extra, id);
      },
    },
    wsServer,
  );

  // HTTP queries and mutations run compiled (src/compiled-execution.ts); WebSocket operations keep graphql-js. A traced
  // process keeps graphql-js too: the tracing's GraphQL instrumentation observes graphql-js's execute and resolvers.
  const compiled = (deps.execution ?? (activeTracing() ? "graphql-js" : "compiled")) === "compiled" ? compiledExecution(schema) : undefined;
  const plugins: ApolloServerPlugin<Context>[] = [
    ...armor.plugins,
    requestBudgetPlugin(),
    serviceUnavailablePlugin(),
    ...(rateLimiter ? [rateLimitPlugin(rateLimiter)] : []), // after the budget and availability plugins: their willSendResponse may replace the answer
    runtime.idempotency.http.plugin,
    // No type or field declares a cache hint: Apollo's default cache-control plugin would only add a hook to every
    // field resolution (and wrap every resolver of the schema for it).
    ApolloServerPluginCacheControlDisabled(),
    // Apollo's landing page loads its IDE from Apollo's CDN: browsers get our own GraphiQL instead (src/web/ide/).
    ApolloServerPluginLandingPageDisabled(),
    // Last: it counts the answer as sent, and gives the request log its operation fields.
    operationMetricsPlugin(metrics, (context, fields) => {
      const locals = (context as Context & { [OPERATION_LOG]?: { operation?: OperationLogFields } })[OPERATION_LOG];
      if (locals) locals.operation = fields;
    }),
  ];
  const apollo = new ApolloServer<Context>({
    ...(compiled ? { gateway: compiled.gateway } : { schema }),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // The process owns SIGTERM/SIGINT (src/main.ts): Apollo's own handlers would stop it behind main's back.
    stopOnTerminationSignals: false,
    validationRules: armor.validationRules,
    parseOptions: PARSE_OPTIONS,
    formatError: format,
    plugins,
  });
  await apollo.start();
  // A query already validated and compiled skips Apollo's pipeline, running the same plugins (src/graphql-hot-lane.ts).
  const lane = compiled ? hotLane({ apollo, plugins, compiled, schema, formatError: format, logger }) : null;

  // The request id (x-request-id), and the request's log line and latency metric when its answer has been sent.
  const track = (req: IncomingMessage, res: ServerResponse, path: string, locals: RequestLocals) => {
    const given = req.headers["x-request-id"];
    const id = typeof given === "string" && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
    locals.requestId = id;
    res.setHeader("x-request-id", id);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The operation's name, type, cost and outcome (never its variables): set by the operation metrics plugin.
      const operation = locals.operation as OperationLogFields | undefined;
      logger.info({ requestId: id, method: req.method, path, status: res.statusCode, ms, ...operation }, "request");
      metrics.httpRequest(req.method!, KNOWN_ROUTES.has(path) ? path : "other", res.statusCode, ms / 1000);
    });
  };
  app.use((req, res, next) => {
    track(req, res, req.originalUrl.split("?")[0], res.locals as RequestLocals);
    next();
  });

  mountWebPages(app, deps.web ?? { ide: config.nodeEnv !== "production" });

  app.get("/healthz", (_req, res) => void res.json({ status: "ok" }));
  // Prometheus metrics on this port only with METRICS_TOKEN (bearer); otherwise this path is a 404 like any other.
  if (config.metrics?.token) app.get("/metrics", metricsOnMainPort(metrics, config.metrics.token, logger));
  // Ready when the database answers `select 1` within PING_TIMEOUT_MS (under a second): 503 otherwise.
  app.get("/readyz", async (_req, res) => {
    try {
      await database.ping();
      res.json({ status: "ready", database: database.kind });
    } catch {
      res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
      res.status(503).json({ status: "unavailable", database: database.kind });
    }
  });

  // An operation's context: the verified caller, a fresh budget, and the request's log fields (Apollo runs each
  // operation on a shallow copy of the context: they travel with it).
  const operationContext = (principal: Principal, locals: RequestLocals): Context =>
    Object.assign(runtime.context({ requestId: locals.requestId, principal, budget: createRequestBudget(budgetLimits) }), { [OPERATION_LOG]: locals });
  // After the body parser: idempotency keys of mutations (replays, refusals and reservations before Apollo,
  // src/idempotency/), then Apollo.
  const afterBodyParser = [
    runtime.idempotency.http.middleware,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        let principal: Principal;
        try {
          principal = (res.locals.principal as Principal | undefined) ?? (await authenticateRequest(req));
        } catch (e) {
          const err = e instanceof AppError ? e : unauthenticated();
          throw new GraphQLError(err.message, { extensions: { code: err.code, http: { status: 401 } } });
        }
        return operationContext(principal, res.locals as RequestLocals);
      },
    }),
  ];
  // Body parser failures (malformed JSON, too large) and anything else: a GraphQL-style error, no stack trace.
  const httpErrors = (err: { type?: string; status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === "entity.too.large") return httpError(res, 413, "PAYLOAD_TOO_LARGE", `Request body exceeds ${MAX_BODY_BYTES} bytes`);
    if (err.type === "entity.parse.failed") return httpError(res, 400, "BAD_REQUEST", "Request body is not valid JSON");
    if (err.status && err.status >= 400 && err.status < 500) return httpError(res, err.status, "BAD_REQUEST", "Bad request");
    logger.error({ err }, "unhandled http error");
    return httpError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
  };

  // Browser clients may read the contract's response headers (idempotency replay, rate limits, retry hints).
  const exposedHeaders = ["Idempotent-Replayed", "RateLimit", "RateLimit-Policy", "Retry-After", "x-request-id"];
  const corsMiddleware = cors({ origin: config.corsOrigins.includes("*") ? true : config.corsOrigins, credentials: false, exposedHeaders });
  app.use(
    "/graphql",
    (req: Request, res: Response, next: NextFunction) => {
      if (req.path !== "/") return httpError(res, 404, "NOT_FOUND", "Not found: the API is at /graphql");
      if (!["GET", "POST", "OPTIONS"].includes(req.method)) {
        res.setHeader("Allow", "GET, POST");
        return httpError(res, 405, "METHOD_NOT_ALLOWED", "/graphql accepts POST (and GET for queries)");
      }
      next();
    },
    corsMiddleware,
    // The token is checked from the header BEFORE the body is read: an unauthenticated caller cannot make the
    // server read (or parse) up to MAX_BODY_BYTES. The socket is closed after the 401 rather than drained.
    async (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== "POST") return next();
      try {
        res.locals.principal = await authenticateRequest(req);
      } catch (e) {
        const err = e instanceof AppError ? e : unauthenticated();
        res.setHeader("Connection", "close");
        return httpError(res, 401, err.code, err.message);
      }
      next();
    },
    (req: Request, res: Response, next: NextFunction) => {
      if (req.method === "POST" && !req.is(["application/json", "application/graphql-response+json"])) {
        return httpError(res, 415, "UNSUPPORTED_MEDIA_TYPE", "POST /graphql needs `Content-Type: application/json`");
      }
      next();
    },
    express.json({ limit: MAX_BODY_BYTES, type: ["application/json", "application/graphql-response+json"] }),
    afterBodyParser,
  );

  app.use(httpErrors);
  app.use((_req, res) => httpError(res, 404, "NOT_FOUND", "Not found: the API is at /graphql"));

  // The common case of POST /graphql on the raw server (src/graphql-fast-path.ts): same middleware, same context.
  const fastPath = graphqlFastPath({
    fallback: app,
    afterBodyParser: express().disable("x-powered-by").use(afterBodyParser, httpErrors),
    securityHeaders: replayedHeaders(securityHeadersMiddleware as HeaderMiddleware),
    cors: replayedPerOrigin(corsMiddleware as HeaderMiddleware, "POST"),
    track,
    authenticate: authenticateRequest,
    apollo,
    context: operationContext,
    hotLane: lane,
    maxBodyBytes: MAX_BODY_BYTES,
    logger,
  });
  handle = fastPath;

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen({ port, host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const actualPort = (httpServer.address() as AddressInfo).port;
  let metricsListener: MetricsListener | undefined;
  try {
    if (config.metrics?.port !== undefined) metricsListener = await startMetricsListener(metrics, config.metrics.port, logger);
  } catch (error) {
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    await apollo.stop();
    throw error;
  }
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host; // IPv6 in brackets

  let stopping: Promise<void> | undefined;
  const server: RunningServer = {
    url: `http://${shownHost}:${actualPort}/graphql`,
    wsUrl: `ws://${shownHost}:${actualPort}/graphql`,
    port: actualPort,
    httpServer,
    notifier,
    fanout,
    calculations: runtime.calculations,
    metricsListener,
    compiledExecution: compiled?.stats,
    stop() {
      stopping ??= (async () => {
        // WebSocket clients are told 1001 (going away) and reconnect elsewhere; every HTTP request accepted so far is
        // answered; then Apollo stops (it would refuse operations still running).
        await Promise.all([wsCleanup.dispose(), drain(), metricsListener?.stop()]);
        await apollo.stop();
        await rateLimiter?.store.handBackLeases?.(); // the points this node leased and did not spend, back to their buckets
      })();
      return stopping;
    },
  };
  runtime.addTransport(server);
  return server;
}
