import type { ApolloServerPlugin } from "@apollo/server";
import { trace } from "@opentelemetry/api";
import { getOperationAST, type GraphQLFormattedError } from "graphql";
import type { Context } from "../context";
import { operationCost } from "../rate-limit/rate-limiter";
import type { AppMetrics, OperationOutcome, OperationType } from "./metrics";

/** What the request log line says of the GraphQL operation it carried: no variables, no values. */
export interface OperationLogFields {
  operationName: string | null;
  operationType: OperationType;
  /** The operation's estimated cost (src/armor.ts, the rate limiter's price); null when it was not parsed. */
  cost: number | null;
  outcome: OperationOutcome;
  /** extensions.code of each error, in order (at most 10). */
  errorCodes?: string[];
}

/** The codes of an answer's errors. */
export const errorCodes = (errors: readonly GraphQLFormattedError[] | undefined): string[] =>
  (errors ?? []).map((e) => (typeof e.extensions?.code === "string" ? e.extensions.code : "UNKNOWN"));

export const outcomeOf = (errors: readonly unknown[] | undefined, data: unknown): OperationOutcome =>
  !errors?.length ? "success" : data !== undefined && data !== null ? "partial" : "error";

/**
 * Counts every operation Apollo answers (HTTP) by name, type and outcome, its errors by code and its duration, and
 * hands the request log its fields (`log`). Last in the plugin list: it sees the answer as sent (the budget, the
 * availability and the rate limit plugins may replace it). The HTTP span of the trace gets the same attributes.
 */
export function operationMetricsPlugin(metrics: AppMetrics, log?: (context: Context, fields: OperationLogFields) => void): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async didResolveOperation({ operation, operationName }) {
          const span = trace.getActiveSpan();
          if (span && operation) span.setAttributes({ "graphql.operation.type": operation.operation, ...(operationName ? { "graphql.operation.name": operationName } : {}) });
        },
        async willSendResponse({ contextValue, response, operation, operationName, request, document, schema }) {
          const body = response.body.kind === "single" ? response.body.singleResult : response.body.initialResult;
          const codes = errorCodes(body.errors);
          const outcome = outcomeOf(body.errors, body.data);
          // An operation refused at validation was parsed: its name and type are known even though it did not run.
          const op = operation ?? (document ? getOperationAST(document, request.operationName) : null);
          const type: OperationType = op?.operation ?? "unknown";
          const name = operationName ?? op?.name?.value ?? null;
          metrics.operation({ name, type, outcome, seconds: (performance.now() - started) / 1000, errorCodes: codes, transport: "http" });
          if (log && contextValue) {
            const cost = document && operation ? operationCost(schema, document, operation) : null;
            log(contextValue, { operationName: name, operationType: type, cost, outcome, ...(codes.length ? { errorCodes: codes.slice(0, 10) } : {}) });
          }
        },
      };
    },
  };
}
