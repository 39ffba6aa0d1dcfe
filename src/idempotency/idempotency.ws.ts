import { execute as graphqlExecute, type GraphQLError, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult, type GraphQLSchema } from "graphql";
import type { Principal } from "../auth/principal";
import { fingerprintInput, keyApplies, keyOfRequest } from "./idempotency.request";
import type { IdempotencyService, Reservation } from "./idempotency.service";

/** What a keyed WebSocket operation does once graphql-ws executes it. */
type Plan = { kind: "replay"; result: ExecutionResult } | { kind: "execute"; reservation: Reservation };

export interface IdempotencyWs {
  /**
   * graphql-ws `onSubscribe`'s last step, after parsing and validation: reserves the key of a mutation carrying
   * `extensions.idempotencyKey`, or refuses it (the errors go out as the protocol's `error` message).
   */
  prepare(
    principal: Principal,
    payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null; extensions?: unknown },
    args: ExecutionArgs,
  ): Promise<ExecutionArgs | GraphQLError[]>;
  /** graphql-ws `execute`: a replay answers the stored result and executes nothing. */
  execute(args: ExecutionArgs): Promise<ExecutionResult> | ExecutionResult;
  /** graphql-ws `onOperation`, with the answer as it will be sent (formatted, after the request budget): stores it. */
  executed(args: ExecutionArgs, result: ExecutionResult | FormattedExecutionResult): Promise<void>;
}

/**
 * SERVICE_UNAVAILABLE in an executed answer: the database became unreachable. `retryable: true` means nothing was
 * written: the key is released (a retry executes); otherwise a write may have committed: the reservation is kept
 * (a retry is IDEMPOTENCY_KEY_IN_USE until the lease ends), never stored as the answer.
 */
function unavailableOutcome(result: ExecutionResult | FormattedExecutionResult): "release" | "keep" | null {
  const unavailable = (result.errors ?? []).filter((e) => e.extensions?.code === "SERVICE_UNAVAILABLE");
  if (result.data != null || unavailable.length === 0) return null;
  return unavailable.every((e) => e.extensions?.retryable === true) ? "release" : "keep";
}

/**
 * Idempotency keys over WebSocket: `extensions.idempotencyKey` in the subscribe payload, same rules as HTTP. The
 * replay is the stored answer as the `next` payload. The hooks meet on graphql-ws's execution arguments object,
 * which it passes from `onSubscribe` to `execute` and `onOperation`.
 */
export function idempotencyWs(service: IdempotencyService, schema: GraphQLSchema): IdempotencyWs {
  const plans = new WeakMap<ExecutionArgs, Plan>();
  return {
    async prepare(principal, payload, args) {
      const found = keyOfRequest(undefined, payload.extensions);
      if (found.kind === "none") return args;
      if (!keyApplies({ schema, document: args.document, operationName: payload.operationName, variables: payload.variables })) return args;
      if (found.kind === "invalid") return [found.error.toGraphQLError()];
      const decision = await service.begin({
        principalSub: principal.subject,
        key: found.key,
        fingerprintInput: fingerprintInput(payload.query, payload.variables, payload.operationName),
      });
      switch (decision.kind) {
        case "refuse":
          return [decision.error.toGraphQLError()];
        case "replay":
          plans.set(args, { kind: "replay", result: JSON.parse(decision.body) as ExecutionResult });
          return args;
        case "execute":
          plans.set(args, { kind: "execute", reservation: decision.reservation });
          return args;
      }
    },
    execute(args) {
      const plan = plans.get(args);
      if (plan?.kind === "replay") return plan.result;
      if (plan?.kind !== "execute") return graphqlExecute(args);
      return (async () => {
        try {
          return await graphqlExecute(args);
        } catch (error) {
          plans.delete(args);
          await service.release(plan.reservation);
          throw error;
        }
      })();
    },
    async executed(args, result) {
      const plan = plans.get(args);
      if (plan?.kind !== "execute") return;
      plans.delete(args);
      const unavailable = unavailableOutcome(result);
      if (unavailable === "keep") return;
      await (unavailable === "release" ? service.release(plan.reservation) : service.complete(plan.reservation, 200, JSON.stringify(result)));
    },
  };
}
