import type { ApolloServerPlugin } from "@apollo/server";
import { OperationTypeNode, getOperationAST, type DocumentNode, type GraphQLError, type GraphQLSchema } from "graphql";
import type { Context } from "../context";
import { costExtension, operationCost, rateLimitHeaders, refusalError, type Admission, type CostExtension, type RateLimiter } from "./rate-limiter";

/**
 * The limiter over HTTP (Apollo): the operation is charged in `didResolveOperation` — after parsing and validation,
 * before execution — and a refusal is thrown there, so nothing executes (and an idempotency key is not consumed).
 * Every answer to an authenticated request then carries `extensions.cost` and the RateLimit headers; a request that
 * failed before the limiter (parse, validation) is charged nothing and reports the bucket as it is.
 */
export function rateLimitPlugin(limiter: RateLimiter): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let admission: Admission | undefined;
      return {
        async didResolveOperation({ contextValue, document, operation, schema }) {
          admission = await limiter.admit(contextValue.principal.subject, operationCost(schema, document, operation));
          const refusal = refusalError(admission, limiter.policy);
          if (refusal) throw refusal;
        },
        async willSendResponse({ contextValue, response, document, operation, schema }) {
          const subject = (contextValue as Partial<Context> | undefined)?.principal?.subject;
          if (!subject) return; // no principal, no bucket (the 401 answers)
          admission ??= await limiter.uncharged(subject, document ? operationCost(schema, document, operation) : 0);
          for (const [name, value] of rateLimitHeaders(admission, limiter.policy)) response.http.headers.set(name, value);
          const cost = costExtension(admission, limiter.policy);
          if (cost && response.body.kind === "single") {
            response.body.singleResult = { ...response.body.singleResult, extensions: { ...response.body.singleResult.extensions, cost } };
          }
        },
      };
    },
  };
}

/**
 * The limiter over WebSocket (graphql-ws): every operation is charged at subscribe (a subscription its setup
 * estimate, once), from the same bucket as HTTP. A refused operation gets an error message (RATE_LIMITED with
 * `retryAfter`); the answer of a query or mutation carries `extensions.cost` (a subscription's events do not).
 */
export function wsRateLimit(limiter: RateLimiter) {
  // Per socket (graphql-ws's `ctx.extra`), the cost report of each running query or mutation, by operation id.
  const reports = new WeakMap<object, Map<string, CostExtension>>();
  return {
    /** Charges the operation; the error refusing it, or null. */
    async admit(socket: object, id: string, subject: string, schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Promise<GraphQLError | null> {
      const operation = getOperationAST(document, operationName);
      const admission = await limiter.admit(subject, operationCost(schema, document, operation));
      const refusal = refusalError(admission, limiter.policy);
      const cost = costExtension(admission, limiter.policy);
      if (!refusal && cost && operation?.operation !== OperationTypeNode.SUBSCRIPTION) {
        const bySocket = reports.get(socket) ?? new Map<string, CostExtension>();
        reports.set(socket, bySocket.set(id, cost));
      }
      return refusal;
    },
    /** The result of a query or mutation with its `extensions.cost` (once). */
    withCost<T extends { extensions?: Record<string, unknown> }>(socket: object, id: string, result: T): T {
      const cost = reports.get(socket)?.get(id);
      if (!cost) return result;
      reports.get(socket)!.delete(id);
      return { ...result, extensions: { ...result.extensions, cost } };
    },
    /** Forgets an operation that completed without an answer. */
    forget(socket: object, id: string): void {
      reports.get(socket)?.delete(id);
    },
  };
}
