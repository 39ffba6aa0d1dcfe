import { requiredRenamedValue } from "../../shared/renamed";
import type { Context } from "../../context";
import { userErrorOf, withConstraintErrors, type ConflictLookups } from "../../db/constraint-errors";
import { failed, mapResult, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { badInput } from "../../shared/errors";
import { parseGlobalId, requireGlobalId } from "../../shared/global-id";
import { newId } from "../../shared/ids";
import { isSubdivision } from "../../shared/jurisdiction";
import { toConnection, toPage, toPageRequest } from "../../shared/pagination";
import { userError, UserErrorCode, UserErrors, staleVersionMessage } from "../../shared/user-error";
import { canRead, conflictingIdFor } from "../../auth/read-scopes";
import { recordEvent } from "../events/event.repository";
import { clientById } from "../clients/client.loaders";
import type { Client } from "../clients/client.type";
import { engagementRepository } from "../engagements/engagement.repository";
import { todayUtc } from "../../shared/calendar";
import { workerRepository, type WorkerChanges, type WorkerFilter } from "./worker.repository";
import { workerById, workerCountByClient, workersPageByClient } from "./worker.loaders";
import { LIMITS, WORKER_SNAPSHOT, workerRules } from "./worker.rules";
import { eventSnapshots } from "../events/event-snapshot";
import { sealTaxId, taxIdHashCandidates } from "./worker-tax-id";
import { applyCertificatesPatch, openCertificates, sealCertificates, type CertificatesPatch } from "./worker-certificates";
import { toWorker, type Worker, type WorkerRow } from "./worker.type";
import type { ClientWorkersArgs, CreateWorkerInput, UpdateWorkerInput, WorkerByExternalIdArgs, WorkersArgs } from "./worker.input";

/** Use cases about workers. Reads need `workers:read`, writes `workers:write`; PII fields check `pii:read`. */
export class WorkerService {
  constructor(private readonly ctx: Context) {}

  async list(args: WorkersArgs) {
    this.ctx.principal.assertScope("workers:read");
    const request = toPageRequest(args);
    const filter: WorkerFilter = {
      ...this.filterOf(args),
      clientId: args.clientId != null ? requireGlobalId(args.clientId, "Client", "clientId") : null,
    };
    const { db, principal } = this.ctx;
    const rows = await workerRepository.page(db, principal.tenants, filter, request);
    return toConnection(toPage(rows, request), toWorker, () => workerRepository.count(db, principal.tenants, filter));
  }

  /** `Client.workers`: one batched statement for every client of the page. */
  async listOfClient(client: Client, args: ClientWorkersArgs) {
    this.ctx.principal.assertScope("workers:read");
    const request = toPageRequest(args);
    const filter = this.filterOf(args);
    const page = await this.ctx.loaders.get(workersPageByClient).load({ clientId: client.dbId, filter, request });
    return toConnection(page, toWorker, () => this.ctx.loaders.get(workerCountByClient).load({ clientId: client.dbId, filter }));
  }

  async byId(id: string) {
    this.ctx.principal.assertScope("workers:read");
    const row = await this.ctx.loaders.get(workerById).load(id);
    return row ? toWorker(row) : null;
  }

  /** Null when not found or the client is another tenant's: the two are indistinguishable. */
  async byExternalId(args: WorkerByExternalIdArgs) {
    this.ctx.principal.assertScope("workers:read");
    const clientId = requireGlobalId(args.clientId, "Client", "clientId");
    if (args.externalId.length > LIMITS.externalId) return null;
    const row = await workerRepository.findByExternalId(this.ctx.db, this.ctx.principal.tenants, clientId, args.externalId);
    return row ? toWorker(row) : null;
  }

  async create(input: CreateWorkerInput): Promise<CommandResult<Worker>> {
    const { principal, db } = this.ctx;
    principal.assertScope("workers:write");

    const errors = new UserErrors();
    const clientId = await this.accessibleClientId(errors, input.clientId);
    errors.text("externalId", input.externalId, LIMITS.externalId, false);
    errors.text("legalFirstName", input.legalFirstName, LIMITS.name);
    errors.text("legalLastName", input.legalLastName, LIMITS.name);
    errors.text("preferredName", input.preferredName, LIMITS.name, false);
    const email = workerRules.email(errors, input.email);
    workerRules.homeJurisdiction(errors, input.homeJurisdiction);
    const taxId = input.taxId != null ? workerRules.taxId(errors, input.taxId) : null;
    const withholding = workerRules.withholding(errors, input.withholding);
    const certificates = workerRules.certificates(errors, input.withholding);
    if (errors.any || clientId === null || email === null) return rejectedBy(errors);

    const externalId = input.externalId ?? null;
    const id = newId();
    const conflicts = this.conflictLookups(clientId, externalId, taxId);
    // Two concurrent creates with one externalId or one tax id both pass the checks below; the unique key decides.
    return withConstraintErrors(
      async () => {
        const result = await db.transaction(async (tx): Promise<CommandResult<WorkerRow>> => {
          const externalIdHolder = externalId === null ? null : await workerRepository.idByExternalId(tx, principal.tenants, clientId, externalId);
          if (externalIdHolder !== null) return failed(userErrorOf("workers_client_external_id_key", conflictingIdFor(principal, "Worker", externalIdHolder)));
          const taxIdHolder = taxId === null ? null : await workerRepository.idByTaxIdHash(tx, principal.tenants, clientId, taxIdHashCandidates(this.ctx.pii, clientId, taxId));
          if (taxIdHolder !== null) return failed(userErrorOf("workers_client_tax_id_hmac_key", this.taxIdConflictingId(taxIdHolder)));
          const created = await workerRepository.insert(tx, {
            id,
            clientId,
            externalId,
            legalFirstName: input.legalFirstName.trim(),
            legalLastName: input.legalLastName.trim(),
            preferredName: input.preferredName?.trim() || null,
            email,
            homeJurisdiction: input.homeJurisdiction,
            ...(taxId !== null ? sealTaxId(this.ctx.pii, { id, clientId }, taxId) : { taxIdEncrypted: null, taxIdHmac: null }),
            ...withholding,
            withholdingCertificatesEncrypted:
              certificates === null || certificates === "REMOVE_ALL" ? null : sealCertificates(this.ctx.pii, id, applyCertificatesPatch({}, certificates)),
          });
          await recordEvent(tx, {
            clientId,
            type: "worker.created",
            objectType: "Worker",
            objectId: created.id,
            actor: principal.actor,
            ...eventSnapshots(WORKER_SNAPSHOT, null, created),
          });
          return succeeded(created);
        });
        return mapResult(result, toWorker);
      },
      {},
      conflicts,
    );
  }

  async update(input: UpdateWorkerInput): Promise<CommandResult<Worker>> {
    const { principal, db } = this.ctx;
    principal.assertScope("workers:write");

    const errors = new UserErrors();
    const idField = input.workerId != null ? "workerId" : "id";
    const given = requiredRenamedValue(["workerId", input.workerId], ["id", input.id]);
    const id = given.problem === undefined ? parseGlobalId(given.value, "Worker") : null;
    if (given.problem !== undefined) errors.add([given.name], UserErrorCode.INVALID_INPUT, given.problem);
    else if (id === null) errors.add([idField], UserErrorCode.INVALID_ID, `${idField} is not a valid Worker ID`);
    const { changes, taxId } = this.changesOf(errors, input);
    const certificates = workerRules.certificates(errors, input.withholding);
    if (errors.any || id === null) return rejectedBy(errors);

    let clientId: string | null = null; // known once the row is read; the race loser's lookups need it
    return withConstraintErrors(
      async () => {
        const result = await db.transaction(async (tx): Promise<CommandResult<WorkerRow>> => {
          const before = await workerRepository.lockById(tx, principal.tenants, id);
          if (before === null) {
            return failed(userError([idField], UserErrorCode.NOT_FOUND, "Worker not found"));
          }
          if (before.version !== input.expectedVersion) {
            return failed(
              userError(["expectedVersion"], UserErrorCode.STALE_VERSION, staleVersionMessage("worker", before.version, input.expectedVersion, canRead(principal, "Worker"))),
            );
          }
          if (changes.status === "INACTIVE" && before.status !== "INACTIVE" && (await engagementRepository.hasOpenEngagement(tx, principal.tenants, id, todayUtc()))) {
            return failed(
              userError(["status"], UserErrorCode.ILLEGAL_STATUS_TRANSITION, "The worker has an engagement that has not ended: end it before making the worker INACTIVE"),
            );
          }
          clientId = before.clientId;
          if (changes.externalId != null && changes.externalId !== before.externalId) {
            const holder = await workerRepository.idByExternalId(tx, principal.tenants, before.clientId, changes.externalId, id);
            if (holder !== null) return failed(userErrorOf("workers_client_external_id_key", conflictingIdFor(principal, "Worker", holder)));
          }
          if (taxId) {
            const holder = await workerRepository.idByTaxIdHash(tx, principal.tenants, before.clientId, taxIdHashCandidates(this.ctx.pii, before.clientId, taxId), id);
            if (holder !== null) return failed(userErrorOf("workers_client_tax_id_hmac_key", this.taxIdConflictingId(holder)));
            Object.assign(changes, sealTaxId(this.ctx.pii, before, taxId));
          }
          if (certificates !== null) changes.withholdingCertificatesEncrypted = this.certificatesAfter(before, certificates);
          const after = await workerRepository.update(tx, principal.tenants, id, input.expectedVersion, changes);
          if (after === null) throw new Error("worker row locked but not updated"); // cannot happen under the row lock
          await recordEvent(tx, {
            clientId: after.clientId,
            type: "worker.updated",
            objectType: "Worker",
            objectId: id,
            actor: principal.actor,
            ...eventSnapshots(WORKER_SNAPSHOT, before, after),
          });
          return succeeded(after);
        });
        return mapResult(result, toWorker);
      },
      {},
      {
        workers_client_external_id_key: async () =>
          clientId === null ? null : this.conflictLookups(clientId, changes.externalId ?? null, null, id).workers_client_external_id_key!(),
        workers_client_tax_id_hmac_key: async () => (clientId === null ? null : this.conflictLookups(clientId, null, taxId, id).workers_client_tax_id_hmac_key!()),
      },
    );
  }

  /** The sealed certificates after an update: the stored ones (decrypted in memory) with the patch applied. */
  private certificatesAfter(before: WorkerRow, patch: CertificatesPatch | "REMOVE_ALL"): string | null {
    if (patch === "REMOVE_ALL") return null;
    const current = openCertificates(this.ctx.pii, before.id, before.withholdingCertificatesEncrypted);
    return sealCertificates(this.ctx.pii, before.id, applyCertificatesPatch(current, patch));
  }

  /** How a race loser finds the worker that won: by the externalId or the tax id it tried to write. */
  private conflictLookups(clientId: string, externalId: string | null, taxId: string | null, exceptId?: string): ConflictLookups {
    const { db, principal, pii } = this.ctx;
    return {
      workers_client_external_id_key: async () =>
        externalId === null ? null : conflictingIdFor(principal, "Worker", await workerRepository.idByExternalId(db, principal.tenants, clientId, externalId, exceptId)),
      workers_client_tax_id_hmac_key: async () =>
        taxId === null ? null : this.taxIdConflictingId(await workerRepository.idByTaxIdHash(db, principal.tenants, clientId, taxIdHashCandidates(pii, clientId, taxId), exceptId)),
    };
  }

  /**
   * The worker holding a tax id is shown only to a caller who may read personal data (`pii:read`) as well as
   * workers: which person has a given SSN/SIN is itself personal data.
   */
  private taxIdConflictingId(holder: string | null): string | null {
    return this.ctx.principal.hasScope("pii:read") ? conflictingIdFor(this.ctx.principal, "Worker", holder) : null;
  }

  /** The input's client uuid when the caller may act for it and it exists; otherwise a userError and null. */
  private async accessibleClientId(errors: UserErrors, globalId: string): Promise<string | null> {
    const id = parseGlobalId(globalId, "Client");
    if (id === null) {
      errors.add(["clientId"], UserErrorCode.INVALID_ID, "clientId is not a valid Client ID");
      return null;
    }
    const client = this.ctx.principal.canAccessClient(id) ? await this.ctx.loaders.get(clientById).load(id) : null;
    if (client === null) {
      errors.add(["clientId"], UserErrorCode.NOT_FOUND, "Client not found");
      return null;
    }
    return id;
  }

  /**
   * Validated column changes of an update; omitted fields are left out, `null` clears optional ones. A new tax id
   * comes back as digits apart: it is sealed in the transaction, after the duplicate check.
   */
  private changesOf(errors: UserErrors, input: UpdateWorkerInput): { changes: WorkerChanges; taxId: string | null } {
    const changes: WorkerChanges = {};
    for (const field of ["legalFirstName", "legalLastName"] as const) {
      if (input[field] === undefined) continue;
      if (input[field] === null) errors.add([field], UserErrorCode.INVALID_INPUT, `${field} cannot be removed`);
      else {
        errors.text(field, input[field], LIMITS.name);
        changes[field] = input[field].trim();
      }
    }
    if (input.preferredName !== undefined) {
      errors.text("preferredName", input.preferredName, LIMITS.name, false);
      changes.preferredName = input.preferredName?.trim() || null;
    }
    if (input.externalId !== undefined) {
      errors.text("externalId", input.externalId, LIMITS.externalId, false);
      changes.externalId = input.externalId;
    }
    if (input.email === null) errors.add(["email"], UserErrorCode.INVALID_INPUT, "email cannot be removed");
    else if (input.email !== undefined) changes.email = workerRules.email(errors, input.email) ?? undefined;
    if (input.homeJurisdiction === null) errors.add(["homeJurisdiction"], UserErrorCode.INVALID_INPUT, "homeJurisdiction cannot be removed");
    else if (input.homeJurisdiction !== undefined) changes.homeJurisdiction = workerRules.homeJurisdiction(errors, input.homeJurisdiction) ?? undefined;
    let taxId: string | null = null;
    if (input.taxId === null) Object.assign(changes, { taxIdEncrypted: null, taxIdHmac: null });
    else if (input.taxId !== undefined) taxId = workerRules.taxId(errors, input.taxId);
    if (input.status != null) changes.status = input.status;
    if (!Number.isSafeInteger(input.expectedVersion) || input.expectedVersion < 1) {
      errors.add(["expectedVersion"], UserErrorCode.INVALID_INPUT, "expectedVersion must be a positive integer");
    }
    return { changes: { ...changes, ...workerRules.withholding(errors, input.withholding) }, taxId };
  }

  private filterOf(args: ClientWorkersArgs): WorkerFilter {
    if (args.homeJurisdiction != null && !isSubdivision(args.homeJurisdiction)) {
      throw badInput("homeJurisdiction is not a supported ISO 3166-2 subdivision (e.g. US-NY, CA-QC)", { argument: "homeJurisdiction" });
    }
    return { status: args.status ?? null, homeJurisdiction: args.homeJurisdiction ?? null, updatedSince: args.updatedSince ?? null };
  }
}
