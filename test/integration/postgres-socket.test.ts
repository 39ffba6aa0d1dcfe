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

describe("noDelaySocket: the postgres.js connections' sockets", () => {
  afterEach(() => vi.restoreAllMocks());

  it("connects with Nagle's algorithm off (TCP_NODELAY)", async () => {
    const server = await listening();
    const connect = vi.spyOn(net, "connect");
    const socket = await noDelaySocket({ host: ["127.0.0.1"], port: [server.port], connect_timeout: 2 });
    expect(socket.remotePort).toBe(server.port);
    expect(connect).toHaveBeenCalledWith(expect.objectContaining({ host: "127.0.0.1", port: server.port, noDelay: true }));
    socket.destroy();
    await server.close();
  });

  it("tries each host in turn and connects to the first that accepts", async () => {
    const refused = await closedPort();
    const server = await listening();
    const socket = await noDelaySocket({ host: ["127.0.0.1", "127.0.0.1"], port: [refused, server.port], connect_timeout: 2 });
    expect(socket.remotePort).toBe(server.port);
    socket.destroy();
    await server.close();
  });

  it("rejects with the socket's error when no host accepts: the database was never reached", async () => {
    const refused = await closedPort();
    const error = await noDelaySocket({ host: ["127.0.0.1"], port: [refused], connect_timeout: 2 }).catch((e: unknown) => e);
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

  it("fails a statement with an 'unavailable' error when the server refuses the connection", async () => {
    const url = new URL(databaseUrl!);
    url.port = String(await closedPort());
    const sql = postgresClient(url.toString(), { max: 1, onnotice: () => {}, connect_timeout: 2 });
    try {
      const error = await sql`select 1`.catch((e: unknown) => e);
      expect(classifyDatabaseError(error)).toBe("unavailable");
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});
