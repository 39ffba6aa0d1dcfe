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
  connect_timeout?: number;
}

/** An error with the code postgres.js gives a connection not opened in time (db/availability.ts reads it). */
class ConnectTimeoutError extends Error {
  readonly code = "CONNECT_TIMEOUT";
  constructor(where: string, seconds: number) {
    super(`write CONNECT_TIMEOUT ${where}: no connection within ${seconds} s`);
  }
}

/** One connection attempt: resolves with the connected socket, rejects with the socket's error or CONNECT_TIMEOUT. */
function connectOnce(target: { path: string } | { host: string; port: number }, timeoutSeconds: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = "path" in target ? net.connect({ path: target.path }) : net.connect({ host: target.host, port: target.port, noDelay: true });
    const where = "path" in target ? target.path : `${target.host}:${target.port}`;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ConnectTimeoutError(where, timeoutSeconds));
    }, timeoutSeconds * 1000);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.removeAllListeners("error");
      resolve(socket);
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

/**
 * postgres.js's `socket` option: connects to the unix socket `path`, or to each `host:port` in turn until one
 * accepts (the last error is thrown), each attempt bounded by `connect_timeout` (30 s when unset, as postgres.js).
 */
export async function noDelaySocket(options: SocketOptions): Promise<net.Socket> {
  const timeout = options.connect_timeout ?? 30;
  if (options.path) return connectOnce({ path: options.path }, timeout);
  let last: unknown = new Error("No database host to connect to");
  for (let i = 0; i < options.host.length; i++) {
    try {
      return await connectOnce({ host: options.host[i], port: options.port[i] ?? options.port[0] }, timeout);
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

/** `postgres(url, options)` whose connections are opened by `noDelaySocket` (postgres.js's `socket` option, untyped). */
export function postgresClient(url: string, options: postgres.Options<Record<string, postgres.PostgresType>> = {}) {
  return postgres(url, { ...options, socket: noDelaySocket } as typeof options);
}
