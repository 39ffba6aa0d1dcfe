import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./logger";
import { createApp, type App } from "./app";
import { startServer } from "./server";
import { withEmbeddedSecret } from "./auth/embedded-secret";
import { demoOperatorToken, demoTokenLifetimeSeconds, demoTokens } from "./seed/demo-tokens";
import { warmIdeBundle } from "./web/ide/ide.routes";
import { createProgress } from "./cli/progress";
import { activeTracing } from "./observability/tracing-handle";

/**
 * How long a graceful shutdown may take before the process gives up and exits 1: enough for every request already
 * received to finish (each is stopped at REQUEST_TIMEOUT_MS) and for the database pool to close after them. A payroll
 * calculation still running then is resumed by another node (or at the next start) from its job.
 */
const shutdownTimeoutMs = (requestTimeoutMs: number) => Math.max(30_000, requestTimeoutMs + 15_000);

async function main() {
  let config;
  try {
    config = withEmbeddedSecret(loadConfig());
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);

  // Signal handlers first: a SIGTERM during start-up (an orchestrator giving up on a slow start) must still close
  // what is open, and one that arrives between `listen` and the banner must not kill the process mid-request.
  let app: App | undefined;
  let stopping: string | undefined;
  const stop = async () => {
    const timeoutMs = shutdownTimeoutMs(config.requestTimeoutMs);
    const force = setTimeout(() => {
      logger.error({ timeoutMs }, "shutdown timed out");
      process.exit(1);
    }, timeoutMs);
    force.unref();
    try {
      await app?.stop(); // the transport (stops accepting, drains HTTP and WebSocket), the runtime, the database
      await activeTracing()?.shutdown(); // exports the spans still buffered (tracing on: src/observability/instrument.ts)
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
    logger.info("stopped");
    process.exit(0);
  };
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = signal;
    logger.info({ signal }, "shutting down");
    // During `createApp` nothing is stoppable yet: start-up stops as soon as it returns (below).
    if (app) void stop();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));

  // The IDE's bundle (GraphiQL, from npm) builds while the database starts, so that the first page view is fast.
  // A failed build is logged here and retried by the page.
  // Warmed for a developer's first page view; test processes (NODE_ENV=test: short-lived, many per suite) build it
  // only if a page is asked for.
  const ideBundle =
    config.ide && config.nodeEnv !== "test" ? warmIdeBundle().catch((error: unknown) => logger.error({ err: error }, "the GraphQL IDE's bundle failed to build")) : undefined;

  // config → app (database, runtime) → server (transport) → banner
  // Migrations and demo data report their progress on stderr (one updating line on a terminal, plain lines otherwise).
  app = await createApp({ config, logger, demoData: true, progress: createProgress({ label: "start-up" }) });
  if (stopping) return stop();
  const { database } = app;
  // The IDE opens with the demo OPERATOR token only where the banner prints tokens (below).
  const demoTokensShown = database.kind === "pglite" && config.nodeEnv !== "production" && config.jwt.secret !== undefined;
  const web = { ide: config.ide, devToken: demoTokensShown ? () => demoOperatorToken(config.jwt) : undefined };
  const server = await startServer({ app, config, web }, config.port, config.host);
  await ideBundle;

  const where = database.kind === "pglite" ? `embedded PGlite in ${config.dataDir}/` : "Postgres (DATABASE_URL)";
  const lines = [``, `EOR graph ready at ${server.url} (WebSocket ${server.wsUrl}) on ${where}`];
  if (config.ide) lines.push(``, `GraphQL IDE (GraphiQL): open ${server.url} in a browser${demoTokensShown ? " (it starts with the OPERATOR token below)" : ""}`);
  // Tokens only for the embedded development database: never on Postgres (a deployment's users are not demo
  // users) and never in production.
  if (demoTokensShown) {
    const tokens = await demoTokens(database.db, config.jwt);
    if (tokens.length > 0) {
      const lifetime = demoTokenLifetimeSeconds(config.jwt);
      const valid = lifetime % 3600 === 0 ? `${lifetime / 3600} h` : lifetime % 60 === 0 ? `${lifetime / 60} min` : `${lifetime} s`;
      lines.push(``, `Demo tokens (valid ${valid}; send as "Authorization: Bearer <token>"):`);
      for (const t of tokens) lines.push(`  ${t.label}:`, `    ${t.token}`);
    }
  }
  process.stdout.write(lines.join("\n") + "\n\n");
}

main().catch((error) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
