/**
 * The calculation queue: where calculation jobs (payroll-calculation.job.ts) run — graphile-worker on Postgres, an
 * in-process runner on the embedded database — with their retries and the recovery of runs a crash left
 * CALCULATING. The lifecycle service enqueues; nothing here computes or writes pay.
 */
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { Logger as WorkerLogger, run, runMigrations, type Runner, type Task } from "graphile-worker";
import type { Database, Db } from "../../db/client";
import type { Logger } from "../../logger";
import { runCalculationJob, markCalculationFailed } from "./payroll-calculation.job";
import { payrollStatementsRepository } from "./payroll-statements.repository";

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
 *   (its process is gone). On Postgres other nodes may be calculating right now, so a run is recovered when it has
 *   been CALCULATING with no attempt started for `RECOVERY_GRACE_SECONDS` (longer than any calculation), at
 *   start-up and by a sweep every `RECOVERY_SWEEP_MS`: its job was lost with a crashed worker (graphile-worker
 *   itself only frees a crashed worker's job after 4 hours). A run calculated twice (a recovered job racing the
 *   original) is written once: the persisting transaction locks the run and checks it is still CALCULATING.
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
/** Postgres: a run CALCULATING this long without a new attempt has lost its worker. */
export const RECOVERY_GRACE_SECONDS = 120;
/** Postgres: how often each node looks for such runs. */
export const RECOVERY_SWEEP_MS = 60_000;
/** Advisory lock serializing the queue schema installation of several nodes starting at once. */
const QUEUE_SCHEMA_LOCK = 7_262_003; // migrations hold 7262001, seeding 7262002

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
    private readonly logger: Logger,
    private readonly retryDelaysMs: readonly number[] = [50, 250, 1000, 2000],
  ) {}

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
        await runCalculationJob(this.db, runId, this.logger);
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

/** The Postgres queue: graphile-worker in this process, sharing the database with every other node. */
export class GraphileCalculationQueue implements PayrollCalculationQueue {
  readonly kind = "graphile-worker" as const;

  private sweep: NodeJS.Timeout | undefined;

  private constructor(
    private readonly db: Db,
    private readonly runner: Runner,
    private readonly logger: Logger,
  ) {
    this.sweep = setInterval(() => {
      this.recover().catch((error) => logger.warn({ err: error }, "payroll recovery sweep failed"));
    }, RECOVERY_SWEEP_MS);
    this.sweep.unref();
  }

  /** Installs or upgrades the queue schema (serialized across nodes), then starts this node's worker. */
  static async start(url: string, db: Db, logger: Logger): Promise<GraphileCalculationQueue> {
    const options = { connectionString: url, logger: workerLogger(logger), maxPoolSize: 4 };
    const lock = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await lock`select pg_advisory_lock(${QUEUE_SCHEMA_LOCK})`;
      await runMigrations(options);
    } finally {
      await lock.end({ timeout: 5 });
    }
    const task: Task = async (payload, helpers) => {
      const runId = (payload as { runId?: unknown })?.runId;
      if (typeof runId !== "string") return; // not ours to retry
      try {
        await runCalculationJob(db, runId, logger);
      } catch (error) {
        if (helpers.job.attempts >= helpers.job.max_attempts) {
          await markCalculationFailed(db, runId, reasonOf(error, helpers.job.attempts));
          return;
        }
        throw error; // the queue retries with exponential back-off
      }
    };
    const runner = await run({
      ...options,
      concurrency: 1,
      noHandleSignals: true,
      pollInterval: 2_000,
      crontab: "",
      taskList: { [CALCULATE_TASK]: task },
    });
    return new GraphileCalculationQueue(db, runner, logger);
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

  async recover(): Promise<number> {
    const orphans = await payrollStatementsRepository.calculatingRuns(this.db, RECOVERY_GRACE_SECONDS);
    // A job still queued under the key is replaced (not duplicated); one locked by a crashed worker gets a fresh job.
    for (const runId of orphans) await this.enqueueInTransaction(this.db, runId);
    if (orphans.length > 0) this.logger.info({ runs: orphans.length }, "payroll runs left CALCULATING queued again");
    return orphans.length;
  }

  async idle(): Promise<void> {}

  async stop(): Promise<void> {
    clearInterval(this.sweep);
    await this.runner.stop();
  }
}

/** Starts this node's calculation queue for the database and re-queues runs left CALCULATING. */
export async function startPayrollCalculationQueue(database: Database, logger: Logger): Promise<PayrollCalculationQueue> {
  const queue =
    database.kind === "postgres" && database.url ? await GraphileCalculationQueue.start(database.url, database.db, logger) : new InProcessCalculationQueue(database.db, logger);
  const recovered = await queue.recover();
  if (recovered > 0) logger.info({ recovered, queue: queue.kind }, "payroll runs left CALCULATING picked up at start-up");
  return queue;
}
