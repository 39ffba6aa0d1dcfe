import { GraphQLError } from "graphql";
import { ErrorCode } from "../shared/errors";
import { RETRY_AFTER_SECONDS as UNAVAILABLE_RETRY_AFTER_SECONDS } from "../db/availability";

/**
 * Why a request carrying an idempotency key was answered without executing. Each code has one HTTP status and says
 * whether retrying (the same request, same key) can succeed; the switch is exhaustive, so a new code cannot go
 * unmapped.
 */
export enum IdempotencyErrorCode {
  /** The key is not 1–255 printable ASCII characters, is not a string, or the header and `extensions.idempotencyKey` differ. */
  IDEMPOTENCY_KEY_INVALID = "IDEMPOTENCY_KEY_INVALID",
  /** The key was used (within retention) for a different request: other operation text, variables or operation name. */
  IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED",
  /** The first request with this key is still running (on this node or another one). */
  IDEMPOTENCY_KEY_IN_USE = "IDEMPOTENCY_KEY_IN_USE",
  /** The key could not be looked up (the database is unreachable): nothing was executed. The shared code (ErrorCode). */
  SERVICE_UNAVAILABLE = ErrorCode.SERVICE_UNAVAILABLE,
}

/** Seconds a caller is asked to wait (`Retry-After`) before retrying IDEMPOTENCY_KEY_IN_USE. */
export const IN_USE_RETRY_AFTER_SECONDS = 1;

export class IdempotencyError extends Error {
  constructor(
    readonly code: IdempotencyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "IdempotencyError";
  }

  get httpStatus(): number {
    switch (this.code) {
      case IdempotencyErrorCode.IDEMPOTENCY_KEY_INVALID:
        return 400;
      case IdempotencyErrorCode.IDEMPOTENCY_KEY_REUSED:
        return 422;
      case IdempotencyErrorCode.IDEMPOTENCY_KEY_IN_USE:
        return 409;
      case IdempotencyErrorCode.SERVICE_UNAVAILABLE:
        return 503;
      default: {
        const exhaustive: never = this.code;
        return exhaustive;
      }
    }
  }

  /**
   * `Retry-After` of a retryable refusal: a running request is usually done within a second; an unreachable database
   * is answered like every other SERVICE_UNAVAILABLE (src/db/availability.ts).
   */
  get retryAfterSeconds(): number | undefined {
    if (this.code === IdempotencyErrorCode.IDEMPOTENCY_KEY_IN_USE) return IN_USE_RETRY_AFTER_SECONDS;
    if (this.code === IdempotencyErrorCode.SERVICE_UNAVAILABLE) return UNAVAILABLE_RETRY_AFTER_SECONDS;
    return undefined;
  }

  /** Whether sending the same request with the same key again can succeed (after `Retry-After`). */
  get retryable(): boolean {
    return this.code === IdempotencyErrorCode.IDEMPOTENCY_KEY_IN_USE || this.code === IdempotencyErrorCode.SERVICE_UNAVAILABLE;
  }

  /** The error as the GraphQL error a caller reads (HTTP body, or a graphql-ws `error` message). */
  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.message, { extensions: { code: this.code, retryable: this.retryable } });
  }
}

export const keyInvalid = (why: string) =>
  new IdempotencyError(IdempotencyErrorCode.IDEMPOTENCY_KEY_INVALID, `Invalid idempotency key: ${why}. A key is 1 to 255 printable ASCII characters (0x20-0x7E).`);
export const keyReused = () =>
  new IdempotencyError(
    IdempotencyErrorCode.IDEMPOTENCY_KEY_REUSED,
    "This idempotency key was already used for a different request (operation text, variables or operation name): nothing was executed. Use a new key for a new request.",
  );
export const keyInUse = () =>
  new IdempotencyError(IdempotencyErrorCode.IDEMPOTENCY_KEY_IN_USE, "A request with this idempotency key is still running: nothing was executed. Retry once it has finished.");
export const lookupUnavailable = () =>
  new IdempotencyError(IdempotencyErrorCode.SERVICE_UNAVAILABLE, "The idempotency key could not be checked (the database is unreachable): nothing was executed. Retry later.");
