import pino, { type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "./config";

export type { Logger };

/**
 * Structured JSON logs. Tokens, tax ids and worker names must never reach a log line: request headers are
 * not logged, GraphQL variables are not logged, and these paths are redacted as a second line of defence.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "eor-graph" },
    redact: {
      paths: [
        "authorization",
        "headers.authorization",
        "req.headers.authorization",
        "token",
        "*.token",
        "taxId",
        "*.taxId",
        "legalFirstName",
        "legalLastName",
        "*.legalFirstName",
        "*.legalLastName",
        "variables",
      ],
      censor: "[redacted]",
    },
  };
  // The destination is for tests that read the log lines; the default is stdout.
  return destination ? pino(options, destination) : pino(options);
}
