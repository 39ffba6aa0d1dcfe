import type { Context } from "../../context";
import { userErrorOf, withConstraintErrors } from "../../db/constraint-errors";
import { newId } from "../../shared/ids";
import { covers, isJurisdiction } from "../../shared/jurisdiction";
import { parseGlobalId } from "../../shared/global-id";
import { todayUtc } from "../../shared/calendar";
import { canRead, conflictingIdFor } from "../../auth/read-scopes";
import { engagementRepository } from "../engagements/engagement.repository";
import { toPageRequest, toPage, toConnection } from "../../shared/pagination";
import { failed, mapResult, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { expectedVersionRule, staleVersion, userError, UserErrorCode, UserErrors } from "../../shared/user-error";
import { recordEvent } from "../events/event.repository";
import { clientRepository, type ClientChanges, type ClientRow } from "./client.repository";
import { clientById } from "./client.loaders";
import { toClient, type Client } from "./client.type";
import type { ClientsArgs, CreateClientInput, UpdateClientInput } from "./client.input";

/** Use cases about clients. OPERATOR creates and changes clients; every caller reads the clients it may act for. */
export class ClientService {
  constructor(private readonly ctx: Context) {}

  async list(args: ClientsArgs) {
    this.ctx.principal.assertScope("clients:read");
    const request = toPageRequest(args);
    const filter = { updatedSince: args.updatedSince, status: args.status };
    const { db, principal } = this.ctx;
    const rows = await clientRepository.page(db, principal.tenants, filter, request);
    return toConnection(toPage(rows, request), toClient, () => clientRepository.count(db, principal.tenants, filter));
  }

  async byId(id: string) {
    this.ctx.principal.assertScope("clients:read");
    const row = await this.ctx.loaders.get(clientById).load(id);
    return row ? toClient(row) : null;
  }

  async create(input: CreateClientInput): Promise<CommandResult<Client>> {
    const { principal, db } = this.ctx;
    principal.assertRole("OPERATOR");
    principal.assertScope("clients:write");

    const errors = new UserErrors();
    errors.text("name", input.name, LIMITS.name);
    errors.text("externalId", input.externalId, LIMITS.externalId, false);
    const jurisdictions = legalEntityJurisdictions(errors, input.legalEntityJurisdictions ?? []);
    if (errors.any) return rejectedBy(errors);

    const externalId = input.externalId ?? null;
    // Two concurrent creates with one externalId both pass the check; the unique key decides (the table maps it).
    return withConstraintErrors(
      async () => {
        const result = await db.transaction(async (tx): Promise<CommandResult<ClientRow>> => {
          const holder = externalId === null ? null : await clientRepository.idByExternalId(tx, principal.tenants, externalId);
          if (holder !== null) return failed(userErrorOf("clients_external_id_key", conflictingIdFor(principal, "Client", holder)));
          const created = await clientRepository.insert(tx, { id: newId(), name: input.name.trim(), externalId }, jurisdictions);
          await recordEvent(tx, {
            clientId: created.id,
            type: "client.created",
            objectType: "Client",
            objectId: created.id,
            actor: principal.actor,
            after: clientSnapshot(created, jurisdictions),
          });
          return succeeded(created);
        });
        return mapResult(result, toClient);
      },
      {},
      { clients_external_id_key: async () => conflictingIdFor(principal, "Client", await clientRepository.idByExternalId(db, principal.tenants, externalId!)) },
    );
  }

  /**
   * Changes a client's name, externalId, status or legal entity jurisdictions, guarded by `expectedVersion`. A
   * jurisdiction that an open PEO engagement works in cannot be removed (PEO needs the client's own legal entity
   * there): end the engagement first.
   */
  async update(input: UpdateClientInput): Promise<CommandResult<Client>> {
    const { principal, db } = this.ctx;
    principal.assertRole("OPERATOR");
    principal.assertScope("clients:write");

    const errors = new UserErrors();
    const id = parseGlobalId(input.clientId, "Client");
    if (id === null) errors.add(["clientId"], UserErrorCode.INVALID_ID, "clientId is not a valid Client ID");
    expectedVersionRule(errors, input.expectedVersion);
    const changes: ClientChanges = {};
    if (input.name === null) errors.add(["name"], UserErrorCode.INVALID_INPUT, "name cannot be removed");
    else if (input.name !== undefined) {
      errors.text("name", input.name, LIMITS.name);
      changes.name = input.name.trim();
    }
    if (input.externalId !== undefined) {
      errors.text("externalId", input.externalId, LIMITS.externalId, false);
      changes.externalId = input.externalId;
    }
    if (input.status === null) errors.add(["status"], UserErrorCode.INVALID_INPUT, "status cannot be removed");
    else if (input.status !== undefined) changes.status = input.status;
    const jurisdictions = input.legalEntityJurisdictions == null ? null : legalEntityJurisdictions(errors, input.legalEntityJurisdictions);
    if (input.legalEntityJurisdictions === null) errors.add(["legalEntityJurisdictions"], UserErrorCode.INVALID_INPUT, "pass [] to remove every legal entity");
    if (errors.any || id === null) return rejectedBy(errors);
    const externalId = changes.externalId ?? null;

    return withConstraintErrors(
      async () => {
        const result = await db.transaction(async (tx): Promise<CommandResult<{ row: ClientRow; jurisdictions: string[] }>> => {
          const before = await clientRepository.lockById(tx, principal.tenants, id);
          if (before === null) return failed(userError(["clientId"], UserErrorCode.NOT_FOUND, "Client not found"));
          const stale = staleVersion("client", before.version, input.expectedVersion, canRead(principal, "Client"));
          if (stale) return failed(stale);
          if (externalId !== null && externalId !== before.externalId) {
            const holder = await clientRepository.idByExternalId(tx, principal.tenants, externalId, id);
            if (holder !== null) return failed(userErrorOf("clients_external_id_key", conflictingIdFor(principal, "Client", holder)));
          }
          const previous = (await clientRepository.legalEntitiesOf(tx, principal.tenants, [id])).map((r) => r.jurisdiction);
          if (jurisdictions !== null) {
            const uncovered = (await engagementRepository.openPeoJurisdictions(tx, principal.tenants, id, todayUtc())).filter((w) => !jurisdictions.some((j) => covers(j, w)));
            if (uncovered.length > 0) {
              return failed(
                userError(
                  ["legalEntityJurisdictions"],
                  UserErrorCode.PEO_REQUIRES_LEGAL_ENTITY,
                  `PEO engagements that have not ended work in ${uncovered.sort().join(", ")}: the client's legal entities must keep covering them (end those engagements first)`,
                ),
              );
            }
          }
          const after = await clientRepository.update(tx, principal.tenants, id, input.expectedVersion, changes, jurisdictions);
          if (after === null) throw new Error("client row locked but not updated"); // cannot happen under the row lock
          const now = jurisdictions ?? previous;
          await recordEvent(tx, {
            clientId: id,
            type: "client.updated",
            objectType: "Client",
            objectId: id,
            actor: principal.actor,
            before: clientSnapshot(before, previous),
            after: clientSnapshot(after, now),
          });
          return succeeded({ row: after, jurisdictions: now });
        });
        return mapResult(result, ({ row }) => toClient(row));
      },
      {},
      { clients_external_id_key: async () => conflictingIdFor(principal, "Client", await clientRepository.idByExternalId(db, principal.tenants, externalId!, id)) },
    );
  }
}

const LIMITS = { name: 200, externalId: 100 } as const;

/** A client in its events: company data, no personal data (src/modules/events/event-snapshot.ts). */
function clientSnapshot(row: ClientRow, legalEntityJurisdictions: string[]) {
  return { name: row.name, externalId: row.externalId, status: row.status, legalEntityJurisdictions, version: row.version };
}

/** The distinct jurisdictions of an input list, each checked (INVALID_JURISDICTION at its index). */
function legalEntityJurisdictions(errors: UserErrors, list: readonly string[]): string[] {
  const jurisdictions = [...new Set(list)];
  jurisdictions.forEach((j, i) => {
    if (!isJurisdiction(j)) {
      errors.add(["legalEntityJurisdictions", String(i)], UserErrorCode.INVALID_JURISDICTION, `"${j.slice(0, 20)}" is not a supported jurisdiction (e.g. US, US-CA, CA, CA-ON)`);
    }
  });
  return jurisdictions;
}
