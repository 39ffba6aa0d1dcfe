import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { freePort } from "../support/factories";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { SignJWT, jwtVerify } from "jose";
import { RETIRED_EMBEDDED_SECRET } from "../../src/config";
import { eventually } from "../support/wait";
import { unconfiguredEnv } from "../support/env";

/**
 * The real entry points as child processes: `src/main.ts` (what `npm start` runs) and `src/cli/token.ts` (what
 * `npm run token` runs), with a temporary DATA_DIR and a free port. The server child always runs with NO
 * configuration but DATA_DIR, i.e. in embedded PGlite mode with that directory's own secret — also on Postgres test runs:
 * DATABASE_URL and every other configuration variable are removed from its environment on purpose, because
 * "npm start with no configuration" is what is under test.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion. */
function run(command: string, args: string[], extraEnv: Record<string, string> = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: unconfiguredEnv(extraEnv), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const tsx = (script: string, args: string[] = [], extraEnv: Record<string, string> = {}) => run(process.execPath, ["--import", "tsx", script, ...args], extraEnv);

/** The started server child: its output so far, and a promise of its exit. */
interface ServerChild {
  child: ChildProcess;
  port: number;
  dataDir: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Resolves with the full banner once the demo tokens are printed. */
  banner: Promise<string>;
}

function startServerChild(port: number, dataDir: string): ServerChild {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: unconfiguredEnv({ PORT: String(port), DATA_DIR: dataDir }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let announce: (banner: string) => void;
  let refuse: (error: Error) => void;
  const banner = new Promise<string>((resolve, reject) => {
    announce = resolve;
    refuse = reject;
  });
  child.stdout.on("data", (d) => {
    out += d;
    // The banner ends with a blank line after the last token.
    if (/Demo tokens[\s\S]*\n\n/.test(out)) announce(out);
  });
  child.stderr.on("data", (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once("exit", (code, signal) => {
      refuse(new Error(`server exited (${code ?? signal}) before its banner:\n${out}\n${err}`));
      resolve({ code, signal, at: Date.now() });
    }),
  );
  return { child, port, dataDir, output: () => `${out}\n${err}`, exited, banner };
}

/** `label: token` pairs of the start-up banner. */
function bannerTokens(banner: string): { label: string; token: string }[] {
  const tokens: { label: string; token: string }[] = [];
  const lines = banner.split("\n");
  lines.forEach((line, i) => {
    const label = /^ {2}(\S.*):$/.exec(line);
    const token = /^ {4}([\w-]+\.[\w-]+\.[\w-]+)$/.exec(lines[i + 1] ?? "");
    if (label && token) tokens.push({ label: label[1], token: token[1] });
  });
  return tokens;
}

async function gql(port: number, token: string, query: string) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, any>; errors?: { message: string }[] } }; // eslint-disable-line @typescript-eslint/no-explicit-any -- a response read field by field; a wrong shape fails the assertion
}

let server: ServerChild;

beforeAll(async () => {
  // Started here and awaited by the tests that need it, so the configuration and argument checks run meanwhile.
  server = startServerChild(await freePort(), mkdtempSync(join(tmpdir(), "eor-process-")));
  server.banner.catch(() => {}); // reported by the tests that await it
});

afterAll(async () => {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
  rmSync(server.dataDir, { recursive: true, force: true });
});

// Independent child processes: run side by side while the server child boots.
describe.concurrent("without a server", () => {
  it("a bad configuration exits non-zero listing every bad variable, without a stack trace", async () => {
    const result = await tsx("src/main.ts", [], { PORT: "abc", LOG_LEVEL: "loud" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Invalid configuration/);
    expect(result.stderr).toMatch(/PORT must be an integer 0-65535, got "abc"/);
    expect(result.stderr).toMatch(/LOG_LEVEL must be one of/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toMatch(/ready at/);
  });

  it("npm run token: bad arguments exit 2 with a clear message, never a stack trace", async () => {
    const cases: [string[], RegExp][] = [
      [[], /--role must be one of OPERATOR, CLIENT, PARTNER/],
      [["--role", "ADMIN"], /--role must be one of/],
      [["--role", "CLIENT"], /CLIENT token needs exactly one --client/],
      [["--role", "PARTNER"], /PARTNER token needs at least one --client/],
      [["--role", "CLIENT", "--client", "not-an-id"], /"not-an-id" is not a Client ID/],
      [["--role", "OPERATOR", "--scopes", "clients:read root:all"], /Unknown scopes: root:all/],
      [["--role", "OPERATOR", "--ttl", "forever"], /--ttl "forever" is not a lifetime/],
      [["--role", "OPERATOR", "--bogus"], /Unknown option '--bogus'/],
      [["--role"], /argument missing/],
    ];
    const results = await Promise.all(cases.map(([args]) => tsx("src/cli/token.ts", args)));
    results.forEach((result, i) => {
      const [args, message] = cases[i];
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(message);
      expect(result.stderr).toMatch(/Usage: npm run token/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).toBe("");
    });
  });

  it("npm run token refuses to sign without a shared secret on Postgres, and with a bad configuration", async () => {
    const [postgres, badConfig] = await Promise.all([
      tsx("src/cli/token.ts", ["--role", "OPERATOR"], { DATABASE_URL: "postgres://127.0.0.1:1/none" }),
      tsx("src/cli/token.ts", ["--role", "OPERATOR"], { JWT_SECRET: "short" }),
    ]);
    expect(postgres.code).toBe(2);
    expect(postgres.stderr).toMatch(/No shared secret: set JWT_SECRET/);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/JWT_SECRET must be at least 32 characters/);
    expect(badConfig.stderr).not.toMatch(/\n\s+at /);
  });
});

// Three more children: after the concurrent ones, so that a loaded machine does not time them all out.
describe("npm run token and the secret file", () => {
  it("signs with DATA_DIR's secret file (created if the server never ran) and refuses a --ttl over JWT_MAX_TTL", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "eor-token-")), "data");
    try {
      const signed = await tsx("src/cli/token.ts", ["--role", "OPERATOR"], { DATA_DIR: dataDir });
      expect(signed.stderr).toBe("");
      expect(signed.code).toBe(0);
      const secret = readFileSync(join(dataDir, "jwt-secret"), "utf8").trim();
      expect(statSync(join(dataDir, "jwt-secret")).mode & 0o777).toBe(0o600);
      const { payload } = await jwtVerify(signed.stdout.trim(), new TextEncoder().encode(secret), { algorithms: ["HS256"] });
      expect(payload).toMatchObject({ role: "OPERATOR", sub: "dev-operator" });
      expect(payload.exp! - payload.iat!).toBe(12 * 3600);

      const [tooLong, shorter] = await Promise.all([
        tsx("src/cli/token.ts", ["--role", "OPERATOR"], { DATA_DIR: dataDir, JWT_MAX_TTL: "6h" }),
        tsx("src/cli/token.ts", ["--role", "OPERATOR", "--ttl", "6h"], { DATA_DIR: dataDir, JWT_MAX_TTL: "6h" }),
      ]);
      expect(tooLong.code).toBe(2);
      expect(tooLong.stdout).toBe("");
      expect(tooLong.stderr).toMatch(/--ttl 12h is longer than the server accepts \(JWT_MAX_TTL: 21600 s\)/);
      expect(shorter.code, shorter.stderr).toBe(0);
      expect((await jwtVerify(shorter.stdout.trim(), new TextEncoder().encode(secret))).payload.role).toBe("OPERATOR");
    } finally {
      rmSync(dirname(dataDir), { recursive: true, force: true });
    }
  }, 60_000);
});

describe("npm start with no configuration", () => {
  it("serves /healthz and /readyz on embedded PGlite and prints the URL and demo tokens that work", async () => {
    const banner = await server.banner;
    // Loopback only: embedded mode is a development server whose tokens anyone on the machine can mint.
    expect(banner).toContain(
      `EOR graph ready at http://127.0.0.1:${server.port}/graphql (WebSocket ws://127.0.0.1:${server.port}/graphql) on embedded PGlite in ${server.dataDir}/`,
    );

    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", database: "pglite" });

    const tokens = bannerTokens(banner);
    expect(tokens[0]?.label).toBe("OPERATOR (all clients)");
    for (const { label, token } of tokens) {
      const res = await gql(server.port, token, "{ viewer { kind } }");
      expect(res.status, label).toBe(200);
      expect(res.body.data?.viewer.kind, label).toBe(label.split(" ")[0]);
    }
    // The GraphQL IDE, opened by a browser on this machine, starts with a working OPERATOR token in its headers.
    expect(banner).toContain(`GraphQL IDE (GraphiQL): open http://127.0.0.1:${server.port}/graphql in a browser`);
    const ide = await (await fetch(`http://127.0.0.1:${server.port}/graphql`, { headers: { accept: "text/html" } })).text();
    const ideSettings = JSON.parse(/id="ide-settings">(.*?)<\/script>/s.exec(ide)![1]) as { defaultHeaders: string };
    const ideAuthorization = (JSON.parse(ideSettings.defaultHeaders) as { Authorization: string }).Authorization;
    expect((await gql(server.port, ideAuthorization.replace(/^Bearer /, ""), "{ viewer { kind } }")).body.data?.viewer.kind).toBe("OPERATOR");
    // Signed with the data directory's own secret: the string earlier versions built in signs nothing it accepts.
    const retired = await new SignJWT({ role: "OPERATOR", scope: "clients:read" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("old-demo")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(RETIRED_EMBEDDED_SECRET));
    expect((await gql(server.port, retired, "{ viewer { kind } }")).status).toBe(401);
    // The logs are JSON lines.
    const logLine = server
      .output()
      .split("\n")
      .find((l) => l.startsWith("{"));
    expect(JSON.parse(logLine!)).toMatchObject({ service: "eor-graph", level: expect.any(Number) });
  }, 90_000);

  it("accepts a token from `npm run token -- --role CLIENT --client <id>`", async () => {
    const operator = bannerTokens(await server.banner)[0].token;
    const clients = await gql(server.port, operator, "{ clients(first: 1) { nodes { id name } } }");
    let client = clients.body.data?.clients.nodes[0];
    if (!client) {
      const created = await gql(server.port, operator, 'mutation { createClient(input: { name: "Token test" }) { client { id name } } }');
      client = created.body.data?.createClient.client;
    }
    expect(client?.id).toEqual(expect.any(String));

    // Same environment as the server (no configuration but DATA_DIR): the same secret file.
    const result = await run("npm", ["run", "--silent", "token", "--", "--role", "CLIENT", "--client", client.id], { DATA_DIR: server.dataDir });
    expect(result.code, result.stderr).toBe(0);
    const token = result.stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const res = await gql(server.port, token, "{ viewer { kind accessibleClients { id name } } }");
    expect(res.body.data?.viewer).toEqual({ kind: "CLIENT", accessibleClients: [{ id: client.id, name: client.name }] });

    // And npm passes a refusal through as a non-zero exit.
    const refused = await run("npm", ["run", "--silent", "token", "--", "--role", "CLIENT"], { DATA_DIR: server.dataDir });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/exactly one --client/);
  }, 90_000);

  it("on SIGTERM drains HTTP and WebSocket, closes the database and exits 0 within a few seconds", async () => {
    const operator = bannerTokens(await server.banner)[0].token;
    // An open WebSocket with a live connection.
    let closeCode: number | undefined;
    const ws = createClient({
      url: `ws://127.0.0.1:${server.port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${operator}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {}, // the close at shutdown is expected; it is asserted below
      on: { closed: (event) => void (closeCode = (event as { code: number }).code) },
    });
    const viaWs = await new Promise<{ data?: unknown } | undefined>((resolve, reject) => {
      let result: { data?: unknown } | undefined;
      ws.subscribe({ query: "{ viewer { kind } }" }, { next: (r) => (result = r), error: reject, complete: () => resolve(result) });
    });
    expect(viaWs?.data).toEqual({ viewer: { kind: "OPERATOR" } });

    const signalled = Date.now();
    server.child.kill("SIGTERM");
    const exit = await server.exited;
    expect(exit, server.output()).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(5_000);
    expect(server.output()).toMatch(/"msg":"shutting down"/);
    expect(server.output()).toMatch(/"msg":"stopped"/);
    await eventually(() => closeCode !== undefined, "the WebSocket to close");
    expect(closeCode).toBe(1001); // graphql-ws "going away": the server closed it, not a crash
    await ws.dispose();

    // Nothing listens any more.
    await expect(fetch(`http://127.0.0.1:${server.port}/healthz`)).rejects.toThrow();
  }, 30_000);
});
