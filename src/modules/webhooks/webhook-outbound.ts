import { BlockList, isIP, type LookupFunction } from "node:net";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";

/**
 * Where a webhook may be sent (SSRF protection). Production: `https://` only, and never to an address that is not
 * public — loopback, private (RFC 1918, IPv6 ULA), link-local (the cloud metadata service 169.254.169.254 among
 * them), CGNAT, "this network", multicast, reserved and documentation ranges, and IPv4 embedded in IPv6. Outside
 * production `http://` and loopback are allowed too, so the sandbox works with a receiver on the developer's
 * machine (`http://localhost:…`); every other non-public range stays refused.
 *
 * The host is resolved when each attempt is made, not only when the endpoint is registered, and the connection is
 * made to the address that was checked: the check runs inside the socket's own `lookup`, so a DNS answer that
 * changes between a check and the connection (DNS rebinding) cannot slip through.
 */
export interface OutboundPolicy {
  allowHttp: boolean;
  allowLoopback: boolean;
}

export function outboundPolicy(nodeEnv: "development" | "production" | "test"): OutboundPolicy {
  return nodeEnv === "production" ? { allowHttp: false, allowLoopback: false } : { allowHttp: true, allowLoopback: true };
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

const NOT_PUBLIC = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // CGNAT
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC.addSubnet(net, bits, "ipv4");
}
for (const [net, bits] of [
  ["::", 128],
  ["64:ff9b::", 96], // NAT64
  ["64:ff9b:1::", 48],
  ["100::", 64], // discard
  ["2001::", 23], // IETF protocol assignments (Teredo…)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4
  ["fc00::", 7], // unique local (fd00::/8)
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local
  ["ff00::", 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(net, bits, "ipv6");
}

/** Why a resolved address may not be called (null: it may). */
export function forbiddenAddressReason(address: string, policy: OutboundPolicy): string | null {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  if (family === 6) {
    // IPv4-mapped / compatible (::ffff:10.0.0.1): judged as the IPv4 address it carries.
    const mapped = /^::(?:ffff:(?:0:)?)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return forbiddenAddressReason(mapped[1], policy);
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
    if (hex) {
      const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
      return forbiddenAddressReason(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, policy);
    }
  }
  const type = family === 4 ? "ipv4" : "ipv6";
  if (LOOPBACK.check(address, type)) return policy.allowLoopback ? null : `${address} is a loopback address`;
  if (NOT_PUBLIC.check(address, type)) return `${address} is not a public address (private, link-local, metadata or reserved)`;
  return null;
}

const MAX_URL_LENGTH = 2_000;

/** What is wrong with a webhook URL before any resolution (null: nothing); the same check at registration and at each attempt. */
export function webhookUrlProblem(raw: string, policy: OutboundPolicy): string | null {
  if (raw.length > MAX_URL_LENGTH) return `The URL must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Not an absolute URL";
  }
  if (url.protocol !== "https:" && !(policy.allowHttp && url.protocol === "http:")) return policy.allowHttp ? "The URL must be http(s)://" : "The URL must be https://";
  if (url.username || url.password) return "The URL must not carry credentials";
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "") return "The URL has no host";
  if (isIP(host)) return forbiddenAddressReason(host, policy);
  if (!policy.allowLoopback && (host === "localhost" || host.endsWith(".localhost"))) return `${host} is a loopback name`;
  return null;
}

export class ForbiddenAddressError extends Error {
  readonly code = "EWEBHOOKFORBIDDEN";
}

/**
 * The socket's `lookup`: resolves the host and refuses the connection when ANY of its addresses is forbidden (so a
 * name with one public and one private address cannot be used to reach the private one), then connects to the
 * checked addresses only.
 */
export function guardedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const forbidden = addresses.map((a) => forbiddenAddressReason(a.address, policy)).find((reason) => reason !== null);
      if (forbidden || addresses.length === 0) return callback(new ForbiddenAddressError(`refused: ${forbidden ?? `${hostname} has no address`}`), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** One attempt's outcome. */
export interface PostOutcome {
  ok: boolean;
  httpStatus: number | null;
  latencyMs: number;
  /** Why it failed (no response body, no URL): null on success. */
  error: string | null;
}

/** A response body is read up to this many bytes, then the connection is dropped. */
export const MAX_RESPONSE_BYTES = 4_096;
/** A 2xx within this time is a success; anything slower is a failure (and is retried). */
export const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * POSTs one webhook: no redirect followed (a 3xx is a failure), a hard timeout on the whole exchange, at most
 * `MAX_RESPONSE_BYTES` of the answer read, a fresh connection (no pooled socket resolved earlier).
 */
export function postWebhook(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  policy: OutboundPolicy,
  timeoutMs = DELIVERY_TIMEOUT_MS,
  /** Aborts the attempt when the server stops (it is recorded as failed and retried). */
  stopping?: AbortSignal,
): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const problem = webhookUrlProblem(rawUrl, policy);
  if (problem) return Promise.resolve({ ok: false, httpStatus: null, latencyMs: 0, error: problem.startsWith("refused") ? problem : `refused: ${problem}` });
  const url = new URL(rawUrl);
  const send = url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (httpStatus: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      const ok = error === null && httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
      const why = error ?? (ok ? null : httpStatus !== null && httpStatus >= 300 && httpStatus < 400 ? `HTTP ${httpStatus} (redirects are not followed)` : `HTTP ${httpStatus}`);
      resolve({ ok, httpStatus, latencyMs: elapsed(), error: why });
    };
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = stopping ? AbortSignal.any([timeout, stopping]) : timeout;
    const request = send(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup(policy),
        agent: false,
        signal,
      },
      (response) => {
        // The status decides (a 2xx within the timeout is a success); the body is read up to the limit and dropped.
        finish(response.statusCode ?? null, null);
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read >= MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on("error", () => {});
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (stopping?.aborted) finish(null, "interrupted: the server stopped");
      else if (signal.aborted) finish(null, `timeout: no answer within ${timeoutMs / 1000} s`);
      else if (error instanceof ForbiddenAddressError) finish(null, error.message);
      else finish(null, `connection failed: ${error.code ?? error.name}`);
    });
    request.end(body);
  });
}
