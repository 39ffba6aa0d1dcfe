import { getOperationAST, type DocumentNode, type GraphQLFormattedError } from "graphql";
import type { AppMetrics, OperationType } from "./metrics";
import { errorCodes, outcomeOf } from "./operation-metrics.plugin";
import { takeEventDelivery } from "./metrics";

/**
 * The metrics of the graphql-ws server (src/server.ts hooks): open sockets, running subscriptions, every operation
 * answered over a socket (as over HTTP, transport `ws`), and the delivery lag of each subscription event sent.
 * State is kept per socket (graphql-ws's `ctx.extra`) in weak maps: nothing outlives the socket.
 */
export function wsMetrics(metrics: AppMetrics) {
  const started = new WeakMap<object, Map<string, number>>();
  const live = new WeakMap<object, Set<string>>();
  const elapsed = (socket: object, id: string) => {
    const at = started.get(socket)?.get(id);
    started.get(socket)?.delete(id);
    return at === undefined ? 0 : (performance.now() - at) / 1000;
  };

  return {
    /** The connection was acknowledged. */
    connected(): void {
      metrics.webSockets.inc();
    },
    /** An acknowledged connection closed. */
    disconnected(): void {
      metrics.webSockets.dec();
    },
    /** An operation arrived (onSubscribe). */
    received(socket: object, id: string): void {
      const bySocket = started.get(socket) ?? new Map<string, number>();
      started.set(socket, bySocket.set(id, performance.now()));
    },
    /** The operation was refused before execution (parse, validation, limits): its errors as sent. */
    refused(socket: object, id: string, operationName: string | null | undefined, errors: readonly GraphQLFormattedError[]): void {
      if (!started.get(socket)?.has(id)) return; // an error of a running subscription, already counted
      metrics.operation({ name: operationName, type: "unknown", outcome: "error", seconds: elapsed(socket, id), errorCodes: errorCodes(errors), transport: "ws" });
    },
    /** A query's or mutation's answer as sent, or a subscription that started (`answer` null). */
    executed(
      socket: object,
      id: string,
      args: { document: DocumentNode; operationName?: string | null },
      answer: { data?: unknown; errors?: readonly GraphQLFormattedError[] } | null,
    ): void {
      const op = getOperationAST(args.document, args.operationName);
      const type: OperationType = op?.operation ?? "unknown";
      const name = args.operationName ?? op?.name?.value;
      const seconds = elapsed(socket, id);
      if (answer === null) {
        metrics.subscriptions.inc();
        const ids = live.get(socket) ?? new Set<string>();
        live.set(socket, ids.add(id));
        metrics.operation({ name, type, outcome: "success", seconds, errorCodes: [], transport: "ws" });
        return;
      }
      metrics.operation({ name, type, outcome: outcomeOf(answer.errors, answer.data), seconds, errorCodes: errorCodes(answer.errors), transport: "ws" });
    },
    /** A payload is being sent: a subscription event's delivery lag, from the instant its resolver noted. */
    sending(contextValue: unknown): void {
      const at = takeEventDelivery(contextValue);
      if (at) metrics.eventDelivered(at);
    },
    /** The operation completed (onComplete: the client's complete, the socket's close, or the end of the stream). */
    completed(socket: object, id: string): void {
      started.get(socket)?.delete(id);
      if (live.get(socket)?.delete(id)) metrics.subscriptions.dec();
    },
  };
}
