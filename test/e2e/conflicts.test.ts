import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { dataOf, startTestServer, unique, type TestServer } from "../support/server";
import { hire, newClient, newPaySchedule, newWorker, newTenant, transitionRun } from "../support/factories";
import { eventually } from "../support/wait";
import { testPiiCipher } from "../support/pii";
import { createContext, type Context } from "../../src/context";
import { Principal } from "../../src/auth/principal";
import { DEFAULT_SCOPES } from "../../src/auth/scopes";
import { createLogger } from "../../src/logger";
import { parseGlobalId } from "../../src/shared/global-id";
import type { CommandResult } from "../../src/shared/command-result";
import { ClientService } from "../../src/modules/clients/client.service";
import { WorkerService } from "../../src/modules/workers/worker.service";
import { EngagementCommandService } from "../../src/modules/engagements/engagement-command.service";
import { PayScheduleService } from "../../src/modules/pay-schedules/pay-schedule.service";
import type { HireWorkerInput } from "../../src/modules/engagements/engagement.input";

/**
 * `UserError.conflictingId`: every conflict code names the existing object the input collides with, whether the
 * service's own check caught it or the database's unique key did (a concurrent request won the race), and never
 * to a caller who may not read that object.
 */
let t: TestServer;
let operator: string;

interface Err {
  field: string[];
  code: string;
  conflictingId: string | null;
}
/** A mutation's payload: the ID of its object (null on failure) and its userErrors. */
interface Payload {
  id: string | null;
  userErrors: Err[];
}

async function mutate(name: string, selection: string, input: Record<string, unknown>, token = operator): Promise<Payload> {
  const object = selection === "" ? "" : `${selection} { id }`; // "": a caller who may not read the object's type
  const doc = `mutation ($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${object} userErrors { field code conflictingId } } }`;
  const payload = dataOf(await t.gql<Record<string, Record<string, unknown>>, unknown>(doc, { input }, token))[name];
  return { id: (payload[selection] as { id: string } | null | undefined)?.id ?? null, userErrors: payload.userErrors as Err[] };
}

const SALARY = { basis: "SALARY", amount: { amount: "78000.00", currency: "USD" } };

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
});

afterAll(async () => {
  await t?.stop();
});

describe("conflictingId, caught by the service's own check", () => {
  it("DUPLICATE_EXTERNAL_ID of clients: createClient and updateClient name the client holding it", async () => {
    const externalId = unique("cx");
    const holder = await newClient(t, "holder", { externalId });
    const created = await mutate("createClient", "client", { name: unique("second"), externalId });
    expect(created.userErrors).toEqual([{ field: ["input", "externalId"], code: "DUPLICATE_EXTERNAL_ID", conflictingId: holder }]);
    const other = await newClient(t, "other");
    const updated = await mutate("updateClient", "client", { clientId: other, expectedVersion: 1, externalId });
    expect(updated.userErrors).toEqual([{ field: ["input", "externalId"], code: "DUPLICATE_EXTERNAL_ID", conflictingId: holder }]);
  });

  it("DUPLICATE_EXTERNAL_ID of workers and DUPLICATE_TAX_ID: the worker, to a caller who may read it (pii:read too for a tax id)", async () => {
    const tenant = await newTenant(t, "wk");
    const externalId = unique("wx");
    const holder = await newWorker(t, tenant.clientId, { externalId, taxId: "123-45-6789" });
    const input = { clientId: tenant.clientId, legalFirstName: "Sam", legalLastName: "Second", email: `${unique("e")}@example.test`, homeJurisdiction: "US-TX" };

    expect((await mutate("createWorker", "worker", { ...input, externalId })).userErrors).toEqual([
      { field: ["input", "externalId"], code: "DUPLICATE_EXTERNAL_ID", conflictingId: holder.id },
    ]);
    expect((await mutate("createWorker", "worker", { ...input, taxId: "123456789" })).userErrors).toEqual([
      { field: ["input", "taxId"], code: "DUPLICATE_TAX_ID", conflictingId: holder.id },
    ]);
    const second = await newWorker(t, tenant.clientId);
    expect((await mutate("updateWorker", "worker", { id: second.id, expectedVersion: 1, externalId })).userErrors).toEqual([
      { field: ["input", "externalId"], code: "DUPLICATE_EXTERNAL_ID", conflictingId: holder.id },
    ]);
    expect((await mutate("updateWorker", "worker", { id: second.id, expectedVersion: 1, taxId: "123 45 6789" })).userErrors).toEqual([
      { field: ["input", "taxId"], code: "DUPLICATE_TAX_ID", conflictingId: holder.id },
    ]);

    // Write-only callers learn that there is a conflict, not which object: no read scope, no ID.
    const writeOnly = await t.token("CLIENT", { clients: [tenant.clientId], scopes: ["workers:write"] });
    expect((await mutate("createWorker", "", { ...input, externalId }, writeOnly)).userErrors).toEqual([
      { field: ["input", "externalId"], code: "DUPLICATE_EXTERNAL_ID", conflictingId: null },
    ]);
    const noPii = await t.token("CLIENT", { clients: [tenant.clientId], scopes: ["workers:read", "workers:write"] });
    expect((await mutate("createWorker", "worker", { ...input, taxId: "123-45-6789" }, noPii)).userErrors).toEqual([
      { field: ["input", "taxId"], code: "DUPLICATE_TAX_ID", conflictingId: null },
    ]);
  });

  it("engagements: DUPLICATE_EXTERNAL_ID (hireWorker, updateEngagement), OVERLAPPING_ENGAGEMENT (hireWorker, endEngagement), DUPLICATE_EFFECTIVE_DATE", async () => {
    const clientId = await newClient(t, "eng");
    const worker = await newWorker(t, clientId);
    const externalId = unique("ex");
    // In the future, so that the fixed-term one has not ended by itself.
    const first = await hire(t, worker.id, { externalId, startDate: "2027-01-04", endDate: "2027-03-31" });
    const later = await hire(t, worker.id, { startDate: "2027-05-03" });
    const base = { workerId: worker.id, title: "Analyst", workJurisdiction: "US-TX", employmentModel: "EOR", classification: "US_W2_EMPLOYEE", compensation: SALARY };

    const otherWorker = await newWorker(t, clientId);
    expect((await mutate("hireWorker", "engagement", { ...base, workerId: otherWorker.id, externalId, startDate: "2027-01-04" })).userErrors).toEqual([
      { field: ["input", "externalId"], code: "DUPLICATE_EXTERNAL_ID", conflictingId: first.id },
    ]);
    expect((await mutate("updateEngagement", "engagement", { engagementId: later.id, expectedVersion: 1, externalId })).userErrors).toEqual([
      { field: ["input", "externalId"], code: "DUPLICATE_EXTERNAL_ID", conflictingId: first.id },
    ]);
    expect((await mutate("hireWorker", "engagement", { ...base, startDate: "2027-03-01", endDate: "2027-03-15" })).userErrors).toEqual([
      { field: ["input", "startDate"], code: "OVERLAPPING_ENGAGEMENT", conflictingId: first.id },
    ]);
    expect((await mutate("endEngagement", "engagement", { engagementId: first.id, endDate: "2027-06-30" })).userErrors).toEqual([
      { field: ["input", "endDate"], code: "OVERLAPPING_ENGAGEMENT", conflictingId: later.id },
    ]);

    const doc = `mutation ($input: ChangeCompensationInput!) { changeCompensation(input: $input) { compensation { id } userErrors { field code conflictingId } } }`;
    const change = { engagementId: later.id, basis: "SALARY", amount: { amount: "80000.00", currency: "USD" }, effectiveFrom: "2027-07-01" };
    type Change = { changeCompensation: { compensation: { id: string } | null; userErrors: Err[] } };
    const made = dataOf(await t.gql<Change, unknown>(doc, { input: change }, operator)).changeCompensation;
    expect(made.userErrors).toEqual([]);
    const again = dataOf(await t.gql<Change, unknown>(doc, { input: { ...change, amount: { amount: "81000.00", currency: "USD" } } }, operator)).changeCompensation;
    expect(again.userErrors).toEqual([{ field: ["input", "effectiveFrom"], code: "DUPLICATE_EFFECTIVE_DATE", conflictingId: made.compensation!.id }]);
  });

  it("DUPLICATE_NAME of pay schedules (create and rename) and PAYROLL_RUN_EXISTS name the schedule and the open run", async () => {
    const tenant = await newTenant(t, "sched");
    const schedule = await newPaySchedule(t, tenant.clientId, { name: "Main" });
    expect(
      (await mutate("createPaySchedule", "paySchedule", { clientId: tenant.clientId, name: "Main", country: "US", frequency: "MONTHLY", firstPeriodStart: "2026-01-01" }))
        .userErrors,
    ).toEqual([{ field: ["input", "name"], code: "DUPLICATE_NAME", conflictingId: schedule.id }]);
    const other = await newPaySchedule(t, tenant.clientId, { name: "Other" });
    expect((await mutate("updatePaySchedule", "paySchedule", { payScheduleId: other.id, expectedVersion: 1, name: "Main" })).userErrors).toEqual([
      { field: ["input", "name"], code: "DUPLICATE_NAME", conflictingId: schedule.id },
    ]);

    const period = schedule.periods.nodes[0].id;
    const run = await mutate("createPayrollRun", "payrollRun", { clientId: tenant.clientId, payPeriodId: period }, tenant.token);
    expect(run.userErrors).toEqual([]);
    expect((await mutate("createPayrollRun", "payrollRun", { clientId: tenant.clientId, payPeriodId: period }, tenant.token)).userErrors).toEqual([
      { field: ["input", "payPeriodId"], code: "PAYROLL_RUN_EXISTS", conflictingId: run.id! },
    ]);
  });

  it("PAYROLL_RUN_IN_PROGRESS: an engagement's pay schedule holds still while a run of that schedule is calculating", async () => {
    const tenant = await newTenant(t, "inflight");
    const schedule = await newPaySchedule(t, tenant.clientId, { name: "Biweekly" });
    const next = await newPaySchedule(t, tenant.clientId, { name: "Monthly", frequency: "MONTHLY", firstPeriodStart: "2026-01-01" });
    const worker = await newWorker(t, tenant.clientId);
    const engagement = await hire(t, worker.id, { payScheduleId: schedule.id });
    const run = await mutate("createPayrollRun", "payrollRun", { clientId: tenant.clientId, payPeriodId: schedule.periods.nodes[0].id }, tenant.token);
    const runDbId = parseGlobalId(run.id!, "PayrollRun")!;
    await transitionRun(t, runDbId, "DRAFT", "CALCULATING");

    expect((await mutate("updateEngagement", "engagement", { engagementId: engagement.id, expectedVersion: 1, payScheduleId: next.id })).userErrors).toEqual([
      { field: ["input", "payScheduleId"], code: "PAYROLL_RUN_IN_PROGRESS", conflictingId: run.id! },
    ]);
    // A title change is not a change of what the run pays.
    expect((await mutate("updateEngagement", "engagement", { engagementId: engagement.id, expectedVersion: 1, title: "Lead" })).userErrors).toEqual([]);
    await transitionRun(t, runDbId, "CALCULATING", "FAILED");
    const moved = await mutate("updateEngagement", "engagement", { engagementId: engagement.id, expectedVersion: 2, payScheduleId: next.id });
    expect(moved.userErrors).toEqual([]);
  });
});

/**
 * The race loser (Postgres only: the embedded database has one connection, so requests never interleave there).
 * A concurrent request is played by the production service inside a transaction the test holds open: the
 * mutation's own check cannot see its uncommitted row, the mutation's insert waits on the unique key, the test
 * commits, and the mutation loses at the database — and still names the winner.
 */
describe.skipIf(!process.env.DATABASE_URL)("conflictingId of the race loser (the unique key caught it)", () => {
  const logger = createLogger("silent");

  async function race<T extends { id: string }>(winner: (ctx: Context) => Promise<CommandResult<T>>, loser: () => Promise<Payload>): Promise<{ won: T; lost: Payload }> {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let won: T | undefined;
    const holding = t.database.db.transaction(async (tx) => {
      const principal = new Principal("OPERATOR", "racer", new Set(DEFAULT_SCOPES.OPERATOR), []);
      const result = await winner(createContext({ requestId: "race", principal, db: tx, logger, pii: testPiiCipher() }));
      if (!result.ok) throw new Error(`the winner failed: ${JSON.stringify(result.errors)}`);
      won = result.value;
      await gate;
    });
    const waiting = async () => {
      const rows: unknown = await t.database.db.execute(
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%insert%'`,
      );
      return (rows as { n: number }[])[0].n > 0;
    };
    await eventually(async () => won !== undefined, "the winner's uncommitted write");
    const losing = loser();
    await eventually(waiting, "the loser's insert waiting on the winner's key");
    release();
    await holding;
    return { won: won!, lost: await losing };
  }

  it("createClient with a taken externalId", async () => {
    const externalId = unique("rc");
    const { won, lost } = await race(
      (ctx) => new ClientService(ctx).create({ name: unique("winner"), externalId }),
      () => mutate("createClient", "client", { name: unique("loser"), externalId }),
    );
    expect(lost.userErrors).toEqual([{ field: ["input", "externalId"], code: "DUPLICATE_EXTERNAL_ID", conflictingId: won.id }]);
  });

  it("createWorker with a taken externalId, and with a taken tax id", async () => {
    const clientId = await newClient(t, "rw");
    const person = (externalId: string | null, taxId: string | null) => ({
      clientId,
      externalId,
      taxId,
      legalFirstName: "Race",
      legalLastName: "Worker",
      email: `${unique("r")}@example.test`,
      homeJurisdiction: "US-TX",
    });
    const externalId = unique("rwx");
    const byExternalId = await race(
      (ctx) => new WorkerService(ctx).create(person(externalId, null)),
      () => mutate("createWorker", "worker", person(externalId, null)),
    );
    expect(byExternalId.lost.userErrors).toEqual([{ field: ["input", "externalId"], code: "DUPLICATE_EXTERNAL_ID", conflictingId: byExternalId.won.id }]);
    const byTaxId = await race(
      (ctx) => new WorkerService(ctx).create(person(null, "987-65-4321")),
      () => mutate("createWorker", "worker", person(null, "987654321")),
    );
    expect(byTaxId.lost.userErrors).toEqual([{ field: ["input", "taxId"], code: "DUPLICATE_TAX_ID", conflictingId: byTaxId.won.id }]);
  });

  it("hireWorker with a taken externalId (another worker's hire at the same time)", async () => {
    const clientId = await newClient(t, "rh");
    const base = { title: "Racer", workJurisdiction: "US-TX", employmentModel: "EOR" as const, classification: "US_W2_EMPLOYEE" as const, compensation: SALARY as never };
    const a = await newWorker(t, clientId);
    const b = await newWorker(t, clientId);
    const externalId = unique("rhx");
    const { won, lost } = await race(
      (ctx) => new EngagementCommandService(ctx).hire({ ...base, workerId: a.id, externalId, startDate: "2026-01-05" } as HireWorkerInput),
      () => mutate("hireWorker", "engagement", { ...base, workerId: b.id, externalId, startDate: "2026-01-05" }),
    );
    expect(lost.userErrors).toEqual([{ field: ["input", "externalId"], code: "DUPLICATE_EXTERNAL_ID", conflictingId: won.id }]);
  });

  it("createPaySchedule with a taken name", async () => {
    const clientId = await newClient(t, "rs");
    const input = { clientId, name: "Raced", country: "US" as const, frequency: "MONTHLY" as const, firstPeriodStart: "2026-01-01" };
    const { won, lost } = await race(
      (ctx) => new PayScheduleService(ctx).create(input),
      () => mutate("createPaySchedule", "paySchedule", input),
    );
    expect(lost.userErrors).toEqual([{ field: ["input", "name"], code: "DUPLICATE_NAME", conflictingId: won.id }]);
  });
});
