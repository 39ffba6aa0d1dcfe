import { OperationTypeNode, type FormattedExecutionResult, type GraphQLFormattedError } from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import { ErrorCode } from "./shared/errors";
import { RETRY_AFTER_SECONDS } from "./db/availability";
import type { DatabaseActivity } from "./db/client";

/**
 * The answer to an operation that met an unreachable database (src/db/availability.ts): one SERVICE_UNAVAILABLE
 * error in place of the whole answer, HTTP 503 with `Retry-After`. `extensions.retryable` says whether sending the
 * same operation again is safe without an idempotency key:
 * - true: a query, or a mutation none of whose statements may have reached the database (no COMMIT sent, no write
 *   outside a transaction) — it was not executed;
 * - false: a mutation that may have been applied (the connection was lost after a COMMIT was sent, or after one of
 *   its transactions committed): read the object first, or send it again with the same `Idempotency-Key`.
 */

/** The error formatError gives a database failure of class "unavailable" (finished by `unavailableResult`). */
export function serviceUnavailableError(): GraphQLFormattedError {
  return {
    message: "The database is unavailable: retry later",
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true, retryAfterSeconds: RETRY_AFTER_SECONDS },
  };
}

/** The answer replacing `result` when one of its errors is SERVICE_UNAVAILABLE; null otherwise. */
export function unavailableResult(
  result: FormattedExecutionResult,
  operation: OperationTypeNode | undefined,
  activity: DatabaseActivity | undefined,
): FormattedExecutionResult | null {
  if (!result.errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return null;
  const mayHaveApplied = operation === OperationTypeNode.MUTATION && (activity?.mayHaveWritten ?? true);
  return {
    errors: [
      mayHaveApplied
        ? {
            message:
              "The database became unavailable after this mutation may have been applied: read the object (or send the request again with the same Idempotency-Key) before sending it again",
            extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: false, retryAfterSeconds: RETRY_AFTER_SECONDS },
          }
        : {
            message: "The database is unavailable and nothing was executed: send the same request again later",
            extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true, retryAfterSeconds: RETRY_AFTER_SECONDS },
          },
    ],
  };
}

/** Apollo plugin: an HTTP answer with a SERVICE_UNAVAILABLE error becomes that one error, with 503 and `Retry-After`. */
export function serviceUnavailablePlugin(): ApolloServerPlugin<{ dbActivity?: DatabaseActivity }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operation }) {
          if (response.body.kind !== "single") return;
          const replacement = unavailableResult(response.body.singleResult, operation?.operation, contextValue?.dbActivity);
          if (!replacement) return;
          response.body.singleResult = replacement;
          response.http.status = 503;
          response.http.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
