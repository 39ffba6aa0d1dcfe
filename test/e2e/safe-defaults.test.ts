import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT, type JWTPayload } from "jose";
import { startTestServer, TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET, type TestServer } from "../support/server";
import { RETIRED_EMBEDDED_SECRET, loadConfig } from "../../src/config";
import { withEmbeddedSecret } from "../../src/auth/embedded-secret";
import { createTokenVerifier } from "../../src/auth/tokens";
import { DEFAULT_SCOPES } from "../../src/auth/scopes";
import { readOrCreateSecretFile } from "../../src/shared/local-secret";
import { securityHeaders } from "../../src/security-headers";
import { unconfiguredEnv } from "../support/env";

/**
 * Issue 6 §4, safe defaults, as a caller and an operator see them: the embedded mode's secret lives in a file of
 * its own DATA_DIR, tokens living longer than JWT_MAX_TTL are refused, security headers are on every HTTP answer,
 * and `npm start` on Postgres prints no tokens. Elsewhere: `npm start` with no configuration (loopback, demo
 * tokens that work, the retired secret refused) and `npm run token` with the secret file in process.test.ts; the
 * sandbox rule with the remittances (remittances.test.ts, "sandbox mode"); config defaults in config.test.ts.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const now = () => Math.floor(Date.now() / 1000);

const tempDirs: string[] = [];
function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "eor-defaults-"));
  tempDirs.push(dir);
  return join(dir, "data"); // not created yet, as on a fresh clone
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function sign(payload: JWTPayload, secret: string): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(secret));
}

describe("embedded mode's secret", () => {
  it("is generated once per DATA_DIR into a 0600 file and reused on every later start", () => {
    const dataDir = tempDataDir();
    const first = withEmbeddedSecret(loadConfig({ DATA_DIR: dataDir }));
    const file = join(dataDir, "jwt-secret");
    expect(first.jwt.secretFile).toBe(file);
    expect(first.jwt.secret).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(Buffer.from(first.jwt.secret!, "base64url")).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first.jwt.secret);

    expect(withEmbeddedSecret(loadConfig({ DATA_DIR: dataDir })).jwt.secret).toBe(first.jwt.secret);
    const other = withEmbeddedSecret(loadConfig({ DATA_DIR: tempDataDir() }));
    expect(other.jwt.secret).not.toBe(first.jwt.secret);
  });

  it("is not used when JWT_SECRET, a JWKS or DATABASE_URL is configured (no file is written)", () => {
    const dataDir = tempDataDir();
    for (const env of [{ JWT_SECRET: "x".repeat(40) }, { JWT_JWKS_URL: "https://idp.example/jwks" }, { DATABASE_URL: "postgres://db/eor" }]) {
      const config = loadConfig({ ...env, DATA_DIR: dataDir });
      expect(withEmbeddedSecret(config)).toBe(config);
    }
    expect(() => statSync(dataDir)).toThrow(/ENOENT/);
  });

  it("refuses a secret file others can read, or one that does not hold a secret, saying what to do", () => {
    const dataDir = tempDataDir();
    const secret = readOrCreateSecretFile(dataDir, "some-key", 32);
    chmodSync(join(dataDir, "some-key"), 0o644);
    expect(() => readOrCreateSecretFile(dataDir, "some-key", 32)).toThrow(/readable by other users.*chmod 600/);
    chmodSync(join(dataDir, "some-key"), 0o600);
    expect(readOrCreateSecretFile(dataDir, "some-key", 32)).toBe(secret);
    writeFileSync(join(dataDir, "short"), "abc\n", { mode: 0o600 });
    expect(() => readOrCreateSecretFile(dataDir, "short", 32)).toThrow(/does not hold a secret of 32 random bytes.*delete it/);
  });

  it("verifies tokens signed with the DATA_DIR's secret and refuses those signed with the old built-in string", async () => {
    const config = withEmbeddedSecret(loadConfig({ DATA_DIR: tempDataDir() }));
    const verify = createTokenVerifier(config.jwt);
    const claims = { sub: "defaults", role: "OPERATOR", scope: DEFAULT_SCOPES.OPERATOR.join(" "), iat: now(), exp: now() + 600 };
    expect((await verify(await sign(claims, config.jwt.secret!))).role).toBe("OPERATOR");
    await expect(verify(await sign(claims, RETIRED_EMBEDDED_SECRET))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("JWT_MAX_TTL", () => {
  const base = () => ({ sub: "ttl", role: "OPERATOR", scope: "clients:read", iss: TEST_ISSUER, aud: TEST_AUDIENCE });
  const outcome = async (payload: JWTPayload, maxTtlSeconds?: number) => {
    const verify = createTokenVerifier({ secret: TEST_SECRET, issuer: TEST_ISSUER, audience: TEST_AUDIENCE, maxTtlSeconds });
    return verify(await sign(payload, TEST_SECRET)).then(
      (principal) => principal.role as string,
      (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
    );
  };

  it("accepts a token living exactly the maximum (24 h by default) and refuses one living a second longer", async () => {
    const iat = now();
    expect(await outcome({ ...base(), iat, exp: iat + 86400 })).toBe("OPERATOR");
    expect(await outcome({ ...base(), iat, exp: iat + 86401 })).toMatch(/^UNAUTHENTICATED: The token lives longer than the 86400 s/);
    // Issued long ago, expiring soon: the lifetime counts, not what is left of it.
    expect(await outcome({ ...base(), iat: iat - 7 * 86400, exp: iat + 600 })).toMatch(/^UNAUTHENTICATED: The token lives longer/);
  });

  it("judges a token without iat by exp − now, and a future iat does not stretch it", async () => {
    expect(await outcome({ ...base(), exp: now() + 3600 })).toBe("OPERATOR");
    expect(await outcome({ ...base(), exp: now() + 2 * 86400 })).toMatch(/^UNAUTHENTICATED: The token lives longer/);
    expect(await outcome({ ...base(), iat: now() + 5 * 86400, exp: now() + 5 * 86400 + 600 })).toMatch(/^UNAUTHENTICATED: The token lives longer/);
  });

  it("follows the configured maximum", async () => {
    const iat = now();
    expect(await outcome({ ...base(), iat, exp: iat + 3600 }, 3600)).toBe("OPERATOR");
    expect(await outcome({ ...base(), iat, exp: iat + 3601 }, 3600)).toMatch(/^UNAUTHENTICATED: The token lives longer than the 3600 s/);
  });
});

describe("security headers", () => {
  let t: TestServer;
  let production: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ nodeEnv: "development" });
    production = await startTestServer({ nodeEnv: "production", introspection: false });
  });
  afterAll(async () => {
    await t.stop();
    await production.stop();
  });

  const origin = (server: TestServer) => server.url.replace(/\/graphql$/, "");
  /** One answer of each kind: a GraphQL result, a health check, a 404, an authentication failure, a body error. */
  const answers = async (server: TestServer) => {
    const token = await server.token("OPERATOR");
    const post = (headers: Record<string, string>, body: string) => fetch(server.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    return {
      graphql: await post({ authorization: `Bearer ${token}` }, JSON.stringify({ query: "{ viewer { kind } }" })),
      healthz: await fetch(`${origin(server)}/healthz`),
      notFound: await fetch(`${origin(server)}/nothing-here`),
      unauthenticated: await post({}, JSON.stringify({ query: "{ viewer { kind } }" })),
      malformed: await post({ authorization: `Bearer ${token}` }, "{ not json"),
    };
  };
  const STRICT_CSP = "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'";

  it("are on every HTTP answer: strict CSP, nosniff, no framing, no referrer; no HSTS over plain HTTP in development", async () => {
    const responses = await answers(t);
    expect(Object.fromEntries(Object.entries(responses).map(([name, res]) => [name, res.status]))).toEqual({
      graphql: 200,
      healthz: 200,
      notFound: 404,
      unauthenticated: 401,
      malformed: 400,
    });
    for (const [name, res] of Object.entries(responses)) {
      expect(res.headers.get("content-security-policy"), name).toBe(STRICT_CSP);
      expect(res.headers.get("x-content-type-options"), name).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), name).toBe("DENY");
      expect(res.headers.get("referrer-policy"), name).toBe("no-referrer");
      expect(res.headers.get("cross-origin-opener-policy"), name).toBe("same-origin");
      expect(res.headers.get("cross-origin-resource-policy"), name).toBe("same-origin");
      expect(res.headers.get("strict-transport-security"), name).toBeNull();
      expect(res.headers.get("x-powered-by"), name).toBeNull();
    }
  });

  it("send a long-lived HSTS (not preloaded) in production", async () => {
    for (const [name, res] of Object.entries(await answers(production))) {
      expect(res.headers.get("strict-transport-security"), name).toBe("max-age=31536000; includeSubDomains");
      expect(res.headers.get("content-security-policy"), name).toBe(STRICT_CSP);
      expect(res.headers.get("x-frame-options"), name).toBe("DENY");
    }
  });

  it("send HSTS with TRUST_PROXY_TLS=on outside production too, and none with it off", async () => {
    const hstsOf = async (trustProxyTls: boolean) => {
      const app = express()
        .use(securityHeaders({ nodeEnv: "development", trustProxyTls }))
        .get("/healthz", (_req, res) => void res.json({ status: "ok" }));
      const server = app.listen(0, "127.0.0.1");
      await new Promise((resolve) => server.once("listening", resolve));
      try {
        return (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`)).headers.get("strict-transport-security");
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    };
    expect(await hstsOf(true)).toBe("max-age=31536000; includeSubDomains");
    expect(await hstsOf(false)).toBeNull();
  });

  it("keep the strict CSP on /graphql opened by a browser: the IDE page sets its own (test/browser/ide.test.ts), production has none", async () => {
    const browser = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
    const ide = await fetch(t.url, { headers: browser });
    expect(ide.headers.get("content-type")).toMatch(/text\/html/);
    expect(ide.headers.get("content-security-policy")).toMatch(/^default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' ws:\/\/\S+ wss:\/\/\S+;/);
    expect(ide.headers.get("x-frame-options")).toBe("DENY");
    expect(ide.headers.get("x-content-type-options")).toBe("nosniff");
    const closed = await fetch(production.url, { headers: browser });
    expect(closed.headers.get("content-type")).toMatch(/application\/json/);
    expect(closed.headers.get("content-security-policy")).toBe(STRICT_CSP);
  });
});

/** Starts `npm start`'s entry point with `env`, resolves with its output once `until` matches it. */
function startMain(env: Record<string, string>, until: RegExp) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: unconfiguredEnv({ PORT: "0", LOG_LEVEL: "warn", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      if (until.test(out)) resolve(out);
    });
    child.stderr.on("data", (d) => (out += d));
    child.once("exit", (code) => reject(new Error(`exited ${code} before it was ready:\n${out}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  return { ready, stop };
}

describe("npm start", () => {
  it.runIf(Boolean(process.env.DATABASE_URL))(
    "on Postgres: binds to every interface and prints no tokens, even with a shared secret",
    async () => {
      const main = startMain({ DATABASE_URL: process.env.DATABASE_URL!, JWT_SECRET: TEST_SECRET, NODE_ENV: "development" }, /EOR graph ready at .*\n\n/);
      try {
        const out = await main.ready;
        expect(out).toMatch(/EOR graph ready at http:\/\/localhost:\d+\/graphql .* on Postgres/);
        expect(out).not.toMatch(/token/i);
        // The GraphQL IDE is on (development) and its page carries no token either.
        const port = /ready at http:\/\/localhost:(\d+)\//.exec(out)![1];
        const ide = await (await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: "text/html" } })).text();
        expect(ide).toContain('id="ide-settings"');
        expect(ide).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
      } finally {
        await main.stop();
      }
    },
    60_000,
  );
});
