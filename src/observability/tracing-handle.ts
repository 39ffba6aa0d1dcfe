/**
 * The running tracing SDK, if the preload started one (src/observability/instrument.ts): src/main.ts flushes it at
 * shutdown. Held on a global symbol, not in a module variable, so that it does not depend on the preload and the
 * entry point sharing one module instance.
 */
export interface TracingHandle {
  /** Flushes the spans not exported yet and stops. */
  shutdown(): Promise<void>;
}

const KEY = Symbol.for("eor-graph.tracing");

export function setActiveTracing(tracing: TracingHandle): void {
  (globalThis as Record<symbol, unknown>)[KEY] = tracing;
}

export function activeTracing(): TracingHandle | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as TracingHandle | undefined;
}
