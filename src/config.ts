/**
 * The only reader of process.env. Parsed and validated once at start-up; a bad configuration fails
 * listing every offending variable at once, so an operator fixes them in one go.
 */
import { isIP } from "node:net";
import { join } from "node:path";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
export type NodeEnv = "development" | "production" | "test";

export interface Config {
  port: number;
  /** Interface to listen on: 127.0.0.1 in embedded mode (a development database with its own tokens), else 0.0.0.0. */
  host: string;
  /** Postgres connection string; when absent the server runs on embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  jwt: {
    /** HS256 shared secret (JWT_SECRET). In embedded mode without it, see `secretFile`. */
    secret: string | undefined;
    /**
     * Embedded mode without JWT_SECRET or JWT_JWKS_URL: the file in DATA_DIR holding this installation's random
     * secret (`withEmbeddedSecret` in src/auth/embedded-secret.ts reads or creates it at start-up).
     */
    secretFile: string | undefined;
    /** JWKS endpoint (RS256 / ES256) for production identity providers. */
    jwksUrl: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
    /** Longest token lifetime accepted (JWT_MAX_TTL), in seconds: exp − iat, or exp − now without iat. */
    maxTtlSeconds: number;
  };
  /** TRUST_PROXY_TLS=on: clients reach the server over TLS terminated by a proxy, so answers carry HSTS. */
  trustProxyTls: boolean;
  corsOrigins: string[];
  logLevel: LogLevel;
  nodeEnv: NodeEnv;
  /** Introspection is on in development and test; in production only with GRAPHQL_INTROSPECTION=true. */
  introspection: boolean;
  /**
   * GRAPHQL_IDE: GraphiQL at GET /graphql for browsers (src/web/ide/). On outside production; in production only
   * with GRAPHQL_IDE=on (and then without a token: whoever opens it pastes their own).
   */
  ide: boolean;
  /**
   * SANDBOX_RAIL: `on` runs the sandbox payment rail (it submits and confirms remittances of funded runs) and allows
   * the sandbox mutations, on any database (a partner sandbox deployment); `off` turns both off. Unset: both on the
   * embedded database only — never on Postgres, whatever NODE_ENV says.
   */
  sandboxRail?: "on" | "off";
  /** REQUEST_TIMEOUT_MS: an operation still running after this is cancelled and answers REQUEST_TIMEOUT. */
  requestTimeoutMs: number;
  /** MAX_RESPONSE_BYTES: an answer larger than this is not sent; the caller gets RESPONSE_TOO_LARGE. */
  maxResponseBytes: number;
  /** WS_MAX_SUBSCRIPTIONS_PER_SOCKET: operations one WebSocket may run at once; the next is refused (TOO_MANY_SUBSCRIPTIONS). */
  wsMaxSubscriptionsPerSocket: number;
  /**
   * Each principal's token bucket (src/rate-limit/): RATE_LIMIT_POINTS it holds at most, RATE_LIMIT_RESTORE_PER_SECOND
   * restored per second; an operation costs its estimated cost (src/armor.ts).
   */
  rateLimit: {
    points: number;
    restorePerSecond: number;
    /**
     * RATE_LIMIT_LEASES (default on): on Postgres, a busy principal's charges are granted from point leases
     * (src/rate-limit/leases.ts); off, every charge is decided by a statement and every answer shows the exact level.
     */
    leases?: boolean;
  };
  /** IDEMPOTENCY_RETENTION_HOURS: how long a mutation's answer is kept for replay under its idempotency key (src/idempotency/). */
  idempotencyRetentionHours: number;
  /** WEBHOOK_DELIVERY_RETENTION_DAYS: how long the log of webhook delivery attempts (`webhookDeliveries`) is kept. */
  webhookDeliveryRetentionDays: number;
  /** Keys of the application-level encryption of personal data (src/pii/). */
  pii: {
    /** PII_ENCRYPTION_KEY (32 bytes); undefined outside production means the key file generated in DATA_DIR. */
    key: Buffer | undefined;
    /** PII_ENCRYPTION_KEYS_PREVIOUS: keys that only decrypt, while `npm run pii:rotate` re-encrypts under `key`. */
    previousKeys: Buffer[];
  };
  /**
   * WEBHOOK_RETRY_SCHEDULE: delays between the attempts of one webhook delivery, in milliseconds (undefined: the
   * default schedule of src/modules/webhooks/webhook-retry.ts, 5 s … 24 h over 85 h).
   */
  webhookRetryScheduleMs: number[] | undefined;
  /**
   * Prometheus metrics (src/observability/): METRICS_TOKEN (at least 16 characters) serves /metrics on the main port
   * to `Authorization: Bearer <token>` only; METRICS_PORT serves it without a token on a listener of its own bound
   * to 127.0.0.1. Neither: no /metrics at all.
   */
  metrics: { token: string | undefined; port: number | undefined };
  /**
   * OpenTelemetry traces: exported over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT when it is set (off otherwise), as
   * OTEL_SERVICE_NAME (default eor-graph). Started by src/observability/instrument.ts, before the server's modules load.
   */
  otel: { endpoint: string | undefined; serviceName: string };
}

/** Defaults of RATE_LIMIT_POINTS, RATE_LIMIT_RESTORE_PER_SECOND and RATE_LIMIT_LEASES. */
export const DEFAULT_RATE_LIMIT: Config["rateLimit"] = { points: 10_000, restorePerSecond: 500, leases: true };
/** Default of WEBHOOK_DELIVERY_RETENTION_DAYS. */
export const DEFAULT_WEBHOOK_DELIVERY_RETENTION_DAYS = 30;
/** Default of IDEMPOTENCY_RETENTION_HOURS. */
export const DEFAULT_IDEMPOTENCY_RETENTION_HOURS = 24;

/** Default of WS_MAX_SUBSCRIPTIONS_PER_SOCKET. */
export const DEFAULT_WS_MAX_SUBSCRIPTIONS_PER_SOCKET = 50;

/**
 * The secret earlier versions built into the source for embedded mode. Never used any more (embedded mode has a
 * random secret per DATA_DIR); kept to refuse it in production and to test that its tokens are refused.
 */
export const RETIRED_EMBEDDED_SECRET = "embedded-development-secret-not-for-production-use-0001";

/** Secrets published in this repository (source, tests, docs, benchmarks): production refuses to start with one. */
export const KNOWN_DEVELOPMENT_SECRETS: readonly string[] = [
  RETIRED_EMBEDDED_SECRET,
  "test-secret-that-is-long-enough-for-hs256-0123456789",
  "two-process-test-secret-that-is-long-enough-0123456789",
  "bench-subscriptions-secret-that-is-long-enough-0123",
  "another-secret-that-is-long-enough-for-hs256-xx",
  "a-different-secret-that-is-long-enough-0123456789",
];

/** Name of the embedded-mode JWT secret file in DATA_DIR. */
export const JWT_SECRET_FILE = "jwt-secret";

/** JWT_MAX_TTL when unset: 24 hours. */
export const DEFAULT_JWT_MAX_TTL_SECONDS = 24 * 3600;

const DURATION_UNITS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** A lifetime written `<positive integer><s|m|h|d>` (`3600s`, `90m`, `24h`, `1d`), in seconds; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const m = /^([1-9]\d{0,8})(s|m|h|d)$/.exec(text);
  return m ? Number(m[1]) * DURATION_UNITS[m[2] as keyof typeof DURATION_UNITS] : undefined;
}

/** Every environment variable this module reads: a child process started without them starts unconfigured. */
export const CONFIG_VARIABLES = [
  "PORT",
  "HOST",
  "DATABASE_URL",
  "DATA_DIR",
  "JWT_SECRET",
  "JWT_JWKS_URL",
  "JWT_ISSUER",
  "JWT_AUDIENCE",
  "JWT_MAX_TTL",
  "TRUST_PROXY_TLS",
  "CORS_ORIGINS",
  "LOG_LEVEL",
  "NODE_ENV",
  "GRAPHQL_INTROSPECTION",
  "GRAPHQL_IDE",
  "SANDBOX_RAIL",
  "REQUEST_TIMEOUT_MS",
  "MAX_RESPONSE_BYTES",
  "WS_MAX_SUBSCRIPTIONS_PER_SOCKET",
  "IDEMPOTENCY_RETENTION_HOURS",
  "WEBHOOK_DELIVERY_RETENTION_DAYS",
  "PII_ENCRYPTION_KEY",
  "PII_ENCRYPTION_KEYS_PREVIOUS",
  "RATE_LIMIT_POINTS",
  "RATE_LIMIT_RESTORE_PER_SECOND",
  "RATE_LIMIT_LEASES",
  "WEBHOOK_RETRY_SCHEDULE",
  "METRICS_TOKEN",
  "METRICS_PORT",
  "OTEL_EXPORTER_OTLP_ENDPOINT",
  "OTEL_SERVICE_NAME",
] as const;

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

  // Embedded mode serves a development database with tokens anyone on the machine can mint: loopback only unless
  // HOST says otherwise. With DATABASE_URL (a deployment, usually in a container) every interface.
  const host = text("HOST") ?? (databaseUrl ? "0.0.0.0" : "127.0.0.1");
  if (isIP(host) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(host)) {
    problems.push(`HOST must be an IP address or a host name, got "${host}"`);
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

  const maxTtlRaw = text("JWT_MAX_TTL");
  const maxTtlSeconds = maxTtlRaw === undefined ? DEFAULT_JWT_MAX_TTL_SECONDS : parseDuration(maxTtlRaw);
  if (maxTtlSeconds === undefined) problems.push(`JWT_MAX_TTL must be a lifetime such as 24h, 90m or 3600s, got "${maxTtlRaw}"`);

  const trustProxyTls = text("TRUST_PROXY_TLS");
  if (trustProxyTls !== undefined && trustProxyTls !== "on" && trustProxyTls !== "off") problems.push("TRUST_PROXY_TLS must be on or off");

  const logLevel = (text("LOG_LEVEL") ?? "info") as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  const nodeEnv = (text("NODE_ENV") ?? "development") as NodeEnv;
  if (!NODE_ENVS.includes(nodeEnv)) problems.push(`NODE_ENV must be one of ${NODE_ENVS.join(", ")}`);

  const introspectionRaw = text("GRAPHQL_INTROSPECTION");
  if (introspectionRaw !== undefined && !["true", "false"].includes(introspectionRaw)) {
    problems.push("GRAPHQL_INTROSPECTION must be true or false");
  }

  const ide = text("GRAPHQL_IDE");
  if (ide !== undefined && ide !== "on" && ide !== "off") problems.push("GRAPHQL_IDE must be on or off");

  const rateLimitLeases = text("RATE_LIMIT_LEASES");
  if (rateLimitLeases !== undefined && rateLimitLeases !== "on" && rateLimitLeases !== "off") problems.push("RATE_LIMIT_LEASES must be on or off");

  const sandboxRail = text("SANDBOX_RAIL");
  if (sandboxRail !== undefined && sandboxRail !== "on" && sandboxRail !== "off") problems.push("SANDBOX_RAIL must be on or off");

  const positiveInt = (name: string, fallback: number, max: number) => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < 1 || value > max) problems.push(`${name} must be an integer between 1 and ${max}, got "${raw}"`);
    return value;
  };
  const requestTimeoutMs = positiveInt("REQUEST_TIMEOUT_MS", 10_000, 600_000);
  const maxResponseBytes = positiveInt("MAX_RESPONSE_BYTES", 5_000_000, 1_000_000_000);
  const wsMaxSubscriptionsPerSocket = positiveInt("WS_MAX_SUBSCRIPTIONS_PER_SOCKET", DEFAULT_WS_MAX_SUBSCRIPTIONS_PER_SOCKET, 10_000);
  const rateLimitPoints = positiveInt("RATE_LIMIT_POINTS", DEFAULT_RATE_LIMIT.points, 1_000_000_000);
  const restoreRaw = text("RATE_LIMIT_RESTORE_PER_SECOND");
  const rateLimitRestore = restoreRaw === undefined ? DEFAULT_RATE_LIMIT.restorePerSecond : Number(restoreRaw);
  if (restoreRaw !== undefined && (!/^\d+(\.\d+)?$/.test(restoreRaw) || rateLimitRestore < 0.001 || rateLimitRestore > 1_000_000_000)) {
    problems.push(`RATE_LIMIT_RESTORE_PER_SECOND must be a number of points per second between 0.001 and 1000000000, got "${restoreRaw}"`);
  }
  // Hours; at least 1 (a retry an hour later must still replay), at most a year.
  const idempotencyRetentionHours = positiveInt("IDEMPOTENCY_RETENTION_HOURS", DEFAULT_IDEMPOTENCY_RETENTION_HOURS, 8_760);
  const webhookDeliveryRetentionDays = positiveInt("WEBHOOK_DELIVERY_RETENTION_DAYS", DEFAULT_WEBHOOK_DELIVERY_RETENTION_DAYS, 3_650);

  const corsOrigins = (text("CORS_ORIGINS") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin !== "*" && !/^https?:\/\/[^/]+$/.test(origin)) problems.push(`CORS_ORIGINS entry "${origin}" is not an origin`);
  }

  if (nodeEnv === "production" && !secret && !jwksUrl) {
    problems.push("production needs JWT_JWKS_URL (or JWT_SECRET): the embedded mode's local secret is for development only");
  }
  if (nodeEnv === "production" && !databaseUrl) {
    problems.push("production needs DATABASE_URL: the embedded database is for development only");
  }
  if (nodeEnv === "production" && !text("JWT_ISSUER")) problems.push("production needs JWT_ISSUER: tokens of any issuer trusting the same key would be accepted");
  if (nodeEnv === "production" && !text("JWT_AUDIENCE")) problems.push("production needs JWT_AUDIENCE: tokens issued for another service would be accepted");
  if (nodeEnv === "production" && secret !== undefined && KNOWN_DEVELOPMENT_SECRETS.includes(secret)) {
    problems.push("JWT_SECRET is a development secret published in this repository: production needs a secret of its own");
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

  const retryScheduleRaw = text("WEBHOOK_RETRY_SCHEDULE");
  const webhookRetryScheduleMs = retryScheduleRaw === undefined ? undefined : parseRetrySchedule(retryScheduleRaw);
  if (webhookRetryScheduleMs === null) {
    problems.push(`WEBHOOK_RETRY_SCHEDULE must be 1-20 comma-separated delays such as 1s,2s,5s or 5s,5m,30m,2h, got "${retryScheduleRaw}"`);
  }

  const metricsToken = text("METRICS_TOKEN");
  if (metricsToken !== undefined && (metricsToken.length < 16 || /\s/.test(metricsToken))) problems.push("METRICS_TOKEN must be at least 16 characters, without spaces");
  const metricsPortRaw = text("METRICS_PORT");
  const metricsPort = metricsPortRaw === undefined ? undefined : Number(metricsPortRaw);
  if (metricsPortRaw !== undefined && (!/^\d+$/.test(metricsPortRaw) || metricsPort! < 1 || metricsPort! > 65535)) {
    problems.push(`METRICS_PORT must be an integer 1-65535, got "${metricsPortRaw}"`);
  } else if (metricsPort !== undefined && metricsPort === port) problems.push("METRICS_PORT must differ from PORT");
  const otelEndpoint = url("OTEL_EXPORTER_OTLP_ENDPOINT");
  const otelServiceName = text("OTEL_SERVICE_NAME") ?? "eor-graph";
  if (!/^[\w.-]{1,100}$/.test(otelServiceName)) problems.push(`OTEL_SERVICE_NAME must be 1-100 letters, digits, dots, dashes or underscores, got "${otelServiceName}"`);

  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = text("DATA_DIR") ?? ".data";
  return {
    port,
    host,
    databaseUrl,
    dataDir,
    jwt: {
      secret,
      secretFile: secret || jwksUrl || databaseUrl ? undefined : join(dataDir, JWT_SECRET_FILE),
      jwksUrl,
      issuer: text("JWT_ISSUER"),
      audience: text("JWT_AUDIENCE"),
      maxTtlSeconds: maxTtlSeconds!,
    },
    trustProxyTls: trustProxyTls === "on",
    corsOrigins,
    logLevel,
    nodeEnv,
    introspection: introspectionRaw !== undefined ? introspectionRaw === "true" : nodeEnv !== "production",
    ide: ide !== undefined ? ide === "on" : nodeEnv !== "production",
    sandboxRail: sandboxRail as "on" | "off" | undefined,
    requestTimeoutMs,
    maxResponseBytes,
    wsMaxSubscriptionsPerSocket,
    rateLimit: { points: rateLimitPoints, restorePerSecond: rateLimitRestore, leases: rateLimitLeases !== "off" },
    idempotencyRetentionHours,
    webhookDeliveryRetentionDays,
    pii: { key: piiEncryptionKey, previousKeys: piiPreviousKeys },
    webhookRetryScheduleMs: webhookRetryScheduleMs ?? undefined,
    metrics: { token: metricsToken, port: metricsPort },
    otel: { endpoint: otelEndpoint, serviceName: otelServiceName },
  };
}

/** A webhook retry schedule `1s,2s,5s` (1 to 20 delays of `<integer><s|m|h|d>`) in milliseconds; null when malformed. */
export function parseRetrySchedule(text: string): number[] | null {
  const delays = text.split(",").map((d) => parseDuration(d.trim()));
  if (delays.length < 1 || delays.length > 20 || delays.some((d) => d === undefined)) return null;
  return delays.map((d) => d! * 1000);
}
