import type { GraphQLSchema } from "graphql";
import { DEFAULT_IDEMPOTENCY_RETENTION_HOURS, DEFAULT_RATE_LIMIT, DEFAULT_WEBHOOK_DELIVERY_RETENTION_DAYS, type Config } from "./config";
import { openDatabase, type Database } from "./db/client";
import type { Logger } from "./logger";
import { createSchema } from "./schema";
import { createTokenVerifier, type TokenVerifier } from "./auth/tokens";
import type { Principal } from "./auth/principal";
import { createContext, type Context } from "./context";
import type { RequestBudget } from "./request-budget";
import { createEventNotifier, type EventsNotifier } from "./realtime";
import { CALCULATE_TASK, InProcessCalculationQueue, startPayrollCalculationQueue, type PayrollCalculationQueue } from "./modules/payroll/payroll-calculation.queue";
import { sandboxEnabled, startSandboxRail } from "./modules/remittances/sandbox-rail";
import { piiCipherFromConfig } from "./pii/pii-keys";
import type { PiiCipher } from "./pii/pii-cipher";
import { seedDemoData } from "./seed/seed";
import { DEFAULT_BUDGET } from "./request-budget";
import { createIdempotency, type Idempotency } from "./idempotency";
import { startRetentionSweeper, type RetentionSweeper, type RetentionTask } from "./retention/retention-sweeper";
import { purgeFullBuckets } from "./rate-limit/bucket-store";
import { webhookStreamRepository } from "./modules/webhooks/webhook.repository";
import { startWebhookDelivery, type WebhookDispatcher } from "./modules/webhooks/webhook-delivery.queue";
import { outboundPolicy } from "./modules/webhooks/webhook-outbound";
import { AppMetrics } from "./observability/metrics";
import { metricsRepository } from "./observability/metrics.repository";
import type { Progress } from "./cli/progress";

/**
 * The composition root: builds this node's runtime from the configuration and the database, and owns the order in
 * which its parts start and stop. The transport (src/server.ts: HTTP, WebSocket) only serves what it is handed.
 *
 * Start: database (opened and migrated, unless one is given) → demo data (when asked) → event notifier (LISTEN) →
 * payroll calculation queue (recovers runs left CALCULATING) → idempotency key purge → webhook delivery (its queue
 * and the dispatcher listening for events; sweeps endpoints left behind) → sandbox payment rail (when the sandbox
 * is on).
 * Stop: the transports serving the app first (no new work arrives), then the rail, webhook delivery (an attempt in
 * flight is interrupted and retried later), the purge, the calculation queue (a running calculation finishes), the
 * notifier, and the database if the app opened it.
 */

/** What the runtime reads of the configuration; the rest of `Config` is the transport's. */
export type AppConfig = Pick<Config, "sandboxRail"> &
  Partial<
    Pick<
      Config,
      | "databaseUrl"
      | "dataDir"
      | "jwt"
      | "pii"
      | "idempotencyRetentionHours"
      | "requestTimeoutMs"
      | "nodeEnv"
      | "webhookRetryScheduleMs"
      | "webhookDeliveryRetentionDays"
      | "rateLimit"
    >
  >;

export interface AppOptions {
  config: AppConfig;
  logger: Logger;
  /**
   * An open (and migrated) database: the app uses it and leaves it open (tests, a second node on one database).
   * Default: the database the configuration names (DATABASE_URL, else PGlite in DATA_DIR), migrated, closed by `stop`.
   */
  database?: Database;
  /** Loads the demo data after migrating, on an embedded database the app opened (`npm start`). */
  demoData?: boolean;
  /** Where the start-up's migrations and demo data report their progress (`npm start`: stderr); default silent. */
  progress?: Progress;
  /** Token verification (default: from `config.jwt`). */
  verifyToken?: TokenVerifier;
  /** The PII cipher (default: from the configuration, src/pii/pii-keys.ts). */
  pii?: PiiCipher;
  /** The executable schema (default: `createSchema()`). */
  schema?: GraphQLSchema;
  /**
   * Whether the sandbox rail's timer runs when the sandbox is on (default true). Tests turn it off and drive the rail
   * with `runSandboxRailOnce`, so that no background work adds statements to theirs.
   */
  sandboxRailTimer?: boolean;
}

/** Something serving the app (src/server.ts): stopped before the runtime. */
export interface Transport {
  stop(): Promise<void>;
}

export interface App {
  readonly database: Database;
  readonly logger: Logger;
  readonly schema: GraphQLSchema;
  readonly verifyToken: TokenVerifier;
  /** Encrypts and decrypts the personal data the application stores (src/pii/). */
  readonly pii: PiiCipher;
  /** Sandbox mode: the `sandbox*` mutations are allowed (`sandboxEnabled`), and the rail runs (unless its timer is off). */
  readonly sandbox: boolean;
  /** This node's live-event notifier (subscriber counts for tests and the benchmark). */
  readonly notifier: EventsNotifier;
  /** This node's payroll calculation queue (graphile-worker on Postgres, in-process on the embedded database). */
  readonly calculations: PayrollCalculationQueue;
  /** Idempotency keys of mutations: the rules and the transport's hooks (src/idempotency/). */
  readonly idempotency: Idempotency;
  /** This node's purges of expired rows (idempotency keys, webhook delivery attempts, full rate limit buckets). */
  readonly retention: RetentionSweeper;
  /** This node's webhook delivery: the dispatcher and its queue (graphile-worker on Postgres, in-process on the embedded database). */
  readonly webhooks: WebhookDispatcher;
  /** This node's Prometheus metrics (src/observability/): the transport serves them at /metrics. */
  readonly metrics: AppMetrics;
  /** The context of one operation of `principal`, with fresh loaders. */
  context(args: { requestId: string; principal: Principal; budget?: RequestBudget }): Context;
  /** Registers a transport serving this app (src/server.ts does it): `stop` stops it first. */
  addTransport(transport: Transport): void;
  /** Stops the transports, then the runtime in reverse start order; idempotent. */
  stop(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const pii = options.pii ?? piiCipherFromConfig({ dataDir: required(config.dataDir, "dataDir"), pii: required(config.pii, "pii") });
  const verifyToken = options.verifyToken ?? createTokenVerifier(required(config.jwt, "jwt"));

  // What has started, to stop in reverse order (and to unwind a start-up that fails half-way).
  const started: (() => Promise<void>)[] = [];
  const stopStarted = async () => {
    for (const stop of started.splice(0).reverse()) await stop();
  };
  try {
    let database = options.database;
    if (!database) {
      const opened = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      started.push(() => opened.close());
      await opened.migrate(options.progress);
      if (options.demoData && opened.kind === "pglite") {
        const { seeded } = await seedDemoData(opened.db, pii, options.progress);
        if (seeded) logger.info("demo data seeded");
      }
      database = opened;
    }
    const schema = options.schema ?? (await createSchema());
    const sandbox = sandboxEnabled(config, database.kind);

    // Metrics: every statement on the database is timed (src/db/statement-timing.ts); counts read at scrape time.
    const metrics = new AppMetrics();
    const unobserve = database.timing.observe(metrics.statement);
    started.push(async () => unobserve());
    const metricsDb = database.background;
    const onPostgres = database.kind === "postgres";
    metrics.sources.payrollRuns = () => metricsRepository.payrollRunsByStatus(metricsDb, onPostgres);

    // Live events: this node hears every committed event id (LISTEN/NOTIFY) and fans them out to its subscribers.
    const notifier = createEventNotifier(database, logger);
    await notifier.start();
    started.push(() => notifier.stop());

    // Payroll calculations: this node's worker of the job queue; runs left CALCULATING by a crash are queued again.
    const calculations = await startPayrollCalculationQueue(database, pii, logger, metrics.job);
    metrics.sources.jobQueueDepth = onPostgres
      ? () => metricsRepository.jobsByTaskAndState(metricsDb)
      : async () => (calculations instanceof InProcessCalculationQueue ? [{ labels: { task: CALCULATE_TASK, state: "queued" }, value: calculations.queued }] : []);
    started.push(() => calculations.stop()); // lets a running calculation finish (a stopped one is recovered at the next start)

    // Idempotency keys: their store, and this node's purge of expired keys (every node runs one).
    const idempotency = createIdempotency({
      db: database.db,
      pii,
      schema,
      logger,
      retentionHours: config.idempotencyRetentionHours ?? DEFAULT_IDEMPOTENCY_RETENTION_HOURS,
      requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_BUDGET.timeoutMs,
    });
    // Retention: every node purges what expired in the tables that grow with traffic.
    const deliveryRetentionMs = (config.webhookDeliveryRetentionDays ?? DEFAULT_WEBHOOK_DELIVERY_RETENTION_DAYS) * 86_400_000;
    const retentionTasks: RetentionTask[] = [
      { name: "idempotency_keys", purgeBatch: (limit) => idempotency.service.purgeExpiredBatch(limit) },
      { name: "webhook_deliveries", purgeBatch: (limit) => webhookStreamRepository.deleteDeliveriesBefore(database.background, new Date(Date.now() - deliveryRetentionMs), limit) },
    ];
    const pg = database.pg;
    const limit = config.rateLimit ?? DEFAULT_RATE_LIMIT;
    if (pg) retentionTasks.push({ name: "rate_limit_buckets", purgeBatch: (n) => purgeFullBuckets(pg, { capacity: limit.points, restorePerSecond: limit.restorePerSecond }, n) });
    const retention = startRetentionSweeper(retentionTasks, logger);
    started.push(() => retention.stop());
    // Webhooks: this node's delivery queue, fed by the event log (outbound rules of config.nodeEnv; unset: production's).
    const webhooks = await startWebhookDelivery(database, pii, logger, {
      nodeEnv: config.nodeEnv,
      retryScheduleMs: config.webhookRetryScheduleMs,
      onJob: metrics.job,
      onAttempt: metrics.webhookDelivery,
    });
    started.push(() => webhooks.stop()); // an attempt in flight is interrupted, recorded as failed and sent again later (at least once)
    const webhookRuntime = { policy: outboundPolicy(config.nodeEnv ?? "production"), poke: (ids: readonly string[]) => webhooks.queue.poke(ids) };

    // Sandbox payment rail (embedded database or SANDBOX_RAIL=on): advances remittances of funded runs.
    if (sandbox && options.sandboxRailTimer !== false) {
      const rail = startSandboxRail(database.db, logger);
      started.push(() => rail.stop());
    }

    const transports: Transport[] = [];
    let stopping: Promise<void> | undefined;
    return {
      database,
      logger,
      schema,
      verifyToken,
      pii,
      sandbox,
      notifier,
      calculations,
      idempotency,
      retention,
      webhooks,
      metrics,
      context: ({ requestId, principal, budget }) => {
        // Each operation records what its statements may have written (a failed mutation is retryable only if nothing).
        const dbActivity = { mayHaveWritten: false };
        const opDb = database.forOperation(dbActivity);
        return createContext({
          requestId,
          principal,
          db: opDb,
          dbActivity,
          logger: () => logger.child({ requestId }),
          pii,
          sandbox,
          calculations,
          budget,
          webhooks: webhookRuntime,
        });
      },
      addTransport: (transport) => void transports.push(transport),
      stop() {
        stopping ??= (async () => {
          for (const transport of transports.splice(0).reverse()) await transport.stop();
          await stopStarted();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await stopStarted().catch((e: unknown) => logger.error({ err: e }, "stopping a failed start-up failed"));
    throw error;
  }
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`createApp: config.${name} is required unless the option it configures is given`);
  return value;
}
