import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { CreateWebhookEndpointDocument } from "../generated/graphql";
import { webhookDeliveries } from "../../src/modules/webhooks/webhook.table";
import { purgeFullBuckets, subjectKey } from "../../src/rate-limit/bucket-store";
import { parseGlobalId } from "../../src/shared/global-id";
import { dataOf, startTestServer, unique, type TestServer } from "../support/server";
import { newTenant } from "../support/factories";

/**
 * The retention sweeper (src/retention/): what grows with traffic is purged once it expires — webhook delivery
 * attempts after WEBHOOK_DELIVERY_RETENTION_DAYS (default 30), and on Postgres the rate limit buckets that are full
 * again (a missing bucket is a full one). Expired idempotency keys are covered by the idempotency tests.
 */
describe("retention sweeper", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.stop();
  });

  it("deletes webhook delivery attempts older than the retention and keeps the recent ones", async () => {
    const tenant = await newTenant(t, "retention");
    const created = dataOf(
      await t.gql(CreateWebhookEndpointDocument, { input: { clientId: tenant.clientId, url: "https://hooks.example.com/retention" } }, tenant.token),
    ).createWebhookEndpoint;
    expect(created.userErrors).toEqual([]);
    const endpointId = parseGlobalId(created.webhookEndpoint!.id, "WebhookEndpoint")!;
    const day = 86_400_000;
    const attempt = (daysAgo: number, seq: number) => ({
      id: randomUUID(),
      endpointId,
      clientId: tenant.clientDbId,
      seq,
      eventType: "worker.created",
      attempt: 1,
      status: "SUCCEEDED",
      attemptedAt: new Date(Date.now() - daysAgo * day),
      httpStatus: 200,
      latencyMs: 12,
    });
    await t.database.db.insert(webhookDeliveries).values([attempt(45, 1), attempt(31, 2), attempt(29, 3), attempt(0, 4)]);

    const deleted = await t.app.retention.sweep();
    expect(Object.keys(deleted).sort()).toEqual(t.database.pg ? ["idempotency_keys", "rate_limit_buckets", "webhook_deliveries"] : ["idempotency_keys", "webhook_deliveries"]);
    expect(deleted.webhook_deliveries).toBeGreaterThanOrEqual(2);
    const left = await t.database.db.select({ seq: webhookDeliveries.seq }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
    expect(left.map((r) => r.seq).sort()).toEqual([3, 4]);
  });

  it.skipIf(!process.env.DATABASE_URL)("deletes only the rate limit buckets that are full again", async () => {
    const pg = t.database.pg!;
    const policy = { capacity: 100, restorePerSecond: 1 };
    const [drained, refilled, full] = [unique("drained"), unique("refilled"), unique("full")];
    await pg`insert into rate_limit_buckets (subject_hash, tokens, updated_at, granted) values
      (${subjectKey(drained)}, 0, now(), false),
      (${subjectKey(refilled)}, 0, now() - interval '200 seconds', false),
      (${subjectKey(full)}, 100, now(), true)`;
    let deleted = 0;
    for (let n = -1; n !== 0; deleted += n) n = await purgeFullBuckets(pg, policy, 1_000);
    expect(deleted).toBeGreaterThanOrEqual(2);
    const rows = await pg`select subject_hash from rate_limit_buckets where subject_hash in (${subjectKey(drained)}, ${subjectKey(refilled)}, ${subjectKey(full)})`;
    expect(rows.map((r) => Buffer.from(r.subject_hash as Uint8Array).toString("hex"))).toEqual([subjectKey(drained).toString("hex")]);
    await pg`delete from rate_limit_buckets where subject_hash = ${subjectKey(drained)}`;
  });
});
