import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

/**
 * The reads of a /metrics scrape: counts over every client (no tenant's data, only totals by a status), each one
 * statement bounded by SCRAPE_TIMEOUT_MS (server-side on Postgres, and raced on either driver).
 */
export const SCRAPE_TIMEOUT_MS = 2_000;

type Count = { labels: Record<string, string>; value: number };

async function bounded(db: Db, postgres: boolean, query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  const read = postgres
    ? db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local statement_timeout = ${SCRAPE_TIMEOUT_MS}`));
        return tx.execute(query);
      })
    : db.execute(query);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`metrics read: no answer within ${SCRAPE_TIMEOUT_MS} ms`)), SCRAPE_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([read, timeout]);
    return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
  } finally {
    clearTimeout(timer);
  }
}

export const metricsRepository = {
  /** Payroll runs by status. */
  async payrollRunsByStatus(db: Db, postgres: boolean): Promise<Count[]> {
    /* metrics.payrollRunsByStatus */
    const rows = await bounded(db, postgres, sql`select status::text as status, count(*)::int as n from payroll_runs group by status`);
    return rows.map((r) => ({ labels: { status: String(r.status) }, value: Number(r.n) }));
  },

  /** graphile-worker's jobs by task and state: queued (not locked), running (locked), failed (attempts used up). */
  async jobsByTaskAndState(db: Db): Promise<Count[]> {
    /* metrics.jobsByTaskAndState */
    const rows = await bounded(
      db,
      true,
      sql`select task_identifier as task,
            case when locked_at is not null then 'running' when attempts >= max_attempts then 'failed' else 'queued' end as state,
            count(*)::int as n
          from graphile_worker.jobs group by 1, 2`,
    );
    return rows.map((r) => ({ labels: { task: String(r.task), state: String(r.state) }, value: Number(r.n) }));
  },
};
