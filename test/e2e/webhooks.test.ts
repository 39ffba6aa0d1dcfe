import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { dataOf, errorCodes, startTestServer, TEST_WEBHOOK_RETRY_SCHEDULE_MS, type TestServer } from "../support/server";
import { newTenant, newPayrollRun, newWorker, transitionRun, type Tenant } from "../support/factories";
import { eventually } from "../support/wait";
import { WebhookReceiver } from "../support/webhook-receiver";
import { DEFAULT_SCOPES } from "../../src/auth/scopes";
import { parseGlobalId } from "../../src/shared/global-id";
import {
  CreateWebhookEndpointDocument,
  DeleteWebhookEndpointDocument,
  RedeliverWebhookEventsDocument,
  RotateWebhookSecretDocument,
  UpdateWebhookEndpointDocument,
  WebhookClientEventsDocument,
  WebhookDeliveriesDocument,
  WebhookEndpointsDocument,
  type CreateWebhookEndpointInput,
} from "../generated/graphql";

/**
 * Webhooks end to end: a real server (its delivery queue: graphile-worker on Postgres, in-process on PGlite) POSTs
 * to real HTTP receivers started here; signatures are verified with the `standardwebhooks` reference library. The
 * retry schedule is the test servers' short one (0.2 s … 6.4 s).
 */
describe("webhooks", () => {
  let t: TestServer;
  const receivers: WebhookReceiver[] = [];

  const receiver = async () => {
    const r = new WebhookReceiver();
    await r.start();
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.stop();
    await Promise.all(receivers.map((r) => r.stop()));
  });

  async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
    const result: unknown = await t.database.db.execute(query);
    return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
  }

  async function createEndpoint(token: string, input: CreateWebhookEndpointInput) {
    const res = dataOf(await t.gql(CreateWebhookEndpointDocument, { input }, token)).createWebhookEndpoint;
    expect(res.userErrors, JSON.stringify(res.userErrors)).toEqual([]);
    return { endpoint: res.webhookEndpoint!, secret: res.secret! };
  }

  async function clientEvents(tenant: Tenant) {
    const operator = await t.token("OPERATOR");
    const nodes: { cursor: string; type: string; objectType: string; objectId?: string | null }[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { nodes: typeof nodes; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } = dataOf(
        await t.gql(WebhookClientEventsDocument, { clientId: tenant.clientId, first: 100, after }, operator),
      ).events;
      nodes.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return nodes;
      after = page.pageInfo.endCursor ?? null;
    }
  }

  async function deliveries(token: string, endpointId: string, status?: "SUCCEEDED" | "FAILED") {
    return dataOf(await t.gql(WebhookDeliveriesDocument, { endpointId, status, first: 100 }, token)).webhookDeliveries;
  }

  it("shows the secret once, stores it encrypted, and keeps it out of the event log", async () => {
    const tenant = await newTenant(t, "wh-secret");
    const hooks = await receiver();
    const { endpoint, secret } = await createEndpoint(tenant.token, { clientId: tenant.clientId, url: hooks.url, description: "ATS sync" });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(endpoint).toMatchObject({ clientId: tenant.clientId, url: hooks.url, eventTypes: [], enabled: true, description: "ATS sync" });

    const listed = dataOf(await t.gql(WebhookEndpointsDocument, { clientId: tenant.clientId }, tenant.token)).webhookEndpoints;
    expect(listed.nodes.map((e) => e.id)).toEqual([endpoint.id]);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(6));

    const dbId = parseGlobalId(endpoint.id, "WebhookEndpoint")!;
    const [{ row: stored }] = await rows<{ row: string }>(sql`select row_to_json(w)::text as row from webhook_endpoints w where id = ${dbId}`);
    expect(stored).toContain('"secret":"v1.');
    expect(stored).not.toContain(secret.slice(6));
    const [{ row: logged }] = await rows<{ row: string }>(sql`select coalesce(string_agg(row_to_json(e)::text, ''), '') as row from events e where object_id = ${dbId}`);
    expect(logged).toContain("webhookEndpoint.created");
    expect(logged).not.toContain(secret.slice(6));
  });

  it("delivers the client's events signed per Standard Webhooks, with the Event fields and no tax id", async () => {
    const tenant = await newTenant(t, "wh-sign");
    const hooks = await receiver();
    const { secret } = await createEndpoint(tenant.token, { clientId: tenant.clientId, url: hooks.url });
    const worker = await newWorker(t, tenant.clientId, { taxId: "123-45-6789" });

    await eventually(() => hooks.delivered.some((w) => w.envelope.data.objectId === worker.id), "the worker.created webhook");
    const webhook = hooks.delivered.find((w) => w.envelope.data.objectId === worker.id)!;
    const verified = new Webhook(secret).verify(webhook.body, webhook.headers);
    expect(verified).toEqual(webhook.envelope);
    expect(webhook.headers["webhook-id"]).toBe(webhook.envelope.id);
    expect(webhook.headers["content-type"]).toBe("application/json");
    expect(Math.abs(Number(webhook.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);

    const event = (await clientEvents(tenant)).find((e) => e.type === "worker.created" && e.objectId === worker.id)!;
    expect(webhook.envelope).toEqual({
      id: `evt_${event.cursor}`,
      type: "worker.created",
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      cursor: event.cursor,
      clientId: tenant.clientId,
      data: { objectType: "Worker", objectId: worker.id, status: "ACTIVE", previousStatus: null, actor: { kind: "OPERATOR", id: expect.any(String) } },
    });
    for (const secretish of ["taxId", "123-45-6789", "123456789", 'Worker","legal']) expect(webhook.body).not.toContain(secretish);
  });

  it("503 three times then 200: one success after retries, every attempt recorded", async () => {
    const tenant = await newTenant(t, "wh-retry");
    const hooks = await receiver();
    hooks.respond = (w) => (hooks.of(w.envelope.id).length < 3 ? 503 : 200);
    const { endpoint } = await createEndpoint(tenant.token, { clientId: tenant.clientId, url: hooks.url });
    const worker = await newWorker(t, tenant.clientId);
    await eventually(() => hooks.delivered.some((w) => w.envelope.data.objectId === worker.id), "the retried webhook", 10_000);
    // A sentinel event after it: once it arrived, nothing more of the first one can be on its way (seq order).
    const sentinel = await newWorker(t, tenant.clientId);
    await eventually(() => hooks.delivered.some((w) => w.envelope.data.objectId === sentinel.id), "the sentinel webhook", 10_000);

    const id = hooks.received.find((w) => w.envelope.data.objectId === worker.id)!.envelope.id;
    expect(hooks.of(id).map((w) => w.answered)).toEqual([503, 503, 503, 200]);
    expect(new Set(hooks.of(id).map((w) => w.headers["webhook-id"]))).toEqual(new Set([id]));

    const log = (await deliveries(tenant.token, endpoint.id)).nodes.filter((d) => d.eventId === id);
    expect(log.map((d) => [d.attempt, d.status, d.httpStatus, d.error])).toEqual([
      [1, "FAILED", 503, "HTTP 503"],
      [2, "FAILED", 503, "HTTP 503"],
      [3, "FAILED", 503, "HTTP 503"],
      [4, "SUCCEEDED", 200, null],
    ]);
    for (const failure of log.slice(0, 3)) expect(Date.parse(failure.nextRetryAt!)).toBeGreaterThan(Date.parse(failure.attemptedAt));
    expect(log[3].nextRetryAt).toBeNull();
    expect(log.every((d) => d.latencyMs >= 0 && d.eventType === "WORKER_CREATED")).toBe(true);
    const succeeded = await deliveries(tenant.token, endpoint.id, "SUCCEEDED");
    expect(succeeded.nodes.filter((d) => d.eventId === id)).toHaveLength(1);
    expect(succeeded.totalCount).toBe(2);
  });

  it("a receiver down during a run's lifecycle gets every event once back; a redelivery replays them in sequence order", async () => {
    const tenant = await newTenant(t, "wh-outage");
    const hooks = await receiver();
    const { endpoint } = await createEndpoint(tenant.token, { clientId: tenant.clientId, url: hooks.url, eventTypes: ["PAYROLL_RUN_CREATED", "PAYROLL_RUN_STATUS_CHANGED"] });
    await hooks.stop();

    const run = await newPayrollRun(t, tenant);
    await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
    await transitionRun(t, run.dbId, "CALCULATING", "CALCULATED");
    await transitionRun(t, run.dbId, "CALCULATED", "APPROVED");
    await eventually(async () => (await deliveries(tenant.token, endpoint.id, "FAILED")).totalCount >= 2, "failed attempts while the receiver is down");
    const failed = await deliveries(tenant.token, endpoint.id, "FAILED");
    expect(failed.nodes[0]).toMatchObject({ httpStatus: null, error: "connection failed: ECONNREFUSED", eventType: "PAYROLL_RUN_CREATED" });

    await hooks.start();
    const lifecycle = (await clientEvents(tenant)).filter((e) => e.objectType === "PayrollRun");
    expect(lifecycle.map((e) => e.type)).toEqual(["payrollRun.created", "payrollRun.statusChanged", "payrollRun.statusChanged", "payrollRun.statusChanged"]);
    await eventually(() => hooks.delivered.length >= 4, "the four run events after the outage", 15_000);
    expect(hooks.delivered.map((w) => w.envelope.cursor)).toEqual(lifecycle.map((e) => e.cursor));
    expect(hooks.delivered.map((w) => w.envelope.data.status)).toEqual(["DRAFT", "CALCULATING", "CALCULATED", "APPROVED"]);

    // The receiver lost them (its side's outage): replay from the event before the run's creation.
    const all = await clientEvents(tenant);
    const before = all[all.findIndex((e) => e.cursor === lifecycle[0].cursor) - 1];
    const replay = dataOf(await t.gql(RedeliverWebhookEventsDocument, { input: { endpointId: endpoint.id, after: before.cursor } }, tenant.token)).redeliverWebhookEvents;
    expect(replay.userErrors).toEqual([]);
    await eventually(() => hooks.delivered.length >= 8, "the replayed events", 10_000);
    const replayed = hooks.delivered.slice(4).map((w) => w.envelope);
    expect(replayed.map((e) => e.cursor)).toEqual(lifecycle.map((e) => e.cursor));
    expect(replayed.map((e) => e.id)).toEqual(hooks.delivered.slice(0, 4).map((w) => w.envelope.id));

    // A cursor of another client, or a malformed one, is refused.
    const other = await newTenant(t, "wh-outage-other");
    const foreign = (await clientEvents(other))[0].cursor;
    const refused = dataOf(await t.gql(RedeliverWebhookEventsDocument, { input: { endpointId: endpoint.id, after: foreign } }, tenant.token)).redeliverWebhookEvents;
    expect(refused.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "after"], "INVALID_INPUT"]]);
    const malformed = dataOf(await t.gql(RedeliverWebhookEventsDocument, { input: { endpointId: endpoint.id, after: "nope" } }, tenant.token)).redeliverWebhookEvents;
    expect(malformed.userErrors.map((e) => e.code)).toEqual(["INVALID_INPUT"]);
  }, 40_000);

  it("never sends another client's events, even to a partner that may read both clients", async () => {
    const [a, b] = [await newTenant(t, "wh-a"), await newTenant(t, "wh-b")];
    const partner = await t.token("PARTNER", { clients: [a.clientId, b.clientId], subject: "ats-both" });
    const hooks = await receiver();
    await createEndpoint(partner, { clientId: a.clientId, url: hooks.url });
    const foreign = await newWorker(t, b.clientId);
    const sentinel = await newWorker(t, a.clientId);
    await eventually(() => hooks.delivered.some((w) => w.envelope.data.objectId === sentinel.id), "the sentinel of client A");
    expect(hooks.received.map((w) => w.envelope.clientId)).toEqual(hooks.received.map(() => a.clientId));
    expect(hooks.received.some((w) => w.envelope.data.objectId === foreign.id)).toBe(false);
  });

  it("scopes: a partner manages its own endpoints of its granted clients, a client its client's, an operator all", async () => {
    const [a, b] = [await newTenant(t, "wh-scope-a"), await newTenant(t, "wh-scope-b")];
    const hooks = await receiver();
    const partner1 = await t.token("PARTNER", { clients: [a.clientId], subject: "ats-one" });
    const partner2 = await t.token("PARTNER", { clients: [a.clientId], subject: "ats-two" });
    const { endpoint } = await createEndpoint(partner1, { clientId: a.clientId, url: hooks.url });

    const notGranted = dataOf(await t.gql(CreateWebhookEndpointDocument, { input: { clientId: b.clientId, url: hooks.url } }, partner1)).createWebhookEndpoint;
    expect(notGranted.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "clientId"], "NOT_FOUND"]]);

    const list = async (token: string) => dataOf(await t.gql(WebhookEndpointsDocument, { clientId: a.clientId }, token)).webhookEndpoints.nodes.map((e) => e.id);
    expect(await list(partner1)).toEqual([endpoint.id]);
    expect(await list(partner2)).toEqual([]);
    expect(await list(a.token)).toEqual([endpoint.id]);
    expect(await list(b.token)).toEqual([]);
    expect(await list(await t.token("OPERATOR"))).toEqual([endpoint.id]);

    const update = dataOf(await t.gql(UpdateWebhookEndpointDocument, { input: { webhookEndpointId: endpoint.id, enabled: false } }, partner2)).updateWebhookEndpoint;
    expect(update.userErrors.map((e) => e.code)).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await t.gql(WebhookDeliveriesDocument, { endpointId: endpoint.id }, partner2))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await t.gql(WebhookDeliveriesDocument, { endpointId: endpoint.id }, b.token))).toEqual(["NOT_FOUND"]);

    const noRead = await t.token("CLIENT", { clients: [a.clientId], scopes: DEFAULT_SCOPES.CLIENT.filter((s) => s !== "webhooks:read") });
    expect(errorCodes(await t.gql(WebhookEndpointsDocument, {}, noRead))).toEqual(["FORBIDDEN"]);
    const noWrite = await t.token("CLIENT", { clients: [a.clientId], scopes: DEFAULT_SCOPES.CLIENT.filter((s) => s !== "webhooks:write") });
    expect(errorCodes(await t.gql(CreateWebhookEndpointDocument, { input: { clientId: a.clientId, url: hooks.url } }, noWrite))).toEqual(["FORBIDDEN"]);

    const deleted = dataOf(await t.gql(DeleteWebhookEndpointDocument, { input: { webhookEndpointId: endpoint.id } }, a.token)).deleteWebhookEndpoint;
    expect(deleted).toEqual({ deletedWebhookEndpointId: endpoint.id, userErrors: [] });
    expect(await list(partner1)).toEqual([]);
  });

  it("a rotated secret: the new and the old one both sign for 24 h", async () => {
    const tenant = await newTenant(t, "wh-rotate");
    const hooks = await receiver();
    const { endpoint, secret: old } = await createEndpoint(tenant.token, { clientId: tenant.clientId, url: hooks.url });
    const rotated = dataOf(await t.gql(RotateWebhookSecretDocument, { input: { webhookEndpointId: endpoint.id } }, tenant.token)).rotateWebhookSecret;
    expect(rotated.userErrors).toEqual([]);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(old);
    const expires = Date.parse(rotated.webhookEndpoint!.previousSecretExpiresAt!);
    expect(Math.abs(expires - (Date.now() + 24 * 3_600_000))).toBeLessThan(60_000);

    const worker = await newWorker(t, tenant.clientId);
    await eventually(() => hooks.delivered.some((w) => w.envelope.data.objectId === worker.id), "a webhook after the rotation");
    const webhook = hooks.delivered.find((w) => w.envelope.data.objectId === worker.id)!;
    expect(webhook.headers["webhook-signature"].split(" ")).toHaveLength(2);
    for (const secret of [rotated.secret!, old]) expect(new Webhook(secret).verify(webhook.body, webhook.headers)).toEqual(webhook.envelope);
  });

  it("an endpoint failing the whole retry schedule is disabled with an event and a reason; re-enabled, it resumes at that event", async () => {
    const tenant = await newTenant(t, "wh-disable");
    const hooks = await receiver();
    hooks.respond = () => 500;
    const { endpoint } = await createEndpoint(tenant.token, { clientId: tenant.clientId, url: hooks.url });
    const worker = await newWorker(t, tenant.clientId);
    const disabled = async () => dataOf(await t.gql(WebhookEndpointsDocument, { clientId: tenant.clientId }, tenant.token)).webhookEndpoints.nodes[0];
    await eventually(async () => !(await disabled()).enabled, "the endpoint to be disabled", 25_000, 100);
    const state = await disabled();
    expect(state.disabledReason).toMatch(/^Every delivery attempt failed for .* \(7 attempts of event .*\); last: HTTP 500$/);
    expect(state.disabledAt).not.toBeNull();
    expect(hooks.received).toHaveLength(TEST_WEBHOOK_RETRY_SCHEDULE_MS.length + 1);
    const log = (await deliveries(tenant.token, endpoint.id)).nodes;
    expect(log.map((d) => d.status)).toEqual(log.map(() => "FAILED"));
    expect(log.at(-1)!.nextRetryAt).toBeNull();
    const events = await clientEvents(tenant);
    expect(events.filter((e) => e.objectId === endpoint.id).map((e) => e.type)).toEqual(["webhookEndpoint.created", "webhookEndpoint.disabled"]);

    hooks.respond = () => 200;
    const enabled = dataOf(await t.gql(UpdateWebhookEndpointDocument, { input: { webhookEndpointId: endpoint.id, enabled: true } }, tenant.token)).updateWebhookEndpoint;
    expect(enabled.webhookEndpoint).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });
    await eventually(() => hooks.delivered.length > 0, "the event that failed, after re-enabling");
    expect(hooks.delivered[0].envelope.data.objectId).toBe(worker.id);
  }, 40_000);

  it("refuses a URL that is not http(s), and an unknown endpoint", async () => {
    const tenant = await newTenant(t, "wh-input");
    const bad = dataOf(await t.gql(CreateWebhookEndpointDocument, { input: { clientId: tenant.clientId, url: "ftp://example.com/x" } }, tenant.token)).createWebhookEndpoint;
    expect(bad).toMatchObject({ webhookEndpoint: null, secret: null });
    expect(bad.userErrors.map((e) => [e.field, e.code])).toEqual([[["input", "url"], "INVALID_INPUT"]]);
    const metadata = dataOf(
      await t.gql(CreateWebhookEndpointDocument, { input: { clientId: tenant.clientId, url: "http://169.254.169.254/" } }, tenant.token),
    ).createWebhookEndpoint;
    expect(metadata.userErrors.map((e) => e.message)).toEqual([expect.stringContaining("not a public address")]);
    const unknown = dataOf(await t.gql(RotateWebhookSecretDocument, { input: { webhookEndpointId: tenant.clientId } }, tenant.token)).rotateWebhookSecret;
    expect(unknown.userErrors.map((e) => e.code)).toEqual(["INVALID_ID"]);
  });
});

describe("webhooks in production", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ nodeEnv: "production" });
  });
  afterAll(async () => {
    await t.stop();
  });

  it.each([
    ["http://hooks.example.com/eor", "The URL must be https://"],
    ["https://localhost/eor", "localhost is a loopback name"],
    ["https://127.0.0.1:8443/eor", "127.0.0.1 is a loopback address"],
    ["https://10.1.2.3/eor", "10.1.2.3 is not a public address (private, link-local, metadata or reserved)"],
    ["https://169.254.169.254/latest/meta-data/", "169.254.169.254 is not a public address (private, link-local, metadata or reserved)"],
    ["https://[fd00::1]/eor", "fd00::1 is not a public address (private, link-local, metadata or reserved)"],
  ])("refuses %s", async (url, message) => {
    const tenant = await newTenant(t, "wh-prod");
    const res = dataOf(await t.gql(CreateWebhookEndpointDocument, { input: { clientId: tenant.clientId, url } }, tenant.token)).createWebhookEndpoint;
    expect(res.userErrors).toEqual([{ field: ["input", "url"], code: "INVALID_INPUT", message }]);
  });

  it("accepts an https URL of a public host", async () => {
    const tenant = await newTenant(t, "wh-prod-ok");
    const res = dataOf(
      await t.gql(CreateWebhookEndpointDocument, { input: { clientId: tenant.clientId, url: "https://hooks.example.com/eor" } }, tenant.token),
    ).createWebhookEndpoint;
    expect(res.userErrors).toEqual([]);
    expect(res.webhookEndpoint!.url).toBe("https://hooks.example.com/eor");
  });
});
