import "reflect-metadata";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, isNotNull } from "drizzle-orm";
import { openDatabase, type Database } from "../../src/db/client";
import type { RunningServer } from "../../src/server";
import type { App } from "../../src/app";
import { createTokenVerifier, signDevToken } from "../../src/auth/tokens";
import { DEFAULT_SCOPES } from "../../src/auth/scopes";
import { seedDemoData, DEMO_DATA } from "../../src/seed/seed";
import { DEMO_ONBOARDING } from "../../src/seed/demo-onboarding";
import { paymentMethods } from "../../src/modules/payment-methods/payment-method.table";
import { openAccount, openRouting } from "../../src/modules/payment-methods/payment-method-secret";
import { workers } from "../../src/modules/workers/worker.table";
import { webhookEndpoints } from "../../src/modules/webhooks/webhook.table";
import { secretContext } from "../../src/modules/webhooks/webhook-delivery";
import { idempotencyKeys } from "../../src/idempotency/idempotency.table";
import { bodyContext } from "../../src/idempotency/idempotency.service";
import { openTaxId } from "../../src/modules/workers/worker-tax-id";
import { openCertificates, sealCertificates } from "../../src/modules/workers/worker-certificates";
import { PiiCipher } from "../../src/pii/pii-cipher";
import { rotatePii } from "../../src/pii/pii-rotation";
import { toGlobalId } from "../../src/shared/global-id";
import { startNode } from "../support/server";

/**
 * Key rotation on its own fresh embedded database (never the shared Postgres one: re-keying it would break the
 * other test files, which read with the test key): a server with a new key and the old one as previous reads and
 * de-duplicates old values; `rotatePii` re-encrypts everything, in batches, idempotently; `npm run pii:rotate`
 * does the same from the command line on a DATA_DIR.
 */
const OLD_KEY = Buffer.alloc(32, 0x11);
const NEW_KEY = Buffer.alloc(32, 0x22);
const SECRET = "pii-rotate-test-secret-long-enough-for-hs256";
const seededTaxIds = DEMO_DATA.workers.filter((w) => w.taxId !== null);
/** The demo's bank accounts: each one value (routing and account number re-encrypted together). */
const seededBankAccounts = DEMO_ONBOARDING.paymentMethods.filter((m) => m.kind === "BANK_ACCOUNT");
const seededValues = seededTaxIds.length + seededBankAccounts.length;

async function freshSeeded(dataDir: string, key: Buffer): Promise<Database> {
  const database = await openDatabase({ dataDir });
  await database.migrate();
  await seedDemoData(database.db, new PiiCipher(key));
  return database;
}

async function keyIds(database: Database, cipher: PiiCipher): Promise<Map<string | null, number>> {
  const rows = await database.db.select({ envelope: workers.taxIdEncrypted }).from(workers).where(isNotNull(workers.taxIdEncrypted));
  const counts = new Map<string | null, number>();
  for (const r of rows) counts.set(cipher.keyIdOf(r.envelope!), (counts.get(cipher.keyIdOf(r.envelope!)) ?? 0) + 1);
  return counts;
}

describe("rotatePii and a server between two keys", () => {
  let database: Database;
  let app: App;
  let server: RunningServer;
  /** A node still on the old key, as before the key change: what it seals (webhook secrets, idempotent answers) is under OLD_KEY. */
  let oldApp: App;
  let oldServer: RunningServer;
  const rotating = new PiiCipher(NEW_KEY, [OLD_KEY]);

  beforeAll(async () => {
    database = await freshSeeded("memory://", OLD_KEY);
    ({ app, server } = await startNode(database, { sandboxRail: "off", verifyToken: createTokenVerifier({ secret: SECRET }), pii: rotating }));
    ({ app: oldApp, server: oldServer } = await startNode(database, { sandboxRail: "off", verifyToken: createTokenVerifier({ secret: SECRET }), pii: new PiiCipher(OLD_KEY) }));
  });
  afterAll(async () => {
    await oldApp?.stop();
    await app?.stop();
    await database?.close();
  });

  const post = async (url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const token = await signDevToken({ secret: SECRET, role: "OPERATOR", scopes: DEFAULT_SCOPES.OPERATOR, subject: "operator-rotating-keys" });
    return fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query, variables }),
    });
  };
  const gql = async (query: string, variables: Record<string, unknown>, url = server.url) =>
    (await (await post(url, query, variables)).json()) as { data: Record<string, any>; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any -- a response read field by field; a wrong shape fails the assertion;

  // Sealed by the old-key node: a webhook endpoint whose secret was rotated once (secret + previous secret), and an idempotent answer.
  const OLD_SEALED = 4;
  const createdOnOldKey = { endpointId: "", secrets: [] as string[], idempotentBody: "" };
  const CERTIFICATES = { de4: { filingStatus: "HEAD_OF_HOUSEHOLD", regularAllowances: 3 } };
  const IDEMPOTENT = { key: "rotate-me-1", query: `mutation($input: CreateClientInput!) { createClient(input: $input) { client { id } userErrors { code } } }` };

  it("a node on the old key seals a webhook endpoint's secrets and an idempotent answer under it", async () => {
    const clientId = toGlobalId("Client", seededTaxIds[0].clientId);
    const created = await gql(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { webhookEndpoint { id } secret userErrors { code } } }`,
      { input: { clientId, url: "https://hooks.example.com/eor" } },
      oldServer.url,
    );
    expect(created.data.createWebhookEndpoint.userErrors).toEqual([]);
    createdOnOldKey.endpointId = created.data.createWebhookEndpoint.webhookEndpoint.id;
    const rotated = await gql(
      `mutation($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { secret userErrors { code } } }`,
      { input: { webhookEndpointId: createdOnOldKey.endpointId } },
      oldServer.url,
    );
    expect(rotated.data.rotateWebhookSecret.userErrors).toEqual([]);
    createdOnOldKey.secrets = [rotated.data.rotateWebhookSecret.secret, created.data.createWebhookEndpoint.secret];
    const answer = await post(oldServer.url, IDEMPOTENT.query, { input: { name: "Rotation Client" } }, { "idempotency-key": IDEMPOTENT.key });
    createdOnOldKey.idempotentBody = await answer.text();
    expect(JSON.parse(createdOnOldKey.idempotentBody).data.createClient.userErrors).toEqual([]);

    // A state withholding certificate sealed under the old key (the demo data files none).
    await database.db
      .update(workers)
      .set({ withholdingCertificatesEncrypted: sealCertificates(new PiiCipher(OLD_KEY), seededTaxIds[0].id, CERTIFICATES) })
      .where(eq(workers.id, seededTaxIds[0].id));

    const oldKeyId = new PiiCipher(OLD_KEY).currentKeyId;
    const [endpoint] = await database.db.select().from(webhookEndpoints);
    expect([rotating.keyIdOf(endpoint.secret), rotating.keyIdOf(endpoint.previousSecret!)]).toEqual([oldKeyId, oldKeyId]);
    const [stored] = await database.db.select().from(idempotencyKeys);
    expect(rotating.keyIdOf(stored.responseBody!)).toBe(oldKeyId);
  });

  it("before the rotation, the server reads old values and refuses a duplicate of one; new values use the new key", async () => {
    const worker = seededTaxIds[0];
    const read = await gql(`query($id: ID!) { node(id: $id) { ... on Worker { taxIdLast4 } } }`, { id: toGlobalId("Worker", worker.id) });
    expect(read.errors).toBeUndefined();
    expect(read.data.node.taxIdLast4).toBe(worker.taxId!.slice(-4));
    const create = `mutation($input: CreateWorkerInput!) { createWorker(input: $input) { worker { id taxIdLast4 } userErrors { code } } }`;
    const base = {
      clientId: toGlobalId("Client", worker.clientId),
      legalFirstName: "Rota",
      legalLastName: "Tion",
      email: "rota@example.com",
      homeJurisdiction: worker.homeJurisdiction,
    };
    const duplicate = await gql(create, { input: { ...base, taxId: worker.taxId } });
    expect(duplicate.data.createWorker.userErrors).toEqual([{ code: "DUPLICATE_TAX_ID" }]);
    const fresh = await gql(create, { input: { ...base, taxId: "900112233" } });
    expect(fresh.data.createWorker).toMatchObject({ userErrors: [], worker: { taxIdLast4: "2233" } });
    expect(await keyIds(database, rotating)).toEqual(
      new Map([
        [new PiiCipher(OLD_KEY).currentKeyId, seededTaxIds.length],
        [rotating.currentKeyId, 1],
      ]),
    );
  });

  it("re-encrypts every old value in batches, is idempotent, and then the old key is no longer needed", async () => {
    const unknown = new PiiCipher(NEW_KEY); // without the previous key: nothing can be re-keyed, nothing is touched
    const all = seededValues + OLD_SEALED;
    expect(await rotatePii(database.db, unknown, { batchSize: 7 })).toMatchObject({ found: all, reencrypted: 0, changedMeanwhile: 0, undecryptable: all, conflicts: 0 });

    const batches: number[] = [];
    const counts = await rotatePii(database.db, rotating, { batchSize: 7, onBatch: (c) => batches.push(c.found) });
    const done = (n: number) => ({ found: n, reencrypted: n, changedMeanwhile: 0, undecryptable: 0, conflicts: 0 });
    expect(counts).toEqual({
      ...done(all),
      columns: {
        "workers.tax_id": done(seededTaxIds.length),
        "payment_methods.bank_numbers": done(seededBankAccounts.length),
        "webhook_endpoints.secret": done(1),
        "webhook_endpoints.previous_secret": done(1),
        "idempotency_keys.response_body": done(1),
        "workers.withholding_certificates": done(1),
      },
    });
    // Tax ids, then bank accounts, each in batches of 7 (`found` is cumulative), then one batch per other column.
    expect(batches).toEqual([
      ...Array.from({ length: Math.ceil(seededTaxIds.length / 7) }, (_, i) => Math.min((i + 1) * 7, seededTaxIds.length)),
      ...Array.from({ length: Math.ceil(seededBankAccounts.length / 7) }, (_, i) => seededTaxIds.length + Math.min((i + 1) * 7, seededBankAccounts.length)),
      seededValues + 1,
      seededValues + 2,
      seededValues + 3,
      seededValues + 4,
    ]);
    expect(await rotatePii(database.db, rotating)).toMatchObject({ found: 0, reencrypted: 0, changedMeanwhile: 0, undecryptable: 0, conflicts: 0 });

    // The bank accounts are under the new key, and still decrypt to the same numbers.
    const accounts = await database.db.select().from(paymentMethods).where(isNotNull(paymentMethods.accountEncrypted));
    expect(accounts).toHaveLength(seededBankAccounts.length);
    const seededById = new Map(seededBankAccounts.map((m) => [m.id, m]));
    for (const row of accounts) {
      expect(rotating.keyIdOf(row.routingEncrypted!)).toBe(rotating.currentKeyId);
      expect(rotating.keyIdOf(row.accountEncrypted!)).toBe(rotating.currentKeyId);
      expect(openRouting(rotating, { id: row.id, routingEncrypted: row.routingEncrypted! })).toBe(seededById.get(row.id)!.routing);
      expect(openAccount(rotating, { id: row.id, accountEncrypted: row.accountEncrypted! })).toBe(seededById.get(row.id)!.account);
    }
    // The webhook secrets and the stored answer open with the new key alone, and the answer still replays.
    const [endpoint] = await database.db.select().from(webhookEndpoints);
    const context = secretContext(endpoint.id);
    expect([unknown.decrypt(endpoint.secret, context), unknown.decrypt(endpoint.previousSecret!, context)]).toEqual(createdOnOldKey.secrets);
    const [stored] = await database.db.select().from(idempotencyKeys);
    expect(unknown.decrypt(stored.responseBody!, bodyContext(stored.principalSub, stored.idempotencyKey))).toBe(createdOnOldKey.idempotentBody);
    const replay = await post(server.url, IDEMPOTENT.query, { input: { name: "Rotation Client" } }, { "idempotency-key": IDEMPOTENT.key });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.text()).toBe(createdOnOldKey.idempotentBody);

    expect(await keyIds(database, rotating)).toEqual(new Map([[rotating.currentKeyId, seededTaxIds.length + 1]]));
    const [withCertificates] = await database.db.select().from(workers).where(eq(workers.id, seededTaxIds[0].id));
    expect(openCertificates(unknown, withCertificates.id, withCertificates.withholdingCertificatesEncrypted)).toEqual(CERTIFICATES);
    const rows = await database.db.select().from(workers).where(isNotNull(workers.taxIdEncrypted));
    const byId = new Map(seededTaxIds.map((w) => [w.id, w.taxId]));
    for (const row of rows.filter((r) => byId.has(r.id))) expect(openTaxId(unknown, { id: row.id, taxIdEncrypted: row.taxIdEncrypted! })).toBe(byId.get(row.id));
    // The keyed hashes were recomputed under the new key: duplicates are still found with the new key alone.
    const worker = seededTaxIds[1];
    const create = `mutation($input: CreateWorkerInput!) { createWorker(input: $input) { userErrors { code } } }`;
    const duplicate = await gql(create, {
      input: {
        clientId: toGlobalId("Client", worker.clientId),
        legalFirstName: "A",
        legalLastName: "B",
        email: "a@example.com",
        homeJurisdiction: worker.homeJurisdiction,
        taxId: worker.taxId,
      },
    });
    expect(duplicate.data.createWorker.userErrors).toEqual([{ code: "DUPLICATE_TAX_ID" }]);
  });
});

describe("npm run pii:rotate", () => {
  const ROOT = fileURLToPath(new URL("../..", import.meta.url));
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "eor-pii-rotate-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const rotate = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir, "data"), ...env };
      delete childEnv.DATABASE_URL; // the embedded database in DATA_DIR, also on Postgres test runs
      const child = spawn(process.execPath, ["--import", "tsx", "src/cli/pii-rotate.ts", "--batch-size", "10"], { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.once("error", reject);
      child.once("close", (code) => resolve({ code, stdout, stderr }));
    });

  it("re-encrypts a DATA_DIR's values under PII_ENCRYPTION_KEY with the previous key, prints the counts, and a re-run finds nothing", async () => {
    const seeded = await freshSeeded(join(dir, "data"), OLD_KEY);
    await seeded.close();
    const env = { PII_ENCRYPTION_KEY: NEW_KEY.toString("base64"), PII_ENCRYPTION_KEYS_PREVIOUS: OLD_KEY.toString("base64") };
    const first = await rotate(env);
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain(`${seededValues} found under other keys, ${seededValues} re-encrypted, 0 changed meanwhile, 0 undecryptable, 0 conflicts`);
    expect(first.code).toBe(0);
    const second = await rotate(env);
    expect(second.stdout).toContain("0 found under other keys, 0 re-encrypted");
    expect(second.code).toBe(0);

    const database = await openDatabase({ dataDir: join(dir, "data") });
    try {
      expect(await keyIds(database, new PiiCipher(NEW_KEY))).toEqual(new Map([[new PiiCipher(NEW_KEY).currentKeyId, seededTaxIds.length]]));
    } finally {
      await database.close();
    }
  }, 120_000); // two child processes, each starting tsx and opening the embedded database
});
