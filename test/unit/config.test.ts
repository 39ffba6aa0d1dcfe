import { describe, expect, it } from "vitest";
import { ConfigError, EMBEDDED_DEV_SECRET, loadConfig } from "../../src/config";

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
  it("with no configuration at all: port 4000, embedded database in .data, development secret", () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      databaseUrl: undefined,
      dataDir: ".data",
      jwt: { secret: EMBEDDED_DEV_SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined },
      corsOrigins: [],
      logLevel: "info",
      nodeEnv: "development",
      introspection: true,
      pii: { key: undefined, previousKeys: [] },
    });
  });

  it("treats empty and blank variables as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "  ", LOG_LEVEL: "", NODE_ENV: " ", JWT_SECRET: "" })).toMatchObject({
      port: 4000,
      databaseUrl: undefined,
      logLevel: "info",
      nodeEnv: "development",
      jwt: { secret: EMBEDDED_DEV_SECRET },
    });
  });

  it("uses the embedded development secret only without DATABASE_URL and without a JWKS", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://localhost/eor" }).jwt.secret).toBeUndefined();
    expect(loadConfig({ JWT_JWKS_URL: "https://idp.example/.well-known/jwks.json" }).jwt).toEqual({
      secret: undefined,
      jwksUrl: "https://idp.example/.well-known/jwks.json",
      issuer: undefined,
      audience: undefined,
    });
    const secret = "s".repeat(32);
    expect(loadConfig({ JWT_SECRET: secret, DATABASE_URL: "postgresql://u:p@db:5432/eor" }).jwt.secret).toBe(secret);
    expect(loadConfig({ JWT_SECRET: secret }).jwt.secret).toBe(secret);
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
      PII_ENCRYPTION_KEY: PII_KEY.toString("base64"),
      PII_ENCRYPTION_KEYS_PREVIOUS: ` ${OLD_PII_KEY.toString("base64")} `,
    });
    expect(config).toEqual({
      port: 8080,
      databaseUrl: "postgres://u:p@db:5432/eor",
      dataDir: "/var/lib/eor",
      jwt: { secret: undefined, jwksUrl: "https://idp.example/jwks", issuer: "https://idp.example/", audience: "eor-graph" },
      corsOrigins: ["https://app.example", "http://localhost:3000"],
      logLevel: "debug",
      nodeEnv: "production",
      introspection: false,
      pii: { key: PII_KEY, previousKeys: [OLD_PII_KEY] },
    });
  });

  it("accepts the edges of PORT and a `*` CORS origin", () => {
    expect(loadConfig({ PORT: "0" }).port).toBe(0);
    expect(loadConfig({ PORT: "65535" }).port).toBe(65535);
    expect(loadConfig({ CORS_ORIGINS: "*" }).corsOrigins).toEqual(["*"]);
  });
});

describe("introspection", () => {
  const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/eor", JWT_JWKS_URL: "https://idp.example/jwks", PII_ENCRYPTION_KEY: PII_KEY.toString("base64") };

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

  it("refuses production without DATABASE_URL or without a token verifier, naming both", () => {
    const problems = problemsOf({ NODE_ENV: "production", PII_ENCRYPTION_KEY: PII_KEY.toString("base64") });
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).toMatch(/JWT_JWKS_URL/);
    expect(problems.join("\n")).toMatch(/DATABASE_URL/);
    expect(loadConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://db/eor", JWT_SECRET: "p".repeat(48), PII_ENCRYPTION_KEY: PII_KEY.toString("base64") }).jwt.secret).toBe("p".repeat(48));
  });

  it("PII keys: required in production, 32 bytes of base64 each, never echoed", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/eor", JWT_SECRET: "p".repeat(48) };
    expect(problemsOf(production)).toEqual([expect.stringContaining("PII_ENCRYPTION_KEY")]);
    const short = Buffer.alloc(16, 1).toString("base64");
    const problems = problemsOf({ PII_ENCRYPTION_KEY: short, PII_ENCRYPTION_KEYS_PREVIOUS: `${PII_KEY.toString("base64")},not base64!` });
    expect(problems).toEqual([expect.stringContaining("PII_ENCRYPTION_KEY must be 32 bytes"), expect.stringContaining("PII_ENCRYPTION_KEYS_PREVIOUS")]);
    expect(problems.join("\n")).not.toContain(short);
    expect(loadConfig({ PII_ENCRYPTION_KEY: PII_KEY.toString("base64") }).pii).toEqual({ key: PII_KEY, previousKeys: [] });
  });
});
