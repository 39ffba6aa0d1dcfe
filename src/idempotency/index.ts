import type { GraphQLSchema } from "graphql";
import type { Db } from "../db/client";
import type { Logger } from "../logger";
import type { PiiCipher } from "../pii/pii-cipher";
import { idempotencyHttp, type IdempotencyHttp } from "./idempotency.http";
import { idempotencyWs, type IdempotencyWs } from "./idempotency.ws";
import { IdempotencyService, LEASE_MARGIN_MS } from "./idempotency.service";

/** Idempotency keys on mutations (README "Idempotency"): the rules, and their HTTP and WebSocket hooks. */
export interface Idempotency {
  service: IdempotencyService;
  http: IdempotencyHttp;
  ws: IdempotencyWs;
}

export function createIdempotency(args: {
  db: Db;
  pii: PiiCipher;
  schema: GraphQLSchema;
  logger: Logger;
  retentionHours: number;
  /** REQUEST_TIMEOUT_MS: a reservation's lease is this plus LEASE_MARGIN_MS. */
  requestTimeoutMs: number;
  now?: () => Date;
}): Idempotency {
  const service = new IdempotencyService(args.db, args.pii, args.logger, {
    retentionHours: args.retentionHours,
    leaseMs: args.requestTimeoutMs + LEASE_MARGIN_MS,
    now: args.now,
  });
  return { service, http: idempotencyHttp(service, args.schema), ws: idempotencyWs(service, args.schema) };
}

export { IdempotencyService } from "./idempotency.service";
