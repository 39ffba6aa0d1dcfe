import { createServer as createHttpServer, type Server } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import cors from "cors";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { unwrapResolverError } from "@apollo/server/errors";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import { GraphQLError, parse, specifiedRules, validate, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { Config } from "./config";
import type { Database } from "./db/client";
import type { Logger } from "./logger";
import { createContext, type Context } from "./context";
import { AppError, ErrorCode, toGraphQLError, unauthenticated } from "./shared/errors";
import { bearerToken, type TokenVerifier } from "./auth/tokens";
import type { Principal } from "./auth/principal";
import { createArmor } from "./armor";

export interface ServerDeps {
  config: Pick<Config, "corsOrigins" | "introspection" | "nodeEnv">;
  database: Database;
  schema: GraphQLSchema;
  logger: Logger;
  verifyToken: TokenVerifier;
}

export interface RunningServer {
  url: string;
  wsUrl: string;
  port: number;
  httpServer: Server;
  stop(): Promise<void>;
}

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 1_000_000;

function httpError(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

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
      return { ...formatted, extensions };
    }
    logger.error({ err: original instanceof Error ? { name: original.name, message: original.message, stack: original.stack } : String(original), path: formatted.path }, "unexpected error");
    return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

/** Builds the HTTP + WebSocket server; nothing listens until `listen` is called. No import-time side effects. */
export async function startServer(deps: ServerDeps, port: number, host = "0.0.0.0"): Promise<RunningServer> {
  const { database, schema, logger, verifyToken, config } = deps;
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createHttpServer(app);
  const armor = createArmor();

  const authenticate = async (authorization: string | undefined | null): Promise<Principal> => {
    const token = bearerToken(authorization);
    if (!token) throw unauthenticated(authorization ? "The Authorization header must be `Bearer <token>`" : "A bearer token is required");
    return verifyToken(token);
  };

  // GraphQL over WebSocket (graphql-ws protocol) on the same path.
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: MAX_BODY_BYTES });
  const wsCleanup = useServer<Record<string, unknown>, { principal?: Principal; requestId?: string }>(
    {
      schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header = typeof params.authorization === "string" ? params.authorization : typeof params.token === "string" ? `Bearer ${params.token}` : undefined;
        try {
          ctx.extra.principal = await authenticate(header);
          ctx.extra.requestId = randomUUID();
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      context: (ctx): Context =>
        createContext({ requestId: ctx.extra.requestId!, principal: ctx.extra.principal!, db: database.db, logger: logger.child({ requestId: ctx.extra.requestId }) }),
      onSubscribe: (_ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, { maxTokens: 2_000 });
        } catch (e) {
          return [e instanceof GraphQLError ? e : new GraphQLError("Syntax error")];
        }
        const errors = validate(schema, document, [...specifiedRules, ...armor.validationRules]);
        if (errors.length > 0) return errors;
        return { schema, document, variableValues: payload.variables ?? undefined, operationName: payload.operationName ?? undefined };
      },
      onError: (_ctx, _id, _payload, errors) => {
        const format = formatError(logger);
        return errors.map((e) => format(e.toJSON(), e) as GraphQLError);
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: armor.validationRules,
    formatError: formatError(logger),
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      ...(config.nodeEnv === "production" ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const id = typeof req.headers["x-request-id"] === "string" && /^[\w-]{1,100}$/.test(req.headers["x-request-id"]) ? req.headers["x-request-id"] : randomUUID();
    res.locals.requestId = id;
    res.setHeader("x-request-id", id);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      logger.info({ requestId: id, method: req.method, path: req.originalUrl.split("?")[0], status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, "request");
    });
    next();
  });

  app.get("/healthz", (_req, res) => void res.json({ status: "ok" }));
  app.get("/readyz", async (_req, res) => {
    try {
      await database.ping();
      res.json({ status: "ready", database: database.kind });
    } catch {
      res.status(503).json({ status: "unavailable", database: database.kind });
    }
  });

  const corsMiddleware = cors({ origin: config.corsOrigins.includes("*") ? true : config.corsOrigins, credentials: false });
  app.use(
    "/graphql",
    corsMiddleware,
    (req: Request, res: Response, next: NextFunction) => {
      if (req.method === "POST" && !req.is(["application/json", "application/graphql-response+json"])) {
        return httpError(res, 415, "UNSUPPORTED_MEDIA_TYPE", "POST /graphql needs `Content-Type: application/json`");
      }
      next();
    },
    express.json({ limit: MAX_BODY_BYTES, type: ["application/json", "application/graphql-response+json"] }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = String(res.locals.requestId);
        let principal: Principal;
        try {
          principal = await authenticate(req.headers.authorization);
        } catch (e) {
          const err = e instanceof AppError ? e : unauthenticated();
          throw new GraphQLError(err.message, { extensions: { code: err.code, http: { status: 401 } } });
        }
        return createContext({ requestId, principal, db: database.db, logger: logger.child({ requestId }) });
      },
    }),
  );

  // Body parser failures (malformed JSON, too large) and anything else: a GraphQL-style error, no stack trace.
  app.use((err: { type?: string; status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === "entity.too.large") return httpError(res, 413, "PAYLOAD_TOO_LARGE", `Request body exceeds ${MAX_BODY_BYTES} bytes`);
    if (err.type === "entity.parse.failed") return httpError(res, 400, "BAD_REQUEST", "Request body is not valid JSON");
    if (err.status && err.status >= 400 && err.status < 500) return httpError(res, err.status, "BAD_REQUEST", "Bad request");
    logger.error({ err: { message: (err as Error).message } }, "unhandled http error");
    return httpError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
  });
  app.use((_req, res) => httpError(res, 404, "NOT_FOUND", "Not found: the API is at /graphql"));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, () => resolve());
  });
  const actualPort = (httpServer.address() as AddressInfo).port;
  const shownHost = host === "0.0.0.0" ? "localhost" : host;

  let stopped = false;
  return {
    url: `http://${shownHost}:${actualPort}/graphql`,
    wsUrl: `ws://${shownHost}:${actualPort}/graphql`,
    port: actualPort,
    httpServer,
    async stop() {
      if (stopped) return;
      stopped = true;
      await apollo.stop(); // stops accepting, drains HTTP and disposes the WebSocket server
    },
  };
}
