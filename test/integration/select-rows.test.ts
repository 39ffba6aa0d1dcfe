import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, count, eq, lt, sql } from "drizzle-orm";
import type { Database, Db } from "../../src/db/client";
import { openTestDatabase } from "../support/database";
import { selectRows } from "../../src/db/prepared";
import { clients } from "../../src/modules/clients/client.table";
import { compensations, engagements } from "../../src/modules/engagements/engagement.table";
import { paySchedules } from "../../src/modules/pay-schedules/pay-schedule.table";
import { workers } from "../../src/modules/workers/worker.table";

/**
 * `selectRows` (src/db/prepared.ts) maps a select's rows itself instead of through drizzle's `mapResultRow`: for
 * each kind of selection the payroll inputs use, it must give exactly the objects drizzle gives for the same
 * builder — values decoded the same way (dates as strings, bigints as numbers, timestamps as Dates, enums,
 * booleans, nulls, aggregates), keys and order the same. On the demo data (Postgres with DATABASE_URL, else an
 * in-memory PGlite).
 */
let database: Database;
let db: Db;
/** The left join below joins a schedule only to the engagements before this one: the others get nulls. */
let middleId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
  const ids = await db.select({ id: engagements.id }).from(engagements).orderBy(asc(engagements.id));
  middleId = ids[Math.floor(ids.length / 2)].id;
});
afterAll(() => database.close());

describe("selectRows gives the rows drizzle gives", () => {
  it("a flat selection over a left join: dates, enums, booleans, a frequency that is null where no schedule joins", async () => {
    const query = () =>
      db
        .select({
          id: engagements.id,
          workerId: engagements.workerId,
          classification: engagements.classification,
          startDate: engagements.startDate,
          endDate: engagements.endDate,
          exempt: engagements.exempt,
          scheduleFrequency: paySchedules.frequency,
          createdAt: engagements.createdAt,
        })
        .from(engagements)
        .leftJoin(paySchedules, and(eq(paySchedules.id, engagements.payScheduleId), lt(engagements.id, middleId)))
        .orderBy(asc(engagements.id));
    const expected = await query();
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.some((row) => row.scheduleFrequency === null)).toBe(true);
    expect(expected.some((row) => row.scheduleFrequency !== null)).toBe(true);
    const actual = await selectRows(db, query());
    expect(actual).toEqual(expected);
    expect(actual[0].createdAt).toBeInstanceOf(Date);
  });

  it("bigint amounts as numbers, and whole rows of two tables with nullable columns", async () => {
    const amounts = () =>
      db
        .select({ engagementId: compensations.engagementId, basis: compensations.basis, amount: compensations.amount, effectiveFrom: compensations.effectiveFrom })
        .from(compensations)
        .orderBy(asc(compensations.engagementId), asc(compensations.effectiveFrom));
    const expectedAmounts = await amounts();
    expect(expectedAmounts.length).toBeGreaterThan(0);
    expect(typeof expectedAmounts[0].amount).toBe("number");
    expect(await selectRows(db, amounts())).toEqual(expectedAmounts);

    const tables = () => db.select({ worker: workers, client: clients }).from(workers).innerJoin(clients, eq(clients.id, workers.clientId)).orderBy(asc(workers.id));
    const expectedTables = await tables();
    expect(expectedTables.length).toBeGreaterThan(1);
    expect(await selectRows(db, tables())).toEqual(expectedTables);
  });

  it("aggregates written as SQL (a numeric sum is a string, as drizzle leaves it)", async () => {
    const sums = () =>
      db
        .select({ engagementId: compensations.engagementId, total: sql<string>`sum(${compensations.amount})`, changes: count() })
        .from(compensations)
        .groupBy(compensations.engagementId)
        .orderBy(asc(compensations.engagementId));
    const expected = await sums();
    expect(expected.length).toBeGreaterThan(0);
    expect(typeof expected[0].total).toBe("string");
    expect(await selectRows(db, sums())).toEqual(expected);
  });
});
