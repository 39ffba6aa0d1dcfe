import { badInput } from "../../shared/errors";
import { UUID_PATTERN } from "../../shared/ids";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ConnectionArgs, type PageRequest } from "../../shared/pagination";

/**
 * An event cursor names a position in one client's event sequence: base64url of `event:<client uuid>:<seq>`.
 * The same cursor works everywhere events are listed — `PayrollRun.events`, the root `events` query and the
 * `after` argument of the subscriptions — so an integration can poll, then subscribe from where it stopped.
 */
export interface EventPosition {
  clientId: string;
  seq: number;
}

export function encodeEventCursor(clientId: string, seq: number): string {
  return Buffer.from(`event:${clientId}:${seq}`, "utf8").toString("base64url");
}

export function decodeEventCursor(cursor: string, argument: string): EventPosition {
  const raw = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const m = /^event:([0-9a-f-]{36}):(\d{1,15})$/.exec(raw);
  if (!m || !UUID_PATTERN.test(m[1])) throw badInput(`${argument} is not a valid event cursor`, { argument });
  return { clientId: m[1], seq: Number(m[2]) };
}

/**
 * Relay arguments over event cursors → a page request keyed on `seq` (`afterId` / `beforeId` hold the seq as a
 * decimal string, so the shared page helpers apply). `clientId`, when given, is the only client whose cursors
 * are accepted.
 */
export function toEventPageRequest(args: ConnectionArgs, clientId?: string): PageRequest {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw badInput("Pass either `first` or `last`, not both");
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw badInput(`\`${name}\` must be between 0 and ${MAX_PAGE_SIZE}, got ${value}`, { argument: name });
    }
  }
  const seqOf = (cursor: string | null | undefined, argument: string) => {
    if (cursor == null) return null;
    const position = decodeEventCursor(cursor, argument);
    if (clientId !== undefined && position.clientId !== clientId) throw badInput(`${argument} is a cursor of another client's events`, { argument });
    return String(position.seq);
  };
  const afterId = seqOf(after, "after");
  const beforeId = seqOf(before, "before");
  if (last != null) return { direction: "backward", limit: last, afterId, beforeId };
  return { direction: "forward", limit: first ?? DEFAULT_PAGE_SIZE, afterId, beforeId };
}
