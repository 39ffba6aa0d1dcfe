import type { Logger } from "../logger";
import type { NotificationSource } from "./notification-source";

/** What a node needs to know about an event to deliver it: its client and its position. */
export interface SequencedEvent {
  clientId: string;
  seq: number;
}

/** Reads committed events of one client, in seq order. */
export interface EventTailReader<Row extends SequencedEvent> {
  lastSeq(clientId: string): Promise<number>;
  since(clientId: string, afterSeq: number, limit: number): Promise<Row[]>;
}

/** Receives contiguous runs of a client's events, in seq order (a sink may see an event again after a catch-up). */
export type EventSink<Row> = (rows: readonly Row[]) => void;

export interface Attachment {
  /** The tail's position when the sink was attached: the sink receives every event after it. */
  position: number;
  /** A bound function: the feed keeps it and calls it detached from this object. */
  readonly detach: () => void;
}

const TAIL_PAGE = 500;
const RETRY_MS = 1_000;

/** One client's live tail on this node: the last seq read from the table and the sinks (subscriptions) fed from it. */
class ClientTail<Row> {
  position = 0;
  readonly sinks = new Set<EventSink<Row>>();
  requested = false;
  draining = false;
  constructor(
    readonly clientId: string,
    public ready: Promise<void>,
  ) {}
}

/**
 * Fans committed events out to the subscriptions of this node. A notification `(client, seq)` makes the
 * client's tail read `seq > position` from the events table ONCE and hand the rows to every sink of that client
 * — one query per notification per node, however many subscribers. Notifications for a client nobody on this
 * node watches are ignored; a duplicate or late notification (seq <= position) costs nothing; a lost one is
 * covered by the next one of the same client, and by the catch-up read of every tail when the source (re)starts
 * listening.
 */
export class EventNotifier<Row extends SequencedEvent> {
  private readonly tails = new Map<string, ClientTail<Row>>();
  private started = false;

  constructor(
    private readonly source: NotificationSource,
    private readonly reader: EventTailReader<Row>,
    private readonly parse: (payload: string) => SequencedEvent | null,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.source.start(
      (payload) => {
        const notification = this.parse(payload);
        if (notification) this.poke(notification.clientId, notification.seq);
      },
      () => {
        // (Re)connected: whatever was notified while not listening is read from the table now.
        for (const clientId of this.tails.keys()) this.poke(clientId);
      },
    );
    this.started = true;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.source.stop();
    this.tails.clear();
  }

  /** Number of clients and sinks this node follows (for the benchmark and tests). */
  get size() {
    let sinks = 0;
    for (const tail of this.tails.values()) sinks += tail.sinks.size;
    return { clients: this.tails.size, sinks };
  }

  /**
   * Attaches a sink to the client's tail. Every event with a seq above the returned position reaches the sink;
   * events at or below it are the caller's to read from the table (replay).
   */
  async attach(clientId: string, sink: EventSink<Row>): Promise<Attachment> {
    let tail = this.tails.get(clientId);
    if (!tail) {
      const created: ClientTail<Row> = new ClientTail<Row>(clientId, Promise.resolve());
      created.ready = this.reader.lastSeq(clientId).then((seq) => {
        created.position = Math.max(created.position, seq);
      });
      this.tails.set(clientId, created);
      tail = created;
    }
    try {
      await tail.ready;
    } catch (error) {
      if (this.tails.get(clientId) === tail) this.tails.delete(clientId);
      throw error;
    }
    const current = this.tails.get(clientId);
    if (current !== undefined && current !== tail) return this.attach(clientId, sink);
    if (current === undefined) this.tails.set(clientId, tail); // its last sink left while we waited
    tail.sinks.add(sink);
    const attached = tail;
    return {
      position: attached.position,
      detach: () => {
        attached.sinks.delete(sink);
        if (attached.sinks.size === 0 && this.tails.get(clientId) === attached) this.tails.delete(clientId);
      },
    };
  }

  /** Something committed for the client (or may have: `seq` undefined): read the tail if anyone here listens. */
  private poke(clientId: string, seq?: number): void {
    const tail = this.tails.get(clientId);
    if (!tail || (seq !== undefined && seq <= tail.position)) return;
    tail.requested = true;
    if (!tail.draining) void this.drain(tail);
  }

  /** Reads the client's new events until none is left (requests arriving meanwhile are folded in). */
  private async drain(tail: ClientTail<Row>): Promise<void> {
    tail.draining = true;
    try {
      await tail.ready;
      while (tail.requested) {
        tail.requested = false;
        for (;;) {
          const rows = await this.reader.since(tail.clientId, tail.position, TAIL_PAGE);
          if (rows.length === 0) break;
          tail.position = rows[rows.length - 1].seq;
          for (const sink of tail.sinks) sink(rows);
          if (rows.length < TAIL_PAGE) break;
        }
      }
    } catch (error) {
      this.logger.warn({ err: error }, "reading new events failed: retrying");
      setTimeout(() => this.poke(tail.clientId), RETRY_MS).unref();
    } finally {
      tail.draining = false;
    }
  }
}
