import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, asc } from "drizzle-orm";
import { startTestServer, type TestServer } from "../support/server";
import { newClient } from "../support/factories";
import { parseGlobalId } from "../../src/shared/global-id";
import { newId } from "../../src/shared/ids";
import { recordEvent, recordEvents, type EventInput } from "../../src/modules/events/event.repository";
import { events } from "../../src/db/schema";

/** recordEvents (an approval's remittances) reserves one gapless run of sequence numbers per client. */
let t: TestServer;
let clientA: string;
let clientB: string;

beforeAll(async () => {
  t = await startTestServer();
  const create = async () => parseGlobalId(await newClient(t, "events"), "Client")!;
  clientA = await create();
  clientB = await create();
});
afterAll(() => t.stop());

const event = (clientId: string, n: number): EventInput => ({
  clientId,
  type: "remittance.created",
  objectType: "Remittance",
  objectId: newId(),
  actor: { kind: "SYSTEM", id: "test" },
  after: { n },
});

describe("recordEvents", () => {
  it("numbers a batch consecutively per client, after the events already recorded, in the order given", async () => {
    const seqs = await t.database.db.transaction(async (tx) => {
      const first = await recordEvent(tx, event(clientA, 0));
      const batch = await recordEvents(tx, [event(clientA, 1), event(clientB, 1), event(clientA, 2), event(clientA, 3), event(clientB, 2)]);
      return { first: first.seq, batch };
    });
    // clientA's sequence starts after client.created (seq 1): 2 for the single event, then 3, 4, 5; clientB: 2, 3.
    expect(seqs).toEqual({ first: 2, batch: [3, 2, 4, 5, 3] });

    const rows = await t.database.db.select({ seq: events.seq, after: events.after }).from(events).where(eq(events.clientId, clientA)).orderBy(asc(events.seq));
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.slice(1).map((r) => (r.after as { n: number }).n)).toEqual([0, 1, 2, 3]);
  });

  it("rolls back with its transaction, leaving no gap in the sequence", async () => {
    await expect(
      t.database.db.transaction(async (tx) => {
        await recordEvents(tx, [event(clientB, 9), event(clientB, 10)]);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    const [{ seq }] = await t.database.db.transaction((tx) => recordEvents(tx, [event(clientB, 11)]).then((s) => [{ seq: s[0] }]));
    expect(seq).toBe(4);
  });
});
