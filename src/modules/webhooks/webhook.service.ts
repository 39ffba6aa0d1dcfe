import type { Context } from "../../context";
import { newId } from "../../shared/ids";
import { parseGlobalId, requireGlobalId, toGlobalId } from "../../shared/global-id";
import { AppError, notFound } from "../../shared/errors";
import { toConnection, toPage, toPageRequest } from "../../shared/pagination";
import { userError, UserErrorCode, UserErrors } from "../../shared/user-error";
import { withConstraintErrors } from "../../db/constraint-errors";
import { failed, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { eventRepository, recordEvent } from "../events/event.repository";
import { decodeEventCursor, type EventPosition } from "../events/event.cursor";
import type { EventTypeName } from "../events/event-types";
import { clientById } from "../clients/client.loaders";
import { secretContext } from "./webhook-delivery";
import { outboundPolicy, webhookUrlProblem, type OutboundPolicy } from "./webhook-outbound";
import { generateWebhookSecret } from "./webhook-signature";
import { endpointAccess, webhookRepository } from "./webhook.repository";
import { webhookEndpointById } from "./webhook.loaders";
import { toWebhookDelivery, toWebhookEndpoint, type WebhookEndpoint, type WebhookEndpointRow } from "./webhook.type";
import type { CreateWebhookEndpointInput, RedeliverWebhookEventsInput, UpdateWebhookEndpointInput, WebhookDeliveriesArgs, WebhookEndpointsArgs } from "./webhook.input";

const DESCRIPTION_MAX = 500;
/** How long the secret before a rotation keeps signing. */
export const PREVIOUS_SECRET_HOURS = 24;

/** The event log's view of an endpoint: no URL (it may carry a receiver's token), no secret. */
function snapshot(row: WebhookEndpointRow) {
  return { enabled: row.enabled, eventTypes: row.eventTypes };
}

function changedFields(before: WebhookEndpointRow, after: WebhookEndpointRow): string[] {
  return [before.url !== after.url ? "url" : null, before.description !== after.description ? "description" : null].filter((f): f is string => f !== null);
}

/**
 * Use cases of webhook endpoints. Reads need `webhooks:read`, changes `webhooks:write`. A PARTNER reaches only
 * the endpoints it created (for its granted clients), a CLIENT its client's, an OPERATOR all (the repository's
 * `EndpointAccess`); another's endpoint answers like a missing one.
 */
export class WebhookService {
  constructor(private readonly ctx: Context) {}

  private get policy(): OutboundPolicy {
    return this.ctx.webhooks?.policy ?? outboundPolicy("production");
  }

  async list(args: WebhookEndpointsArgs) {
    const { db, principal } = this.ctx;
    principal.assertScope("webhooks:read");
    const request = toPageRequest(args);
    const clientId = args.clientId != null ? requireGlobalId(args.clientId, "Client", "clientId") : null;
    const access = endpointAccess(principal);
    const rows = await webhookRepository.page(db, access, clientId, request);
    return toConnection(toPage(rows, request), toWebhookEndpoint, () => webhookRepository.count(db, access, clientId));
  }

  async byId(id: string): Promise<WebhookEndpoint | null> {
    this.ctx.principal.assertScope("webhooks:read");
    const row = await this.ctx.loaders.get(webhookEndpointById).load(id);
    return row ? toWebhookEndpoint(row) : null;
  }

  async deliveries(args: WebhookDeliveriesArgs) {
    const { db, principal, loaders } = this.ctx;
    principal.assertScope("webhooks:read");
    const endpointId = requireGlobalId(args.endpointId, "WebhookEndpoint", "endpointId");
    if ((await loaders.get(webhookEndpointById).load(endpointId)) === null) throw notFound("WebhookEndpoint");
    const request = toPageRequest(args);
    const status = args.status ?? null;
    const rows = await webhookRepository.deliveriesPage(db, endpointId, status, request);
    return toConnection(toPage(rows, request), toWebhookDelivery, () => webhookRepository.deliveriesCount(db, endpointId, status));
  }

  async create(input: CreateWebhookEndpointInput): Promise<CommandResult<{ webhookEndpoint: WebhookEndpoint; secret: string }>> {
    const { principal, db, pii } = this.ctx;
    principal.assertScope("webhooks:write");
    const errors = new UserErrors();
    const clientId = parseGlobalId(input.clientId, "Client");
    if (clientId === null) errors.add(["clientId"], UserErrorCode.INVALID_ID, "clientId is not a valid Client ID");
    else if (!principal.canAccessClient(clientId) || (await this.ctx.loaders.get(clientById).load(clientId)) === null) {
      errors.add(["clientId"], UserErrorCode.NOT_FOUND, "No such client");
    }
    this.checkUrl(errors, input.url);
    errors.text("description", input.description, DESCRIPTION_MAX, false);
    if (errors.any || clientId === null) return rejectedBy(errors);

    const id = newId();
    const secret = generateWebhookSecret();
    const eventTypes = uniqueTypes(input.eventTypes);
    return withConstraintErrors(async () => {
      const row = await db.transaction(async (tx) => {
        // The endpoint starts after its own creation event: it receives what happens from now on.
        const { seq } = await recordEvent(tx, {
          clientId,
          type: "webhookEndpoint.created",
          objectType: "WebhookEndpoint",
          objectId: id,
          actor: principal.actor,
          after: { enabled: true, eventTypes, changed: input.description ? ["url", "description"] : ["url"] },
        });
        return webhookRepository.insert(
          tx,
          {
            id,
            clientId,
            url: input.url.trim(),
            description: input.description?.trim() || null,
            eventTypes,
            ownerSubject: principal.subject,
            ownerRole: principal.role,
            ownerScopes: [...principal.scopes],
            ownerClientIds: principal.role === "OPERATOR" ? [] : [...principal.clientIds],
            secret: pii.encrypt(secret, secretContext(id)),
          },
          seq ?? 0,
        );
      });
      return succeeded({ webhookEndpoint: toWebhookEndpoint(row), secret });
    });
  }

  async update(input: UpdateWebhookEndpointInput): Promise<CommandResult<WebhookEndpoint>> {
    const { principal, db } = this.ctx;
    principal.assertScope("webhooks:write");
    const errors = new UserErrors();
    const id = this.endpointIdOf(errors, input.webhookEndpointId, "webhookEndpointId");
    if (input.url != null) this.checkUrl(errors, input.url);
    errors.text("description", input.description, DESCRIPTION_MAX, false);
    if (errors.any || id === null) return rejectedBy(errors);

    const result = await withConstraintErrors(() =>
      db.transaction(async (tx): Promise<CommandResult<WebhookEndpointRow>> => {
        const before = await webhookRepository.lockForUpdate(tx, endpointAccess(principal), id);
        if (!before) return failed(userError(["webhookEndpointId"], UserErrorCode.NOT_FOUND, "No such webhook endpoint"));
        const enabling = input.enabled === true && !before.enabled;
        const disabling = input.enabled === false && before.enabled;
        const after = await webhookRepository.update(tx, id, {
          ...(input.url != null ? { url: input.url.trim() } : {}),
          ...(input.description != null ? { description: input.description.trim() || null } : {}),
          ...(input.eventTypes != null ? { eventTypes: uniqueTypes(input.eventTypes) } : {}),
          ...(enabling ? { enabled: true, disabledAt: null, disabledReason: null } : {}),
          ...(disabling ? { enabled: false, disabledAt: new Date(), disabledReason: `Disabled with updateWebhookEndpoint by ${principal.role}` } : {}),
        });
        // Re-enabled: the event that failed is tried again with a fresh schedule.
        if (enabling) await webhookRepository.resetStream(tx, id, null);
        await recordEvent(tx, {
          clientId: after.clientId,
          type: "webhookEndpoint.updated",
          objectType: "WebhookEndpoint",
          objectId: id,
          actor: principal.actor,
          before: snapshot(before),
          after: { ...snapshot(after), changed: changedFields(before, after) },
        });
        return succeeded(after);
      }),
    );
    if (!result.ok) return result;
    if (result.value.enabled) this.ctx.webhooks?.poke([id]);
    return succeeded(toWebhookEndpoint(result.value));
  }

  async delete(webhookEndpointId: string): Promise<CommandResult<string>> {
    const { principal, db } = this.ctx;
    principal.assertScope("webhooks:write");
    const errors = new UserErrors();
    const id = this.endpointIdOf(errors, webhookEndpointId, "webhookEndpointId");
    if (errors.any || id === null) return rejectedBy(errors);
    return withConstraintErrors(() =>
      db.transaction(async (tx): Promise<CommandResult<string>> => {
        const before = await webhookRepository.lockForUpdate(tx, endpointAccess(principal), id);
        if (!before) return failed(userError(["webhookEndpointId"], UserErrorCode.NOT_FOUND, "No such webhook endpoint"));
        await webhookRepository.delete(tx, id);
        await recordEvent(tx, {
          clientId: before.clientId,
          type: "webhookEndpoint.deleted",
          objectType: "WebhookEndpoint",
          objectId: id,
          actor: principal.actor,
          before: snapshot(before),
        });
        return succeeded(toGlobalId("WebhookEndpoint", id));
      }),
    );
  }

  async rotateSecret(webhookEndpointId: string): Promise<CommandResult<{ webhookEndpoint: WebhookEndpoint; secret: string }>> {
    const { principal, db, pii } = this.ctx;
    principal.assertScope("webhooks:write");
    const errors = new UserErrors();
    const id = this.endpointIdOf(errors, webhookEndpointId, "webhookEndpointId");
    if (errors.any || id === null) return rejectedBy(errors);
    const secret = generateWebhookSecret();
    const result = await withConstraintErrors(() =>
      db.transaction(async (tx): Promise<CommandResult<WebhookEndpointRow>> => {
        const before = await webhookRepository.lockForUpdate(tx, endpointAccess(principal), id);
        if (!before) return failed(userError(["webhookEndpointId"], UserErrorCode.NOT_FOUND, "No such webhook endpoint"));
        const after = await webhookRepository.update(tx, id, {
          secret: pii.encrypt(secret, secretContext(id)),
          previousSecret: before.secret,
          previousSecretExpiresAt: new Date(Date.now() + PREVIOUS_SECRET_HOURS * 3_600_000),
        });
        await recordEvent(tx, {
          clientId: after.clientId,
          type: "webhookEndpoint.secretRotated",
          objectType: "WebhookEndpoint",
          objectId: id,
          actor: principal.actor,
          before: snapshot(before),
          after: { ...snapshot(after), changed: ["secret"] },
        });
        return succeeded(after);
      }),
    );
    return result.ok ? succeeded({ webhookEndpoint: toWebhookEndpoint(result.value), secret }) : result;
  }

  async redeliver(input: RedeliverWebhookEventsInput): Promise<CommandResult<WebhookEndpoint>> {
    const { principal, db } = this.ctx;
    principal.assertScope("webhooks:write");
    const errors = new UserErrors();
    const id = this.endpointIdOf(errors, input.endpointId, "endpointId");
    let position: EventPosition | null = null;
    if (input.after != null) {
      try {
        position = decodeEventCursor(input.after, "after");
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        errors.add(["after"], UserErrorCode.INVALID_INPUT, "after is not a valid event cursor");
      }
    }
    if (errors.any || id === null) return rejectedBy(errors);
    const result = await db.transaction(async (tx): Promise<CommandResult<WebhookEndpointRow>> => {
      const endpoint = await webhookRepository.lockForUpdate(tx, endpointAccess(principal), id);
      if (!endpoint) return failed(userError(["endpointId"], UserErrorCode.NOT_FOUND, "No such webhook endpoint"));
      if (position !== null && position.clientId !== endpoint.clientId) {
        return failed(userError(["after"], UserErrorCode.INVALID_INPUT, "after is a cursor of another client's events"));
      }
      const lastSeq = await eventRepository.lastSeq(tx, { all: false, clientIds: [endpoint.clientId] }, endpoint.clientId);
      if (position !== null && position.seq > lastSeq) return failed(userError(["after"], UserErrorCode.INVALID_INPUT, "after is ahead of the client's events"));
      await webhookRepository.resetStream(tx, id, position?.seq ?? 0);
      return succeeded(endpoint);
    });
    if (!result.ok) return result;
    if (result.value.enabled) this.ctx.webhooks?.poke([id]);
    return succeeded(toWebhookEndpoint(result.value));
  }

  private checkUrl(errors: UserErrors, url: string): void {
    const problem = webhookUrlProblem(url.trim(), this.policy);
    if (problem) errors.add(["url"], UserErrorCode.INVALID_INPUT, problem);
  }

  private endpointIdOf(errors: UserErrors, globalId: string, field: string): string | null {
    const id = parseGlobalId(globalId, "WebhookEndpoint");
    if (id === null) errors.add([field], UserErrorCode.INVALID_ID, `${field} is not a valid WebhookEndpoint ID`);
    return id;
  }
}

function uniqueTypes(types: readonly EventTypeName[] | null | undefined): EventTypeName[] {
  return [...new Set(types ?? [])];
}
