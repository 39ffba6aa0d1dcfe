/// <reference lib="dom" />
/**
 * The board's two ways to the API, both on the page's own origin: GraphQL over HTTP for the lists, and graphql-ws for
 * the live events, resumed after a dropped connection from the last event each subscription received.
 */
import { createClient, type Client } from "graphql-ws";

/** An error as the API words it (`extensions.code`: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, RATE_LIMITED…). */
export interface ApiError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface ApiResult<T> {
  data: T | null;
  errors: ApiError[];
}

/** The longest an HTTP request of the page may take. */
const HTTP_TIMEOUT_MS = 15_000;

/** POSTs one operation to /graphql with the token; network failures and timeouts come back as one error. */
export async function graphqlRequest<T>(query: string, variables: Record<string, unknown>, token: string): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      cache: "no-store",
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    return { data: null, errors: [{ message: timedOut ? "The server did not answer in time." : "The server cannot be reached.", extensions: { code: "NETWORK_ERROR" } }] };
  }
  try {
    const body = (await response.json()) as { data?: T | null; errors?: ApiError[] };
    return { data: body.data ?? null, errors: body.errors ?? [] };
  } catch {
    return { data: null, errors: [{ message: `The server answered HTTP ${response.status} without a GraphQL answer.`, extensions: { code: "BAD_RESPONSE" } }] };
  }
}

/** Where the live connection stands, as the page shows it. */
export type LiveState = { kind: "connecting" } | { kind: "live" } | { kind: "reconnecting"; attempt: number; reason: string } | { kind: "stopped"; error: ApiError };

/** One subscription of a live feed. */
export interface LiveSubscription<T> {
  query: string;
  /** Variables without `after`, which the feed sets. */
  variables: Record<string, unknown>;
  /** The position to start after (null: from now). */
  after: string | null;
  /** The event's root field. */
  field: string;
  onEvent(event: T & { cursor: string }): void;
  /** The API refused the subscription (FORBIDDEN, NOT_FOUND…): it stays off; the others go on. */
  onRefused(errors: ApiError[]): void;
  /** One event came with errors and no data; later events still come. */
  onEventError(errors: ApiError[]): void;
}

/**
 * Close codes after which connecting again cannot help: the token was refused or expired (4403), the server found the
 * protocol broken (4400, 4406, 4409, 4500), or it refused the connection's rate (4429).
 */
const FATAL_CLOSE_CODES: Record<number, string> = {
  4400: "The server refused the connection (bad request).",
  4401: "The server refused the connection (unauthorized).",
  4403: "The server closed the connection: the token is not (or no longer) accepted. Paste a valid token.",
  4406: "The server does not speak this page's WebSocket subprotocol.",
  4409: "The server refused a repeated subscription id.",
  4429: "The server refused the connection: too many connection attempts.",
  4500: "The server failed while setting up the connection.",
};

/** Reconnection waits: 0.5 s doubling to 10 s, with up to 30 % jitter so that many boards do not return at once. */
const BACKOFF_MS = { first: 500, max: 10_000 };
/** The server's answer to a ping must come within this time, or the connection counts as dropped. */
const PONG_TIMEOUT_MS = 5_000;
const PING_INTERVAL_MS = 15_000;

/** Errors after which asking again later may succeed. */
const RETRYABLE_CODES = new Set(["SERVICE_UNAVAILABLE", "RATE_LIMITED", "REQUEST_TIMEOUT", "INTERNAL_SERVER_ERROR"]);

const errorMessages = (errors: ApiError[]) => errors.map((e) => e.message).join(" ");

interface CloseLike {
  code: number;
  reason: string;
}

const isClose = (value: unknown): value is CloseLike => typeof value === "object" && value !== null && "code" in value && typeof (value as CloseLike).code === "number";

/**
 * A set of subscriptions over one graphql-ws connection that survives dropped connections: when the socket closes
 * (network loss, server restart, a ping without answer), it says so, waits, connects again and subscribes again
 * with `after` = the cursor of the last event each subscription received — the server replays what was missed, in
 * order. A refused token (4403) stops it for good.
 */
export class LiveFeed {
  private client: Client | undefined;
  private generation = 0;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly cursors: (string | null)[];
  private readonly refused: boolean[];

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly subscriptions: LiveSubscription<never>[],
    private readonly onState: (state: LiveState) => void,
  ) {
    this.cursors = subscriptions.map((s) => s.after);
    this.refused = subscriptions.map(() => false);
  }

  /** The cursor each subscription resumes after (for tests and diagnostics). */
  positions(): (string | null)[] {
    return [...this.cursors];
  }

  start(): void {
    this.onState({ kind: "connecting" });
    this.open();
  }

  /** Ends every subscription and the connection; nothing is delivered after. */
  stop(): void {
    this.stopped = true;
    this.generation++;
    clearTimeout(this.retryTimer);
    void this.client?.dispose();
    this.client = undefined;
  }

  private open(): void {
    const generation = ++this.generation;
    const current = () => !this.stopped && generation === this.generation;
    let socket: WebSocket | undefined;
    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    const client = createClient({
      url: this.url,
      connectionParams: { authorization: `Bearer ${this.token}` },
      lazy: true,
      retryAttempts: 0, // this feed reconnects itself, to resubscribe with the newest cursors
      keepAlive: PING_INTERVAL_MS,
      on: {
        connected: (s) => {
          socket = s as WebSocket;
          if (!current()) return;
          this.attempt = 0;
          this.onState({ kind: "live" });
        },
        ping: (received) => {
          if (received) return;
          pongTimer = setTimeout(() => socket?.readyState === WebSocket.OPEN && socket.close(4408, "Ping timeout"), PONG_TIMEOUT_MS);
        },
        pong: (received) => void (received && clearTimeout(pongTimer)),
        closed: () => clearTimeout(pongTimer),
      },
    });
    this.client = client;
    let lost = false;
    const connectionLost = (reason: unknown) => {
      if (lost || !current()) return;
      lost = true;
      void client.dispose();
      const fatal = isClose(reason) ? FATAL_CLOSE_CODES[reason.code] : undefined;
      if (fatal && isClose(reason)) {
        this.stopped = true;
        this.onState({ kind: "stopped", error: { message: fatal, extensions: { code: reason.code === 4403 ? "UNAUTHENTICATED" : "CONNECTION_REFUSED" } } });
        return;
      }
      this.attempt++;
      const text = isClose(reason) ? `connection closed (${reason.code}${reason.reason ? `: ${reason.reason}` : ""})` : "connection failed";
      this.onState({ kind: "reconnecting", attempt: this.attempt, reason: text });
      const wait = Math.min(BACKOFF_MS.first * 2 ** (this.attempt - 1), BACKOFF_MS.max);
      this.retryTimer = setTimeout(() => !this.stopped && this.open(), wait * (1 + Math.random() * 0.3));
    };

    this.subscriptions.forEach((subscription, index) => {
      if (this.refused[index]) return;
      // A subscription the server refuses at setup (FORBIDDEN, NOT_FOUND…) is answered by one result with errors, then
      // `complete`; an event that fails to read is a result with errors and the subscription goes on.
      let received = false;
      let setupErrors: ApiError[] | undefined;
      // FORBIDDEN, NOT_FOUND, a validation error: asking again cannot help. Unavailable, rate limited: it may.
      const refuseOrRetry = (errors: ApiError[]) => {
        if (errors.every((e) => RETRYABLE_CODES.has(String(e.extensions?.code)))) return connectionLost({ code: 1000, reason: errorMessages(errors) });
        this.refused[index] = true;
        subscription.onRefused(errors);
      };
      client.subscribe<Record<string, unknown>>(
        { query: subscription.query, variables: { ...subscription.variables, after: this.cursors[index] } },
        {
          next: (result) => {
            if (!current()) return;
            const event = result.data?.[subscription.field] as { cursor: string } | undefined;
            if (event) {
              received = true;
              this.cursors[index] = event.cursor;
              subscription.onEvent(event as never);
            } else if (result.errors?.length) {
              if (received) subscription.onEventError(result.errors as ApiError[]);
              else setupErrors = result.errors as ApiError[];
            }
          },
          // An `error` message: the server refused the operation before running it (validation, limits).
          error: (error) => current() && (Array.isArray(error) ? refuseOrRetry(error as ApiError[]) : connectionLost(error)),
          complete: () => {
            if (!current()) return;
            if (setupErrors) return refuseOrRetry(setupErrors);
            connectionLost({ code: 1000, reason: "subscription ended by the server" }); // it should have gone on: resume it
          },
        },
      );
    });
  }
}
