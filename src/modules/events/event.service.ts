import type { Context } from "../../context";
import { badInput, notFound } from "../../shared/errors";
import { requireGlobalId } from "../../shared/global-id";
import { renamedValue } from "../../shared/renamed";
import { toConnection, toPage, type ConnectionShape, type Page } from "../../shared/pagination";
import { EventFeed, type RealtimeContext } from "../../realtime";
import { clientById } from "../clients/client.loaders";
import { payrollRunById } from "../payroll/payroll.loaders";
import { payrollRepository } from "../payroll/payroll.repository";
import { remittanceById } from "../remittances/remittance.loaders";
import { remittanceRepository } from "../remittances/remittance.repository";
import { decodeEventCursor, encodeEventCursor, toEventPageRequest, type EventPosition } from "./event.cursor";
import { eventRepository, type ClientEventRow } from "./event.repository";
import { toEvent, toPayrollRunStatusEvent, toRemittanceStatusEvent, type Event, type PayrollRunStatusEvent, type RemittanceStatusEvent } from "./event.type";
import { canRead } from "../../auth/read-scopes";
import type { EventsArgs, PayrollRunStatusChangedArgs, RemittanceStatusChangedArgs } from "./event.input";

/**
 * The object types events are recorded about. A caller sees an event only when it may read its object's type
 * (`READ_SCOPES`, src/auth/read-scopes.ts); types not listed are not shown.
 */
export const EVENT_OBJECT_TYPES = [
  "Client",
  "Worker",
  "Engagement",
  "Compensation",
  "Msa",
  "MsaClause",
  "PaySchedule",
  "PayPeriod",
  "PayrollRun",
  "PayStatement",
  "Remittance",
  "WebhookEndpoint",
  "ClassificationAssessment",
  "BenefitPlan",
  "BenefitEnrollment",
  "PaymentMethod",
  "EmploymentAgreement",
] as const;

/** Event types the status subscriptions deliver (the contract every module writing run/remittance events follows). */
const PAYROLL_RUN_STATUS_TYPES = new Set(["payrollRun.created", "payrollRun.statusChanged"]);
const REMITTANCE_STATUS_TYPES = new Set(["remittance.created", "remittance.statusChanged"]);

const MAX_TYPES = 20;

/**
 * One read per event per node for the object an event is about. The node's tail hands the SAME row object to
 * every subscription of the client, so a run changing status in front of 1,000 subscribers is read once, not
 * 1,000 times; each subscriber's own DataLoader is primed with it only after its principal's tenant check (the
 * same condition as the loader's tenant filter). Rows replayed from the table are per subscription: no sharing.
 */
const sharedReads = new WeakMap<ClientEventRow, Promise<unknown>>();
function readOncePerRow<T>(row: ClientEventRow, read: () => Promise<T>): () => Promise<T> {
  return () => {
    let pending = sharedReads.get(row) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      sharedReads.set(row, pending);
      pending.catch(() => sharedReads.delete(row)); // a failed read is not shared: the next subscriber retries
    }
    return pending;
  };
}
const onlyClient = (clientId: string) => ({ all: false as const, clientIds: [clientId] });

/**
 * Use cases over the event log: live status subscriptions (replay from a cursor, then live) and the polling
 * connections. Authorization is checked when subscribing (scope, and the run/remittance/client must be the
 * caller's — a foreign one answers like a missing one) and again for every event delivered.
 */
export class EventService {
  constructor(private readonly ctx: Context) {}

  async payrollRunStatusFeed(args: PayrollRunStatusChangedArgs): Promise<AsyncIterableIterator<PayrollRunStatusEvent>> {
    const { principal, loaders, db } = this.ctx;
    principal.assertScope("payroll:read");
    const given = renamedValue(["payrollRunId", args.payrollRunId], ["runId", args.runId]);
    if (given.problem !== undefined) throw badInput(given.problem, { argument: given.name });
    if (given.value === null && args.clientId == null) throw badInput("Pass `payrollRunId` or `clientId`");
    const runId = given.value !== null ? requireGlobalId(given.value, "PayrollRun", args.payrollRunId != null ? "payrollRunId" : "runId") : null;
    let clientId = args.clientId != null ? requireGlobalId(args.clientId, "Client", "clientId") : null;
    if (runId !== null) {
      const run = await loaders.get(payrollRunById).load(runId);
      if (run === null || (clientId !== null && run.clientId !== clientId)) throw notFound("PayrollRun");
      clientId = run.clientId;
    }
    return this.feed(clientId!, args.after, (row) => {
      if (!principal.hasScope("payroll:read") || !principal.canAccessClient(row.clientId)) return null;
      if (row.objectType !== "PayrollRun" || !PAYROLL_RUN_STATUS_TYPES.has(row.type)) return null;
      if (runId !== null && row.objectId !== runId) return null;
      const event = toPayrollRunStatusEvent(row);
      event.sharedRun = readOncePerRow(row, async () => (await payrollRepository.runsByIds(db, onlyClient(row.clientId), [row.objectId]))[0] ?? null);
      return event.status ? event : null;
    });
  }

  async remittanceStatusFeed(args: RemittanceStatusChangedArgs): Promise<AsyncIterableIterator<RemittanceStatusEvent>> {
    const { principal, loaders, db } = this.ctx;
    principal.assertScope("remittances:read");
    if (args.remittanceId == null && args.payrollRunId == null && args.clientId == null) {
      throw badInput("Pass `remittanceId`, `payrollRunId` or `clientId`");
    }
    const remittanceId = args.remittanceId != null ? requireGlobalId(args.remittanceId, "Remittance", "remittanceId") : null;
    let runId = args.payrollRunId != null ? requireGlobalId(args.payrollRunId, "PayrollRun", "payrollRunId") : null;
    let clientId = args.clientId != null ? requireGlobalId(args.clientId, "Client", "clientId") : null;
    if (remittanceId !== null) {
      const remittance = await loaders.get(remittanceById).load(remittanceId);
      if (remittance === null || (clientId !== null && remittance.clientId !== clientId) || (runId !== null && remittance.payrollRunId !== runId)) {
        throw notFound("Remittance");
      }
      clientId = remittance.clientId;
      runId = null; // the remittance decides
    } else if (runId !== null) {
      const run = await loaders.get(payrollRunById).load(runId);
      if (run === null || (clientId !== null && run.clientId !== clientId)) throw notFound("PayrollRun");
      clientId = run.clientId;
    }
    return this.feed(clientId!, args.after, (row) => {
      if (!principal.hasScope("remittances:read") || !principal.canAccessClient(row.clientId)) return null;
      if (row.objectType !== "Remittance" || !REMITTANCE_STATUS_TYPES.has(row.type)) return null;
      if (remittanceId !== null && row.objectId !== remittanceId) return null;
      const event = toRemittanceStatusEvent(row);
      if (runId !== null && event.payrollRunDbId !== runId) return null;
      event.sharedRemittance = readOncePerRow(row, async () => (await remittanceRepository.findByIds(db, onlyClient(row.clientId), [row.objectId]))[0] ?? null);
      return event.status ? event : null;
    });
  }

  /** Root `events`: one client's events of the object types the caller may read, in seq order. */
  async list(args: EventsArgs) {
    const { db, principal } = this.ctx;
    const clientId = requireGlobalId(args.clientId, "Client", "clientId");
    if (args.types && args.types.length > MAX_TYPES) throw badInput(`\`types\` takes at most ${MAX_TYPES} types`, { argument: "types" });
    if (args.eventTypes && args.eventTypes.length > MAX_TYPES) throw badInput(`\`eventTypes\` takes at most ${MAX_TYPES} types`, { argument: "eventTypes" });
    if (args.types?.some((t) => t.length > 100)) throw badInput("An event type is at most 100 characters", { argument: "types" });
    const types = renamedValue<readonly string[]>(["eventTypes", args.eventTypes], ["types", args.types]);
    if (types.problem !== undefined) throw badInput(types.problem, { argument: types.name });
    const occurredSince = renamedValue(["occurredSince", args.occurredSince], ["updatedSince", args.updatedSince]);
    if (occurredSince.problem !== undefined) throw badInput(occurredSince.problem, { argument: occurredSince.name });
    const request = toEventPageRequest(args, clientId);
    const filter = {
      clientId,
      types: types.value,
      objectTypes: EVENT_OBJECT_TYPES.filter((type) => canRead(principal, type)),
      occurredSince: occurredSince.value,
    };
    const rows = await eventRepository.page(db, principal.tenants, filter, request);
    return toEventConnection(toPage(rows, request), () => eventRepository.count(db, principal.tenants, filter));
  }

  /**
   * A subscription's stream over one client's events: checks the cursor, attaches to this node's tail of the
   * client, replays what the subscriber lacks from the table and then follows live events. A client that does not
   * exist or that the caller may not act for is a NOT_FOUND error at subscribe time.
   */
  private async feed<T>(clientId: string, after: string | null | undefined, accept: (row: ClientEventRow) => T | null): Promise<AsyncIterableIterator<T>> {
    const { db, principal, logger } = this.ctx;
    const notifier = (this.ctx as Context & RealtimeContext).notifier;
    if (!notifier) throw badInput("Subscriptions are served over WebSocket (graphql-ws protocol) on /graphql");
    // An unknown client, or one the caller may not act for, is refused now (not a subscription that never fires);
    // both answer alike, and before anything else is checked (as a foreign run or remittance is), so the error
    // reveals nothing about other tenants.
    if (!principal.canAccessClient(clientId) || (await this.ctx.loaders.get(clientById).load(clientId)) === null) throw notFound("Client");
    let position: EventPosition | null = null;
    if (after != null) {
      position = decodeEventCursor(after, "after");
      if (position.clientId !== clientId) throw badInput("`after` is a cursor of another client's events", { argument: "after" });
    }
    const feed = new EventFeed<ClientEventRow, T>({
      read: (afterSeq, limit) => eventRepository.since(db, principal.tenants, clientId, afterSeq, limit),
      accept,
      logger,
    });
    if (position !== null && position.seq > (await eventRepository.lastSeq(db, principal.tenants, clientId))) {
      throw badInput("`after` is ahead of the client's events", { argument: "after" });
    }
    const attachment = await notifier.attach(clientId, feed.push);
    feed.start(attachment, position?.seq ?? null);
    return feed;
  }
}

/** A Relay connection of events; the edge cursor is the event cursor. */
export function toEventConnection(page: Page<ClientEventRow>, totalCount: () => Promise<number>): ConnectionShape<Event> {
  return toConnection(page, toEvent, totalCount, (row) => encodeEventCursor(row.clientId, row.seq));
}
