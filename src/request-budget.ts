import { getNamedType, isLeafType, isObjectType, OperationTypeNode, type ExecutionResult, type FormattedExecutionResult, type GraphQLSchema } from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import { AppError, ErrorCode } from "./shared/errors";

/**
 * What one operation may spend: a deadline (`REQUEST_TIMEOUT_MS`) and a response size (`MAX_RESPONSE_BYTES`). The
 * cost rule (src/armor.ts) refuses expensive documents before execution; this is the backstop while they run.
 *
 * Every field that runs a resolver is wrapped (`withRequestBudget`): once the deadline has passed or the output has
 * grown past the cap, no further resolver runs (each throws at once), the operation's `signal` is aborted
 * (DataLoaders and services may pass it on), and the whole answer is replaced by ONE coded error
 * (`budgetExceededResult`). A field without a resolver — a plain property read (the types declared
 * `simpleResolvers`, src/modules/node/node.type.ts), most leaves of an answer — runs nothing and is neither checked
 * nor counted: its value is already in memory, in an object a resolver returned. So the size counted while resolving is a lower bound of the serialized JSON, which
 * stops the server building an answer far past the cap; the answer's exact size is measured when it is finished,
 * by serializing it, and that serialization is what the HTTP answer sends (`serializedData`).
 */
export interface RequestBudget {
  readonly signal: AbortSignal;
  /** Why the operation was stopped, once it was. */
  readonly exceeded: "timeout" | "size" | null;
  /** Throws the coded error when the operation must stop. */
  check(): void;
  /**
   * `check` for a leaf value (resolved synchronously in bursts of thousands): reads the clock once every
   * LEAF_CLOCK_EVERY calls, so a deadline passed while the event loop was busy is seen at most that many leaves late.
   */
  checkLeaf(): void;
  /** Counts bytes of output (a lower bound of their JSON form). */
  count(bytes: number): void;
  /** Bytes counted so far. */
  readonly bytes: number;
  readonly maxBytes: number;
  /**
   * Stops the deadline and the size count (a subscription past its setup, or a finished operation); an operation
   * found past its deadline here is marked exceeded first.
   */
  disarm(): void;
  /** Marks the answer too large (its exact size was measured over the cap). */
  tooLarge(): void;
}

export interface BudgetLimits {
  timeoutMs: number;
  maxResponseBytes: number;
}

export const DEFAULT_BUDGET: BudgetLimits = { timeoutMs: 10_000, maxResponseBytes: 5_000_000 };

/** A leaf field reads the clock once per this many (see `RequestBudget.checkLeaf`). */
const LEAF_CLOCK_EVERY = 32;

export function createRequestBudget(limits: BudgetLimits): RequestBudget {
  return new Budget(limits);
}

/**
 * One operation's budget. A class (one shape, methods on the prototype): one is made per request. The signal, and
 * the timer that aborts it at the deadline, exist once something asks for the signal (work that would await it):
 * most operations never do, and the checks see the deadline without a timer.
 */
class Budget implements RequestBudget {
  readonly maxBytes: number;
  private deadline: number;
  private why: RequestBudget["exceeded"] = null;
  private reason: AppError | undefined = undefined;
  private counted = 0;
  private leaves = 0;
  private armed = true;
  private controller: AbortController | undefined = undefined;
  private timer: NodeJS.Timeout | undefined = undefined;

  constructor(private readonly limits: BudgetLimits) {
    this.maxBytes = limits.maxResponseBytes;
    this.deadline = Date.now() + limits.timeoutMs;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.why) this.controller.abort(this.reason);
      else if (this.armed) {
        this.timer = setTimeout(() => this.stop("timeout"), Math.max(0, this.deadline - Date.now()));
        this.timer.unref();
      }
    }
    return this.controller.signal;
  }

  get exceeded(): RequestBudget["exceeded"] {
    return this.why;
  }

  get bytes(): number {
    return this.counted;
  }

  check(): void {
    this.overdue();
    if (this.why) throw this.reason as AppError;
  }

  checkLeaf(): void {
    if (!this.why && ++this.leaves % LEAF_CLOCK_EVERY === 0 && Date.now() >= this.deadline) this.stop("timeout");
    if (this.why) throw this.reason as AppError;
  }

  count(n: number): void {
    if (!this.armed) return;
    this.counted += n;
    if (this.counted > this.limits.maxResponseBytes) this.stop("size");
  }

  disarm(): void {
    if (!this.armed) return;
    // An operation still running at its deadline is stopped, whether or not a check saw it.
    this.overdue();
    this.armed = false;
    clearTimeout(this.timer);
    this.deadline = Number.POSITIVE_INFINITY;
  }

  tooLarge(): void {
    this.stop("size");
  }

  private stop(why: "timeout" | "size"): void {
    if (this.why) return;
    this.why = why;
    this.reason = budgetError(why, this.limits);
    clearTimeout(this.timer);
    this.controller?.abort(this.reason);
  }

  private overdue(): void {
    if (!this.why && Date.now() >= this.deadline) this.stop("timeout");
  }
}

function budgetError(why: "timeout" | "size", limits: BudgetLimits): AppError {
  return why === "timeout"
    ? new AppError(
        ErrorCode.REQUEST_TIMEOUT,
        `The operation took longer than ${limits.timeoutMs} ms and was cancelled: ask for less (smaller pages, fewer fields) or retry later.`,
        {
          retryable: true,
          timeoutMs: limits.timeoutMs,
        },
      )
    : new AppError(ErrorCode.RESPONSE_TOO_LARGE, `The answer would exceed ${limits.maxResponseBytes} bytes and was not sent: ask for smaller pages or fewer fields.`, {
        retryable: false,
        maxResponseBytes: limits.maxResponseBytes,
      });
}

/** A lower bound of the bytes a resolved leaf value adds to the JSON answer (its value and its key). */
function leafBytes(key: string | number, value: unknown): number {
  const keyBytes = typeof key === "string" ? key.length + 3 : 1;
  if (value === null || value === undefined) return keyBytes + 4;
  switch (typeof value) {
    case "string":
      return keyBytes + value.length + 2;
    case "number":
    case "bigint":
    case "boolean":
      return keyBytes + String(value).length;
    default:
      if (value instanceof Date) return keyBytes + 26;
      if (Array.isArray(value)) return keyBytes + value.reduce((n: number, v) => n + leafBytes(0, v), 2);
      return keyBytes + (JSON.stringify(value)?.length ?? 4);
  }
}

const wrapped = new WeakSet<GraphQLSchema>();

/**
 * Wraps every field resolver of the schema (in place, once) so that each checks the operation's budget before it
 * runs, and what it returns is counted against the size cap. A field without a resolver stays without one (see
 * above). The budget is `context.budget`; a context without one (a script, a unit test) runs unbounded.
 */
export function withRequestBudget(schema: GraphQLSchema): GraphQLSchema {
  if (wrapped.has(schema)) return schema;
  wrapped.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.subscribe) {
        // A subscription's setup is bounded by the deadline too (its lifetime is not: the budget is disarmed after).
        const subscribe = field.subscribe;
        field.subscribe = (source, args, context, info) => {
          (context as { budget?: RequestBudget } | undefined)?.budget?.check();
          return subscribe(source, args, context, info);
        };
      }
      const resolve = field.resolve;
      if (!resolve) continue;
      if (!isLeafType(getNamedType(field.type))) {
        field.resolve = (source, args, context, info) => {
          const budget = (context as { budget?: RequestBudget } | undefined)?.budget;
          if (!budget) return resolve(source, args, context, info);
          budget.check();
          const value = resolve(source, args, context, info);
          budget.count(info.path.key.toString().length + 5);
          return value;
        };
        continue;
      }
      // A computed leaf (resolved synchronously in bursts): the cheap check, and its value counted.
      field.resolve = (source, args, context, info) => {
        const budget = (context as { budget?: RequestBudget } | undefined)?.budget;
        if (!budget) return resolve(source, args, context, info);
        budget.checkLeaf();
        const value: unknown = resolve(source, args, context, info);
        if (value instanceof Promise) return value.then((v: unknown) => (budget.count(leafBytes(info.path.key, v)), v));
        budget.count(leafBytes(info.path.key, value));
        return value;
      };
    }
  }
  return schema;
}

/**
 * The single-error answer of an operation stopped by its budget (the error it was aborted with). A mutation that
 * timed out may have been applied (its transaction committed before the payload was resolved): not retryable as is.
 */
function stoppedResult(budget: RequestBudget, operation: OperationTypeNode | undefined): FormattedExecutionResult {
  const reason = budget.signal.reason as AppError; // aborted with the budget's error
  if (reason.code === ErrorCode.REQUEST_TIMEOUT && operation === OperationTypeNode.MUTATION) {
    return {
      errors: [
        {
          message: `${reason.message.replace(/ or retry later\.$/, ".")} The mutation may have been applied: read the object before sending it again.`,
          extensions: { code: reason.code, ...reason.details, retryable: false },
        },
      ],
    };
  }
  return { errors: [{ message: reason.message, extensions: { code: reason.code, ...reason.details } }] };
}

/**
 * The answer to send for a finished operation: itself, or the coded error when its budget stopped it or its exact
 * JSON size is over the cap. The size is measured by serializing the answer; the serialized `data` is kept for
 * the HTTP answer (`serializedData`), which would serialize it again otherwise.
 */
export function budgetExceededResult(
  budget: RequestBudget,
  result: ExecutionResult | FormattedExecutionResult,
  operation: OperationTypeNode | undefined,
): FormattedExecutionResult | null {
  budget.disarm();
  if (budget.exceeded) return stoppedResult(budget, operation);
  if (answerBytes(result) > budget.maxBytes) {
    budget.tooLarge();
    return stoppedResult(budget, operation);
  }
  return null;
}

/** Answers' `data` as `budgetExceededResult` serialized it (held no longer than the data object itself). */
const serialized = new WeakMap<object, string>();

/** The UTF-8 size of `JSON.stringify(result)` (to the byte, give or take the comma before `data`). */
function answerBytes(result: ExecutionResult | FormattedExecutionResult): number {
  const { data, ...rest } = result;
  const restBytes = rest.errors === undefined && rest.extensions === undefined ? 2 : Buffer.byteLength(JSON.stringify(rest));
  if (data === undefined) return restBytes;
  const json = JSON.stringify(data);
  if (data !== null) serialized.set(data, json);
  return restBytes + 8 + Buffer.byteLength(json);
}

/**
 * The JSON of an answer's `data` exactly as the budget measured it, once (then forgotten), or undefined. Valid as
 * long as nothing changed the data in between: the plugins after the budget's (availability, rate limit, metrics)
 * replace an answer or add to its extensions, never edit its data.
 */
export function serializedData(data: unknown): string | undefined {
  if (data === null || typeof data !== "object") return undefined;
  const json = serialized.get(data);
  if (json !== undefined) serialized.delete(data);
  return json;
}

/** Apollo plugin: replaces an HTTP answer stopped by its budget (or too large) with the coded error. */
export function requestBudgetPlugin(): ApolloServerPlugin<{ budget?: RequestBudget }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operation }) {
          const budget = contextValue?.budget;
          if (!budget || response.body.kind !== "single") return void budget?.disarm();
          const replacement = budgetExceededResult(budget, response.body.singleResult, operation?.operation);
          if (replacement) response.body.singleResult = replacement;
        },
      };
    },
  };
}
