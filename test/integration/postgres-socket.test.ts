import { afterEach, describe, expect, it, vi } from "vitest";
import net from "node:net";
import { noDelaySocket, postgresClient } from "../../src/db/socket";
import { classifyDatabaseError, neverReachedDatabase } from "../../src/db/availability";

const databaseUrl = process.env.DATABASE_URL;

/** A local TCP server that accepts connections; its port, and how to close it. */
async function listening(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = await listening();
  await server.close();
  return server.port;
}

/** Resolves when `socket` connects, rejects with its error. */
function connected(socket: net.Socket): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("error", reject);
  });
}

describe("noDelaySocket: the postgres.js connections' sockets", () => {
  afterEach(() => vi.restoreAllMocks());

  it("connects with Nagle's algorithm off (TCP_NODELAY)", async () => {
    const server = await listening();
    const connect = vi.spyOn(net, "connect");
    const socket = await connected(noDelaySocket({ host: ["127.0.0.1"], port: [server.port] }));
    expect(socket.remotePort).toBe(server.port);
    expect(connect).toHaveBeenCalledWith(expect.objectContaining({ host: "127.0.0.1", port: server.port, noDelay: true }));
    socket.destroy();
    await server.close();
  });

  it("takes the hosts of a multi-host URL in turn, one connection after another", async () => {
    const first = await listening();
    const second = await listening();
    const options = { host: ["127.0.0.1", "127.0.0.1"], port: [first.port, second.port] };
    const ports: number[] = [];
    for (let i = 0; i < 3; i++) {
      const socket = await connected(noDelaySocket(options));
      ports.push(socket.remotePort!);
      socket.destroy();
    }
    expect(ports).toEqual([first.port, second.port, first.port]);
    await first.close();
    await second.close();
  });

  it("reports a refused connection on the socket (postgres.js's error and reconnection path): the database was never reached", async () => {
    const refused = await closedPort();
    const error = await connected(noDelaySocket({ host: ["127.0.0.1"], port: [refused] })).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe("ECONNREFUSED");
    expect(neverReachedDatabase(error)).toBe(true);
  });
});

describe.skipIf(!databaseUrl)("postgresClient", () => {
  it("answers statements over its own sockets", async () => {
    const sql = postgresClient(databaseUrl!, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql`select 41 + 1 as answer`;
      expect(row.answer).toBe(42);
    } finally {
      await sql.end({ timeout: 5 });
    }
  });

  it("fails a statement with an 'unavailable' error when the server refuses the connection, and answers once it listens", async () => {
    const target = new URL(databaseUrl!);
    const url = new URL(databaseUrl!);
    const port = await closedPort();
    url.port = String(port);
    const sql = postgresClient(url.toString(), { max: 1, onnotice: () => {}, connect_timeout: 2, backoff: () => 0 });
    // Then a forwarder to the real server starts on that port: the same client connects again, as postgres.js's own sockets do.
    const links: net.Socket[] = [];
    const forwarder = net.createServer((client) => {
      const upstream = net.connect({ host: target.hostname, port: Number(target.port || 5432) });
      links.push(client, upstream);
      client.pipe(upstream).pipe(client);
    });
    try {
      const error = await sql`select 1`.catch((e: unknown) => e);
      expect(classifyDatabaseError(error)).toBe("unavailable");
      await new Promise<void>((resolve) => forwarder.listen(port, "127.0.0.1", resolve));
      const [row] = await sql`select 2 as two`;
      expect(row.two).toBe(2);
    } finally {
      await sql.end({ timeout: 1 });
      for (const link of links) link.destroy();
      await new Promise((resolve) => forwarder.close(resolve));
    }
  });
});
