import type { Context } from "../../context";
import { userErrorOf, withConstraintErrors } from "../../db/constraint-errors";
import { newId } from "../../shared/ids";
import { isJurisdiction } from "../../shared/jurisdiction";
import { toPageRequest, toPage, toConnection } from "../../shared/pagination";
import { failed, mapResult, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { UserErrorCode, UserErrors } from "../../shared/user-error";
import { recordEvent } from "../events/event.repository";
import { clientRepository, type ClientRow } from "./client.repository";
import { clientById } from "./client.loaders";
import { toClient, type Client } from "./client.type";
import type { ClientsArgs, CreateClientInput } from "./client.input";

/** Use cases about clients. OPERATOR creates clients; every caller reads the clients it may act for. */
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
    errors.text("name", input.name, 200);
    errors.text("externalId", input.externalId, 100, false);
    const jurisdictions = [...new Set(input.legalEntityJurisdictions ?? [])];
    jurisdictions.forEach((j, i) => {
      if (!isJurisdiction(j)) {
        errors.add(["legalEntityJurisdictions", String(i)], UserErrorCode.INVALID_JURISDICTION, `"${j.slice(0, 20)}" is not a supported jurisdiction (e.g. US, US-CA, CA, CA-ON)`);
      }
    });
    if (errors.any) return rejectedBy(errors);

    const externalId = input.externalId ?? null;
    // Two concurrent creates with one externalId both pass the check; the unique key decides (the table maps it).
    return withConstraintErrors(async () => {
      const result = await db.transaction(async (tx): Promise<CommandResult<ClientRow>> => {
        if (externalId !== null && (await clientRepository.externalIdTaken(tx, externalId))) {
          return failed(userErrorOf("clients_external_id_key"));
        }
        const created = await clientRepository.insert(tx, { id: newId(), name: input.name.trim(), externalId }, jurisdictions);
        await recordEvent(tx, {
          clientId: created.id,
          type: "client.created",
          objectType: "Client",
          objectId: created.id,
          actor: principal.actor,
          after: { name: created.name, externalId, status: created.status, legalEntityJurisdictions: jurisdictions },
        });
        return succeeded(created);
      });
      return mapResult(result, toClient);
    });
  }
}
