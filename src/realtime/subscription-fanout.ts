import { performance } from "node:perf_hooks";
import { Kind, getOperationAST, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult } from "graphql";
import type { Logger } from "../logger";
import type { Principal } from "../auth/principal";

/** The part of a `ws` WebSocket the fan-out writes to. */
export interface FanoutSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: Buffer, options: { binary: boolean }, callback: (error?: Error) => void): void;
  close(code?: number, reason?: string): void;
}

/** One graphql-ws operation as the fan-out sees it: where its frames go, who asked, what it asked. */
export interface FanoutMember {
  socket: FanoutSocket;
  /** The graphql-ws operation id (each socket names its operations itself). */
  id: string;
  principal: Principal;
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export type SubscribeResult = AsyncIterableIterator<ExecutionResult> | AsyncGenerator<ExecutionResult> | ExecutionResult;

export interface FanoutOptions {
  /** graphql's `subscribe`: the source stream of a group (or of a subscription that is not grouped). */
  subscribe(args: ExecutionArgs): Promise<SubscribeResult> | SubscribeResult;
  /** A result as it is sent (errors formatted as over HTTP): applied once per group and event. */
  payload(result: ExecutionResult, args: ExecutionArgs): ExecutionResult | FormattedExecutionResult;
  logger: Logger;
}

/** Bytes a socket may have queued before it is closed as too slow (it resumes with `after` on reconnect). */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const WS_OPEN = 1;

/**
 * The visibility class of a principal: everything about a caller that can change what a subscription delivers or
 * whether it may subscribe — role, every scope, the clients it acts for (all of them for an OPERATOR) and, for a
 * PARTNER (whose webhook endpoints are its own), its subject. Two principals of one class get the same answer to
 * every authorization and every read, so their subscriptions of one document with the same variables can share
 * one execution. When in doubt a property belongs here: a needless split costs an execution, a wrong merge leaks.
 */
export function visibilityClass(principal: Principal): string {
  return JSON.stringify([
    principal.role,
    [...principal.scopes].sort(),
    principal.role === "OPERATOR" ? "*" : [...principal.clientIds].sort(),
    principal.role === "PARTNER" ? principal.subject : null,
  ]);
}

/**
 * True when the operation resumes from a cursor (a non-null `after` argument on a root field): such a subscriber
 * catches up from the events table at its own position, so it runs its own stream. Root selections that are not
 * plain fields (fragments) are treated the same way: the cautious answer.
 */
export function resumesFromCursor(args: ExecutionArgs): boolean {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return true;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return true;
    for (const argument of selection.arguments ?? []) {
      if (argument.name.value !== "after") continue;
      if (argument.value.kind === Kind.VARIABLE) {
        if (args.variableValues?.[argument.value.name.value] != null) return true;
      } else if (argument.value.kind !== Kind.NULL) return true;
    }
  }
  return false;
}

/** What a member's operation yields to graphql-ws: nothing (its frames are written by the group); it ends with the group. */
class MemberStream implements AsyncIterableIterator<ExecutionResult> {
  private finish: ((result: IteratorResult<ExecutionResult>) => void) | null = null;
  private fail: ((error: Error) => void) | null = null;
  private ended: { error?: Error } | null = null;

  constructor(
    readonly member: FanoutMember,
    private readonly leave: (stream: MemberStream) => void,
  ) {}

  next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.ended) return this.ended.error !== undefined ? Promise.reject(this.ended.error) : Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
    });
  }

  /** The client completed the operation or the socket closed. */
  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.end();
    this.leave(this);
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** The group's stream ended (graphql-ws then sends `complete`) or failed (graphql-ws sends `error`). */
  end(error?: Error): void {
    if (this.ended) return;
    this.ended = error === undefined ? {} : { error };
    const finish = this.finish;
    const fail = this.fail;
    this.finish = this.fail = null;
    if (error !== undefined) fail?.(error);
    else finish?.({ value: undefined, done: true });
  }
}

/** Subscriptions of one (document, operation name, variables, visibility class): one source stream, one execution per event. */
class Group {
  readonly members = new Set<MemberStream>();
  source: AsyncIterator<ExecutionResult> | null = null;
  /** Settles once the source stream exists: null, or the result refusing the subscription (sent to every member). */
  ready!: Promise<ExecutionResult | null>;
  closed = false;
  constructor(
    readonly key: string,
    readonly args: ExecutionArgs,
  ) {}
}

/**
 * The fan-out of live subscriptions over WebSocket. graphql-ws runs one source stream and one execution of the
 * selection per subscription; here subscriptions that cannot differ in what they receive — the same document,
 * operation name and variables, and principals of one visibility class (`visibilityClass`) — form a group: the
 * first one's subscribe runs (its authorization at subscribe time stands for the class), the stream's events are
 * read and authorized once, the selection is executed once, the `next` payload is serialized once and written to
 * every socket of the group with its own operation id spliced in.
 *
 * Outside the groups, with graphql's own per-subscription stream: a subscription resuming from `after` (its
 * catch-up is its own), an operation the transport did not register, and anything that is not a subscription.
 *
 * Each member's operation stays a graphql-ws operation (its own id, `complete` from the client, close of the
 * socket, per-socket limits); only its `next` frames are written here. A socket that stops reading (more than
 * MAX_BUFFERED_BYTES queued) is closed with 1013 rather than buffered without bound: it reconnects and resumes.
 */
export class SubscriptionFanout {
  private readonly groups = new Map<string, Group>();
  private readonly registered = new WeakMap<object, FanoutMember>();
  /** Counters for tests and the benchmark: selections executed for groups, frames written, the last event's write time. */
  readonly stats = { executions: 0, frames: 0, lastWriteMs: 0, lastWriteCpuMs: 0 };

  constructor(private readonly options: FanoutOptions) {}

  /**
   * Live groups (their stream attached: each holds one sink of the notifier) and their subscriptions; groups still
   * starting are not counted.
   */
  get size(): { groups: number; members: number } {
    let groups = 0;
    let members = 0;
    for (const group of this.groups.values()) {
      if (group.source === null) continue;
      groups++;
      members += group.members.size;
    }
    return { groups, members };
  }

  /** Ties an operation's context value (graphql-ws `context`) to its socket, id, principal and request. */
  register(contextValue: object, member: FanoutMember): void {
    this.registered.set(contextValue, member);
  }

  /** graphql-ws's `subscribe`: joins (or starts) the operation's group, or runs it alone. */
  readonly subscribe = async (args: ExecutionArgs): Promise<SubscribeResult> => {
    const member = args.contextValue ? this.registered.get(args.contextValue) : undefined;
    if (!member || resumesFromCursor(args)) return this.options.subscribe(args);
    const key = JSON.stringify([member.query, member.operationName ?? null, member.variables ?? null, visibilityClass(member.principal)]);
    let group = this.groups.get(key);
    if (!group) {
      const created = new Group(key, args);
      this.groups.set(key, created); // before starting: a start that fails at once drops it again
      created.ready = this.start(created);
      group = created;
    }
    const stream = new MemberStream(member, (s) => this.leave(group, s));
    group.members.add(stream);
    const refusal = await group.ready;
    if (refusal) {
      group.members.delete(stream);
      return refusal;
    }
    return stream;
  };

  private async start(group: Group): Promise<ExecutionResult | null> {
    let result: SubscribeResult;
    try {
      result = await this.options.subscribe(group.args);
    } catch (error) {
      this.drop(group);
      throw error;
    }
    if (!(Symbol.asyncIterator in result)) {
      this.drop(group); // refused: the next subscriber of this key asks again
      return result;
    }
    group.source = result[Symbol.asyncIterator]();
    if (group.members.size === 0 || group.closed) {
      this.close(group);
    } else {
      void this.pump(group);
    }
    return null;
  }

  /** One execution per event, one serialization, one write per socket. */
  private async pump(group: Group): Promise<void> {
    const source = group.source!;
    let error: Error | undefined;
    try {
      for (;;) {
        const step = await source.next();
        if (step.done) break;
        this.stats.executions++;
        const payload = JSON.stringify(this.options.payload(step.value, group.args));
        const writeStarted = performance.now();
        const cpuStarted = process.cpuUsage();
        // One frame per distinct operation id (clients mostly number their operations alike).
        const frames = new Map<string, Buffer>();
        for (const stream of group.members) {
          const { socket, id } = stream.member;
          let frame = frames.get(id);
          if (!frame) {
            frame = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`);
            frames.set(id, frame);
          }
          this.write(socket, frame);
        }
        this.stats.lastWriteMs = performance.now() - writeStarted;
        const cpu = process.cpuUsage(cpuStarted);
        this.stats.lastWriteCpuMs = (cpu.user + cpu.system) / 1000;
      }
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
    }
    this.drop(group);
    for (const stream of group.members) stream.end(error);
    group.members.clear();
  }

  private write(socket: FanoutSocket, frame: Buffer): void {
    if (socket.readyState !== WS_OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.close(1013, "Try again later: the connection does not read its events");
      return;
    }
    this.stats.frames++;
    socket.send(frame, { binary: false }, this.written);
  }

  /** One callback for every write (no closure per frame): a failed write is the socket closing. */
  private readonly written = (error?: Error): void => {
    if (error) this.options.logger.debug({ err: error }, "a subscription frame was not written");
  };

  private leave(group: Group, stream: MemberStream): void {
    if (!group.members.delete(stream) || group.members.size > 0) return;
    this.drop(group);
    this.close(group);
  }

  /** No new member joins this group (a later subscriber of its key starts a new one). */
  private drop(group: Group): void {
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
  }

  private close(group: Group): void {
    group.closed = true;
    const source = group.source;
    group.source = null;
    if (source?.return) void source.return().catch(() => {});
  }
}
