import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { dataOf, errorCodes, startTestServer, unique, type TestServer } from "../support/server";
import { hire, newClient, newPaySchedule, newPayrollRun, newTenant, newWorker, transitionRun } from "../support/factories";
import { events } from "../../src/modules/events/event.table";
import { decodeGlobalId, parseGlobalId } from "../../src/shared/global-id";

/**
 * updateClient, updatePaySchedule and updateEngagement (each guarded by `expectedVersion`, each an event), and
 * `expectedVersion` on the other writes of an object with a `version` (the run mutations, changeCompensation).
 */
let t: TestServer;
let operator: string;

interface Err {
  field: string[];
  code: string;
}

async function mutate<T>(name: string, selection: string, input: Record<string, unknown>, token = operator): Promise<{ value: T | null; userErrors: Err[] }> {
  const [field] = selection.split(" ");
  const doc = `mutation ($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${selection} userErrors { field code } } }`;
  const payload = dataOf(await t.gql<Record<string, Record<string, unknown>>, unknown>(doc, { input }, token))[name];
  return { value: (payload[field] as T | null) ?? null, userErrors: payload.userErrors as Err[] };
}

const STALE = [{ field: ["input", "expectedVersion"], code: "STALE_VERSION" }];

async function eventsOf(objectGid: string, type: string) {
  const id = decodeGlobalId(objectGid)!.id;
  return t.database.db
    .select()
    .from(events)
    .where(and(eq(events.objectId, id), eq(events.type, type)))
    .orderBy(asc(events.id));
}

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
});

afterAll(async () => {
  await t?.stop();
});

describe("updateClient", () => {
  const selection = "client { id name externalId status legalEntityJurisdictions version }";
  type C = { id: string; name: string; externalId: string | null; status: string; legalEntityJurisdictions: string[]; version: number };

  it("changes name, externalId, status and legal entities; bumps the version; records client.updated with before and after", async () => {
    const clientId = await newClient(t, "upd", { externalId: unique("x"), legalEntityJurisdictions: ["US-CA"] });
    const name = unique("Renamed");
    const res = await mutate<C>("updateClient", selection, {
      clientId,
      expectedVersion: 1,
      name,
      externalId: null,
      status: "SUSPENDED",
      legalEntityJurisdictions: ["US", "CA-ON"],
    });
    expect(res.userErrors).toEqual([]);
    expect(res.value).toEqual({ id: clientId, name, externalId: null, status: "SUSPENDED", legalEntityJurisdictions: ["CA-ON", "US"], version: 2 });
    const [event] = await eventsOf(clientId, "client.updated");
    expect(event.before).toMatchObject({ status: "ACTIVE", legalEntityJurisdictions: ["US-CA"], version: 1 });
    expect(event.after).toMatchObject({ name, externalId: null, status: "SUSPENDED", legalEntityJurisdictions: ["US", "CA-ON"], version: 2 });

    expect((await mutate<C>("updateClient", selection, { clientId, expectedVersion: 1, name: "Again" })).userErrors).toEqual(STALE);
    expect((await mutate<C>("updateClient", selection, { clientId, expectedVersion: 2, name: " ", legalEntityJurisdictions: ["XX"] })).userErrors).toEqual([
      { field: ["input", "name"], code: "INVALID_INPUT" },
      { field: ["input", "legalEntityJurisdictions", "0"], code: "INVALID_JURISDICTION" },
    ]);
  });

  it("keeps an open PEO engagement's jurisdiction covered; OPERATOR only", async () => {
    const clientId = await newClient(t, "peo", { legalEntityJurisdictions: ["US-TX"] });
    const worker = await newWorker(t, clientId);
    await hire(t, worker.id, { employmentModel: "PEO" });
    expect((await mutate("updateClient", selection, { clientId, expectedVersion: 1, legalEntityJurisdictions: ["US-CA"] })).userErrors).toEqual([
      { field: ["input", "legalEntityJurisdictions"], code: "PEO_REQUIRES_LEGAL_ENTITY" },
    ]);
    expect((await mutate<C>("updateClient", selection, { clientId, expectedVersion: 1, legalEntityJurisdictions: ["US"] })).value?.legalEntityJurisdictions).toEqual(["US"]);
    const own = await t.token("CLIENT", { clients: [clientId], scopes: ["clients:read", "clients:write"] });
    const refused = await t.gql(`mutation { updateClient(input: { clientId: "${clientId}", expectedVersion: 2, name: "Mine" }) { userErrors { code } } }`, undefined, own);
    expect(errorCodes(refused)).toEqual(["FORBIDDEN"]);
  });
});

describe("updatePaySchedule", () => {
  it("renames with expectedVersion, records paySchedule.updated; another tenant's schedule is NOT_FOUND", async () => {
    const tenant = await newTenant(t, "ps");
    const schedule = await newPaySchedule(t, tenant.clientId, { name: "Old" });
    const selection = "paySchedule { id name version }";
    const res = await mutate<{ name: string; version: number }>("updatePaySchedule", selection, { payScheduleId: schedule.id, expectedVersion: 1, name: "  New  " }, tenant.token);
    expect(res).toEqual({ value: { id: schedule.id, name: "New", version: 2 }, userErrors: [] });
    const [event] = await eventsOf(schedule.id, "paySchedule.updated");
    expect(event).toMatchObject({ before: { name: "Old", version: 1 }, after: { name: "New", version: 2 } });
    expect((await mutate("updatePaySchedule", selection, { payScheduleId: schedule.id, expectedVersion: 1, name: "Newer" }, tenant.token)).userErrors).toEqual(STALE);
    const stranger = await newTenant(t, "ps-other");
    expect((await mutate("updatePaySchedule", selection, { payScheduleId: schedule.id, expectedVersion: 2, name: "Mine" }, stranger.token)).userErrors).toEqual([
      { field: ["input", "payScheduleId"], code: "NOT_FOUND" },
    ]);
  });
});

describe("updateEngagement", () => {
  const selection = "engagement { id title externalId version paySchedule { id } }";
  type E = { title: string; externalId: string | null; version: number; paySchedule: { id: string } | null };

  it("changes title, externalId and pay schedule with expectedVersion and records engagement.updated", async () => {
    const tenant = await newTenant(t, "eu");
    const schedule = await newPaySchedule(t, tenant.clientId, { name: "US" });
    const worker = await newWorker(t, tenant.clientId);
    const engagement = await hire(t, worker.id);
    const externalId = unique("ext");
    const res = await mutate<E>(
      "updateEngagement",
      selection,
      { engagementId: engagement.id, expectedVersion: 1, title: "Staff Engineer", externalId, payScheduleId: schedule.id },
      tenant.token,
    );
    expect(res).toEqual({ value: { id: engagement.id, title: "Staff Engineer", externalId, version: 2, paySchedule: { id: schedule.id } }, userErrors: [] });
    const [event] = await eventsOf(engagement.id, "engagement.updated");
    expect(event.before).toMatchObject({ title: "Engineer", externalId: null, payScheduleId: null, version: 1 });
    expect(event.after).toMatchObject({ title: "Staff Engineer", externalId, payScheduleId: parseGlobalId(schedule.id, "PaySchedule"), version: 2, changed: [] });

    expect((await mutate("updateEngagement", selection, { engagementId: engagement.id, expectedVersion: 1, title: "Again" }, tenant.token)).userErrors).toEqual(STALE);
    const cleared = await mutate<E>("updateEngagement", selection, { engagementId: engagement.id, expectedVersion: 2, payScheduleId: null, externalId: null }, tenant.token);
    expect(cleared.value).toMatchObject({ externalId: null, paySchedule: null, version: 3 });
  });

  it("refuses a schedule of another country or another client, a blank title, and an ended engagement's schedule change", async () => {
    const tenant = await newTenant(t, "eu2");
    const canadian = await newPaySchedule(t, tenant.clientId, { name: "CA", country: "CA" });
    const us = await newPaySchedule(t, tenant.clientId, { name: "US" });
    const stranger = await newTenant(t, "eu2-other");
    const foreign = await newPaySchedule(t, stranger.clientId, { name: "US" });
    const worker = await newWorker(t, tenant.clientId);
    const engagement = await hire(t, worker.id, { startDate: "2026-01-05", endDate: "2026-02-27" }); // ended by now
    expect((await mutate("updateEngagement", selection, { engagementId: engagement.id, expectedVersion: 1, payScheduleId: canadian.id, title: "" })).userErrors).toEqual([
      { field: ["input", "title"], code: "INVALID_INPUT" },
      { field: ["input", "payScheduleId"], code: "PAY_SCHEDULE_COUNTRY_MISMATCH" },
    ]);
    expect((await mutate("updateEngagement", selection, { engagementId: engagement.id, expectedVersion: 1, payScheduleId: foreign.id })).userErrors).toEqual([
      { field: ["input", "payScheduleId"], code: "NOT_FOUND" },
    ]);
    expect((await mutate("updateEngagement", selection, { engagementId: engagement.id, expectedVersion: 1, payScheduleId: us.id })).userErrors).toEqual([
      { field: ["input", "payScheduleId"], code: "ENGAGEMENT_ENDED" },
    ]);
    expect((await mutate("updateEngagement", selection, { engagementId: engagement.id, expectedVersion: 1 }, stranger.token)).userErrors).toEqual([
      { field: ["input", "engagementId"], code: "NOT_FOUND" },
    ]);
  });
});

describe("expectedVersion on every other write of a versioned object", () => {
  it("changeCompensation and endEngagement: a stale version is refused, the current one goes ahead", async () => {
    const clientId = await newClient(t, "ev");
    const worker = await newWorker(t, clientId);
    const engagement = await hire(t, worker.id);
    const change = { engagementId: engagement.id, basis: "SALARY", amount: { amount: "90000.00", currency: "USD" }, effectiveFrom: "2026-06-01" };
    expect((await mutate("changeCompensation", "engagement { version }", { ...change, expectedVersion: 2 })).userErrors).toEqual(STALE);
    expect((await mutate<{ version: number }>("changeCompensation", "engagement { version }", { ...change, expectedVersion: 1 })).value).toEqual({ version: 2 });
    expect((await mutate("endEngagement", "engagement { version }", { engagementId: engagement.id, endDate: "2026-12-31", expectedVersion: 1 })).userErrors).toEqual(STALE);
  });

  it("addOneOffEarning, calculatePayrollRun, approvePayrollRun and cancelPayrollRun take the run's version", async () => {
    const tenant = await newTenant(t, "ev-run");
    const worker = await newWorker(t, tenant.clientId);
    const engagement = await hire(t, worker.id);
    const run = await newPayrollRun(t, tenant);
    const earning = { payrollRunId: run.id, engagementId: engagement.id, kind: "BONUS", amount: { amount: "100.00", currency: "USD" } };
    const sel = "payrollRun { status version }";
    expect((await mutate("addOneOffEarning", sel, { ...earning, expectedVersion: 2 }, tenant.token)).userErrors).toEqual(STALE);
    // A new earning is a change of the DRAFT run: its version moves.
    expect((await mutate("addOneOffEarning", sel, { ...earning, expectedVersion: 1 }, tenant.token)).value).toEqual({ status: "DRAFT", version: 2 });
    expect((await mutate("calculatePayrollRun", sel, { payrollRunId: run.id, expectedVersion: 1 }, tenant.token)).userErrors).toEqual(STALE);
    expect((await mutate("cancelPayrollRun", sel, { payrollRunId: run.id, expectedVersion: 1 }, tenant.token)).userErrors).toEqual(STALE);
    await transitionRun(t, run.dbId, "DRAFT", "CALCULATING");
    await transitionRun(t, run.dbId, "CALCULATING", "CALCULATED"); // version 4
    expect((await mutate("approvePayrollRun", sel, { payrollRunId: run.id, expectedVersion: 3 }, tenant.token)).userErrors).toEqual(STALE);
    expect((await mutate("cancelPayrollRun", sel, { payrollRunId: run.id, expectedVersion: 4 }, tenant.token)).value).toEqual({ status: "CANCELLED", version: 5 });
  });
});
