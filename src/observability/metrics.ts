import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { StatementSample } from "../db/statement-timing";

/**
 * This app's Prometheus metrics (served at /metrics, src/observability/metrics-endpoint.ts). One registry per app,
 * not prom-client's global one: tests start many apps in one process, and each must count its own. Process metrics
 * (CPU, memory, event loop, GC) are the process's, collected once in a registry of their own and appended to every
 * app's answer.
 *
 * Every label value is bounded: operation names and error codes are checked against the GraphQL name syntax and
 * capped (MAX_DISTINCT, then `other`), statements are labelled by kind and table (src/db/statement-timing.ts), never
 * by text. No label or value carries personal data.
 */
export type OperationType = "query" | "mutation" | "subscription" | "unknown";
/** `success`: no error; `partial`: data and errors; `error`: errors and no data (parse, validation, refusals). */
export type OperationOutcome = "success" | "partial" | "error";
/** Of one webhook delivery attempt: delivered, failed (a retry is scheduled), or failed for the last time (the endpoint is disabled). */
export type WebhookOutcome = "succeeded" | "failed" | "gave_up";

/** A count by labels, read at scrape time (with a timeout: src/app.ts). */
export type ScrapeSource = () => Promise<{ labels: Record<string, string>; value: number }[]>;

export interface MetricsSources {
  /** Jobs of the queues by task and state (`queued`, `running`). */
  jobQueueDepth?: ScrapeSource;
  /** Payroll runs by status. */
  payrollRuns?: ScrapeSource;
}

/** Distinct values a free-form label (operation name, error code) takes before the rest count as `other`. */
export const MAX_DISTINCT = 200;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STATEMENT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];
const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** A label of free-form values: at most `max` distinct ones, each a GraphQL name, else `invalid`/`other`. */
function boundedLabel(max: number) {
  const seen = new Set<string>();
  return (value: string | null | undefined, missing: string): string => {
    if (!value) return missing;
    if (!GRAPHQL_NAME.test(value)) return "invalid";
    if (seen.has(value)) return value;
    if (seen.size >= max) return "other";
    seen.add(value);
    return value;
  };
}

let processRegistry: Registry | undefined;

/** The process's own metrics (collectDefaultMetrics), once per process however many apps it runs. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class AppMetrics {
  readonly registry = new Registry();
  /** Filled by the app once its parts run (src/app.ts). */
  readonly sources: MetricsSources = {};
  private readonly operationName = boundedLabel(MAX_DISTINCT);
  private readonly errorCode = boundedLabel(MAX_DISTINCT);

  private readonly operations = new Counter({
    name: "eor_graphql_operations_total",
    help: "GraphQL operations answered, by operation name, type and outcome (success, partial, error).",
    labelNames: ["operation_name", "operation_type", "outcome", "transport"] as const,
    registers: [this.registry],
  });
  private readonly operationSeconds = new Histogram({
    name: "eor_graphql_operation_duration_seconds",
    help: "Time from receiving a GraphQL operation to its answer, by operation name and type.",
    labelNames: ["operation_name", "operation_type", "transport"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: "eor_graphql_errors_total",
    help: "GraphQL errors sent, by extensions.code.",
    labelNames: ["code"] as const,
    registers: [this.registry],
  });
  private readonly httpSeconds = new Histogram({
    name: "eor_http_request_duration_seconds",
    help: "HTTP requests, from arrival to the end of the answer, by route and status class.",
    labelNames: ["method", "route", "status_class"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly statementSeconds = new Histogram({
    name: "eor_db_statement_duration_seconds",
    help: "SQL statements sent through drizzle, by kind (select, insert, …) and first table; never their text.",
    labelNames: ["operation", "table"] as const,
    buckets: STATEMENT_BUCKETS,
    registers: [this.registry],
  });
  private readonly statementErrors = new Counter({
    name: "eor_db_statement_errors_total",
    help: "SQL statements that failed, by kind and first table.",
    labelNames: ["operation", "table"] as const,
    registers: [this.registry],
  });
  /** Open graphql-ws connections (counted once the connection is acknowledged). */
  readonly webSockets = new Gauge({ name: "eor_websocket_connections", help: "Open GraphQL WebSocket connections.", registers: [this.registry] });
  /** Running subscriptions over WebSocket. */
  readonly subscriptions = new Gauge({ name: "eor_graphql_subscriptions", help: "GraphQL subscriptions running over WebSocket.", registers: [this.registry] });
  private readonly eventsWritten = new Counter({
    name: "eor_events_written_total",
    help: "Rows inserted into the event log by this node (a statement of a transaction that rolled back included).",
    registers: [this.registry],
  });
  private readonly deliveryLag = new Histogram({
    name: "eor_event_delivery_lag_seconds",
    help: "From an event's commit (its occurredAt, the time of its transaction) to its payload sent on a subscription socket; replayed events count with their age.",
    buckets: LAG_BUCKETS,
    registers: [this.registry],
  });
  private readonly jobSeconds = new Histogram({
    name: "eor_job_duration_seconds",
    help: "Background job runs (one attempt), by task and outcome (success, failure).",
    labelNames: ["task", "outcome"] as const,
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });
  private readonly webhookDeliveries = new Counter({
    name: "eor_webhook_deliveries_total",
    help: "Webhook delivery attempts, by outcome (succeeded; failed: a retry is scheduled; gave_up: the last retry failed, the endpoint is disabled).",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  private readonly scrapeErrors = new Counter({
    name: "eor_metrics_source_errors_total",
    help: "Scrape-time reads that failed or timed out (their gauge is then empty for that scrape), by source.",
    labelNames: ["source"] as const,
    registers: [this.registry],
  });

  constructor() {
    const sources = this.sources;
    const scrapeErrors = this.scrapeErrors;
    // A read that fails leaves its gauge empty for this scrape: the other metrics are still served.
    const fromSource = (name: keyof MetricsSources) =>
      async function collect(this: Gauge<string>) {
        const source = sources[name];
        if (!source) return;
        this.reset();
        try {
          for (const { labels, value } of await source()) this.set(labels, value);
        } catch {
          scrapeErrors.inc({ source: name });
        }
      };
    new Gauge({
      name: "eor_job_queue_depth",
      help: "Jobs in the queues, by task and state (queued, running); read at scrape time.",
      labelNames: ["task", "state"] as const,
      registers: [this.registry],
      collect: fromSource("jobQueueDepth"),
    });
    new Gauge({
      name: "eor_payroll_runs",
      help: "Payroll runs by status (all clients); read at scrape time.",
      labelNames: ["status"] as const,
      registers: [this.registry],
      collect: fromSource("payrollRuns"),
    });
  }

  /** One answered GraphQL operation. */
  operation(o: {
    name: string | null | undefined;
    type: OperationType;
    outcome: OperationOutcome;
    seconds: number;
    errorCodes: readonly string[];
    transport: "http" | "ws";
  }): void {
    const name = this.operationName(o.name, "anonymous");
    this.operations.inc({ operation_name: name, operation_type: o.type, outcome: o.outcome, transport: o.transport });
    this.operationSeconds.observe({ operation_name: name, operation_type: o.type, transport: o.transport }, o.seconds);
    for (const code of o.errorCodes) this.errors.inc({ code: this.errorCode(code, "UNKNOWN") });
  }

  /** One HTTP request answered (`route`: a fixed path of the server, or `other`). */
  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpSeconds.observe({ method: /^[A-Z]{1,10}$/.test(method) ? method : "OTHER", route, status_class: `${Math.floor(status / 100)}xx` }, seconds);
  }

  /** The database's statement observer (src/db/statement-timing.ts). */
  readonly statement = (sample: StatementSample): void => {
    const labels = { operation: sample.operation, table: sample.table };
    this.statementSeconds.observe(labels, sample.seconds);
    if (!sample.ok) this.statementErrors.inc(labels);
    else if (sample.operation === "insert" && sample.table === "events") this.eventsWritten.inc(sample.rows ?? 1);
  };

  /** An event's payload was sent to a subscriber. */
  eventDelivered(occurredAt: Date): void {
    this.deliveryLag.observe(Math.max(0, (Date.now() - occurredAt.getTime()) / 1000));
  }

  /** One attempt of a background job finished. */
  readonly job = (task: string, outcome: "success" | "failure", seconds: number): void => {
    this.jobSeconds.observe({ task, outcome }, seconds);
  };

  /** One webhook delivery attempt finished. */
  readonly webhookDelivery = (outcome: WebhookOutcome): void => {
    this.webhookDeliveries.inc({ outcome });
  };

  /** The exposition: this app's metrics, then the process's. */
  async render(): Promise<{ contentType: string; body: string }> {
    const [own, process] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return { contentType: this.registry.contentType, body: `${own}\n${process}` };
  }
}

/**
 * Where a subscription's event is handed from its resolver to the socket: the resolver notes the event's instant
 * on the operation's context, the transport takes it when it sends the payload (src/server.ts `onNext`). Events of
 * one subscription are executed one after the other, so one slot per context is enough.
 */
const deliveries = new WeakMap<object, Date>();

export function noteEventDelivery(context: object, occurredAt: Date): void {
  deliveries.set(context, occurredAt);
}

export function takeEventDelivery(context: unknown): Date | undefined {
  if (typeof context !== "object" || context === null) return undefined;
  const at = deliveries.get(context);
  if (at) deliveries.delete(context);
  return at;
}
