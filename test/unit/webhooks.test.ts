import { describe, expect, it } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { generateWebhookSecret, signatureHeader } from "../../src/modules/webhooks/webhook-signature";
import { forbiddenAddressReason, guardedLookup, outboundPolicy, postWebhook, webhookUrlProblem } from "../../src/modules/webhooks/webhook-outbound";
import { DEFAULT_RETRY_SCHEDULE_MS, retryDelayMs, scheduleSpanMs } from "../../src/modules/webhooks/webhook-retry";
import { endpointOwner, isDeliverable, toEnvelope } from "../../src/modules/webhooks/webhook-envelope";
import { ConfigError, loadConfig, parseRetrySchedule } from "../../src/config";
import type { ClientEventRow } from "../../src/modules/events/event.repository";

const production = outboundPolicy("production");
const development = outboundPolicy("development");

describe("signatures (Standard Webhooks)", () => {
  const body = JSON.stringify({ id: "evt_x", type: "worker.created", data: { a: 1 } });
  const now = () => Math.floor(Date.now() / 1000);

  it("a secret is whsec_ and base64 of 32 random bytes, different each time", () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it("the reference library verifies our signature, and refuses it under another secret or for another body", () => {
    const secret = generateWebhookSecret();
    const ts = now();
    const headers = { "webhook-id": "evt_x", "webhook-timestamp": String(ts), "webhook-signature": signatureHeader("evt_x", ts, body, [secret]) };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow(/signature/i);
    expect(() => new Webhook(secret).verify(body.replace("1", "2"), headers)).toThrow(/signature/i);
  });

  it("during a rotation both secrets sign: a receiver holding either one verifies", () => {
    const [next, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const ts = now();
    const header = signatureHeader("evt_y", ts, body, [next, previous]);
    expect(header.split(" ")).toHaveLength(2);
    for (const secret of [next, previous]) {
      expect(new Webhook(secret).verify(body, { "webhook-id": "evt_y", "webhook-timestamp": String(ts), "webhook-signature": header })).toEqual(JSON.parse(body));
    }
  });
});

describe("outbound addresses", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["::1", "loopback"],
    ["0.0.0.0", "not a public"],
    ["10.1.2.3", "not a public"],
    ["172.16.0.1", "not a public"],
    ["172.31.255.255", "not a public"],
    ["192.168.1.1", "not a public"],
    ["169.254.169.254", "not a public"],
    ["100.64.0.1", "not a public"],
    ["224.0.0.1", "not a public"],
    ["255.255.255.255", "not a public"],
    ["fd00::1", "not a public"],
    ["fc00::1", "not a public"],
    ["fe80::1", "not a public"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:169.254.169.254", "not a public"],
    ["::ffff:a9fe:a9fe", "not a public"],
    ["::", "not a public"],
  ])("production refuses %s (%s)", (address, why) => {
    expect(forbiddenAddressReason(address, production)).toContain(why);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111"])("production allows the public address %s", (address) => {
    expect(forbiddenAddressReason(address, production)).toBeNull();
  });

  it("outside production loopback is allowed, every other non-public range is still refused", () => {
    expect(forbiddenAddressReason("127.0.0.1", development)).toBeNull();
    expect(forbiddenAddressReason("::1", development)).toBeNull();
    expect(forbiddenAddressReason("169.254.169.254", development)).toContain("not a public");
    expect(forbiddenAddressReason("10.0.0.1", development)).toContain("not a public");
  });

  it("URLs: production takes https to a public host only; development also http and localhost", () => {
    expect(webhookUrlProblem("https://hooks.example.com/eor", production)).toBeNull();
    expect(webhookUrlProblem("http://hooks.example.com/eor", production)).toBe("The URL must be https://");
    expect(webhookUrlProblem("https://localhost/x", production)).toContain("loopback");
    expect(webhookUrlProblem("https://127.0.0.1/x", production)).toContain("loopback");
    expect(webhookUrlProblem("https://[::1]/x", production)).toContain("loopback");
    expect(webhookUrlProblem("https://10.0.0.8/x", production)).toContain("not a public");
    expect(webhookUrlProblem("https://169.254.169.254/latest/meta-data", production)).toContain("not a public");
    expect(webhookUrlProblem("https://user:pw@hooks.example.com/", production)).toContain("credentials");
    expect(webhookUrlProblem("ftp://hooks.example.com/", development)).toBe("The URL must be http(s)://");
    expect(webhookUrlProblem("not a url", development)).toBe("Not an absolute URL");
    expect(webhookUrlProblem("http://localhost:3000/hooks", development)).toBeNull();
    expect(webhookUrlProblem("http://169.254.169.254/", development)).toContain("not a public");
  });

  it("the socket's lookup refuses a name that resolves to a forbidden address (checked at connection time)", async () => {
    const lookup = guardedLookup(production);
    const refused = await new Promise<Error | null>((resolve) => lookup("localhost", { all: true }, (error) => resolve(error)));
    expect(refused?.message).toMatch(/^refused: .*loopback/);
    const allowed = await new Promise<unknown>((resolve) => guardedLookup(development)("localhost", { all: true }, (error, addresses) => resolve(error ?? addresses)));
    expect(allowed).toEqual(expect.arrayContaining([expect.objectContaining({ address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) })]));
  });

  it("at delivery time production refuses a loopback receiver without connecting; development reaches it", async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const refused = await postWebhook(`http://127.0.0.1:${port}/`, {}, "{}", production);
      expect(refused).toMatchObject({ ok: false, httpStatus: null });
      expect(refused.error).toMatch(/^refused: /);
      expect(requests).toBe(0);
      const delivered = await postWebhook(`http://127.0.0.1:${port}/`, {}, "{}", development);
      expect(delivered).toMatchObject({ ok: true, httpStatus: 204, error: null });
      expect(requests).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("a redirect is not followed and counts as a failure; a receiver slower than the timeout fails", async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? "");
      if (req.url === "/redirect") res.writeHead(302, { location: "/target" }).end();
      // "/slow" never answers
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await postWebhook(`${base}/redirect`, {}, "{}", development)).toMatchObject({ ok: false, httpStatus: 302, error: "HTTP 302 (redirects are not followed)" });
      const slow = await postWebhook(`${base}/slow`, {}, "{}", development, 200);
      expect(slow).toMatchObject({ ok: false, httpStatus: null });
      expect(slow.error).toMatch(/^timeout/);
      expect(hits).toEqual(["/redirect", "/slow"]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("retry schedule", () => {
  it("the default retries first within 10 s, backs off, and spans at least 72 hours", () => {
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE_MS, 1)).toBeLessThanOrEqual(10_000);
    for (let i = 1; i < DEFAULT_RETRY_SCHEDULE_MS.length; i++) expect(DEFAULT_RETRY_SCHEDULE_MS[i]).toBeGreaterThanOrEqual(DEFAULT_RETRY_SCHEDULE_MS[i - 1]);
    expect(scheduleSpanMs(DEFAULT_RETRY_SCHEDULE_MS)).toBeGreaterThanOrEqual(72 * 3_600_000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE_MS, DEFAULT_RETRY_SCHEDULE_MS.length + 1)).toBeNull();
  });

  it("WEBHOOK_RETRY_SCHEDULE is read as delays with units", () => {
    expect(parseRetrySchedule("1s,2s,5s")).toEqual([1000, 2000, 5000]);
    expect(parseRetrySchedule("5s, 5m, 2h, 1d")).toEqual([5000, 300_000, 7_200_000, 86_400_000]);
    expect(parseRetrySchedule("1s,,2s")).toBeNull();
    expect(parseRetrySchedule("fast")).toBeNull();
    expect(loadConfig({ WEBHOOK_RETRY_SCHEDULE: "1s,2s,5s" }).webhookRetryScheduleMs).toEqual([1000, 2000, 5000]);
    expect(loadConfig({}).webhookRetryScheduleMs).toBeUndefined();
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE: "soon" })).toThrow(ConfigError);
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE: "soon" })).toThrow(/WEBHOOK_RETRY_SCHEDULE must be 1-20 comma-separated delays/);
  });
});

describe("envelope", () => {
  const clientId = "0190a000-0000-7000-8000-000000000001";
  const row: ClientEventRow = {
    id: 42,
    clientId,
    seq: 7,
    type: "worker.updated",
    objectType: "Worker",
    objectId: "0190a000-0000-7000-8000-000000000002",
    actorKind: "PARTNER",
    actorId: "ats-1",
    occurredAt: new Date("2026-03-01T10:00:00Z"),
    before: { status: "ACTIVE", taxId: "123-45-6789" },
    after: { status: "INACTIVE", taxId: "123-45-6789", changed: ["taxId"] },
  };

  it("holds the Event fields only: no snapshot, so no tax id", () => {
    const envelope = toEnvelope(row);
    expect(envelope).toMatchObject({
      type: "worker.updated",
      occurredAt: "2026-03-01T10:00:00.000Z",
      data: { objectType: "Worker", status: "INACTIVE", previousStatus: "ACTIVE" },
    });
    expect(envelope.id).toBe(`evt_${envelope.cursor}`);
    expect(JSON.stringify(envelope)).not.toContain("6789");
  });

  it("goes to the endpoint's own client only, for the types it took, and objects its owner may read", () => {
    const owner = (scopes: string[], clients = [clientId]) => endpointOwner({ ownerRole: "PARTNER", ownerSubject: "ats-1", ownerScopes: scopes, ownerClientIds: clients });
    const endpoint = { clientId, eventTypes: [] as string[] };
    expect(isDeliverable(row, endpoint, owner(["workers:read"]))).toBe(true);
    expect(isDeliverable(row, endpoint, owner(["payroll:read"]))).toBe(false);
    expect(isDeliverable(row, { ...endpoint, eventTypes: ["worker.created"] }, owner(["workers:read"]))).toBe(false);
    expect(isDeliverable({ ...row, clientId: "0190a000-0000-7000-8000-000000000009" }, endpoint, owner(["workers:read"]))).toBe(false);
    expect(isDeliverable(row, endpoint, owner(["workers:read"], []))).toBe(false);
  });
});
