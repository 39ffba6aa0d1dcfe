import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { inject } from "vitest";
import { print, type ExecutionResult } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { createClient, type Client as WsClient } from "graphql-ws";
import WebSocket from "ws";
import { openDatabase, type Database } from "../../src/db/client";
import { createApp, type App } from "../../src/app";
import { startServer, type RunningServer } from "../../src/server";
import { createTokenVerifier, signDevToken, type TokenVerifier } from "../../src/auth/tokens";
import { createLogger, type Logger } from "../../src/logger";
import type { NodeEnv } from "../../src/config";
import type { PiiCipher } from "../../src/pii/pii-cipher";
import { DEFAULT_SCOPES, type Role } from "../../src/auth/scopes";
import type { WebPagesOptions } from "../../src/web/web-pages";
import { testPiiCipher } from "./pii";

/**
 * A real server for a test file: HTTP and WebSocket on a random port, real JWT verification, and either the
 * shared Postgres database (DATABASE_URL, migrated and seeded by global-setup) or a fresh in-memory PGlite.
 * Nothing is faked.
 *
 * The HS256 secret is random, drawn once per test file: no secret written in the repository can sign a token a
 * test server accepts (production refuses those secrets: KNOWN_DEVELOPMENT_SECRETS in src/config.ts). Nothing
 * a test asserts depends on its value.
 */
export const TEST_SECRET = randomBytes(32).toString("base64url");
export const TEST_ISSUER = "https://auth.eor.test/";
export const TEST_AUDIENCE = "eor-graph-test";

export interface GqlResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestServer {
  /** The runtime (src/app.ts): notifier, calculation queue, schema… */
  app: App;
  server: RunningServer;
  database: Database;
  url: string;
  wsUrl: string;
  /** Signs a token the server accepts. */
  token(role: Role, options?: { clients?: string[]; scopes?: string[]; subject?: string; expiresIn?: string }): Promise<string>;
  /** Runs a typed operation over HTTP. */
  gql<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables> | string, variables: TVariables | undefined, token: string | null): Promise<GqlResponse<TResult>>;
  /** A graphql-ws client with the token in connectionParams. */
  ws(token: string | null): WsClient;
  stop(): Promise<void>;
}

/** Everything is optional: the defaults are the server every other test file uses. */
export interface TestServerOptions {
  /** Token verification (default: HS256 with TEST_SECRET, TEST_ISSUER and TEST_AUDIENCE, which `t.token` signs). */
  verifyToken?: TokenVerifier;
  /** Logger (default: silent, or the level in TEST_LOG_LEVEL); pass one writing to a memory stream to read the logs. */
  logger?: Logger;
  /** Introspection (default: on, as in development and test). */
  introspection?: boolean;
  nodeEnv?: NodeEnv;
  corsOrigins?: string[];
  /**
   * SANDBOX_RAIL (default "off": the sandbox mutations are refused, as on a deployment). "on" allows the sandbox
   * mutations (and the rail, see `sandboxRailTimer`); "unset" is a deployment that does not set the variable (on
   * only on the embedded database).
   */
  sandboxRail?: "on" | "off" | "unset";
  /** Whether the rail's timer runs when the sandbox is on (default false: tests drive it with runSandboxRailOnce). */
  sandboxRailTimer?: boolean;
  /** TRUST_PROXY_TLS (default off). */
  trustProxyTls?: boolean;
  /** REQUEST_TIMEOUT_MS (default: the server's, 10 s). */
  requestTimeoutMs?: number;
  /** MAX_RESPONSE_BYTES (default: the server's). */
  maxResponseBytes?: number;
  /** WS_MAX_SUBSCRIPTIONS_PER_SOCKET (default: the server's default, 50). */
  wsMaxSubscriptionsPerSocket?: number;
  /** PII cipher (default: the fixed test key of test/support/pii.ts, which the seed used too). */
  pii?: PiiCipher;
  /**
   * RATE_LIMIT_POINTS and RATE_LIMIT_RESTORE_PER_SECOND (default: `UNTHROTTLED`, so that the other suites, which share
   * the demo tokens' subjects and one Postgres bucket table, are never throttled by each other; the limiter still
   * runs on every request). test/e2e/rate-limit.test.ts sets small ones. RATE_LIMIT_LEASES is off unless `leases`
   * says on: every charge is decided by a statement, so the levels that answers report are exact and suites can
   * compare the answers of two nodes or two requests; test/e2e/rate-limit.test.ts and
   * test/integration/rate-limit-leases.test.ts test the leases.
   */
  rateLimit?: { points: number; restorePerSecond: number; leases?: boolean };
  /**
   * WEBHOOK_RETRY_SCHEDULE in milliseconds (default: TEST_WEBHOOK_RETRY_SCHEDULE_MS). Every test node shares the
   * default, because on Postgres any node may take any endpoint's delivery job.
   */
  webhookRetryScheduleMs?: number[];
  /** The browser pages (default: the server's, the IDE outside production and no token). */
  web?: WebPagesOptions;
  /** METRICS_TOKEN and METRICS_PORT (0: a free port) (default: neither, so /metrics answers 404). */
  metrics?: { token?: string; port?: number };
  /** How HTTP operations execute (default: the server's, compiled). */
  execution?: "compiled" | "graphql-js";
}

/** The rate limit of a test server: `options.rateLimit` or UNTHROTTLED, leases off unless asked for. */
const testRateLimit = (options: TestServerOptions) => ({ leases: false, ...(options.rateLimit ?? UNTHROTTLED) });

/** The test servers' default rate limit: the limiter runs, but no suite can drain it. */
export const UNTHROTTLED = { points: 1_000_000_000, restorePerSecond: 1_000_000_000 } as const;

/** The retry schedule of test servers: 0.2 s doubling to 6.4 s (12.6 s in all), not the production 85 h. */
export const TEST_WEBHOOK_RETRY_SCHEDULE_MS = [200, 400, 800, 1_600, 3_200, 6_400];

let snapshot: Promise<Blob> | undefined;

/** The migrated, seeded PGlite copy global-setup.ts made for embedded runs, read once per test process. */
function seededSnapshot(): Promise<Blob> {
  snapshot ??= readFile(inject("pgliteSnapshot")).then((bytes) => new Blob([bytes]));
  return snapshot;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const databaseUrl = process.env.DATABASE_URL;
  const database = await openDatabase({ databaseUrl, dataDir: "memory://", maxConnections: 5, loadDataDir: databaseUrl ? undefined : await seededSnapshot() });
  const { app, server } = await startNode(database, options);
  const wsClients: WsClient[] = [];

  return {
    app,
    server,
    database,
    url: server.url,
    wsUrl: server.wsUrl,
    token: (role, options = {}) =>
      signDevToken({
        secret: TEST_SECRET,
        issuer: TEST_ISSUER,
        audience: TEST_AUDIENCE,
        role,
        clients: options.clients,
        scopes: options.scopes ?? DEFAULT_SCOPES[role],
        subject: options.subject,
        expiresIn: options.expiresIn,
      }),
    async gql(document, variables, token) {
      const res = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: typeof document === "string" ? document : print(document), variables }),
      });
      const body = (await res.json()) as ExecutionResult;
      return { status: res.status, data: body.data as never, errors: body.errors as never };
    },
    ws(token) {
      const client = createClient({
        url: server.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: true,
      });
      wsClients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(wsClients.map(async (c) => c.dispose()));
      await app.stop(); // the transport first, then the rail, the queue, the notifier
      await database.close();
    },
  };
}

/**
 * One server node on an open database, through the production composition root (src/app.ts, src/server.ts), with
 * the test defaults; `app.stop()` stops it and leaves the database open. Tests that start a second node on a
 * test server's database (recovery, key rotation) use it too.
 */
export async function startNode(database: Database, options: TestServerOptions = {}): Promise<{ app: App; server: RunningServer }> {
  const logger = options.logger ?? createLogger((process.env.TEST_LOG_LEVEL as "info") ?? "silent");
  const app = await createApp({
    config: {
      sandboxRail: options.sandboxRail === "unset" ? undefined : (options.sandboxRail ?? "off"),
      nodeEnv: options.nodeEnv ?? "test",
      webhookRetryScheduleMs: options.webhookRetryScheduleMs ?? TEST_WEBHOOK_RETRY_SCHEDULE_MS,
      rateLimit: testRateLimit(options),
    },
    database,
    logger,
    verifyToken: options.verifyToken ?? createTokenVerifier({ secret: TEST_SECRET, issuer: TEST_ISSUER, audience: TEST_AUDIENCE }),
    pii: options.pii ?? testPiiCipher(),
    sandboxRailTimer: options.sandboxRailTimer ?? false,
  });
  try {
    const server = await startServer(
      {
        app,
        config: {
          corsOrigins: options.corsOrigins ?? [],
          introspection: options.introspection ?? true,
          nodeEnv: options.nodeEnv ?? "test",
          trustProxyTls: options.trustProxyTls ?? false,
          requestTimeoutMs: options.requestTimeoutMs,
          maxResponseBytes: options.maxResponseBytes,
          wsMaxSubscriptionsPerSocket: options.wsMaxSubscriptionsPerSocket,
          rateLimit: testRateLimit(options),
          metrics: { token: options.metrics?.token, port: options.metrics?.port },
        },
        web: options.web,
        execution: options.execution,
      },
      0,
      "127.0.0.1",
    );
    return { app, server };
  } catch (error) {
    await app.stop();
    throw error;
  }
}

/** Asserts a response has no errors and returns its data, with the errors in the failure message. */
export function dataOf<T>(response: GqlResponse<T>): T {
  if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  if (response.data == null) throw new Error(`No data (status ${response.status})`);
  return response.data;
}

/** The `extensions.code` of every error in a response. */
export function errorCodes(response: GqlResponse<unknown>): string[] {
  return (response.errors ?? []).map((e) => String(e.extensions?.code));
}

const processTag = `${Date.now().toString(36)}${process.pid.toString(36)}`;
let uniqueCount = 0;

/**
 * A unique name so tests on the shared Postgres database never collide: the process (start time and pid) and a
 * per-process counter — unique across files and runs without randomness.
 */
export function unique(prefix = "t"): string {
  uniqueCount += 1;
  return `${prefix}-${processTag}-${uniqueCount.toString(36)}`;
}
