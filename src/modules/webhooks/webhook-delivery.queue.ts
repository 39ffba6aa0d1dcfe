/**
 * Where webhook deliveries run: graphile-worker on Postgres (any node takes any endpoint's job), an in-process
 * runner on the embedded database; and the dispatcher that tells the queue which endpoints have something to send.
 *
 * Crash safety does not depend on the queue: the truth is each endpoint's cursor in `webhook_streams`
 * (webhook-delivery.ts). A job is only "look at endpoint E (at time T)": jobs are keyed per endpoint
 * (`webhook-endpoint:<uuid>`, so notifications from many nodes collapse into one), a lost job — a notification
 * missed while LISTEN reconnected, a job locked by a killed process (graphile-worker frees those only after 4 h) —
 * is found again by the sweep, which every `SWEEP_MS` (and at start-up) queues every endpoint that is enabled,
 * behind its client's last event, due, and not leased by a live node.
 */
import { postgresClient } from "../../db/socket";
import { sql } from "drizzle-orm";
import { Logger as WorkerLogger, run, runMigrations, type Runner, type Task } from "graphile-worker";
import type { Database, Db } from "../../db/client";
import type { Logger } from "../../logger";
import type { PiiCipher } from "../../pii/pii-cipher";
import { EVENTS_CHANNEL, parseEventNotification } from "../events/event.channel";
import { pgliteNotificationSource, postgresNotificationSource, type NotificationSource } from "../../realtime/notification-source";
import { deliverEndpoint, type DeliveryDeps } from "./webhook-delivery";
import { timeJob } from "../../observability/jobs";
import { outboundPolicy } from "./webhook-outbound";
import { DEFAULT_RETRY_SCHEDULE_MS } from "./webhook-retry";
import { webhookStreamRepository } from "./webhook.repository";

export interface WebhookDeliveryQueue {
  readonly kind: "graphile-worker" | "in-process";
  /** These endpoints may have something to send now (after the commit that made it so). */
  poke(endpointIds: readonly string[]): void;
  /** Resolves when no delivery runs in this process (in-process runner; immediate otherwise). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export const DELIVER_TASK = "deliver_webhooks";
/** How often each node looks for endpoints whose job was lost (see above). */
export const SWEEP_MS = 5_000;
const SWEEP_BATCH = 500;
/** The same lock as the payroll queue's schema installation: one schema, installed by one node at a time. */
const QUEUE_SCHEMA_LOCK = 7_262_003;

const jobKey = (endpointId: string) => `webhook-endpoint:${endpointId}`;

/** The embedded database's runner: one run per endpoint at a time, retries on timers. */
export class InProcessWebhookQueue implements WebhookDeliveryQueue {
  readonly kind = "in-process" as const;
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly deps: DeliveryDeps) {}

  poke(endpointIds: readonly string[]): void {
    for (const id of endpointIds) this.run(id);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.idle();
  }

  private run(endpointId: string): void {
    if (this.stopped) return;
    if (this.running.has(endpointId)) {
      this.again.add(endpointId);
      return;
    }
    clearTimeout(this.timers.get(endpointId));
    this.timers.delete(endpointId);
    const job = timeJob(this.deps.onJob, DELIVER_TASK, () => deliverEndpoint(this.deps, endpointId))
      .then((next) => {
        if (next) this.schedule(endpointId, next);
      })
      .catch((error: unknown) => {
        this.deps.logger.warn({ err: error, endpointId }, "webhook delivery run failed: retrying");
        this.schedule(endpointId, new Date(Date.now() + 1_000));
      })
      .finally(() => {
        this.running.delete(endpointId);
        if (this.again.delete(endpointId)) this.run(endpointId);
      });
    this.running.set(endpointId, job);
  }

  private schedule(endpointId: string, at: Date): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(endpointId));
    const timer = setTimeout(() => this.run(endpointId), Math.max(0, at.getTime() - Date.now()));
    timer.unref();
    this.timers.set(endpointId, timer);
  }
}

/** graphile-worker's logs through ours, without error texts (they may hold query parameters): the error goes under `err`, which the logger redacts. */
function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const error = meta?.error ?? meta?.err;
    const fields = { queue: "graphile-worker", task: DELIVER_TASK, ...scope, ...(error !== undefined ? { err: error } : {}) };
    const text = error !== undefined ? message.split(/ with error |: /)[0] : message;
    const severity: string = level; // LogLevel is a const enum: compare its strings
    if (severity === "error") logger.error(fields, text);
    else if (severity === "warning") logger.warn(fields, text);
    else logger.trace(fields, text);
  });
}

/** The Postgres queue: this node's graphile-worker runner for delivery jobs. */
export class GraphileWebhookQueue implements WebhookDeliveryQueue {
  readonly kind = "graphile-worker" as const;

  private constructor(
    private readonly db: Db,
    private readonly runner: Runner,
    private readonly logger: Logger,
  ) {}

  static async start(url: string, deps: DeliveryDeps): Promise<GraphileWebhookQueue> {
    const options = { connectionString: url, logger: workerLogger(deps.logger), maxPoolSize: 4 };
    const lock = postgresClient(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    try {
      await lock`select pg_advisory_lock(${QUEUE_SCHEMA_LOCK})`;
      await runMigrations(options);
    } finally {
      await lock.end({ timeout: 5 });
    }
    const task: Task = async (payload) => {
      const endpointId = (payload as { endpointId?: unknown })?.endpointId;
      if (typeof endpointId !== "string") return;
      const next = await timeJob(deps.onJob, DELIVER_TASK, () => deliverEndpoint(deps, endpointId));
      if (next) await addJob(deps.db, endpointId, next);
    };
    const runner = await run({ ...options, concurrency: 4, noHandleSignals: true, pollInterval: 2_000, crontab: "", taskList: { [DELIVER_TASK]: task } });
    return new GraphileWebhookQueue(deps.db, runner, deps.logger);
  }

  poke(endpointIds: readonly string[]): void {
    for (const id of endpointIds) {
      addJob(this.db, id, null).catch((error: unknown) => this.logger.warn({ err: error, endpointId: id }, "queueing a webhook delivery failed (the sweep retries)"));
    }
  }

  async idle(): Promise<void> {}

  async stop(): Promise<void> {
    await this.runner.stop();
  }
}

/** One job per endpoint (its key replaces a queued one: many notifications, one job); `at` null: now. */
async function addJob(db: Db, endpointId: string, at: Date | null): Promise<void> {
  /* webhookJobs.addJob */
  await db.execute(
    sql`select graphile_worker.add_job(${DELIVER_TASK}::text, json_build_object('endpointId', ${endpointId}::text), run_at := coalesce(${at?.toISOString() ?? null}::timestamptz, now()), job_key := ${jobKey(endpointId)}::text, max_attempts := 5)`,
  );
}

/**
 * Hears every committed event (the events channel) and queues the endpoints of its client that have something to
 * send; sweeps every endpoint at start-up, on every (re)connection of LISTEN, and every `SWEEP_MS`.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly source: NotificationSource,
    readonly queue: WebhookDeliveryQueue,
    private readonly logger: Logger,
    /** Interrupts the attempts in flight (called first by `stop`). */
    private readonly interrupt: () => void = () => {},
  ) {}

  async start(): Promise<void> {
    await this.source.start(
      (payload) => {
        const notification = parseEventNotification(payload);
        if (notification) this.dispatch(notification.clientId);
      },
      () => this.dispatch(null),
    );
    const tick = () => {
      if (this.stopped) return;
      this.dispatch(null);
      this.timer = setTimeout(tick, SWEEP_MS).unref();
    };
    this.timer = setTimeout(tick, SWEEP_MS).unref();
  }

  /** Queues the endpoints with something due (one client's, or every client's). */
  dispatch(clientId: string | null): void {
    if (this.stopped) return;
    webhookStreamRepository
      .due(this.db, clientId, SWEEP_BATCH)
      .then((ids) => this.queue.poke(ids))
      .catch((error: unknown) => this.logger.warn({ err: error }, "looking for webhook deliveries failed (the sweep retries)"));
  }

  /** Stops listening, interrupts the attempts in flight (they are recorded as failed, and retried), stops the queue. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.source.stop();
    this.interrupt();
    await this.queue.stop();
  }
}

export interface WebhookOptions {
  nodeEnv?: "development" | "production" | "test";
  retryScheduleMs?: readonly number[];
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  /** Metrics: each delivery run (a job) and each attempt's outcome (src/observability/metrics.ts). */
  onJob?: DeliveryDeps["onJob"];
  onAttempt?: DeliveryDeps["onAttempt"];
}

/** Starts this node's delivery queue and dispatcher for the database. */
export async function startWebhookDelivery(database: Database, pii: PiiCipher, logger: Logger, options: WebhookOptions = {}): Promise<WebhookDispatcher> {
  const stopping = new AbortController();
  const deps: DeliveryDeps = {
    db: database.background,
    stopping: stopping.signal,
    pii,
    logger,
    retryScheduleMs: options.retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS,
    // Unset (a runtime built without a configuration): the production rules, the safe side.
    policy: outboundPolicy(options.nodeEnv ?? "production"),
    timeoutMs: options.timeoutMs,
    onJob: options.onJob,
    onAttempt: options.onAttempt,
  };
  const queue = database.kind === "postgres" && database.url ? await GraphileWebhookQueue.start(database.url, deps) : new InProcessWebhookQueue(deps);
  const source = database.kind === "postgres" ? postgresNotificationSource(database.pg!, EVENTS_CHANNEL, logger) : pgliteNotificationSource(database.pglite!, EVENTS_CHANNEL);
  const dispatcher = new WebhookDispatcher(database.background, source, queue, logger, () => stopping.abort());
  try {
    await dispatcher.start();
  } catch (error) {
    await queue.stop();
    throw error;
  }
  return dispatcher;
}
