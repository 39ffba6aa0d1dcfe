import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./logger";
import { openDatabase } from "./db/client";
import { createSchema } from "./schema";
import { startServer } from "./server";
import { createTokenVerifier } from "./auth/tokens";
import { seedDemoData } from "./seed/seed";
import { demoTokens } from "./seed/demo-tokens";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  if (database.kind === "pglite") {
    const { seeded } = await seedDemoData(database.db);
    if (seeded) logger.info("demo data seeded");
  }
  const schema = await createSchema();
  const server = await startServer(
    { config, database, schema, logger, verifyToken: createTokenVerifier(config.jwt) },
    config.port,
  );

  const where = database.kind === "pglite" ? `embedded PGlite in ${config.dataDir}/` : "Postgres (DATABASE_URL)";
  const lines = [``, `EOR graph ready at ${server.url} (WebSocket ${server.wsUrl}) on ${where}`];
  if (config.jwt.secret) {
    const tokens = await demoTokens(database.db, config.jwt);
    if (tokens.length > 0) {
      lines.push(``, `Demo tokens (valid 12 h; send as "Authorization: Bearer <token>"):`);
      for (const t of tokens) lines.push(`  ${t.label}:`, `    ${t.token}`);
    }
  }
  process.stdout.write(lines.join("\n") + "\n\n");

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await server.stop();
    await database.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
