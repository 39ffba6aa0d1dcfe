import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { startTestServer, dataOf, errorCodes, unique, type TestServer } from "../support/server";
import { newClient } from "../support/factories";
import {
  ClientPaySchedulesDocument,
  CreatePayScheduleDocument,
  EmployerEntitiesDocument,
  EmployerEntityNodeDocument,
  EngagementPayrollDocument,
  PayPeriodsDocument,
  PayScheduleNodeDocument,
  PaySchedulesDocument,
  type CreatePayScheduleInput,
} from "../generated/graphql";
import { employerEntities, engagements, events, workers } from "../../src/db/schema";
import { newId } from "../../src/shared/ids";
import { parseGlobalId, toGlobalId } from "../../src/shared/global-id";
import { eventually } from "../support/wait";

/**
 * Pay schedules and pay periods against a real server (Postgres or PGlite): createPaySchedule and its
 * generated periods, the connections (both directions, filters, updatedSince), scopes and tenancy.
 * Employer entities come from the demo seed.
 */
let t: TestServer;
let operator: string;
let clientA: string;
let clientB: string;
let tokenA: string;
let tokenB: string;

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  clientA = await newClient(t, "pay-client");
  clientB = await newClient(t, "pay-client");
  tokenA = await t.token("CLIENT", { clients: [clientA] });
  tokenB = await t.token("CLIENT", { clients: [clientB] });
});
afterAll(() => t.stop());

function scheduleInput(clientId: string, overrides: Partial<CreatePayScheduleInput> = {}): CreatePayScheduleInput {
  return { clientId, name: unique("schedule"), country: "US", frequency: "BIWEEKLY", firstPeriodStart: "2026-01-05", ...overrides };
}

async function createSchedule(input: CreatePayScheduleInput, token = operator) {
  const res = dataOf(await t.gql(CreatePayScheduleDocument, { input }, token)).createPaySchedule;
  expect(res.userErrors).toEqual([]);
  return res.paySchedule!;
}

async function createErrors(input: CreatePayScheduleInput, token = operator) {
  const res = dataOf(await t.gql(CreatePayScheduleDocument, { input }, token)).createPaySchedule;
  expect(res.paySchedule).toBeNull();
  return res.userErrors.map((e) => ({ field: e.field.join("."), code: e.code }));
}

describe("createPaySchedule", () => {
  it("creates a biweekly schedule with one year of periods (default), pay date = end + 5 days, and records an event", async () => {
    const schedule = await createSchedule(scheduleInput(clientA, { name: "US biweekly" }), tokenA);
    expect(schedule).toMatchObject({ name: "US biweekly", country: "US", frequency: "BIWEEKLY", firstPeriodStart: "2026-01-05", payDateOffsetDays: 5, client: { id: clientA } });
    expect(schedule.periods.totalCount).toBe(26);
    const periods = schedule.periods.nodes;
    expect(periods[0]).toMatchObject({ startDate: "2026-01-05", endDate: "2026-01-18", payDate: "2026-01-23" });
    expect(periods[1]).toMatchObject({ startDate: "2026-01-19", endDate: "2026-02-01", payDate: "2026-02-06" });
    expect(periods[25]).toMatchObject({ startDate: "2026-12-21", endDate: "2027-01-03", payDate: "2027-01-08" });

    const [event] = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.objectId, parseGlobalId(schedule.id, "PaySchedule")!), eq(events.type, "paySchedule.created")));
    expect(event).toMatchObject({ objectType: "PaySchedule", actorKind: "CLIENT", clientId: parseGlobalId(clientA, "Client") });
    expect((event.after as { periods: unknown[] }).periods).toHaveLength(26);
  });

  it("generates semimonthly periods 1st-15th / 16th-end through a leap February", async () => {
    const schedule = await createSchedule(scheduleInput(clientA, { frequency: "SEMIMONTHLY", firstPeriodStart: "2028-02-16", payDateOffsetDays: 0, periodsAhead: 3 }));
    expect(schedule.periods.nodes.map((p) => [p.startDate, p.endDate, p.payDate])).toEqual([
      ["2028-02-16", "2028-02-29", "2028-02-29"],
      ["2028-03-01", "2028-03-15", "2028-03-15"],
      ["2028-03-16", "2028-03-31", "2028-03-31"],
    ]);
  });

  it("generates monthly periods (default 12) across December → January, and weekly (52); periodsAhead goes up to 120", async () => {
    const monthly = await createSchedule(scheduleInput(clientA, { country: "CA", frequency: "MONTHLY", firstPeriodStart: "2026-12-01", payDateOffsetDays: 31 }));
    expect(monthly.periods.totalCount).toBe(12);
    expect(monthly.periods.nodes.slice(0, 3).map((p) => [p.startDate, p.endDate, p.payDate])).toEqual([
      ["2026-12-01", "2026-12-31", "2027-01-29"], // January 31 is a Sunday: the previous business day
      ["2027-01-01", "2027-01-31", "2027-03-03"],
      ["2027-02-01", "2027-02-28", "2027-03-31"],
    ]);
    // The schedule may choose the next business day instead.
    const next = await createSchedule(
      scheduleInput(clientA, {
        country: "CA",
        frequency: "MONTHLY",
        firstPeriodStart: "2026-12-01",
        payDateOffsetDays: 31,
        periodsAhead: 1,
        payDateAdjustment: "NEXT_BUSINESS_DAY",
      }),
    );
    expect(next.periods.nodes.map((p) => p.payDate)).toEqual(["2027-02-01"]);
    const weekly = await createSchedule(scheduleInput(clientA, { frequency: "WEEKLY" }));
    expect(weekly.periods.totalCount).toBe(52);
    const long = await createSchedule(scheduleInput(clientA, { frequency: "WEEKLY", periodsAhead: 120 }));
    expect(long.periods.totalCount).toBe(120);
    expect(long.periods.nodes).toHaveLength(100);
  });

  it("answers every input mistake with a userError and creates nothing", async () => {
    const workerLikeId = toGlobalId("Worker", newId());
    expect(await createErrors(scheduleInput("not-an-id"))).toEqual([{ field: "input.clientId", code: "INVALID_ID" }]);
    expect(await createErrors(scheduleInput(workerLikeId))).toEqual([{ field: "input.clientId", code: "INVALID_ID" }]);
    expect(await createErrors(scheduleInput(toGlobalId("Client", newId())))).toEqual([{ field: "input.clientId", code: "NOT_FOUND" }]);
    expect(await createErrors(scheduleInput(clientA, { name: "  " }))).toEqual([{ field: "input.name", code: "INVALID_INPUT" }]);
    expect(await createErrors(scheduleInput(clientA, { name: "x".repeat(101) }))).toEqual([{ field: "input.name", code: "TOO_LONG" }]);
    expect(await createErrors(scheduleInput(clientA, { payDateOffsetDays: -1 }))).toEqual([{ field: "input.payDateOffsetDays", code: "INVALID_INPUT" }]);
    expect(await createErrors(scheduleInput(clientA, { payDateOffsetDays: 32 }))).toEqual([{ field: "input.payDateOffsetDays", code: "INVALID_INPUT" }]);
    expect(await createErrors(scheduleInput(clientA, { periodsAhead: 0 }))).toEqual([{ field: "input.periodsAhead", code: "INVALID_INPUT" }]);
    expect(await createErrors(scheduleInput(clientA, { periodsAhead: 121 }))).toEqual([{ field: "input.periodsAhead", code: "INVALID_INPUT" }]);
    expect(await createErrors(scheduleInput(clientA, { frequency: "SEMIMONTHLY", firstPeriodStart: "2026-01-02" }))).toEqual([
      { field: "input.firstPeriodStart", code: "INVALID_INPUT" },
    ]);
    expect(await createErrors(scheduleInput(clientA, { frequency: "MONTHLY", firstPeriodStart: "2026-01-16" }))).toEqual([
      { field: "input.firstPeriodStart", code: "INVALID_INPUT" },
    ]);
    // Several mistakes at once: all reported.
    expect(await createErrors(scheduleInput(clientA, { name: "", payDateOffsetDays: 99, frequency: "MONTHLY", firstPeriodStart: "2026-01-02" }))).toHaveLength(3);

    const client = await newClient(t, "pay-client");
    const name = unique("dup");
    await createSchedule(scheduleInput(client, { name }));
    expect(await createErrors(scheduleInput(client, { name, frequency: "WEEKLY" }))).toEqual([{ field: "input.name", code: "DUPLICATE_NAME" }]);
    // The same name in another client is fine.
    await createSchedule(scheduleInput(await newClient(t, "pay-client"), { name }));
    const list = dataOf(await t.gql(PaySchedulesDocument, { clientId: client }, operator)).paySchedules;
    expect(list.totalCount).toBe(1);
  });

  it("refuses malformed scalars and out-of-range integers as GraphQL input errors, never INTERNAL_SERVER_ERROR", async () => {
    for (const input of [
      { ...scheduleInput(clientA), firstPeriodStart: "2026-02-30" },
      { ...scheduleInput(clientA), payDateOffsetDays: 2 ** 40 },
      { ...scheduleInput(clientA), frequency: "DAILY" },
      { ...scheduleInput(clientA), country: "MX" },
    ]) {
      const res = await t.gql(CreatePayScheduleDocument, { input: input as CreatePayScheduleInput }, operator);
      expect(res.errors?.length).toBeGreaterThan(0);
      expect(errorCodes(res)).not.toContain("INTERNAL_SERVER_ERROR");
    }
  });

  it("needs payroll:write, and answers another tenant's client like a missing one", async () => {
    const readOnly = await t.token("CLIENT", { clients: [clientA], scopes: ["payroll:read"] });
    expect(errorCodes(await t.gql(CreatePayScheduleDocument, { input: scheduleInput(clientA) }, readOnly))).toEqual(["FORBIDDEN"]);
    expect(await createErrors(scheduleInput(clientA), tokenB)).toEqual([{ field: "input.clientId", code: "NOT_FOUND" }]);
    const partnerOfB = await t.token("PARTNER", { clients: [clientB], scopes: ["payroll:write", "payroll:read", "clients:read"] });
    expect(await createErrors(scheduleInput(clientA), partnerOfB)).toEqual([{ field: "input.clientId", code: "NOT_FOUND" }]);
    await createSchedule(scheduleInput(clientB), partnerOfB);
  });
});

describe("paySchedules and payPeriods", () => {
  it("pages schedules forward and backward over the same stable order, with totalCount", async () => {
    const client = await newClient(t, "pay-client");
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createSchedule(scheduleInput(client, { periodsAhead: 2 }))).id);
    const first = dataOf(await t.gql(PaySchedulesDocument, { clientId: client, first: 2 }, operator)).paySchedules;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = dataOf(await t.gql(PaySchedulesDocument, { clientId: client, first: 2, after: first.pageInfo.endCursor }, operator)).paySchedules;
    expect(second.edges.map((e) => e.node.id)).toEqual([ids[2]]);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const last = dataOf(await t.gql(PaySchedulesDocument, { clientId: client, last: 2 }, operator)).paySchedules;
    expect(last.edges.map((e) => e.node.id)).toEqual(ids.slice(1));
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const back = dataOf(await t.gql(PaySchedulesDocument, { clientId: client, last: 2, before: last.pageInfo.startCursor }, operator)).paySchedules;
    expect(back.edges.map((e) => e.node.id)).toEqual([ids[0]]);
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it("filters periods by schedule, client and date overlap, and pages them both ways", async () => {
    const client = await newClient(t, "pay-client");
    const schedule = await createSchedule(scheduleInput(client, { frequency: "MONTHLY", firstPeriodStart: "2026-01-01", periodsAhead: 6 }));
    await createSchedule(scheduleInput(client, { frequency: "WEEKLY", periodsAhead: 4 }));
    const all = dataOf(await t.gql(PayPeriodsDocument, { clientId: client, first: 100 }, operator)).payPeriods;
    expect(all.totalCount).toBe(10);
    const own = dataOf(await t.gql(PayPeriodsDocument, { payScheduleId: schedule.id, first: 100 }, operator)).payPeriods;
    expect(own.totalCount).toBe(6);
    expect(own.edges.every((e) => e.node.paySchedule.id === schedule.id)).toBe(true);
    // Periods overlapping 2026-02-15..2026-03-10: February and March.
    const window = dataOf(await t.gql(PayPeriodsDocument, { payScheduleId: schedule.id, from: "2026-02-15", to: "2026-03-10" }, operator)).payPeriods;
    expect(window.edges.map((e) => e.node.startDate)).toEqual(["2026-02-01", "2026-03-01"]);

    const page1 = dataOf(await t.gql(PayPeriodsDocument, { payScheduleId: schedule.id, first: 4 }, operator)).payPeriods;
    const page2 = dataOf(await t.gql(PayPeriodsDocument, { payScheduleId: schedule.id, first: 4, after: page1.pageInfo.endCursor }, operator)).payPeriods;
    expect([...page1.edges, ...page2.edges].map((e) => e.node.startDate)).toEqual(["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01"]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const back = dataOf(await t.gql(PayPeriodsDocument, { payScheduleId: schedule.id, last: 2, before: page2.pageInfo.startCursor }, operator)).payPeriods;
    expect(back.edges.map((e) => e.node.startDate)).toEqual(["2026-03-01", "2026-04-01"]);
    expect(back.pageInfo.hasPreviousPage).toBe(true);

    expect(errorCodes(await t.gql(PayPeriodsDocument, { from: "2026-03-01", to: "2026-02-01" }, operator))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.gql(PayPeriodsDocument, { payScheduleId: client }, operator))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.gql(PayPeriodsDocument, { first: 101 }, operator))).toEqual(["BAD_USER_INPUT"]);
  });

  it("pages a schedule's nested periods both ways", async () => {
    const schedule = await createSchedule(scheduleInput(clientA, { frequency: "WEEKLY", firstPeriodStart: "2026-03-02", periodsAhead: 5 }));
    const read = async (vars: { first?: number; after?: string | null; last?: number; before?: string | null }) => {
      const node = dataOf(await t.gql(PayScheduleNodeDocument, { id: schedule.id, ...vars }, tokenA)).node;
      if (node?.__typename !== "PaySchedule") throw new Error("not a schedule");
      return node.periods;
    };
    const p1 = await read({ first: 2 });
    expect(p1.totalCount).toBe(5);
    expect(p1.edges.map((e) => e.node.startDate)).toEqual(["2026-03-02", "2026-03-09"]);
    const p2 = await read({ first: 2, after: p1.pageInfo.endCursor });
    expect(p2.edges.map((e) => e.node.startDate)).toEqual(["2026-03-16", "2026-03-23"]);
    expect(p2.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const tail = await read({ last: 2 });
    expect(tail.edges.map((e) => e.node.startDate)).toEqual(["2026-03-23", "2026-03-30"]);
    const before = await read({ last: 3, before: tail.pageInfo.startCursor });
    expect(before.edges.map((e) => e.node.startDate)).toEqual(["2026-03-02", "2026-03-09", "2026-03-16"]);
    expect(before.pageInfo.hasPreviousPage).toBe(false);
  });

  it("syncs incrementally with updatedSince", async () => {
    const client = await newClient(t, "pay-client");
    const older = await createSchedule(scheduleInput(client, { periodsAhead: 1 }));
    // updatedSince compares timestamps: let the clock pass the older schedule's before creating the newer one.
    await eventually(() => Date.now() > Date.parse(older.updatedAt) + 1, "the clock to pass the older schedule");
    const newer = await createSchedule(scheduleInput(client, { periodsAhead: 2 }));
    const since = newer.updatedAt;
    const schedules = dataOf(await t.gql(PaySchedulesDocument, { clientId: client, updatedSince: since }, operator)).paySchedules;
    expect(schedules.edges.map((e) => e.node.id)).toEqual([newer.id]);
    expect(schedules.edges.map((e) => e.node.id)).not.toContain(older.id);
    const periods = dataOf(await t.gql(PayPeriodsDocument, { clientId: client, updatedSince: since }, operator)).payPeriods;
    expect(periods.totalCount).toBe(2);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(dataOf(await t.gql(PaySchedulesDocument, { clientId: client, updatedSince: future }, operator)).paySchedules.totalCount).toBe(0);
    expect(dataOf(await t.gql(PayPeriodsDocument, { clientId: client, updatedSince: future }, operator)).payPeriods.totalCount).toBe(0);
  });

  it("lists a client's schedules with their periods through Client.paySchedules", async () => {
    const client = await newClient(t, "pay-client");
    await createSchedule(scheduleInput(client, { periodsAhead: 3 }));
    await createSchedule(scheduleInput(client, { frequency: "WEEKLY", periodsAhead: 4 }));
    const node = dataOf(await t.gql(ClientPaySchedulesDocument, { id: client }, operator)).node;
    if (node?.__typename !== "Client") throw new Error("not a client");
    expect(node.paySchedules!.totalCount).toBe(2);
    expect(node.paySchedules!.nodes.map((s) => [s.periods.totalCount, s.periods.nodes.length])).toEqual([
      [3, 2],
      [4, 2],
    ]);
  });

  it("needs payroll:read for every read", async () => {
    const schedule = await createSchedule(scheduleInput(clientA, { periodsAhead: 1 }));
    const noPayroll = await t.token("CLIENT", { clients: [clientA], scopes: ["clients:read", "workers:read"] });
    expect(errorCodes(await t.gql(PaySchedulesDocument, {}, noPayroll))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await t.gql(PayPeriodsDocument, {}, noPayroll))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await t.gql(PayScheduleNodeDocument, { id: schedule.id }, noPayroll))).toEqual(["FORBIDDEN"]);
  });

  it("shows another tenant nothing: null from node(), empty connections", async () => {
    const schedule = await createSchedule(scheduleInput(clientA, { periodsAhead: 2 }));
    const periodId = schedule.periods.nodes[0].id;
    expect(dataOf(await t.gql(PayScheduleNodeDocument, { id: schedule.id }, tokenA)).node?.id).toBe(schedule.id);
    expect(dataOf(await t.gql(PayScheduleNodeDocument, { id: periodId }, tokenA)).node?.id).toBe(periodId);

    expect(dataOf(await t.gql(PayScheduleNodeDocument, { id: schedule.id }, tokenB)).node).toBeNull();
    expect(dataOf(await t.gql(PayScheduleNodeDocument, { id: periodId }, tokenB)).node).toBeNull();
    expect(dataOf(await t.gql(PaySchedulesDocument, { clientId: clientA }, tokenB)).paySchedules).toMatchObject({ totalCount: 0, edges: [] });
    expect(dataOf(await t.gql(PayPeriodsDocument, { clientId: clientA }, tokenB)).payPeriods).toMatchObject({ totalCount: 0, edges: [] });
    expect(dataOf(await t.gql(PayPeriodsDocument, { payScheduleId: schedule.id }, tokenB)).payPeriods).toMatchObject({ totalCount: 0, edges: [] });
    const mine = dataOf(await t.gql(PaySchedulesDocument, { first: 100 }, tokenB)).paySchedules;
    expect(mine.edges.every((e) => e.node.client!.id === clientB)).toBe(true);
    // A token for no existing client sees nothing either.
    const ghost = await t.token("CLIENT", { clients: [toGlobalId("Client", newId())] });
    expect(dataOf(await t.gql(PaySchedulesDocument, {}, ghost)).paySchedules.totalCount).toBe(0);
  });
});

describe("employer entities", () => {
  it("are readable by any authenticated caller, without a scope, with their registrations", async () => {
    const noScopes = await t.token("CLIENT", { clients: [clientB], scopes: [] });
    const list = dataOf(await t.gql(EmployerEntitiesDocument, {}, noScopes)).employerEntities;
    expect(list.map((e) => e.country).sort()).toEqual(["CA", "US"]);
    for (const entity of list) {
      expect(entity.legalName.length).toBeGreaterThan(0);
      expect(entity.taxId.length).toBeGreaterThan(0);
      for (const r of entity.registrations) expect(r.jurisdiction.startsWith(`${entity.country}-`)).toBe(true);
    }
    const us = list.find((e) => e.country === "US")!;
    expect(dataOf(await t.gql(EmployerEntityNodeDocument, { id: us.id }, noScopes)).node).toMatchObject({ id: us.id, country: "US", taxId: us.taxId });
    expect(dataOf(await t.gql(EmployerEntityNodeDocument, { id: toGlobalId("EmployerEntity", newId()) }, noScopes)).node).toBeNull();
    expect(errorCodes(await t.gql(EmployerEntitiesDocument, {}, null))).toEqual(["UNAUTHENTICATED"]);
  });

  it("resolve Engagement.employerEntity and Engagement.paySchedule", async () => {
    const schedule = await createSchedule(scheduleInput(clientA, { periodsAhead: 1 }));
    const db = t.database.db;
    const [us] = await db.select().from(employerEntities).where(eq(employerEntities.country, "US"));
    const clientDbId = parseGlobalId(clientA, "Client")!;
    const workerId = newId();
    await db
      .insert(workers)
      .values({ id: workerId, clientId: clientDbId, legalFirstName: "Pat", legalLastName: "Lee", email: `${unique("w")}@example.test`, homeJurisdiction: "US-TX" });
    const withSchedule = newId();
    const without = newId();
    const base = {
      clientId: clientDbId,
      workerId,
      employerEntityId: us.id,
      title: "Engineer",
      workJurisdiction: "US-TX",
      employmentModel: "EOR" as const,
      classification: "US_W2_EMPLOYEE" as const,
      status: "ACTIVE" as const,
    };
    await db.insert(engagements).values([
      { ...base, id: withSchedule, payScheduleId: parseGlobalId(schedule.id, "PaySchedule"), startDate: "2026-01-05", endDate: "2026-03-31" },
      { ...base, id: without, startDate: "2026-04-01" },
    ]);
    const a = dataOf(await t.gql(EngagementPayrollDocument, { id: toGlobalId("Engagement", withSchedule) }, tokenA)).node;
    expect(a).toMatchObject({ employerEntity: { country: "US", taxId: us.taxId }, paySchedule: { id: schedule.id, name: schedule.name } });
    const b = dataOf(await t.gql(EngagementPayrollDocument, { id: toGlobalId("Engagement", without) }, tokenA)).node;
    expect(b).toMatchObject({ employerEntity: { country: "US" }, paySchedule: null });
  });
});
