import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { CONFIG_VARIABLES, ConfigError, KNOWN_DEVELOPMENT_SECRETS, RETIRED_EMBEDDED_SECRET, loadConfig, parseDuration } from "../../src/config";

/** loadConfig is pure over the env object it is given: no process.env, no server. */

const PII_KEY = Buffer.alloc(32, 7);
const OLD_PII_KEY = Buffer.alloc(32, 9);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe("defaults", () => {
  it("with no configuration at all: port 4000 on loopback, embedded database in .data, its secret file there, 24 h tokens", () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      dataDir: ".data",
      jwt: { secret: undefined, secretFile: ".data/jwt-secret", jwksUrl: undefined, issuer: undefined, audience: undefined, maxTtlSeconds: 86400 },
      trustProxyTls: false,
      corsOrigins: [],
      logLevel: "info",
      nodeEnv: "development",
      introspection: true,
      ide: true,
      requestTimeoutMs: 10_000,
      maxResponseBytes: 5_000_000,
      wsMaxSubscriptionsPerSocket: 50,
      rateLimit: { points: 10_000, restorePerSecond: 500, leases: true },
      idempotencyRetentionHours: 24,
      webhookDeliveryRetentionDays: 30,
      pii: { key: undefined, previousKeys: [] },
      metrics: { token: undefined, port: undefined },
      otel: { endpoint: undefined, serviceName: "eor-graph" },
    });
  });

  it("treats empty and blank variables as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "  ", LOG_LEVEL: "", NODE_ENV: " ", JWT_SECRET: "" })).toMatchObject({
      port: 4000,
      databaseUrl: undefined,
      logLevel: "info",
      nodeEnv: "development",
      jwt: { secret: undefined, secretFile: ".data/jwt-secret" },
    });
  });

  it("has no secret in the source: the embedded secret comes from a file in DATA_DIR, only without DATABASE_URL, JWT_SECRET or a JWKS", () => {
    expect(loadConfig({ DATA_DIR: "/var/lib/eor" }).jwt).toMatchObject({ secret: undefined, secretFile: "/var/lib/eor/jwt-secret" });
    expect(loadConfig({ DATABASE_URL: "postgres://localhost/eor" }).jwt).toMatchObject({ secret: undefined, secretFile: undefined });
    expect(loadConfig({ JWT_JWKS_URL: "https://idp.example/.well-known/jwks.json" }).jwt).toEqual({
      secret: undefined,
      secretFile: undefined,
      jwksUrl: "https://idp.example/.well-known/jwks.json",
      issuer: undefined,
      audience: undefined,
      maxTtlSeconds: 86400,
    });
    const secret = "s".repeat(32);
    expect(loadConfig({ JWT_SECRET: secret, DATABASE_URL: "postgresql://u:p@db:5432/eor" }).jwt).toMatchObject({ secret, secretFile: undefined });
    expect(loadConfig({ JWT_SECRET: secret }).jwt).toMatchObject({ secret, secretFile: undefined });
    for (const env of [{}, { DATABASE_URL: "postgres://localhost/eor" }, { NODE_ENV: "test" }]) {
      expect(loadConfig(env).jwt.secret).not.toBe(RETIRED_EMBEDDED_SECRET);
    }
  });

  it("binds to 127.0.0.1 in embedded mode and 0.0.0.0 with DATABASE_URL; HOST overrides both", () => {
    expect(loadConfig({}).host).toBe("127.0.0.1");
    expect(loadConfig({ DATABASE_URL: "postgres://localhost/eor" }).host).toBe("0.0.0.0");
    expect(loadConfig({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    expect(loadConfig({ HOST: "::1" }).host).toBe("::1");
    expect(loadConfig({ HOST: "127.0.0.1", DATABASE_URL: "postgres://localhost/eor" }).host).toBe("127.0.0.1");
    expect(loadConfig({ HOST: " api.internal ", DATABASE_URL: "postgres://localhost/eor" }).host).toBe("api.internal");
    for (const host of ["http://0.0.0.0", "0.0.0.0:4000", "a host", "-bad"]) {
      expect(problemsOf({ HOST: host }), host).toEqual([expect.stringContaining("HOST")]);
    }
  });

  it("JWT_MAX_TTL: 24 h by default, written <integer><s|m|h|d>", () => {
    expect(loadConfig({ JWT_MAX_TTL: "90m" }).jwt.maxTtlSeconds).toBe(5400);
    expect(loadConfig({ JWT_MAX_TTL: "3600s" }).jwt.maxTtlSeconds).toBe(3600);
    expect(loadConfig({ JWT_MAX_TTL: "24h" }).jwt.maxTtlSeconds).toBe(86400);
    expect(loadConfig({ JWT_MAX_TTL: "2d" }).jwt.maxTtlSeconds).toBe(172800);
    for (const ttl of ["24", "0h", "-1h", "1.5h", "1w", "24 h", "h", "01h"]) {
      expect(parseDuration(ttl), ttl).toBeUndefined();
      expect(problemsOf({ JWT_MAX_TTL: ttl }), ttl).toEqual([expect.stringContaining("JWT_MAX_TTL")]);
    }
  });

  it("TRUST_PROXY_TLS: off by default, on or off", () => {
    expect(loadConfig({ TRUST_PROXY_TLS: "on" }).trustProxyTls).toBe(true);
    expect(loadConfig({ TRUST_PROXY_TLS: "off" }).trustProxyTls).toBe(false);
    expect(problemsOf({ TRUST_PROXY_TLS: "true" })).toEqual([expect.stringContaining("TRUST_PROXY_TLS")]);
  });

  it("reads every documented variable", () => {
    const config = loadConfig({
      PORT: " 8080 ",
      DATABASE_URL: "postgres://u:p@db:5432/eor",
      DATA_DIR: "/var/lib/eor",
      JWT_JWKS_URL: "https://idp.example/jwks",
      JWT_ISSUER: "https://idp.example/",
      JWT_AUDIENCE: "eor-graph",
      CORS_ORIGINS: "https://app.example, http://localhost:3000",
      LOG_LEVEL: "debug",
      NODE_ENV: "production",
      HOST: "10.0.0.5",
      JWT_MAX_TTL: "1h",
      TRUST_PROXY_TLS: "on",
      REQUEST_TIMEOUT_MS: "2500",
      MAX_RESPONSE_BYTES: "100000",
      WS_MAX_SUBSCRIPTIONS_PER_SOCKET: "20",
      RATE_LIMIT_POINTS: "2000",
      RATE_LIMIT_RESTORE_PER_SECOND: "12.5",
      RATE_LIMIT_LEASES: "off",
      IDEMPOTENCY_RETENTION_HOURS: "48",
      GRAPHQL_IDE: "on",
      PII_ENCRYPTION_KEY: PII_KEY.toString("base64"),
      PII_ENCRYPTION_KEYS_PREVIOUS: ` ${OLD_PII_KEY.toString("base64")} `,
    });
    expect(config).toEqual({
      port: 8080,
      host: "10.0.0.5",
      databaseUrl: "postgres://u:p@db:5432/eor",
      dataDir: "/var/lib/eor",
      jwt: { secret: undefined, secretFile: undefined, jwksUrl: "https://idp.example/jwks", issuer: "https://idp.example/", audience: "eor-graph", maxTtlSeconds: 3600 },
      trustProxyTls: true,
      corsOrigins: ["https://app.example", "http://localhost:3000"],
      logLevel: "debug",
      nodeEnv: "production",
      introspection: false,
      ide: true,
      requestTimeoutMs: 2500,
      maxResponseBytes: 100_000,
      wsMaxSubscriptionsPerSocket: 20,
      rateLimit: { points: 2000, restorePerSecond: 12.5, leases: false },
      idempotencyRetentionHours: 48,
      webhookDeliveryRetentionDays: 30,
      pii: { key: PII_KEY, previousKeys: [OLD_PII_KEY] },
      metrics: { token: undefined, port: undefined },
      otel: { endpoint: undefined, serviceName: "eor-graph" },
    });
  });

  it("rate limit: 10,000 points restored at 500 per second, leases on, by default; refuses points that are not a positive integer, a rate that is not a positive number, leases neither on nor off", () => {
    expect(loadConfig({}).rateLimit).toEqual({ points: 10_000, restorePerSecond: 500, leases: true });
    expect(loadConfig({ RATE_LIMIT_LEASES: "on" }).rateLimit.leases).toBe(true);
    for (const value of ["yes", "true", "OFF"]) expect(problemsOf({ RATE_LIMIT_LEASES: value }), value).toEqual(["RATE_LIMIT_LEASES must be on or off"]);
    for (const value of ["0", "-5", "1.5", "ten", "1000000001"]) {
      expect(problemsOf({ RATE_LIMIT_POINTS: value }), value).toEqual([expect.stringContaining("RATE_LIMIT_POINTS must be an integer")]);
    }
    for (const value of ["0", "-1", "1e3", "fast", "0.0001", "1000000001"]) {
      expect(problemsOf({ RATE_LIMIT_RESTORE_PER_SECOND: value }), value).toEqual([expect.stringContaining("RATE_LIMIT_RESTORE_PER_SECOND must be a number")]);
    }
  });

  it("refuses a REQUEST_TIMEOUT_MS or MAX_RESPONSE_BYTES that is not a positive integer in range", () => {
    for (const value of ["0", "-5", "1.5", "ten", "600001"]) {
      expect(problemsOf({ REQUEST_TIMEOUT_MS: value }), value).toEqual([expect.stringContaining("REQUEST_TIMEOUT_MS")]);
    }
    for (const value of ["0", "5MB", "1000000001"]) {
      expect(problemsOf({ MAX_RESPONSE_BYTES: value }), value).toEqual([expect.stringContaining("MAX_RESPONSE_BYTES")]);
    }
  });

  it("refuses a WS_MAX_SUBSCRIPTIONS_PER_SOCKET that is not an integer 1-10000", () => {
    for (const bad of ["0", "-1", "2.5", "lots", "10001"]) {
      expect(problemsOf({ WS_MAX_SUBSCRIPTIONS_PER_SOCKET: bad })).toEqual([expect.stringContaining("WS_MAX_SUBSCRIPTIONS_PER_SOCKET")]);
    }
    expect(loadConfig({ WS_MAX_SUBSCRIPTIONS_PER_SOCKET: "1" }).wsMaxSubscriptionsPerSocket).toBe(1);
  });

  it("IDEMPOTENCY_RETENTION_HOURS: 24 by default, at least 1, a clear problem otherwise", () => {
    expect(loadConfig({}).idempotencyRetentionHours).toBe(24);
    expect(loadConfig({ IDEMPOTENCY_RETENTION_HOURS: "1" }).idempotencyRetentionHours).toBe(1);
    for (const bad of ["0", "-1", "0.5", "1h", "8761"]) {
      expect(problemsOf({ IDEMPOTENCY_RETENTION_HOURS: bad }), bad).toEqual([`IDEMPOTENCY_RETENTION_HOURS must be an integer between 1 and 8760, got "${bad}"`]);
    }
  });

  it("WEBHOOK_DELIVERY_RETENTION_DAYS: 30 by default, 1-3650, a clear problem otherwise", () => {
    expect(loadConfig({}).webhookDeliveryRetentionDays).toBe(30);
    expect(loadConfig({ WEBHOOK_DELIVERY_RETENTION_DAYS: "3650" }).webhookDeliveryRetentionDays).toBe(3650);
    for (const bad of ["0", "7d", "3651"]) {
      expect(problemsOf({ WEBHOOK_DELIVERY_RETENTION_DAYS: bad }), bad).toEqual([`WEBHOOK_DELIVERY_RETENTION_DAYS must be an integer between 1 and 3650, got "${bad}"`]);
    }
  });

  it("accepts the edges of PORT and a `*` CORS origin", () => {
    expect(loadConfig({ PORT: "0" }).port).toBe(0);
    expect(loadConfig({ PORT: "65535" }).port).toBe(65535);
    expect(loadConfig({ CORS_ORIGINS: "*" }).corsOrigins).toEqual(["*"]);
  });
});

describe("introspection", () => {
  const production = {
    NODE_ENV: "production",
    DATABASE_URL: "postgres://db/eor",
    JWT_JWKS_URL: "https://idp.example/jwks",
    JWT_ISSUER: "https://idp.example/",
    JWT_AUDIENCE: "eor-graph",
    PII_ENCRYPTION_KEY: PII_KEY.toString("base64"),
  };

  it("is on in development and test", () => {
    expect(loadConfig({ NODE_ENV: "development" }).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: "test" }).introspection).toBe(true);
  });

  it("is off in production unless GRAPHQL_INTROSPECTION=true", () => {
    expect(loadConfig(production).introspection).toBe(false);
    expect(loadConfig({ ...production, GRAPHQL_INTROSPECTION: "true" }).introspection).toBe(true);
    expect(loadConfig({ ...production, GRAPHQL_INTROSPECTION: "false" }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: "development", GRAPHQL_INTROSPECTION: "false" }).introspection).toBe(false);
  });

  it("refuses anything but true or false", () => {
    expect(problemsOf({ GRAPHQL_INTROSPECTION: "yes" })).toEqual([expect.stringContaining("GRAPHQL_INTROSPECTION")]);
  });
});

describe("GraphQL IDE", () => {
  const production = {
    NODE_ENV: "production",
    DATABASE_URL: "postgres://db/eor",
    JWT_JWKS_URL: "https://idp.example/jwks",
    JWT_ISSUER: "https://idp.example/",
    JWT_AUDIENCE: "eor-graph",
    PII_ENCRYPTION_KEY: PII_KEY.toString("base64"),
  };

  it("is on outside production, off in production unless GRAPHQL_IDE=on", () => {
    expect(loadConfig({ NODE_ENV: "development" }).ide).toBe(true);
    expect(loadConfig({ NODE_ENV: "test" }).ide).toBe(true);
    expect(loadConfig(production).ide).toBe(false);
    expect(loadConfig({ ...production, GRAPHQL_IDE: "on" }).ide).toBe(true);
    expect(loadConfig({ NODE_ENV: "development", GRAPHQL_IDE: "off" }).ide).toBe(false);
  });

  it("refuses anything but on or off", () => {
    expect(problemsOf({ GRAPHQL_IDE: "true" })).toEqual(["GRAPHQL_IDE must be on or off"]);
  });
});

describe("validation", () => {
  it("lists every bad variable at once", () => {
    const env = {
      PORT: "abc",
      DATABASE_URL: "mysql://root:hunter2@db/eor",
      JWT_SECRET: "too-short-secret",
      JWT_JWKS_URL: "ftp://idp.example/jwks",
      LOG_LEVEL: "loud",
      NODE_ENV: "staging",
      CORS_ORIGINS: "https://ok.example,not an origin",
    };
    let error: ConfigError | undefined;
    try {
      loadConfig(env);
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const named = (variable: string) => error!.problems.filter((p) => p.includes(variable));
    for (const variable of ["PORT", "DATABASE_URL", "JWT_SECRET", "JWT_JWKS_URL", "LOG_LEVEL", "NODE_ENV", "CORS_ORIGINS"]) {
      expect(named(variable).length, `${variable} in ${error!.message}`).toBeGreaterThan(0);
      expect(error!.message).toContain(variable);
    }
    // The message says what is expected…
    expect(error!.message).toMatch(/PORT must be an integer 0-65535, got "abc"/);
    expect(error!.message).toMatch(/LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
    expect(error!.message).toMatch(/NODE_ENV must be one of development, production, test/);
    expect(error!.message).toMatch(/"not an origin"/);
    // …and never repeats a secret or a database password.
    expect(error!.message).not.toContain("too-short-secret");
    expect(error!.message).not.toContain("hunter2");
  });

  it("refuses ports out of range and non-integers", () => {
    for (const port of ["65536", "-1", "80.5", "1e3", "0x50", "port"]) {
      expect(problemsOf({ PORT: port }), port).toEqual([expect.stringContaining("PORT")]);
    }
  });

  it("refuses a JWT_SECRET shorter than 32 characters, and JWKS URLs that are not http(s)", () => {
    expect(problemsOf({ JWT_SECRET: "x".repeat(31) })).toEqual([expect.stringContaining("JWT_SECRET")]);
    for (const url of ["not a url", "file:///etc/jwks.json", "idp.example/jwks"]) {
      expect(problemsOf({ JWT_JWKS_URL: url }), url).toEqual([expect.stringContaining("JWT_JWKS_URL")]);
    }
  });

  it("refuses JWT_SECRET together with JWT_JWKS_URL", () => {
    expect(problemsOf({ JWT_SECRET: "x".repeat(40), JWT_JWKS_URL: "https://idp.example/jwks" })).toEqual([expect.stringMatching(/JWT_SECRET and JWT_JWKS_URL/)]);
  });

  it("refuses CORS entries that are not bare origins", () => {
    for (const origin of ["https://app.example/", "https://app.example/path", "app.example", "ftp://app.example"]) {
      expect(problemsOf({ CORS_ORIGINS: origin }), origin).toEqual([expect.stringContaining("CORS_ORIGINS")]);
    }
  });

  it("refuses production without DATABASE_URL, a token verifier, JWT_ISSUER or JWT_AUDIENCE, naming each", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    expect(problems).toHaveLength(5);
    for (const variable of ["JWT_JWKS_URL", "DATABASE_URL", "JWT_ISSUER", "JWT_AUDIENCE", "PII_ENCRYPTION_KEY"]) {
      expect(
        problems.filter((p) => p.includes(variable)),
        variable,
      ).toHaveLength(1);
    }
    const production = {
      NODE_ENV: "production",
      DATABASE_URL: "postgres://db/eor",
      JWT_ISSUER: "https://idp.example/",
      JWT_AUDIENCE: "eor-graph",
      PII_ENCRYPTION_KEY: PII_KEY.toString("base64"),
    };
    expect(loadConfig({ ...production, JWT_SECRET: "p".repeat(48) }).jwt.secret).toBe("p".repeat(48));
    expect(problemsOf({ ...production, JWT_SECRET: "p".repeat(48), JWT_AUDIENCE: "" })).toEqual([expect.stringContaining("JWT_AUDIENCE")]);
  });

  it("refuses production with any development secret published in the repository, and only production", () => {
    const production = {
      NODE_ENV: "production",
      DATABASE_URL: "postgres://db/eor",
      JWT_ISSUER: "https://idp.example/",
      JWT_AUDIENCE: "eor-graph",
      PII_ENCRYPTION_KEY: PII_KEY.toString("base64"),
    };
    expect(KNOWN_DEVELOPMENT_SECRETS).toContain(RETIRED_EMBEDDED_SECRET);
    for (const secret of KNOWN_DEVELOPMENT_SECRETS) {
      const problems = problemsOf({ ...production, JWT_SECRET: secret });
      expect(problems).toEqual([expect.stringMatching(/JWT_SECRET is a development secret/)]);
      expect(problems[0]).not.toContain(secret);
      expect(loadConfig({ JWT_SECRET: secret }).jwt.secret).toBe(secret); // a developer's explicit choice
    }
  });

  it("lists the production problems together with every other bad variable", () => {
    const problems = problemsOf({ NODE_ENV: "production", JWT_SECRET: RETIRED_EMBEDDED_SECRET, HOST: "a b", JWT_MAX_TTL: "forever" });
    for (const text of ["DATABASE_URL", "JWT_ISSUER", "JWT_AUDIENCE", "PII_ENCRYPTION_KEY", "development secret", "HOST", "JWT_MAX_TTL"]) {
      expect(
        problems.filter((p) => p.includes(text)),
        text,
      ).toHaveLength(1);
    }
    expect(problems).toHaveLength(7);
  });

  it("PII keys: required in production, 32 bytes of base64 each, never echoed", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/eor", JWT_SECRET: "p".repeat(48), JWT_ISSUER: "https://idp.example/", JWT_AUDIENCE: "eor-graph" };
    expect(problemsOf(production)).toEqual([expect.stringContaining("PII_ENCRYPTION_KEY")]);
    const short = Buffer.alloc(16, 1).toString("base64");
    const problems = problemsOf({ PII_ENCRYPTION_KEY: short, PII_ENCRYPTION_KEYS_PREVIOUS: `${PII_KEY.toString("base64")},not base64!` });
    expect(problems).toEqual([expect.stringContaining("PII_ENCRYPTION_KEY must be 32 bytes"), expect.stringContaining("PII_ENCRYPTION_KEYS_PREVIOUS")]);
    expect(problems.join("\n")).not.toContain(short);
    expect(loadConfig({ PII_ENCRYPTION_KEY: PII_KEY.toString("base64") }).pii).toEqual({ key: PII_KEY, previousKeys: [] });
  });
});

describe("CONFIG_VARIABLES", () => {
  it("lists every variable loadConfig reads, so a child process can be started unconfigured", () => {
    const source = readFileSync(new URL("../../src/config.ts", import.meta.url), "utf8");
    const read = new Set([...source.matchAll(/\b(?:text|url|positiveInt)\("([A-Z][A-Z0-9_]+)"/g)].map((m) => m[1]));
    expect(read.size).toBeGreaterThan(15);
    expect([...read].filter((name) => !(CONFIG_VARIABLES as readonly string[]).includes(name))).toEqual([]);
    expect(CONFIG_VARIABLES.filter((name) => !read.has(name))).toEqual([]);
  });
});

describe("metrics and traces", () => {
  it("are off by default", () => {
    const config = loadConfig({});
    expect(config.metrics).toEqual({ token: undefined, port: undefined });
    expect(config.otel).toEqual({ endpoint: undefined, serviceName: "eor-graph" });
  });

  it("reads METRICS_TOKEN, METRICS_PORT, OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME", () => {
    const config = loadConfig({ METRICS_TOKEN: "0123456789abcdef", METRICS_PORT: "9464", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SERVICE_NAME: "eor-graph-eu" });
    expect(config.metrics).toEqual({ token: "0123456789abcdef", port: 9464 });
    expect(config.otel).toEqual({ endpoint: "http://collector:4318", serviceName: "eor-graph-eu" });
  });

  it("refuses a short token, a bad or clashing port, a non-http endpoint and a bad service name, all at once", () => {
    expect(problemsOf({ METRICS_TOKEN: "short", METRICS_PORT: "70000", OTEL_EXPORTER_OTLP_ENDPOINT: "grpc://collector:4317", OTEL_SERVICE_NAME: "a b" })).toEqual([
      "METRICS_TOKEN must be at least 16 characters, without spaces",
      'METRICS_PORT must be an integer 1-65535, got "70000"',
      "OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL",
      'OTEL_SERVICE_NAME must be 1-100 letters, digits, dots, dashes or underscores, got "a b"',
    ]);
    expect(problemsOf({ PORT: "4000", METRICS_PORT: "4000" })).toEqual(["METRICS_PORT must differ from PORT"]);
  });
});
