import { NodeSDK } from "@opentelemetry/sdk-node";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { ExpressInstrumentation } from "@opentelemetry/instrumentation-express";
import { GraphQLInstrumentation } from "@opentelemetry/instrumentation-graphql";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { Config } from "../config";

/** Query parameters never exported: a GET /graphql carries its document and variables there. */
const REDACTED_QUERY_PARAMS = ["query", "variables", "extensions", "token", "access_token", "AWSAccessKeyId", "Signature", "sig", "X-Goog-Signature"];
/** Requests not traced: scrapes and probes. */
const UNTRACED_PATHS = new Set(["/metrics", "/healthz", "/readyz"]);

import type { TracingHandle } from "./tracing-handle";

/**
 * OpenTelemetry traces over OTLP/HTTP (JSON) to `endpoint` (`<endpoint>/v1/traces`): HTTP server and client spans,
 * Express middleware, GraphQL parse/validate/execute and resolvers (graphql-js field spans, without argument
 * values), and one span per SQL statement made by the database layer (src/db/statement-timing.ts: kind and table,
 * never the text's values). The maintained instrumentations patch `http`, `express` and `graphql` when they are
 * loaded: this must run before them, which src/observability/instrument.ts (a `--import` preload) ensures.
 */
export function startTracing(otel: Config["otel"] & { endpoint: string }): TracingHandle {
  const exporter = new OTLPTraceExporter({ url: `${otel.endpoint.replace(/\/+$/, "")}/v1/traces`, timeoutMillis: 10_000 });
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: otel.serviceName }),
    resourceDetectors: [],
    spanProcessors: [new BatchSpanProcessor(exporter)],
    instrumentations: [
      new HttpInstrumentation({
        redactedQueryParams: REDACTED_QUERY_PARAMS,
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has((req.url ?? "").split("?")[0]),
      }),
      new ExpressInstrumentation(),
      // Resolver spans for fields that do real work only; argument values are never recorded (allowValues off).
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, allowValues: false, mergeItems: true }),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
