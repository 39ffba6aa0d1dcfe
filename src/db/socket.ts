/**
 * The TCP connection of every postgres.js client (`postgresClient`), opened with Nagle's algorithm off
 * (TCP_NODELAY), as libpq and node-postgres open theirs. postgres.js opens its own sockets without it: a small
 * message sent while earlier bytes are unacknowledged — a COPY's end after its data, a statement pipelined behind
 * another — then waits for the server's delayed ACK, 40 ms on Linux. Measured on the payroll benchmark: each COPY
 * slept about 40 ms at its end, 80–100 ms per part of a 10,000-engagement run's statements and lines, until this.
 */
import net from "node:net";
import postgres from "postgres";

/** What postgres.js passes to a custom socket's factory (its parsed options; the fields read here). */
interface SocketOptions {
  host: string[];
  port: number[];
  path?: string | false;
}

/** Which host of a multi-host URL each client connects to next (postgres.js's own rotation, which a custom socket replaces). */
const nextHost = new WeakMap<SocketOptions, number>();

/**
 * postgres.js's `socket` option: a socket connecting (not yet connected) to the unix socket `path` or to the next
 * `host:port` in turn. postgres.js writes its first message at once (Node holds it until the connection is made),
 * bounds the connection by its `connect_timeout`, and handles a refused or failed one through the socket's `error`
 * and `close` events — its reconnection included — as for a socket of its own.
 */
export function noDelaySocket(options: SocketOptions): net.Socket {
  if (options.path) return net.connect({ path: options.path });
  const index = nextHost.get(options) ?? 0;
  nextHost.set(options, (index + 1) % options.host.length);
  return net.connect({ host: options.host[index], port: options.port[index] ?? options.port[0], noDelay: true });
}

/** `postgres(url, options)` whose connections are opened by `noDelaySocket` (postgres.js's `socket` option, untyped). */
export function postgresClient(url: string, options: postgres.Options<Record<string, postgres.PostgresType>> = {}) {
  return postgres(url, { ...options, socket: noDelaySocket } as typeof options);
}
