import type { Logger } from "../logger";
import type { Attachment, SequencedEvent } from "./event-notifier";

export interface EventFeedOptions<Row extends SequencedEvent, T> {
  /** Events of the client after `afterSeq` from the table, in seq order (replay and gap repair). */
  read(afterSeq: number, limit: number): Promise<Row[]>;
  /** What to deliver for an event: the payload, or null to skip it (another object, or not authorized). */
  accept(row: Row): T | null;
  logger: Logger;
}

/**
 * Rows per read of the events table (replay after a cursor, gap repair): a subscriber far behind is caught up one
 * page at a time, the next page read only once the previous one is delivered, so memory per subscription stays
 * bounded however old its cursor is.
 */
export const REPLAY_PAGE = 100;
/** Events buffered for a slow subscriber before the buffer is dropped and re-read from the table. */
const MAX_BUFFER = 1_000;
const RETRY_MS = 1_000;

/**
 * One subscription's stream: exactly the client's events after `after`, in seq order, each once.
 *
 * The feed tracks `last`, the seq of the last event it has looked at. Rows pushed by the node's tail are taken
 * only when they continue `last` (seq = last + 1); an older row is a duplicate and dropped, a newer one means a
 * gap (the subscriber started behind the tail, or its buffer overflowed) and the feed reads `seq > last` from
 * the events table instead. So neither a duplicated, late or lost notification nor the replay/live hand-over
 * can produce a gap, a duplicate or a reordering.
 *
 * A hand-written iterator rather than an async generator: `return()` (client unsubscribed, socket closed) must
 * end a `next()` that is waiting for events, which a suspended generator cannot do.
 */
export class EventFeed<Row extends SequencedEvent, T> implements AsyncIterableIterator<T> {
  private last = 0;
  private queue: Row[] = [];
  private readonly ready: T[] = [];
  private needsRead = false;
  private closed = false;
  private wake: (() => void) | null = null;
  private detach: () => void = () => {};

  /** A feed that is never started delivers nothing and ends when the subscriber leaves. */
  constructor(private readonly options: EventFeedOptions<Row, T>) {}

  /**
   * Starts the feed once `push` is attached to the client's tail. `after` is the seq of the last event the
   * subscriber has (its cursor), or null for "from now on" (the tail's position). Events up to the tail position
   * that the subscriber lacks are read from the table; later ones arrive through `push`.
   */
  start(attachment: Attachment, after: number | null): void {
    this.detach = attachment.detach;
    if (this.closed) return attachment.detach();
    this.last = after ?? attachment.position;
    if (this.last < attachment.position) this.needsRead = true;
    this.signal();
  }

  /** The sink given to the notifier: rows of the client, contiguous and in seq order. */
  readonly push = (rows: readonly Row[]): void => {
    if (this.closed) return;
    for (const row of rows) this.queue.push(row);
    if (this.queue.length > MAX_BUFFER) {
      this.queue = [];
      this.needsRead = true;
    }
    this.signal();
  };

  async next(): Promise<IteratorResult<T>> {
    while (!this.closed) {
      if (this.ready.length > 0) return { value: this.ready.shift()!, done: false };
      if (this.needsRead) {
        let rows: Row[];
        try {
          rows = await this.options.read(this.last, REPLAY_PAGE);
        } catch (error) {
          this.options.logger.warn({ err: error }, "replaying events failed: retrying");
          await this.pause(RETRY_MS);
          continue;
        }
        if (this.closed) break;
        this.needsRead = rows.length === REPLAY_PAGE;
        this.consume(rows, true);
        continue;
      }
      if (this.queue.length > 0) {
        const rows = this.queue;
        this.queue = [];
        this.consume(rows, false);
        continue;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<T>> {
    this.close();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    this.close();
    throw error;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  private consume(rows: readonly Row[], fromTable: boolean): void {
    for (const row of rows) {
      if (row.seq <= this.last) continue; // already seen
      // The table holds every committed seq (gapless), so only pushed rows can skip ahead.
      if (!fromTable && row.seq !== this.last + 1) {
        this.needsRead = true;
        return;
      }
      this.last = row.seq;
      const value = this.options.accept(row);
      if (value !== null) this.ready.push(value);
    }
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.ready.length = 0;
    this.detach();
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
