import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { startTestServer, dataOf, errorCodes, type TestServer } from "../support/server";
import { hire, newPaySchedule, newTenant as newTenantOf, newWorker } from "../support/factories";
import { EngagementTimeEntriesDocument, RecordTimeEntriesDocument, type TimeEntryInput } from "../generated/graphql";
import { events } from "../../src/modules/events/event.table";
import { timeEntries } from "../../src/modules/time-entries/time-entry.table";
import { parseGlobalId, toGlobalId } from "../../src/shared/global-id";

/**
 * recordTimeEntries and Engagement.timeEntries over a real server (Postgres or PGlite): idempotent upserts, one
 * statement for the batch, per-entry userErrors with the entry's index while the valid entries are saved, the
 * 1,000-entry limit, scopes, and tenant isolation.
 */
let t: TestServer;

interface Tenant {
  clientId: string;
  token: string;
  engagementId: string; // hourly, from 2026-01-05, open-ended
  endedEngagementId: string; // 2026-01-05 to 2026-01-31
}
let A: Tenant;
let B: Tenant;

const MISSING_ENGAGEMENT = toGlobalId("Engagement", "01890000-0000-7000-8000-000000000000");

async function newTenant(): Promise<Tenant> {
  const { clientId, token } = await newTenantOf(t, "te-client");
  const schedule = await newPaySchedule(t, clientId, { periodsAhead: 4 });
  const hourly = async (endDate: string | null) => {
    const worker = await newWorker(t, clientId, { legalFirstName: "Hourly", legalLastName: "Worker" });
    const engagement = await hire(t, worker.id, {
      title: "Technician",
      endDate,
      compensation: { basis: "HOURLY", amount: { amount: "40.00", currency: "USD" } },
      payScheduleId: schedule.id,
    });
    return engagement.id;
  };
  return { clientId, token, engagementId: await hourly(null), endedEngagementId: await hourly("2026-01-31") };
}

beforeAll(async () => {
  t = await startTestServer();
  A = await newTenant();
  B = await newTenant();
});
afterAll(() => t.stop());

async function record(entries: TimeEntryInput[], token = A.token) {
  return dataOf(await t.gql(RecordTimeEntriesDocument, { input: { entries } }, token)).recordTimeEntries;
}

async function entriesOf(engagementId: string, from = "2026-01-01", to = "2026-12-31", token = A.token, type?: "REGULAR" | "OVERTIME" | "PTO") {
  return t.gql(EngagementTimeEntriesDocument, { id: engagementId, from, to, type }, token);
}

function listOf(res: Awaited<ReturnType<typeof entriesOf>>) {
  const node = dataOf(res).node;
  if (node?.__typename !== "Engagement") throw new Error("not an engagement");
  return node.timeEntries!;
}

describe("recordTimeEntries", () => {
  it("stores entries, and the same call twice changes nothing the second time", async () => {
    const entries: TimeEntryInput[] = [
      { engagementId: A.engagementId, date: "2026-01-05", hours: "8", type: "REGULAR" },
      { engagementId: A.engagementId, date: "2026-01-05", hours: "1.5", type: "OVERTIME" },
      { engagementId: A.engagementId, date: "2026-01-06", hours: "7.25", type: "PTO" },
    ];
    const first = await record(entries);
    expect(first.userErrors).toEqual([]);
    expect(first.changedCount).toBe(3);
    expect(first.timeEntries!.map((e) => [e.date, e.type, e.hours, e.engagement!.id])).toEqual([
      ["2026-01-05", "REGULAR", "8.00", A.engagementId],
      ["2026-01-05", "OVERTIME", "1.50", A.engagementId],
      ["2026-01-06", "PTO", "7.25", A.engagementId],
    ]);

    const engagementDbId = parseGlobalId(A.engagementId, "Engagement")!;
    const eventsBefore = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.objectId, engagementDbId), eq(events.type, "engagement.timeEntriesRecorded")));
    expect(eventsBefore).toHaveLength(1);
    expect((eventsBefore[0].after as { entries: unknown[] }).entries).toHaveLength(3);

    const second = await record(entries);
    expect(second.userErrors).toEqual([]);
    expect(second.changedCount).toBe(0);
    expect(second.timeEntries!.map((e) => [e.hours, e.updatedAt])).toEqual(first.timeEntries!.map((e) => [e.hours, e.updatedAt]));
    const eventsAfter = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.objectId, engagementDbId), eq(events.type, "engagement.timeEntriesRecorded")));
    expect(eventsAfter).toHaveLength(1); // no change, no event
    const rows = await t.database.db.select().from(timeEntries).where(eq(timeEntries.engagementId, engagementDbId));
    expect(rows).toHaveLength(3);
  });

  it("replaces the hours of an existing entry, recording the previous hours on the event", async () => {
    await record([{ engagementId: A.engagementId, date: "2026-01-07", hours: "8", type: "REGULAR" }]);
    const res = await record([
      { engagementId: A.engagementId, date: "2026-01-07", hours: "6.5", type: "REGULAR" },
      { engagementId: A.engagementId, date: "2026-01-07", hours: "0", type: "PTO" },
    ]);
    expect(res.userErrors).toEqual([]);
    expect(res.changedCount).toBe(2);
    expect(res.timeEntries!.map((e) => e.hours)).toEqual(["6.50", "0.00"]);
    const list = listOf(await entriesOf(A.engagementId, "2026-01-07", "2026-01-07"));
    expect(list.map((e) => [e.type, e.hours])).toEqual([
      ["REGULAR", "6.50"],
      ["PTO", "0.00"],
    ]);
    const [last] = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.objectId, parseGlobalId(A.engagementId, "Engagement")!), eq(events.type, "engagement.timeEntriesRecorded")))
      .orderBy(events.id)
      .then((rows) => rows.slice(-1));
    expect((last.after as { entries: unknown[] }).entries).toContainEqual({ date: "2026-01-07", type: "REGULAR", hours: "6.50", previousHours: "8.00" });
  });

  it("100 racing calls for one engagement-day: each event's previousHours is the hours of the event before it", async () => {
    const day = "2026-06-01";
    const hours = Array.from({ length: 100 }, (_, i) => (1 + i / 100).toFixed(2)); // 1.00 … 1.99, all different
    // 20 calls in flight at any moment: the test server's 5 connections each hold a transaction racing for the
    // engagement-day, the others wait for a connection. (All 100 at once would race no more in the database, only
    // queue longer at the gate; on a loaded CI machine the last ones waited past its 5 s bound and were refused
    // SERVICE_UNAVAILABLE, the back-pressure that bound exists for.)
    const results: Awaited<ReturnType<typeof record>>[] = [];
    let next = 0;
    const caller = async () => {
      for (let i = next++; i < hours.length; i = next++) results[i] = await record([{ engagementId: A.engagementId, date: day, hours: hours[i], type: "OVERTIME" }]);
    };
    await Promise.all(Array.from({ length: 20 }, caller));
    expect(results).toHaveLength(100);
    for (const res of results) expect(res.userErrors).toEqual([]);
    expect(results.reduce((n, r) => n + r.changedCount, 0)).toBe(100);

    const recorded = await t.database.db
      .select({ seq: events.seq, after: events.after })
      .from(events)
      .where(and(eq(events.objectId, parseGlobalId(A.engagementId, "Engagement")!), eq(events.type, "engagement.timeEntriesRecorded")))
      .orderBy(events.seq);
    type Link = { date: string; type: string; hours: string; previousHours: string | null };
    const chain = recorded.flatMap((e) => (e.after as { entries: Link[] }).entries.filter((x) => x.date === day && x.type === "OVERTIME"));
    expect(chain).toHaveLength(100);
    expect(chain[0].previousHours).toBeNull();
    const broken = chain.filter((link, i) => i > 0 && link.previousHours !== chain[i - 1].hours);
    expect(broken).toEqual([]);
    expect(chain.map((l) => l.hours).sort()).toEqual(hours);
    expect(listOf(await entriesOf(A.engagementId, day, day, A.token, "OVERTIME")).map((e) => e.hours)).toEqual([chain[99].hours]);
  });

  it("answers every bad entry with its index and field, and saves the valid ones", async () => {
    const res = await record([
      { engagementId: A.engagementId, date: "2026-02-02", hours: "8", type: "REGULAR" }, // valid
      { engagementId: "not-an-id", date: "2026-02-02", hours: "8", type: "REGULAR" },
      { engagementId: MISSING_ENGAGEMENT, date: "2026-02-02", hours: "8", type: "REGULAR" },
      { engagementId: B.engagementId, date: "2026-02-02", hours: "8", type: "REGULAR" }, // another tenant's
      { engagementId: A.engagementId, date: "2026-02-03", hours: "25", type: "REGULAR" },
      { engagementId: A.engagementId, date: "2026-02-03", hours: "7.555", type: "OVERTIME" },
      { engagementId: A.engagementId, date: "2026-02-03", hours: "24.01", type: "PTO" },
      { engagementId: A.endedEngagementId, date: "2026-02-02", hours: "8", type: "REGULAR" }, // after its end
      { engagementId: A.engagementId, date: "2026-01-04", hours: "8", type: "REGULAR" }, // before its start
      { engagementId: A.engagementId, date: "2026-02-02", hours: "4", type: "REGULAR" }, // duplicate of entry 0
      { engagementId: A.engagementId, date: "2026-02-04", hours: "24", type: "REGULAR" }, // valid (the maximum)
    ]);
    expect(res.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([
      ["input.entries.1.engagementId", "INVALID_ID"],
      ["input.entries.2.engagementId", "NOT_FOUND"],
      ["input.entries.3.engagementId", "NOT_FOUND"],
      ["input.entries.4.hours", "INVALID_INPUT"],
      ["input.entries.5.hours", "INVALID_INPUT"],
      ["input.entries.6.hours", "INVALID_INPUT"],
      ["input.entries.7.date", "WORK_DATE_OUT_OF_RANGE"],
      ["input.entries.8.date", "WORK_DATE_OUT_OF_RANGE"],
      ["input.entries.9", "INVALID_INPUT"],
    ]);
    expect(res.changedCount).toBe(2);
    expect(res.timeEntries!.map((e) => [e.date, e.hours])).toEqual([
      ["2026-02-02", "8.00"],
      ["2026-02-04", "24.00"],
    ]);
    expect(listOf(await entriesOf(A.engagementId, "2026-02-02", "2026-02-04")).map((e) => [e.date, e.type, e.hours])).toEqual([
      ["2026-02-02", "REGULAR", "8.00"],
      ["2026-02-04", "REGULAR", "24.00"],
    ]);
    // B's engagement got nothing.
    expect(listOf(await entriesOf(B.engagementId, "2026-02-02", "2026-02-02", B.token))).toEqual([]);
  });

  it("takes 100 entries in one call with one write statement, and refuses 101 (TOO_MANY_TIME_ENTRIES)", async () => {
    const entries: TimeEntryInput[] = [];
    for (let day = 0; entries.length < 100; day++) {
      const date = new Date(Date.UTC(2026, 2, 1) + day * 86_400_000).toISOString().slice(0, 10);
      for (const type of ["REGULAR", "OVERTIME", "PTO"] as const) if (entries.length < 100) entries.push({ engagementId: A.engagementId, date, hours: "1", type });
    }
    const before = t.database.statements.count;
    const res = await record(entries);
    const statements = t.database.statements.count - before;
    expect(res.userErrors).toEqual([]);
    expect(res.changedCount).toBe(100);
    expect(res.timeEntries).toHaveLength(100);
    // engagement loader + compensation histories (the salaried check) + the engagement-days' locks + existing rows
    // + ONE upsert + the event (sequence + insert): no statement per entry.
    expect(statements).toBeLessThanOrEqual(8);

    const tooMany = await record([...entries, { engagementId: A.engagementId, date: "2027-06-01", hours: "1", type: "REGULAR" }]);
    expect(tooMany.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([["input.entries", "TOO_MANY_TIME_ENTRIES"]]);
    expect(tooMany.timeEntries).toEqual([]);
    expect(listOf(await entriesOf(A.engagementId, "2027-06-01", "2027-06-01"))).toEqual([]);
  });

  it("keeps at most 3 entries per engagement and day: one per type, a fourth of the same day replaces one", async () => {
    const day = "2026-05-04";
    const three = await record((["REGULAR", "OVERTIME", "PTO"] as const).map((type) => ({ engagementId: A.engagementId, date: day, hours: "2", type })));
    expect(three.userErrors).toEqual([]);
    expect(three.changedCount).toBe(3);
    const again = await record([{ engagementId: A.engagementId, date: day, hours: "5", type: "REGULAR" }]);
    expect(again.userErrors).toEqual([]);
    expect(listOf(await entriesOf(A.engagementId, day, day)).map((e) => [e.type, e.hours])).toEqual([
      ["REGULAR", "5.00"],
      ["OVERTIME", "2.00"],
      ["PTO", "2.00"],
    ]);
  });

  it("refuses hours (PTO included) on the days a salaried engagement is salaried (SALARIED_ENGAGEMENT)", async () => {
    const { clientId, token } = await newTenantOf(t, "te-client");
    const schedule = await newPaySchedule(t, clientId, { periodsAhead: 2 });
    const worker = await newWorker(t, clientId, { legalFirstName: "Salaried", legalLastName: "Worker" });
    const salaried = await hire(t, worker.id, { title: "Analyst", payScheduleId: schedule.id }); // the factory's SALARY compensation
    const res = await record(
      [
        { engagementId: salaried.id, date: "2026-01-06", hours: "8", type: "REGULAR" },
        { engagementId: salaried.id, date: "2026-01-06", hours: "2", type: "OVERTIME" },
        { engagementId: salaried.id, date: "2026-01-07", hours: "8", type: "PTO" },
      ],
      token,
    );
    expect(res.timeEntries).toEqual([]);
    expect(res.userErrors.map((e) => [e.field, e.code])).toEqual([
      [["input", "entries", "0", "engagementId"], "SALARIED_ENGAGEMENT"],
      [["input", "entries", "1", "engagementId"], "SALARIED_ENGAGEMENT"],
      [["input", "entries", "2", "engagementId"], "SALARIED_ENGAGEMENT"],
    ]);
    expect(res.userErrors[0].message).toMatch(/salaried on 2026-01-06/);
    const stored = await t.database.db
      .select()
      .from(timeEntries)
      .where(eq(timeEntries.engagementId, parseGlobalId(salaried.id, "Engagement")!));
    expect(stored).toEqual([]);
  });

  it("needs payroll:write", async () => {
    const token = await t.token("CLIENT", { clients: [A.clientId], scopes: ["workers:read", "workers:write", "payroll:read"] });
    const res = await t.gql(RecordTimeEntriesDocument, { input: { entries: [{ engagementId: A.engagementId, date: "2026-01-08", hours: "8", type: "REGULAR" }] } }, token);
    expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
  });
});

describe("Engagement.timeEntries", () => {
  it("filters by date range and type, ordered by date then type", async () => {
    await record([
      { engagementId: A.engagementId, date: "2026-02-10", hours: "8", type: "REGULAR" },
      { engagementId: A.engagementId, date: "2026-02-10", hours: "2", type: "OVERTIME" },
      { engagementId: A.engagementId, date: "2026-02-11", hours: "8", type: "REGULAR" },
    ]);
    expect(listOf(await entriesOf(A.engagementId, "2026-02-10", "2026-02-11")).map((e) => [e.date, e.type])).toEqual([
      ["2026-02-10", "REGULAR"],
      ["2026-02-10", "OVERTIME"],
      ["2026-02-11", "REGULAR"],
    ]);
    expect(listOf(await entriesOf(A.engagementId, "2026-02-10", "2026-02-11", A.token, "OVERTIME")).map((e) => [e.date, e.hours])).toEqual([["2026-02-10", "2.00"]]);
    expect(listOf(await entriesOf(A.engagementId, "2026-02-11", "2026-02-11")).map((e) => e.date)).toEqual(["2026-02-11"]);
  });

  it("refuses a reversed or longer than 366-day range", async () => {
    expect(errorCodes(await entriesOf(A.engagementId, "2026-02-11", "2026-02-10"))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await entriesOf(A.engagementId, "2026-01-01", "2027-01-03"))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await entriesOf(A.engagementId, "2026-01-01", "2027-01-02"))).toEqual([]);
  });

  it("needs payroll:read (null with FORBIDDEN)", async () => {
    const token = await t.token("CLIENT", { clients: [A.clientId], scopes: ["workers:read"] });
    const res = await entriesOf(A.engagementId, "2026-01-01", "2026-01-31", token);
    expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
    expect(res.data?.node).toMatchObject({ __typename: "Engagement", timeEntries: null });
  });

  it("another client's token sees neither the engagement nor its entries", async () => {
    const res = await entriesOf(A.engagementId, "2026-01-01", "2026-12-31", B.token);
    expect(errorCodes(res)).toEqual([]);
    expect(res.data?.node).toBeNull();
  });
});
