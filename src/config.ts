/**
 * The only reader of process.env. Parsed and validated once at start-up; a bad configuration fails
 * listing every offending variable at once, so an operator fixes them in one go.
 */
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
export type NodeEnv = "development" | "production" | "test";

export interface Config {
  port: number;
  /** Postgres connection string; when absent the server runs on embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  jwt: {
    /** HS256 shared secret (development / embedded mode). */
    secret: string | undefined;
    /** JWKS endpoint (RS256 / ES256) for production identity providers. */
    jwksUrl: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
  };
  corsOrigins: string[];
  logLevel: LogLevel;
  nodeEnv: NodeEnv;
  /** Introspection is on in development and test; in production only with GRAPHQL_INTROSPECTION=true. */
  introspection: boolean;
  /**
   * SANDBOX_RAIL: `on` runs the sandbox payment rail (it submits and confirms remittances of funded runs) and allows
   * the sandbox mutations even in production (a partner sandbox deployment); `off` stops the rail. Unset: the rail
   * runs on the embedded database only. Sandbox mutations are allowed whenever NODE_ENV is not production.
   */
  sandboxRail?: "on" | "off";
  /** Keys of the application-level encryption of personal data (src/pii/). */
  pii: {
    /** PII_ENCRYPTION_KEY (32 bytes); undefined outside production means the key file generated in DATA_DIR. */
    key: Buffer | undefined;
    /** PII_ENCRYPTION_KEYS_PREVIOUS: keys that only decrypt, while `npm run pii:rotate` re-encrypts under `key`. */
    previousKeys: Buffer[];
  };
}

/** Development secret used only in embedded mode when no JWT_SECRET/JWT_JWKS_URL is configured. */
export const EMBEDDED_DEV_SECRET = "embedded-development-secret-not-for-production-use-0001";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const LOG_LEVELS: LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
const NODE_ENVS: NodeEnv[] = ["development", "production", "test"];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const text = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  };

  let port = 4000;
  const rawPort = text("PORT");
  if (rawPort !== undefined) {
    port = Number(rawPort);
    if (!/^\d+$/.test(rawPort) || port > 65535) problems.push(`PORT must be an integer 0-65535, got "${rawPort}"`);
  }

  const databaseUrl = text("DATABASE_URL");
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push("DATABASE_URL must be a postgres:// or postgresql:// URL");
  }

  const url = (name: string) => {
    const v = text(name);
    if (v === undefined) return undefined;
    try {
      const u = new URL(v);
      if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error();
    } catch {
      problems.push(`${name} must be an http(s) URL`);
    }
    return v;
  };

  const secret = text("JWT_SECRET");
  if (secret !== undefined && secret.length < 32) problems.push("JWT_SECRET must be at least 32 characters (HS256)");
  const jwksUrl = url("JWT_JWKS_URL");
  // One verification method: with both, the server would verify JWKS tokens only while `npm run token` and the
  // start-up banner signed HS256 tokens it refuses.
  if (secret !== undefined && text("JWT_JWKS_URL") !== undefined) problems.push("JWT_SECRET and JWT_JWKS_URL are exclusive: set one");

  const logLevel = (text("LOG_LEVEL") ?? "info") as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  const nodeEnv = (text("NODE_ENV") ?? "development") as NodeEnv;
  if (!NODE_ENVS.includes(nodeEnv)) problems.push(`NODE_ENV must be one of ${NODE_ENVS.join(", ")}`);

  const introspectionRaw = text("GRAPHQL_INTROSPECTION");
  if (introspectionRaw !== undefined && !["true", "false"].includes(introspectionRaw)) {
    problems.push("GRAPHQL_INTROSPECTION must be true or false");
  }

  const sandboxRail = text("SANDBOX_RAIL");
  if (sandboxRail !== undefined && sandboxRail !== "on" && sandboxRail !== "off") problems.push("SANDBOX_RAIL must be on or off");

  const corsOrigins = (text("CORS_ORIGINS") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin !== "*" && !/^https?:\/\/[^/]+$/.test(origin)) problems.push(`CORS_ORIGINS entry "${origin}" is not an origin`);
  }

  if (nodeEnv === "production" && !secret && !jwksUrl) {
    problems.push("production needs JWT_JWKS_URL (or JWT_SECRET): refusing to start with the embedded development secret");
  }
  if (nodeEnv === "production" && !databaseUrl) {
    problems.push("production needs DATABASE_URL: the embedded database is for development only");
  }

  const piiKey = (name: string, raw: string): Buffer | undefined => {
    const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) ? Buffer.from(raw, "base64") : undefined;
    if (bytes?.length === 32) return bytes;
    problems.push(`${name} must be 32 bytes in base64 (e.g. openssl rand -base64 32)`);
    return undefined;
  };
  const piiKeyRaw = text("PII_ENCRYPTION_KEY");
  const piiEncryptionKey = piiKeyRaw === undefined ? undefined : piiKey("PII_ENCRYPTION_KEY", piiKeyRaw);
  const piiPreviousKeys = (text("PII_ENCRYPTION_KEYS_PREVIOUS") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((k) => piiKey("PII_ENCRYPTION_KEYS_PREVIOUS entry", k))
    .filter((k): k is Buffer => k !== undefined);
  if (nodeEnv === "production" && piiKeyRaw === undefined) {
    problems.push("production needs PII_ENCRYPTION_KEY (32 bytes, base64): tax ids are encrypted with it");
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port,
    databaseUrl,
    dataDir: text("DATA_DIR") ?? ".data",
    jwt: {
      secret: secret ?? (jwksUrl || databaseUrl ? undefined : EMBEDDED_DEV_SECRET),
      jwksUrl,
      issuer: text("JWT_ISSUER"),
      audience: text("JWT_AUDIENCE"),
    },
    corsOrigins,
    logLevel,
    nodeEnv,
    introspection: introspectionRaw !== undefined ? introspectionRaw === "true" : nodeEnv !== "production",
    sandboxRail: sandboxRail as "on" | "off" | undefined,
    pii: { key: piiEncryptionKey, previousKeys: piiPreviousKeys },
  };
}
