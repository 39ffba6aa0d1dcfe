import { GraphQLError } from "graphql";

/**
 * Errors thrown to the caller (not user-fixable input in a mutation: those are `userErrors`).
 * Every code maps to one HTTP-independent `extensions.code`; the switch in `toGraphQLError` is exhaustive,
 * so a new code cannot go unmapped.
 */
export enum ErrorCode {
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  NOT_FOUND = "NOT_FOUND",
  BAD_USER_INPUT = "BAD_USER_INPUT",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
  /** The operation ran past `REQUEST_TIMEOUT_MS` and was cancelled; `extensions.retryable` is true. */
  REQUEST_TIMEOUT = "REQUEST_TIMEOUT",
  /** The answer would have exceeded `MAX_RESPONSE_BYTES` and was not sent; `extensions.retryable` is false. */
  RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE",
  /** The principal's rate limit bucket holds fewer points than the operation costs (HTTP 429, `Retry-After`); retryable. */
  RATE_LIMITED = "RATE_LIMITED",
  /**
   * The database could not be reached or did not answer in time (HTTP 503 with `Retry-After`). `extensions.retryable`
   * is true when nothing of the operation reached the database (not executed: safe to send again), false for a
   * mutation that may have been applied (src/service-unavailable.ts).
   */
  SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE",
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const unauthenticated = (message = "A valid bearer token is required") => new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message: string) => new AppError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
export const badInput = (message: string, details: Record<string, unknown> = {}) => new AppError(ErrorCode.BAD_USER_INPUT, message, details);

function httpStatus(code: ErrorCode): number | undefined {
  switch (code) {
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.SERVICE_UNAVAILABLE:
      return 503;
    case ErrorCode.FORBIDDEN:
    case ErrorCode.NOT_FOUND:
    case ErrorCode.BAD_USER_INPUT:
      return undefined; // GraphQL errors in a 200 response, as every GraphQL client expects
    case ErrorCode.INTERNAL_SERVER_ERROR:
    case ErrorCode.REQUEST_TIMEOUT:
    case ErrorCode.RESPONSE_TOO_LARGE:
      return undefined;
    default: {
      const exhaustive: never = code;
      return exhaustive;
    }
  }
}

export function toGraphQLError(error: AppError): GraphQLError {
  const status = httpStatus(error.code);
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...error.details, ...(status ? { http: { status } } : {}) },
  });
}
