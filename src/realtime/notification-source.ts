import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import type { PGlite } from "@electric-sql/pglite";
import type { Logger } from "../logger";

/**
 * Where a node hears that events committed: payloads of one notification channel. `onListen` fires every time
 * listening (re)starts — notifications sent while a node was not listening are lost, so the receiver catches
 * up from the events table then.
 */
export interface NotificationSource {
  start(onNotify: (payload: string) => void, onListen: () => void): Promise<void>;
  stop(): Promise<void>;
}

export interface PostgresSourceOptions {
  /**
   * How often the node notifies itself to prove its LISTEN connection still delivers (default 10 s). postgres.js
   * re-listens when the connection closes, but when that re-listen itself fails (database still down) it gives
   * up silently; a heartbeat that does not come back within one interval makes this source listen again.
   */
  heartbeatMs?: number;
}

/**
 * Postgres LISTEN on a dedicated connection (postgres.js `sql.listen`, outside the pool). Works across
 * processes; not through a transaction-mode pooler and not on a read replica (LISTEN needs a session on the
 * primary): point DATABASE_URL at the primary, or at a session-mode pooler.
 */
export function postgresNotificationSource(pg: postgres.Sql, channel: string, logger: Logger, options: PostgresSourceOptions = {}): NotificationSource {
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const heartbeatPrefix = `heartbeat:${randomUUID()}:`;
  let listening: { unlisten(): Promise<void> } | null = null;
  let timer: NodeJS.Timeout | undefined;
  let sent = 0;
  let received = 0;
  let stopped = false;

  return {
    async start(onNotify, onListen) {
      const receive = (payload: string) => {
        if (payload.startsWith(heartbeatPrefix)) received = Math.max(received, Number(payload.slice(heartbeatPrefix.length)));
        else onNotify(payload);
      };
      const listen = async () => {
        listening = await pg.listen(channel, receive, onListen);
      };
      await listen();
      const beat = async () => {
        if (stopped) return;
        try {
          if (sent > received) {
            logger.warn({ channel }, "LISTEN connection lost its notifications: listening again");
            await listening?.unlisten().catch(() => {});
            listening = null;
            await listen();
            received = sent;
          }
          sent++;
          await pg`select pg_notify(${channel}, ${heartbeatPrefix + sent})`;
        } catch (error) {
          logger.warn({ channel, err: error }, "notification heartbeat failed");
        } finally {
          if (!stopped) timer = setTimeout(() => void beat(), heartbeatMs).unref(); // beat catches its own errors
        }
      };
      timer = setTimeout(() => void beat(), heartbeatMs).unref();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await listening?.unlisten().catch(() => {});
      listening = null;
    },
  };
}

/**
 * PGlite's own LISTEN/NOTIFY: one in-process database, notifications delivered at commit of the transaction
 * that called pg_notify (and not at all on rollback), exactly as on Postgres. It never disconnects.
 */
export function pgliteNotificationSource(client: PGlite, channel: string): NotificationSource {
  let unsubscribe: (() => Promise<void>) | null = null;
  return {
    async start(onNotify, onListen) {
      unsubscribe = await client.listen(channel, onNotify);
      onListen();
    },
    async stop() {
      if (!client.closed) await unsubscribe?.().catch(() => {});
      unsubscribe = null;
    },
  };
}
