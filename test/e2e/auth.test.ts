import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type GenerateKeyPairResult, type JWTPayload } from "jose";
import { startTestServer, dataOf, TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET, type TestServer } from "../support/server";
import { createTokenVerifier } from "../../src/auth/tokens";
import { DEFAULT_SCOPES } from "../../src/auth/scopes";
import { toGlobalId } from "../../src/shared/global-id";
import { ViewerDocument } from "../generated/graphql";

/**
 * Token verification end to end: real servers, real jose verification, every token crafted here by hand.
 * One server verifies HS256 with the shared test secret; another verifies RS256/ES256 against a JWKS served by a
 * tiny local HTTP server started in this file.
 */

const CLIENT_A = toGlobalId("Client", "00000000-0000-4000-8000-00000000000a");
const CLIENT_B = toGlobalId("Client", "00000000-0000-4000-8000-00000000000b");
const now = () => Math.floor(Date.now() / 1000);
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Claims of a valid OPERATOR token for the HS server; each case overrides what it tests. */
function claims(overrides: Record<string, unknown> = {}): JWTPayload {
  return {
    sub: "auth-test",
    role: "OPERATOR",
    scope: DEFAULT_SCOPES.OPERATOR.join(" "),
    iss: TEST_ISSUER,
    aud: TEST_AUDIENCE,
    iat: now(),
    exp: now() + 600,
    ...overrides,
  };
}

/** Signs exactly the given claims (nothing added), so a missing `exp` stays missing. */
async function signHs(payload: JWTPayload, secret: string | Uint8Array = TEST_SECRET): Promise<string> {
  const key = typeof secret === "string" ? new TextEncoder().encode(secret) : secret;
  return new SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(key);
}

/** The scopes the server read from a token. */
const SCOPES_QUERY = "{ viewer { scopes } }";

/** POSTs `{ viewer { kind } }` with the given Authorization header value (or none). */
async function viewerWith(t: TestServer, authorization: string | undefined) {
  const res = await fetch(t.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization !== undefined ? { authorization } : {}) },
    body: JSON.stringify({ query: "{ viewer { kind subject } }" }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

/** The one way every refusal must look: 401, UNAUTHENTICATED, no data, nothing internal. */
async function expectUnauthenticated(t: TestServer, authorization: string | undefined, message?: RegExp) {
  const { status, text, body } = await viewerWith(t, authorization);
  expect(status, text).toBe(401);
  expect(body.data ?? null).toBeNull();
  expect(body.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
  expect(text).not.toMatch(/stacktrace|\bat .+\.(ts|js):\d+/);
  expect(text).not.toContain("INTERNAL_SERVER_ERROR");
  expect(body.errors![0].message).not.toMatch(/^Context creation failed/);
  if (message) expect(body.errors![0].message).toMatch(message);
}

describe("HS256 shared secret", () => {
  let t: TestServer;
  let rsaPrivate: CryptoKey;
  /** The tokens the server verified, in order (the real verifier, counted). */
  const verified: string[] = [];
  beforeAll(async () => {
    const verify = createTokenVerifier({ secret: TEST_SECRET, issuer: TEST_ISSUER, audience: TEST_AUDIENCE });
    t = await startTestServer({ verifyToken: (token) => (verified.push(token), verify(token)) });
    ({ privateKey: rsaPrivate } = await generateKeyPair("RS256"));
  });
  afterAll(() => t.stop());

  it("verifies an HTTP request's token once, whether it is refused (the fast path hands it to Express) or accepted", async () => {
    const forged = await signHs(claims(), "another-secret-that-is-long-enough-for-hs256-xx");
    const good = await signHs(claims());
    verified.length = 0;
    await expectUnauthenticated(t, `Bearer ${forged}`);
    expect(verified).toEqual([forged]);
    const { status, text } = await viewerWith(t, `Bearer ${good}`);
    expect(status, text).toBe(200);
    expect(verified).toEqual([forged, good]);
  });

  it("accepts a valid token and describes the caller", async () => {
    const res = dataOf(await t.gql(ViewerDocument, {}, await signHs(claims())));
    expect(res.viewer).toMatchObject({ kind: "OPERATOR", subject: "auth-test", allClients: true });
  });

  it("accepts the scheme case-insensitively and surrounding whitespace", async () => {
    const { status } = await viewerWith(t, `  bearer ${await signHs(claims())} `);
    expect(status).toBe(200);
  });

  it("refuses a request without a token", async () => {
    await expectUnauthenticated(t, undefined, /bearer token is required/i);
  });

  it("refuses malformed Authorization headers", async () => {
    const token = await signHs(claims());
    for (const header of [`Basic ${Buffer.from("a:b").toString("base64")}`, "Bearer", "Bearer ", `Bearer ${token} extra`, `Token ${token}`, token]) {
      await expectUnauthenticated(t, header, /Bearer <token>/);
    }
    await expectUnauthenticated(t, "Bearer not-a-jwt", /not valid/);
    await expectUnauthenticated(t, "Bearer a.b.c", /not valid/);
  });

  it("refuses an expired token, and tolerates a small clock skew only", async () => {
    await expectUnauthenticated(t, `Bearer ${await signHs(claims({ iat: now() - 3600, exp: now() - 120 }))}`, /expired/);
    // Within the 30 s tolerance: accepted.
    expect((await viewerWith(t, `Bearer ${await signHs(claims({ iat: now() - 3600, exp: now() - 10 }))}`)).status).toBe(200);
    // Not yet valid (nbf two minutes ahead): refused.
    await expectUnauthenticated(t, `Bearer ${await signHs(claims({ nbf: now() + 120 }))}`);
  });

  it("refuses a token without exp, and one without sub", async () => {
    const { exp: _exp, ...noExp } = claims();
    await expectUnauthenticated(t, `Bearer ${await signHs(noExp)}`, /`exp`/);
    const { sub: _sub, ...noSub } = claims();
    await expectUnauthenticated(t, `Bearer ${await signHs(noSub)}`, /`sub`/);
  });

  it("refuses a bad signature: another secret, a tampered payload, a stripped signature", async () => {
    await expectUnauthenticated(t, `Bearer ${await signHs(claims(), "another-secret-that-is-long-enough-for-hs256-xx")}`);
    const [header, , signature] = (await signHs(claims({ role: "CLIENT", clients: [CLIENT_A] }))).split(".");
    await expectUnauthenticated(t, `Bearer ${header}.${b64url(claims())}.${signature}`);
    await expectUnauthenticated(t, `Bearer ${header}.${b64url(claims())}.`);
  });

  it("refuses an unsigned `alg: none` token", async () => {
    for (const alg of ["none", "None", "NONE"]) {
      await expectUnauthenticated(t, `Bearer ${b64url({ alg, typ: "JWT" })}.${b64url(claims())}.`);
    }
  });

  it("refuses an RS256 token (HS/RS confusion the other way)", async () => {
    const rs = await new SignJWT(claims()).setProtectedHeader({ alg: "RS256", typ: "JWT" }).sign(rsaPrivate);
    await expectUnauthenticated(t, `Bearer ${rs}`);
  });

  it("checks issuer and audience", async () => {
    await expectUnauthenticated(t, `Bearer ${await signHs(claims({ iss: "https://evil.example/" }))}`, /`iss`/);
    await expectUnauthenticated(t, `Bearer ${await signHs(claims({ aud: "another-api" }))}`, /`aud`/);
    const { iss: _iss, ...noIss } = claims();
    await expectUnauthenticated(t, `Bearer ${await signHs(noIss)}`, /`iss`/);
    const { aud: _aud, ...noAud } = claims();
    await expectUnauthenticated(t, `Bearer ${await signHs(noAud)}`, /`aud`/);
  });

  it("refuses an unknown or missing role", async () => {
    for (const role of ["ADMIN", "operator", "", 7, null]) {
      await expectUnauthenticated(t, `Bearer ${await signHs(claims({ role }))}`, /role/);
    }
    const { role: _role, ...noRole } = claims();
    await expectUnauthenticated(t, `Bearer ${await signHs(noRole)}`, /role/);
  });

  it("refuses a CLIENT token without exactly one client", async () => {
    const client = { role: "CLIENT", scope: DEFAULT_SCOPES.CLIENT.join(" ") };
    await expectUnauthenticated(t, `Bearer ${await signHs(claims({ ...client }))}`, /exactly one client/);
    await expectUnauthenticated(t, `Bearer ${await signHs(claims({ ...client, clients: [] }))}`, /exactly one client/);
    await expectUnauthenticated(t, `Bearer ${await signHs(claims({ ...client, clients: [CLIENT_A, CLIENT_B] }))}`, /exactly one client/);
    // One client, accepted.
    const ok = dataOf(await t.gql(ViewerDocument, {}, await signHs(claims({ ...client, clients: [CLIENT_A] }))));
    expect(ok.viewer).toMatchObject({ kind: "CLIENT", allClients: false });
  });

  it("refuses a PARTNER token without clients", async () => {
    const partner = { role: "PARTNER", scope: DEFAULT_SCOPES.PARTNER.join(" ") };
    await expectUnauthenticated(t, `Bearer ${await signHs(claims({ ...partner }))}`, /at least one client/);
    await expectUnauthenticated(t, `Bearer ${await signHs(claims({ ...partner, clients: [] }))}`, /at least one client/);
    const ok = dataOf(await t.gql(ViewerDocument, {}, await signHs(claims({ ...partner, clients: [CLIENT_A, CLIENT_B] }))));
    expect(ok.viewer.kind).toBe("PARTNER");
  });

  it("refuses malformed client IDs in the `clients` claim", async () => {
    const worker = toGlobalId("Worker", "00000000-0000-4000-8000-00000000000a");
    const raw = "00000000-0000-4000-8000-00000000000a"; // a bare uuid is not a Client ID
    for (const clients of [["not-an-id"], [worker], [raw], [CLIENT_A, 42], [null], CLIENT_A, { id: CLIENT_A }]) {
      await expectUnauthenticated(t, `Bearer ${await signHs(claims({ role: "PARTNER", clients }))}`, /client/i);
    }
    // Also for an OPERATOR: a token that names garbage is not trusted at all.
    await expectUnauthenticated(t, `Bearer ${await signHs(claims({ clients: ["garbage"] }))}`, /clients/);
  });

  it("keeps only known scopes; accepts a list of scopes; refuses a malformed scope claim", async () => {
    const res = dataOf(await t.gql<{ viewer: { scopes: string[] } }, undefined>(SCOPES_QUERY, undefined, await signHs(claims({ scope: "clients:read root:all" }))));
    expect(res.viewer.scopes).toEqual(["clients:read"]);
    const list = dataOf(await t.gql<{ viewer: { scopes: string[] } }, undefined>(SCOPES_QUERY, undefined, await signHs(claims({ scope: ["workers:read", "clients:read"] }))));
    expect(list.viewer.scopes).toEqual(["clients:read", "workers:read"]);
    for (const scope of [42, { all: true }, ["clients:read", 1]]) {
      await expectUnauthenticated(t, `Bearer ${await signHs(claims({ scope }))}`, /scope/);
    }
    const none = dataOf(await t.gql<{ viewer: { scopes: string[] } }, undefined>(SCOPES_QUERY, undefined, await signHs(claims({ scope: undefined }))));
    expect(none.viewer.scopes).toEqual([]);
  });

  it("splits the scope claim on U+0020 only: other whitespace is part of a (then unknown) scope", async () => {
    const scopesOf = async (scope: string) =>
      dataOf(await t.gql<{ viewer: { scopes: string[] } }, undefined>(SCOPES_QUERY, undefined, await signHs(claims({ scope })))).viewer.scopes;
    expect(await scopesOf("clients:read  workers:read ")).toEqual(["clients:read", "workers:read"]);
    for (const separator of ["\t", "\n", "\r", "\v", "\f", "\u00a0", "\u2003", "\u3000", "\u2028", "\ufeff"]) {
      expect(await scopesOf(`clients:read${separator}workers:read`), JSON.stringify(separator)).toEqual([]);
      expect(await scopesOf(`payroll:read workers:read${separator}`), JSON.stringify(separator)).toEqual(["payroll:read"]);
    }
  });
});

describe("JWKS (RS256 / ES256)", () => {
  let t: TestServer;
  let jwks: Server;
  let rsa: GenerateKeyPairResult;
  let ec: GenerateKeyPairResult;
  let stranger: GenerateKeyPairResult;
  let jwksRequests = 0;

  beforeAll(async () => {
    rsa = await generateKeyPair("RS256", { extractable: true });
    ec = await generateKeyPair("ES256", { extractable: true });
    stranger = await generateKeyPair("RS256", { extractable: true });
    const keys = [
      { ...(await exportJWK(rsa.publicKey)), kid: "rsa-1", alg: "RS256", use: "sig" },
      { ...(await exportJWK(ec.publicKey)), kid: "ec-1", alg: "ES256", use: "sig" },
    ];
    jwks = createServer((req, res) => {
      jwksRequests++;
      if (req.url !== "/.well-known/jwks.json") return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    t = await startTestServer({ verifyToken: createTokenVerifier({ jwksUrl, issuer: TEST_ISSUER, audience: TEST_AUDIENCE }) });
  });
  afterAll(async () => {
    await t.stop();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const sign = (alg: string, kid: string, key: CryptoKey, payload: JWTPayload = claims()) => new SignJWT(payload).setProtectedHeader({ alg, kid, typ: "JWT" }).sign(key);

  it("accepts RS256 and ES256 tokens signed by keys of the set", async () => {
    const rs = dataOf(await t.gql(ViewerDocument, {}, await sign("RS256", "rsa-1", rsa.privateKey)));
    expect(rs.viewer).toMatchObject({ kind: "OPERATOR", subject: "auth-test" });
    const es = dataOf(await t.gql(ViewerDocument, {}, await sign("ES256", "ec-1", ec.privateKey, claims({ role: "CLIENT", clients: [CLIENT_A] }))));
    expect(es.viewer.kind).toBe("CLIENT");
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it("refuses a key that is not in the set, with or without a known kid", async () => {
    await expectUnauthenticated(t, `Bearer ${await sign("RS256", "rsa-1", stranger.privateKey)}`);
    await expectUnauthenticated(t, `Bearer ${await sign("RS256", "rsa-2", stranger.privateKey)}`);
    await expectUnauthenticated(t, `Bearer ${await new SignJWT(claims()).setProtectedHeader({ alg: "RS256" }).sign(stranger.privateKey)}`);
  });

  it("refuses an ES256 header on the RSA key id (algorithm bound to the key)", async () => {
    await expectUnauthenticated(t, `Bearer ${await sign("ES256", "rsa-1", ec.privateKey)}`);
  });

  it("refuses HS256 signed with the RSA public key PEM as the secret (HS/RS confusion)", async () => {
    const pem = await exportSPKI(rsa.publicKey);
    const jwk = JSON.stringify(await exportJWK(rsa.publicKey));
    for (const secret of [pem, pem.trim(), jwk]) {
      for (const kid of ["rsa-1", undefined]) {
        const forged = await new SignJWT(claims()).setProtectedHeader({ alg: "HS256", ...(kid ? { kid } : {}) }).sign(new TextEncoder().encode(secret));
        await expectUnauthenticated(t, `Bearer ${forged}`);
      }
    }
  });

  it("refuses the shared-secret tokens of development mode and `alg: none`", async () => {
    await expectUnauthenticated(t, `Bearer ${await signHs(claims())}`);
    await expectUnauthenticated(t, `Bearer ${b64url({ alg: "none", kid: "rsa-1" })}.${b64url(claims())}.`);
  });

  it("still checks exp, issuer, audience and the claims", async () => {
    await expectUnauthenticated(t, `Bearer ${await sign("RS256", "rsa-1", rsa.privateKey, claims({ exp: now() - 300 }))}`, /expired/);
    await expectUnauthenticated(t, `Bearer ${await sign("RS256", "rsa-1", rsa.privateKey, claims({ iss: "https://evil.example/" }))}`, /`iss`/);
    await expectUnauthenticated(t, `Bearer ${await sign("ES256", "ec-1", ec.privateKey, claims({ aud: "other" }))}`, /`aud`/);
    const { exp: _exp, ...noExp } = claims();
    await expectUnauthenticated(t, `Bearer ${await sign("RS256", "rsa-1", rsa.privateKey, noExp)}`, /`exp`/);
    await expectUnauthenticated(t, `Bearer ${await sign("RS256", "rsa-1", rsa.privateKey, claims({ role: "CLIENT" }))}`, /exactly one client/);
  });
});

describe("an unreachable JWKS", () => {
  it("refuses the token as UNAUTHENTICATED rather than failing open or crashing", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: "RS256", kid: "rsa-1" }).sign(privateKey);
    const verify = createTokenVerifier({ jwksUrl: "http://127.0.0.1:1/.well-known/jwks.json" });
    await expect(verify(token)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("no verification configured", () => {
  it("refuses every token rather than trusting it", async () => {
    const t = await startTestServer({ verifyToken: createTokenVerifier({}) });
    try {
      await expectUnauthenticated(t, `Bearer ${await signHs(claims())}`, /No token verification/);
    } finally {
      await t.stop();
    }
  });
});
