/**
 * The tracing preload: `node --import tsx --import ./src/observability/instrument.ts src/main.ts` (what `npm start`
 * runs). With OTEL_EXPORTER_OTLP_ENDPOINT set it registers OpenTelemetry's module hook (import-in-the-middle, for
 * modules loaded as ES modules; CommonJS ones such as express and graphql are patched through require) and starts
 * the SDK — before src/main.ts loads http, express and graphql, which the instrumentations must see load. Without
 * it, nothing is loaded. A bad configuration is left to src/main.ts to report (with every other bad variable).
 */
import { register } from "node:module";
import { ConfigError, loadConfig } from "../config";
import { setActiveTracing } from "./tracing-handle";

let otel: ReturnType<typeof loadConfig>["otel"] | undefined;
try {
  otel = loadConfig().otel;
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
}

if (otel?.endpoint) {
  register("@opentelemetry/instrumentation/hook.mjs", import.meta.url);
  const { startTracing } = await import("./tracing");
  // src/main.ts flushes the spans still buffered at its graceful stop.
  setActiveTracing(startTracing({ ...otel, endpoint: otel.endpoint }));
}
