/**
 * The calculation queue: where calculation jobs (payroll-calculation.job.ts) run — graphile-worker on Postgres, an
 * in-process runner on the embedded database — with their retries and the recovery of runs a crash left
 * CALCULATING. The lifecycle service enqueues; nothing here computes or writes pay.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type postgres from "postgres";
import { postgresClient } from "../../db/socket";
import { sql } from "drizzle-orm";
import { Logger as WorkerLogger, run, runMigrations, type Runner, type Task } from "graphile-worker";
import type { Database, Db } from "../../db/client";
import type { Logger } from "../../logger";
import { runCalculationJob, markCalculationFailed } from "./payroll-calculation.job";
import type { PiiCipher } from "../../pii/pii-cipher";
import { payrollStatementsRepository } from "./payroll-statements.repository";
import { timeJob, type JobObserver } from "../../observability/jobs";

/**
 * Where payroll calculations run: background work, so the `calculatePayrollRun` mutation returns at once with
 * the run CALCULATING.
 *
 * - On Postgres: a graphile-worker job (task `calculate_payroll_run`, job key `payroll-run:<uuid>`), added with
 *   `graphile_worker.add_job` INSIDE the transaction that moves the run to CALCULATING, so the status change and
 *   the job commit or roll back together; any server node picks it up (LISTEN/NOTIFY, no polling delay).
 *   Database errors are retried by the queue (exponential back-off, `MAX_ATTEMPTS`); the last failed attempt
 *   moves the run to FAILED with the reason.
 * - On the embedded database (one process by construction): an in-process runner, handed each run after the
 *   commit; database errors are retried a few times, then the run is FAILED.
 * - Recovery of a run left CALCULATING by a crash: on the embedded database every CALCULATING run at start-up
 *   (its process is gone). On Postgres other nodes may be calculating right now. Each node's worker has a known id
 *   and holds a session advisory lock on it (`WORKER_ALIVE_LOCK`, on a connection of its own) for as long as the
 *   process lives: Postgres releases it the moment a crashed process's connection closes. Every node sweeps every
 *   `RECOVERY_SWEEP_MS` (and at start-up): jobs locked by a worker whose lock nobody holds belong to a dead
 *   process and are unlocked (graphile-worker's `force_unlock_workers`; by itself it frees them only after 4 hours),
 *   so any live worker runs them again within its poll interval; a run CALCULATING for `RECOVERY_GRACE_SECONDS`
 *   with no job at all is queued again. A run calculated twice (a recovered job racing the original) is written
 *   once: the persisting transaction locks the run and checks it is still CALCULATING.
 */
export interface PayrollCalculationQueue {
  readonly kind: "graphile-worker" | "in-process";
  /** Inside the transaction that moves the run to CALCULATING. */
  enqueueInTransaction(tx: Db, runId: string): Promise<void>;
  /** After that transaction committed. */
  afterCommit(runId: string): void;
  /** Re-queues the runs left CALCULATING by a crash (see above); returns how many. */
  recover(): Promise<number>;
  /** Resolves when nothing is queued or running in this process (in-process runner; immediate otherwise). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export const CALCULATE_TASK = "calculate_payroll_run";
/** Attempts of one calculation job before the run is marked FAILED. */
export const MAX_ATTEMPTS = 5;
/** Postgres: a run CALCULATING this long without a change and without any job has lost its job. */
export const RECOVERY_GRACE_SECONDS = 15;
/** Postgres: how often each node looks for jobs of dead workers and runs without a job. */
export const RECOVERY_SWEEP_MS = 5_000;
/** Postgres: how often a worker looks for jobs (also how soon an unlocked job runs again). */
const POLL_INTERVAL_MS = 2_000;
/** Advisory lock serializing the queue schema installation of several nodes starting at once. */
const QUEUE_SCHEMA_LOCK = 7_262_003; // migrations hold 7262001, seeding 7262002
/** Advisory lock class of a live worker: (WORKER_ALIVE_LOCK, hashtext(workerId)), held by its process. */
export const WORKER_ALIVE_LOCK = 7_262_004;

const jobKey = (runId: string) => `payroll-run:${runId}`;

function reasonOf(error: unknown, attempts: number): string {
  // Only the first line of a database error: drizzle appends the bound parameters on the following lines.
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return `The calculation could not complete after ${attempts} attempt(s): ${message}`.slice(0, 500);
}

/** The in-process runner of the embedded database. */
export class InProcessCalculationQueue implements PayrollCalculationQueue {
  readonly kind = "in-process" as const;
  private readonly pending = new Set<string>();
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly pii: PiiCipher,
    private readonly logger: Logger,
    private readonly retryDelaysMs: readonly number[] = [50, 250, 1000, 2000],
    private readonly onJob?: JobObserver,
  ) {}

  /** Runs waiting for their calculation (the job queue depth of the embedded database). */
  get queued(): number {
    return this.pending.size;
  }

  async enqueueInTransaction(): Promise<void> {
    // Nothing to write: the run is handed over after the commit (a crash in between is recovered at start-up).
  }

  afterCommit(runId: string): void {
    this.pending.add(runId);
    this.kick();
  }

  async recover(): Promise<number> {
    const orphans = await payrollStatementsRepository.calculatingRuns(this.db);
    for (const runId of orphans) this.pending.add(runId);
    this.kick();
    return orphans.length;
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private kick(): void {
    if (this.stopped || this.running || this.pending.size === 0) return;
    this.running = this.drain()
      .catch((error) => this.logger.error({ err: error }, "payroll calculation runner failed"))
      .finally(() => {
        this.running = null;
        this.kick();
      });
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.pending.size > 0) {
      const [runId] = this.pending;
      this.pending.delete(runId);
      await this.calculateWithRetries(runId);
    }
  }

  private async calculateWithRetries(runId: string): Promise<void> {
    const attempts = this.retryDelaysMs.length + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await timeJob(this.onJob, CALCULATE_TASK, () => runCalculationJob(this.db, this.pii, runId, this.logger));
        return;
      } catch (error) {
        this.logger.warn({ runId, attempt, err: error }, "payroll calculation attempt failed");
        if (this.stopped) return;
        if (attempt === attempts) {
          await markCalculationFailed(this.db, runId, reasonOf(error, attempts)).catch(() => undefined);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, this.retryDelaysMs[attempt - 1]));
      }
    }
  }
}

/**
 * graphile-worker's logs through ours. Its error messages embed the error's text (a failed query's bound
 * parameters) and its `job` meta the previous error: an entry carrying an error keeps only the message's head, the
 * job's id and attempts, and the error itself under `err`, which the logger redacts (src/logger.ts `errorForLog`).
 */
function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, rawMessage, meta) => {
    let fields: Record<string, unknown> = { queue: "graphile-worker", ...scope, ...(meta ?? {}) };
    let message = rawMessage;
    const error = meta?.error ?? meta?.err;
    if (error !== undefined) {
      const {
        error: _error,
        err: _err,
        job,
        ...rest
      } = fields as { error?: unknown; err?: unknown; job?: { id?: unknown; task_identifier?: unknown; attempts?: unknown; max_attempts?: unknown } };
      fields = { ...rest, ...(job ? { job: { id: job.id, task: job.task_identifier, attempts: job.attempts, maxAttempts: job.max_attempts } } : {}), err: error };
      message = rawMessage.split(/ with error |: /)[0];
    }
    // LogLevel is a const enum of @graphile/logger, not importable as a value under isolatedModules: compare its strings.
    const severity: string = level;
    if (severity === "error") logger.error(fields, message);
    else if (severity === "warning") logger.warn(fields, message);
    else if (severity === "info")
      logger.debug(fields, message); // the queue's routine chatter stays out of info logs
    else logger.trace(fields, message);
  });
}

/**
 * This process's claim that its worker lives: a session advisory lock on (WORKER_ALIVE_LOCK, hashtext(workerId)) held
 * on a connection of its own; taken again whenever that connection was replaced (the database restarted).
 */
class WorkerLiveness {
  private readonly pg: postgres.Sql;

  constructor(
    url: string,
    readonly workerId: string,
  ) {
    this.pg = postgresClient(url, { max: 1, idle_timeout: 0, max_lifetime: null, onnotice: () => {}, connect_timeout: 2, backoff: () => 0.5 });
  }

  /** Takes the lock unless this session holds it already (a new connection after an outage holds nothing). */
  async claim(): Promise<void> {
    /* workerLiveness.claim */
    await this.pg`
      select pg_advisory_lock(${WORKER_ALIVE_LOCK}, hashtext(${this.workerId}))
      where not exists (
        select 1 from pg_locks
        where locktype = 'advisory' and pid = pg_backend_pid() and classid = ${WORKER_ALIVE_LOCK} and objid = hashtext(${this.workerId})::oid and objsubid = 2
      )`;
  }

  /**
   * The sweep's reads and the unlock, on this connection (not the pool: the sweep takes no connection a request
   * needs, and adds nothing to the pool's statement count). Workers holding jobs whose liveness lock no session of
   * this database holds are dead: their jobs are unlocked. Returns the dead workers and the runs CALCULATING for
   * RECOVERY_GRACE_SECONDS without any job.
   */
  async sweep(): Promise<{ deadWorkers: string[]; runsWithoutJob: string[] }> {
    return this.pg.begin(async (tx) => {
      /* payrollJobs.deadWorkers */
      const dead = await tx<{ worker: string }[]>`
        select distinct jobs.locked_by as worker
        from graphile_worker._private_jobs jobs
        where jobs.locked_by is not null
          and not exists (
            select 1 from pg_locks l
            where l.locktype = 'advisory' and l.granted and l.database = (select oid from pg_database where datname = current_database())
              and l.classid = ${WORKER_ALIVE_LOCK} and l.objid = hashtext(jobs.locked_by)::oid and l.objsubid = 2
          )`;
      const deadWorkers = dead.map((r) => r.worker);
      /* payrollJobs.forceUnlockWorkers */
      if (deadWorkers.length > 0) await tx`select graphile_worker.force_unlock_workers(${deadWorkers}::text[])`;
      /* payrollJobs.runsWithoutJob */
      const orphans = await tx<{ id: string }[]>`
        select runs.id from payroll_runs runs
        where runs.status = 'CALCULATING' and runs.updated_at < now() - make_interval(secs => ${RECOVERY_GRACE_SECONDS})
          and not exists (select 1 from graphile_worker._private_jobs jobs where jobs.key = 'payroll-run:' || runs.id::text)
        order by runs.id`;
      return { deadWorkers, runsWithoutJob: orphans.map((r) => r.id) };
    });
  }

  async release(): Promise<void> {
    await this.pg.end({ timeout: 5 });
  }
}

/** The Postgres queue: graphile-worker in this process, sharing the database with every other node. */
export class GraphileCalculationQueue implements PayrollCalculationQueue {
  readonly kind = "graphile-worker" as const;

  private sweep: NodeJS.Timeout | undefined;

  private constructor(
    private readonly db: Db,
    private readonly runner: Runner,
    private readonly liveness: WorkerLiveness,
    private readonly logger: Logger,
  ) {
    this.sweep = setInterval(() => {
      this.liveness
        .claim()
        .then(() => this.recover())
        .catch((error: unknown) => logger.warn({ err: error }, "payroll recovery sweep failed"));
    }, RECOVERY_SWEEP_MS);
    this.sweep.unref();
  }

  /** This node's worker id (its jobs' `locked_by`). */
  get workerId(): string {
    return this.liveness.workerId;
  }

  /** Installs or upgrades the queue schema (serialized across nodes), then starts this node's worker. */
  static async start(url: string, db: Db, pii: PiiCipher, logger: Logger, onJob?: JobObserver): Promise<GraphileCalculationQueue> {
    const options = { connectionString: url, logger: workerLogger(logger), maxPoolSize: 4 };
    const lock = postgresClient(url, { max: 1, onnotice: () => {} });
    try {
      await lock`select pg_advisory_lock(${QUEUE_SCHEMA_LOCK})`;
      await runMigrations(options);
    } finally {
      await lock.end({ timeout: 5 });
    }
    // Alive before the worker locks its first job: a sweep never mistakes it for a dead one.
    const liveness = new WorkerLiveness(url, `eor-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`);
    await liveness.claim();
    const task: Task = async (payload, helpers) => {
      const runId = (payload as { runId?: unknown })?.runId;
      if (typeof runId !== "string") return; // not ours to retry
      try {
        await timeJob(onJob, CALCULATE_TASK, () => runCalculationJob(db, pii, runId, logger));
      } catch (error) {
        if (helpers.job.attempts >= helpers.job.max_attempts) {
          await markCalculationFailed(db, runId, reasonOf(error, helpers.job.attempts));
          return;
        }
        throw error; // the queue retries with exponential back-off
      }
    };
    let runner: Runner;
    try {
      runner = await run({
        ...options,
        concurrency: 1,
        // RunnerOptions does not declare it, but `run` passes it to its single worker (concurrency 1).
        ...({ workerId: liveness.workerId } as object),
        noHandleSignals: true,
        pollInterval: POLL_INTERVAL_MS,
        crontab: "",
        taskList: { [CALCULATE_TASK]: task },
      });
    } catch (error) {
      await liveness.release();
      throw error;
    }
    return new GraphileCalculationQueue(db, runner, liveness, logger);
  }

  async enqueueInTransaction(tx: Db, runId: string): Promise<void> {
    /* payrollJobs.addJob: commits with the status change */
    await tx.execute(
      sql`select graphile_worker.add_job(${CALCULATE_TASK}::text, json_build_object('runId', ${runId}::text), job_key := ${jobKey(runId)}::text, max_attempts := ${MAX_ATTEMPTS}::int)`,
    );
  }

  afterCommit(): void {
    // graphile-worker hears the job through LISTEN/NOTIFY at commit.
  }

  /** Frees the jobs of dead workers and queues again the runs left without a job; returns how many of both. */
  async recover(): Promise<number> {
    const { deadWorkers, runsWithoutJob } = await this.liveness.sweep();
    if (deadWorkers.length > 0) this.logger.warn({ workers: deadWorkers }, "jobs of dead workers unlocked: they run again");
    for (const runId of runsWithoutJob) await this.enqueueInTransaction(this.db, runId);
    if (runsWithoutJob.length > 0) this.logger.info({ runs: runsWithoutJob.length }, "payroll runs left CALCULATING without a job queued again");
    return deadWorkers.length + runsWithoutJob.length;
  }

  async idle(): Promise<void> {}

  async stop(): Promise<void> {
    clearInterval(this.sweep);
    await this.runner.stop();
    await this.liveness.release();
  }
}

/** Starts this node's calculation queue for the database and re-queues runs left CALCULATING. */
export async function startPayrollCalculationQueue(database: Database, pii: PiiCipher, logger: Logger, onJob?: JobObserver): Promise<PayrollCalculationQueue> {
  const queue =
    database.kind === "postgres" && database.url
      ? await GraphileCalculationQueue.start(database.url, database.db, pii, logger, onJob)
      : new InProcessCalculationQueue(database.db, pii, logger, undefined, onJob);
  const recovered = await queue.recover();
  if (recovered > 0) logger.info({ recovered, queue: queue.kind }, "payroll runs left CALCULATING picked up at start-up");
  return queue;
}
