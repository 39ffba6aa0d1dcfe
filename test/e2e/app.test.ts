import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { createApp } from "../../src/app";
import { createLogger } from "../../src/logger";
import { createTokenVerifier } from "../../src/auth/tokens";
import { startTestServer, dataOf, TEST_SECRET, type TestServer } from "../support/server";
import { testPiiCipher } from "../support/pii";

/**
 * The composition root (src/app.ts) and its transport (src/server.ts), real: the order in which a node stops, what
 * it leaves open, and the runtime it hands every operation. The database is the shared Postgres one
 * (DATABASE_URL) or a fresh in-memory PGlite.
 */

describe("a node built by createApp and served by startServer", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ sandboxRail: "on" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("hands every operation the app's runtime", async () => {
    const token = await t.token("OPERATOR");
    expect(dataOf(await t.gql("{ viewer { kind } }", {}, token))).toEqual({ viewer: { kind: "OPERATOR" } });
    const principal = await t.app.verifyToken(token);
    const context = t.app.context({ requestId: "r-1", principal });
    expect(context.calculations).toBe(t.app.calculations);
    expect(context.sandbox).toBe(true);
    expect(context.pii).toBe(t.app.pii);
    // The app's database, through a handle of this operation that records whether it may have written (src/db/client.ts).
    await context.db.execute(sql`select 1`);
    expect(context.dbActivity).toEqual({ mayHaveWritten: false }); // a read writes nothing
    expect(t.server.notifier).toBe(t.app.notifier);
  });

  it("stops the transport first, then the calculation queue, then the notifier, once, and leaves a given database open", async () => {
    const order: string[] = [];
    const record = (part: { stop(): Promise<void> }, name: string) => {
      const stop = part.stop.bind(part);
      return vi.spyOn(part, "stop").mockImplementation(async () => {
        order.push(`${name}:start`);
        await stop();
        order.push(`${name}:end`);
      });
    };
    const spies = [record(t.server, "transport"), record(t.app.calculations, "queue"), record(t.app.notifier, "notifier")];

    await Promise.all([t.app.stop(), t.app.stop()]);
    await t.app.stop();

    expect(order).toEqual(["transport:start", "transport:end", "queue:start", "queue:end", "notifier:start", "notifier:end"]);
    for (const spy of spies) expect(spy).toHaveBeenCalledTimes(1);
    await expect(fetch(t.url, { method: "POST" })).rejects.toThrow(); // nothing listens any more
    await expect(t.database.ping()).resolves.toBeUndefined(); // the test's database: the app did not open it
  });
});

describe("createApp without a database", () => {
  it("opens and migrates the database its configuration names, and closes it when it stops", async () => {
    const app = await createApp({
      config: { databaseUrl: process.env.DATABASE_URL, dataDir: "memory://" },
      logger: createLogger("silent"),
      verifyToken: createTokenVerifier({ secret: TEST_SECRET }),
      pii: testPiiCipher(),
      sandboxRailTimer: false,
    });
    try {
      // Migrated: the tables exist.
      await expect(app.database.db.execute(sql`select count(*) from clients`)).resolves.toBeDefined();
      expect(app.sandbox).toBe(app.database.kind === "pglite"); // SANDBOX_RAIL unset
    } finally {
      await app.stop();
    }
    await expect(app.database.ping()).rejects.toThrow();
  });
});
