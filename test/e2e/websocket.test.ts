import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { Client as WsClient } from "graphql-ws";
import { SignJWT } from "jose";
import { startTestServer, TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET, type TestServer } from "../support/server";
import { DEFAULT_SCOPES } from "../../src/auth/scopes";
import { DOCUMENT_LIMITS } from "../../src/armor";
import { toGlobalId } from "../../src/shared/global-id";

/**
 * GraphQL over WebSocket (graphql-ws protocol) on /graphql of a real server: the token travels in
 * connectionParams and is checked at connection_init; documents get the same limits as over HTTP.
 * The refusals are observed on a raw `ws` socket to read the close code; the rest through a graphql-ws client.
 */

let t: TestServer;
let operator: string;

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
});
afterAll(() => t.stop());

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const CLIENT_A = toGlobalId("Client", "00000000-0000-4000-8000-00000000000a");

interface RawOutcome {
  acked: boolean;
  closeCode: number | null;
  closeReason: string;
  messages: { type: string; id?: string; payload?: unknown }[];
}

/**
 * Opens a raw graphql-transport-ws socket, optionally sends connection_init with `payload`, then the given
 * messages once acknowledged (or right away with `before`), and resolves when the socket closes or `settleMs` after
 * the last message.
 */
function rawSession(url: string, options: { init?: unknown; skipInit?: boolean; before?: unknown[]; after?: unknown[]; settleMs?: number } = {}): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const outcome: RawOutcome = { acked: false, closeCode: null, closeReason: "", messages: [] };
    const socket = new WebSocket(url, "graphql-transport-ws");
    let timer: NodeJS.Timeout | undefined;
    const settle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        socket.close(1000);
      }, options.settleMs ?? 500);
    };
    socket.on("open", () => {
      for (const m of options.before ?? []) socket.send(typeof m === "string" ? m : JSON.stringify(m));
      if (!options.skipInit) socket.send(JSON.stringify({ type: "connection_init", ...(options.init !== undefined ? { payload: options.init } : {}) }));
      settle();
    });
    socket.on("message", (data) => {
      const message = JSON.parse((data as Buffer).toString("utf8"));
      outcome.messages.push(message);
      if (message.type === "connection_ack") {
        outcome.acked = true;
        for (const m of options.after ?? []) socket.send(typeof m === "string" ? m : JSON.stringify(m));
      }
      settle();
    });
    socket.on("close", (code, reason) => {
      clearTimeout(timer);
      outcome.closeCode = code;
      outcome.closeReason = String(reason);
      resolve(outcome);
    });
    socket.on("error", reject);
  });
}

/** Runs one operation through a graphql-ws client: the result, or the errors of an `error` message. */
async function run(client: WsClient, query: string, variables?: Record<string, unknown>) {
  try {
    const results = [];
    for await (const result of client.iterate({ query, variables })) results.push(result);
    return { result: results[0], errors: undefined };
  } catch (errors) {
    return { result: undefined, errors: errors as { message: string; extensions?: Record<string, unknown> }[] };
  }
}

describe("connection_init", () => {
  async function expectRefused(init: unknown, skipPayload = false) {
    const outcome = await rawSession(t.wsUrl, skipPayload ? {} : { init });
    expect(outcome.acked).toBe(false);
    expect(outcome.closeCode).toBe(4403);
    expect(outcome.closeReason).toBe("Forbidden");
  }

  it("closes with 4403 without a token", async () => {
    await expectRefused(undefined, true);
    await expectRefused({});
    await expectRefused({ authorization: "" });
  });

  it("closes with 4403 for a bad token", async () => {
    const expired = await t.token("OPERATOR", { expiresIn: "-1h" });
    const other = await new SignJWT({ role: "OPERATOR", scope: "clients:read" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("x")
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("a-different-secret-that-is-long-enough-0123456789"));
    const unsigned = `${b64url({ alg: "none" })}.${b64url({ sub: "x", role: "OPERATOR", iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
    for (const init of [
      { authorization: `Bearer ${expired}` },
      { authorization: `Bearer ${other}` },
      { authorization: `Bearer ${unsigned}` },
      { authorization: "Bearer garbage" },
      { authorization: operator }, // no scheme
      { authorization: 42 },
      { token: expired },
      { authorization: `Bearer ${await t.token("CLIENT", { clients: [] })}` }, // CLIENT without its client
    ]) {
      await expectRefused(init);
    }
  });

  it("closes the connection with 4403 when its token expires", async () => {
    // Accepted within the 30 s clock tolerance, and past it 1-2 s later.
    const exp = Math.floor(Date.now() / 1000) - 28;
    const token = await new SignJWT({ role: "OPERATOR", scope: "clients:read" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("expiring")
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(TEST_SECRET));
    const started = Date.now();
    const outcome = await rawSession(t.wsUrl, {
      init: { authorization: `Bearer ${token}` },
      after: [{ type: "subscribe", id: "1", payload: { query: "{ viewer { subject } }" } }],
      settleMs: 5_000,
    });
    expect(outcome.acked).toBe(true);
    expect(outcome.messages).toContainEqual({ type: "next", id: "1", payload: { data: { viewer: { subject: "expiring" } }, extensions: { cost: expect.anything() } } });
    expect(outcome.closeCode).toBe(4403);
    expect(outcome.closeReason).toMatch(/expired/);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("refuses operations before connection_init (4401)", async () => {
    const outcome = await rawSession(t.wsUrl, {
      skipInit: true,
      before: [{ type: "subscribe", id: "1", payload: { query: "{ viewer { kind } }" } }],
    });
    expect(outcome.closeCode).toBe(4401);
    expect(outcome.messages).toEqual([]);
  });

  it("acknowledges a valid token, as `authorization` or as `token`", async () => {
    for (const init of [{ authorization: `Bearer ${operator}` }, { Authorization: `Bearer ${operator}` }, { token: operator }]) {
      const outcome = await rawSession(t.wsUrl, {
        init,
        after: [{ type: "subscribe", id: "1", payload: { query: "{ viewer { kind } }" } }],
        settleMs: 300,
      });
      expect(outcome.acked).toBe(true);
      expect(outcome.messages).toContainEqual({ type: "next", id: "1", payload: { data: { viewer: { kind: "OPERATOR" } }, extensions: { cost: expect.anything() } } });
      expect(outcome.closeCode).toBe(1000); // closed by us, not by the server
    }
  });
});

describe("operations over a WebSocket", () => {
  it("runs a query with the connection's principal", async () => {
    const client = t.ws(operator);
    const { result } = await run(client, "{ viewer { kind subject } }");
    expect(result?.data).toEqual({ viewer: { kind: "OPERATOR", subject: "dev-operator" } });

    const partner = t.ws(await t.token("PARTNER", { clients: [CLIENT_A], subject: "ws-partner" }));
    expect((await run(partner, "{ viewer { kind subject } }")).result?.data).toEqual({ viewer: { kind: "PARTNER", subject: "ws-partner" } });
  });

  it("shapes resolver errors as over HTTP: a code, no internals", async () => {
    const client = t.ws(await t.token("CLIENT", { clients: [CLIENT_A], scopes: [] }));
    const { result } = await run(client, "{ clients(first: 1) { totalCount } }");
    expect(result?.data ?? null).toBeNull();
    expect(result?.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(JSON.stringify(result)).not.toMatch(/stack|\bat .+\.(ts|js):\d+/);
  });

  it("answers bad variables with a clear error", async () => {
    const { result } = await run(t.ws(operator), "query($n: Int) { clients(first: $n) { totalCount } }", { n: "ten" });
    expect(result?.errors?.[0]?.message).toMatch(/\$n/);
    expect(result?.errors?.[0]?.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
  });

  it("refuses oversized messages by closing the socket", async () => {
    const outcome = await rawSession(t.wsUrl, {
      init: { authorization: `Bearer ${operator}` },
      after: [{ type: "subscribe", id: "1", payload: { query: `{ viewer { kind } } # ${"x".repeat(1_100_000)}` } }],
    });
    expect(outcome.acked).toBe(true);
    expect(outcome.closeCode).toBe(1009);
  });
});

describe("document limits over a WebSocket", () => {
  async function expectRefused(query: string, message: RegExp, code = "GRAPHQL_VALIDATION_FAILED", variables?: Record<string, unknown>) {
    const { result, errors } = await run(t.ws(operator), query, variables);
    expect(result).toBeUndefined();
    expect(errors?.length).toBeGreaterThan(0);
    expect(errors!.map((e) => e.extensions?.code)).toContain(code);
    expect(errors!.map((e) => e.message).join("\n")).toMatch(message);
    expect(JSON.stringify(errors)).not.toMatch(/stack|Did you mean/);
  }

  it("depth", async () => {
    const n = DOCUMENT_LIMITS.maxDepth - 3;
    await expectRefused(`{ __type(name: "Query") { fields { type { ${"ofType { ".repeat(n)}name${" }".repeat(n)} } } } }`, /depth limit of 12/);
  });

  it("aliases", async () => {
    await expectRefused(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: viewer { kind }`).join(" ")} }`, /aliases limit of 15/i);
  });

  it("tokens", async () => {
    await expectRefused(`{ ${"__typename ".repeat(DOCUMENT_LIMITS.maxTokens)}}`, /2000 tokens/, "GRAPHQL_PARSE_FAILED");
  });

  it("directives", async () => {
    await expectRefused(`{ ${"__typename @include(if: true) ".repeat(21)}}`, /directives limit of 20/i);
  });

  it("cost, also with page sizes in variables", async () => {
    const q = `query($n: Int) { ${Array.from({ length: 15 }, (_, i) => `c${i}: clients(first: $n) { nodes { id name externalId status version createdAt updatedAt } }`).join(" ")} }`;
    await expectRefused(q, /cost limit of 10000/i, "GRAPHQL_VALIDATION_FAILED", { n: 1 });
  });

  it("syntax errors and unknown fields, without field suggestions", async () => {
    await expectRefused("{ viewer { kind }", /Syntax Error/, "GRAPHQL_PARSE_FAILED");
    await expectRefused("{ viewr { kind } }", /Cannot query field "viewr"/);
  });

  it("introspection follows the server's setting", async () => {
    expect((await run(t.ws(operator), "{ __schema { queryType { name } } }")).result?.data).toEqual({ __schema: { queryType: { name: "Query" } } });

    const closed = await startTestServer({ introspection: false, nodeEnv: "production" });
    try {
      const token = await closed.token("OPERATOR", { scopes: DEFAULT_SCOPES.OPERATOR });
      const { result, errors } = await run(closed.ws(token), "{ __schema { queryType { name } } }");
      expect(result).toBeUndefined();
      expect(errors?.length).toBeGreaterThan(0);
      for (const e of errors!) {
        expect(e.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
        expect(e.message).toMatch(/introspection/i);
      }
      expect((await run(closed.ws(token), "{ viewer { kind } }")).result?.data).toEqual({ viewer: { kind: "OPERATOR" } });
    } finally {
      await closed.stop();
    }
  });
});
