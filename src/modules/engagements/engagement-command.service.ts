import type { Context } from "../../context";
import { LIST_LIMITS } from "../../shared/list-limits";
import { isDeadlock } from "../../db/errors";
import { constraintUserError } from "../../db/constraint-errors";
import { todayUtc } from "../../shared/calendar";
import { isContractor } from "../../shared/classification";
import { badInput } from "../../shared/errors";
import { parseGlobalId, requireGlobalId } from "../../shared/global-id";
import { newId } from "../../shared/ids";
import { countryOf, covers, currencyOf, isSubdivision } from "../../shared/jurisdiction";
import { pageInMemory, toConnection, toPage, toPageRequest, type ConnectionArgs } from "../../shared/pagination";
import { UserErrorCode, UserErrors, staleVersionMessage, type UserError } from "../../shared/user-error";
import { canRead } from "../../auth/read-scopes";
import { recordEvent } from "../events/event.repository";
import { legalEntitiesByClientId } from "../clients/client.loaders";
import type { Client } from "../clients/client.type";
import { workerById } from "../workers/worker.loaders";
import { workerRepository } from "../workers/worker.repository";
import type { Worker } from "../workers/worker.type";
import { payScheduleById } from "../pay-schedules/pay-schedule.loaders";
import { employerEntityByCountry } from "../employers/employer.loaders";
import { compensationRepository, engagementRepository, type EngagementFilter } from "./engagement.repository";
import {
  compensationById,
  engagementById,
  engagementCountByClient,
  engagementsByWorkerId,
  engagementsPageByClient,
} from "./engagement.loaders";
import { COMPENSATION_SNAPSHOT, ENGAGEMENT_SNAPSHOT, LIMITS, engagementRules } from "./engagement.rules";
import { eventSnapshots } from "../events/event-snapshot";
import { deriveEngagementStatus } from "./engagement-status";
import { toEngagement, type Classification } from "./engagement.type";
import { toCompensation, type CompensationRow } from "./compensation.type";
import type {
  ChangeCompensationInput,
  ClientEngagementsArgs,
  EndEngagementInput,
  EngagementsArgs,
  HireWorkerInput,
} from "./engagement.input";

const OVERLAP_MESSAGE = "The worker already has an engagement with this client over these dates";
const DUPLICATE_EXTERNAL_ID = "Another engagement of this client already uses this externalId";

/**
 * Use cases about engagements and their compensation. Reads need `workers:read`, writes `workers:write`.
 * The database has the last word on overlaps and duplicates (exclusion and unique constraints); the checks
 * here come first only to give a precise userError in the common case.
 */
export class EngagementService {
  constructor(private readonly ctx: Context) {}

  async list(args: EngagementsArgs) {
    this.ctx.principal.assertScope("workers:read");
    const request = toPageRequest(args);
    const filter: EngagementFilter = {
      ...this.filterOf(args),
      clientId: args.clientId != null ? requireGlobalId(args.clientId, "Client", "clientId") : null,
      workerId: args.workerId != null ? requireGlobalId(args.workerId, "Worker", "workerId") : null,
    };
    const { db, principal } = this.ctx;
    const today = todayUtc();
    const rows = await engagementRepository.page(db, principal.tenants, filter, request, today);
    return toConnection(toPage(rows, request), toEngagement, () => engagementRepository.count(db, principal.tenants, filter, today));
  }

  /** `Client.engagements`: one batched statement for every client of the page. */
  async listOfClient(client: Client, args: ClientEngagementsArgs) {
    this.ctx.principal.assertScope("workers:read");
    const request = toPageRequest(args);
    const filter = this.filterOf(args);
    const page = await this.ctx.loaders.get(engagementsPageByClient).load({ clientId: client.dbId, filter, request });
    return toConnection(page, toEngagement, () => this.ctx.loaders.get(engagementCountByClient).load({ clientId: client.dbId, filter }));
  }

  /** `Worker.engagements`: every worker's engagements in one statement, each list paged in memory. */
  async listOfWorker(worker: Worker, args: ConnectionArgs) {
    this.ctx.principal.assertScope("workers:read");
    const request = toPageRequest(args);
    const all = await this.ctx.loaders.get(engagementsByWorkerId).load(worker.dbId);
    return toConnection(pageInMemory(all, request), toEngagement, () => all.length);
  }

  async byId(id: string) {
    this.ctx.principal.assertScope("workers:read");
    const row = await this.ctx.loaders.get(engagementById).load(id);
    return row ? toEngagement(row) : null;
  }

  async compensationById(id: string) {
    this.ctx.principal.assertScope("workers:read");
    const row = await this.ctx.loaders.get(compensationById).load(id);
    return row ? toCompensation(row) : null;
  }

  async hire(input: HireWorkerInput) {
    const { principal, db, loaders } = this.ctx;
    principal.assertScope("workers:write");
    const errors = new UserErrors();
    const fail = () => ({ engagement: null, userErrors: errors.list });

    const workerId = parseGlobalId(input.workerId, "Worker");
    if (workerId === null) errors.add(["workerId"], UserErrorCode.INVALID_ID, "workerId is not a valid Worker ID");
    const worker = workerId === null ? null : await loaders.get(workerById).load(workerId);
    if (workerId !== null && worker === null) errors.add(["workerId"], UserErrorCode.NOT_FOUND, "Worker not found");
    if (worker !== null && worker.status !== "ACTIVE") {
      errors.add(["workerId"], UserErrorCode.WORKER_NOT_ACTIVE, "The worker is INACTIVE: reactivate it with updateWorker before hiring");
    }

    errors.text("title", input.title, LIMITS.title);
    errors.text("externalId", input.externalId, LIMITS.externalId, false);
    const country = engagementRules.workCountry(errors, input.workJurisdiction);
    engagementRules.classification(errors, input.classification, country);
    if (isContractor(input.classification) && input.employmentModel === "PEO") {
      errors.add(["employmentModel"], UserErrorCode.CONTRACTOR_REQUIRES_EOR, "Contractors are engaged under the EOR model only");
    }
    if (input.employmentModel === "PEO" && country !== null && worker !== null) {
      const entities = await loaders.get(legalEntitiesByClientId).load(worker.clientId);
      if (!entities.some((scope) => covers(scope, input.workJurisdiction))) {
        errors.add(
          ["employmentModel"],
          UserErrorCode.PEO_REQUIRES_LEGAL_ENTITY,
          `PEO needs the client's own legal entity covering ${input.workJurisdiction}; the client has ${entities.length ? entities.join(", ") : "none"}. Use EOR instead.`,
        );
      }
    }
    const amount = engagementRules.compensation(errors, ["compensation"], input.compensation, input.classification, country);
    const effectiveFrom = input.compensation.effectiveFrom ?? input.startDate;
    if (input.endDate != null && input.endDate < input.startDate) {
      errors.add(["endDate"], UserErrorCode.INVALID_DATE_RANGE, "endDate must be on or after startDate");
    } else {
      engagementRules.effectiveDate(errors, ["compensation", "effectiveFrom"], effectiveFrom, { startDate: input.startDate, endDate: input.endDate ?? null });
    }
    const payScheduleId = await this.payScheduleIdOf(errors, input.payScheduleId, worker?.clientId ?? null, country);
    if (errors.any || worker === null || country === null || amount === null) return fail();

    const employer = await loaders.get(employerEntityByCountry).load(country);
    // The EOR's entities are reference data created at setup; missing one is a deployment fault, not the caller's.
    if (employer === null) throw new Error(`No employer entity for ${country}`);
    const employerEntityId = employer.id;
    const today = todayUtc();

    try {
      const row = await retryOnDeadlock(() => db.transaction(async (tx) => {
        if ((await workerRepository.lockForEngagementChange(tx, principal.tenants, worker.id)) !== "ACTIVE") {
          errors.add(["workerId"], UserErrorCode.WORKER_NOT_ACTIVE, "The worker is INACTIVE: reactivate it with updateWorker before hiring");
          return null;
        }
        if (input.externalId != null && (await engagementRepository.externalIdTaken(tx, worker.clientId, input.externalId))) {
          errors.add(["externalId"], UserErrorCode.DUPLICATE_EXTERNAL_ID, DUPLICATE_EXTERNAL_ID);
          return null;
        }
        const overlapping = await engagementRepository.findOverlapping(tx, worker.clientId, worker.id, input.startDate, input.endDate ?? null);
        if (overlapping !== null) {
          errors.add(["startDate"], UserErrorCode.OVERLAPPING_ENGAGEMENT, `${OVERLAP_MESSAGE} (${overlapping.startDate} to ${overlapping.endDate ?? "open-ended"})`);
          return null;
        }
        const engagement = await engagementRepository.insert(tx, {
          id: newId(),
          clientId: worker.clientId,
          workerId: worker.id,
          employerEntityId,
          payScheduleId,
          externalId: input.externalId ?? null,
          title: input.title.trim(),
          workJurisdiction: input.workJurisdiction,
          employmentModel: input.employmentModel,
          classification: input.classification,
          startDate: input.startDate,
          endDate: input.endDate ?? null,
          // Stored for the record only: PENDING/ACTIVE are derived from the dates on every read.
          status: input.startDate > today ? "PENDING" : "ACTIVE",
        });
        const compensation = await compensationRepository.insert(tx, {
          id: newId(),
          clientId: worker.clientId,
          engagementId: engagement.id,
          basis: input.compensation.basis,
          amount,
          currency: currencyOf(country),
          effectiveFrom,
          reason: "Hire",
        });
        await recordEvent(tx, {
          clientId: worker.clientId,
          type: "engagement.created",
          objectType: "Engagement",
          objectId: engagement.id,
          actor: principal.actor,
          ...eventSnapshots(ENGAGEMENT_SNAPSHOT, null, engagement),
        });
        await this.recordCompensation(tx, compensation);
        return engagement;
      }));
      return row ? { engagement: toEngagement(row), userErrors: [] } : fail();
    } catch (e) {
      // Concurrent hires both pass the checks above; the exclusion constraint and unique keys decide.
      return violation(e, fail);
    }
  }

  async changeCompensation(input: ChangeCompensationInput) {
    const { principal, db } = this.ctx;
    principal.assertScope("workers:write");
    const errors = new UserErrors();
    const fail = () => ({ compensation: null, engagement: null, userErrors: errors.list });

    const id = parseGlobalId(input.engagementId, "Engagement");
    if (id === null) errors.add(["engagementId"], UserErrorCode.INVALID_ID, "engagementId is not a valid Engagement ID");
    errors.text("reason", input.reason, LIMITS.reason, false);
    if (errors.any || id === null) return fail();

    try {
      const result = await db.transaction(async (tx) => {
        const engagement = await engagementRepository.lockById(tx, principal.tenants, id);
        if (engagement === null) {
          errors.add(["engagementId"], UserErrorCode.NOT_FOUND, "Engagement not found");
          return null;
        }
        if (deriveEngagementStatus(engagement) === "ENDED") {
          errors.add(["engagementId"], UserErrorCode.ENGAGEMENT_ENDED, `The engagement ended on ${engagement.endDate}: its compensation can no longer change`);
          return null;
        }
        const country = countryOf(engagement.workJurisdiction);
        const amount = engagementRules.compensation(errors, [], input, engagement.classification as Classification, country);
        engagementRules.effectiveDate(errors, ["effectiveFrom"], input.effectiveFrom, engagement);
        if (errors.any || amount === null) return null;
        if (await compensationRepository.existsOn(tx, id, input.effectiveFrom)) {
          errors.add(["effectiveFrom"], UserErrorCode.DUPLICATE_EFFECTIVE_DATE, `A compensation change already takes effect on ${input.effectiveFrom}`);
          return null;
        }
        // Counted under the engagement's row lock (lockById): concurrent changes count one after the other.
        if ((await compensationRepository.countForEngagement(tx, id)) >= LIST_LIMITS.compensationsPerEngagement) {
          errors.add(["engagementId"], UserErrorCode.TOO_MANY_COMPENSATIONS, `The engagement already has ${LIST_LIMITS.compensationsPerEngagement} compensations, the most an engagement may have`);
          return null;
        }
        const compensation = await compensationRepository.insert(tx, {
          id: newId(),
          clientId: engagement.clientId,
          engagementId: id,
          basis: input.basis,
          amount,
          currency: currencyOf(country),
          effectiveFrom: input.effectiveFrom,
          reason: input.reason?.trim() || null,
        });
        const touched = await engagementRepository.touch(tx, principal.tenants, id);
        await this.recordCompensation(tx, compensation);
        return { compensation, engagement: touched };
      });
      if (result === null) return fail();
      return { compensation: toCompensation(result.compensation), engagement: toEngagement(result.engagement), userErrors: [] };
    } catch (e) {
      return violation(e, fail);
    }
  }

  async end(input: EndEngagementInput) {
    const { principal, db } = this.ctx;
    principal.assertScope("workers:write");
    const errors = new UserErrors();
    const fail = () => ({ engagement: null, userErrors: errors.list });

    const id = parseGlobalId(input.engagementId, "Engagement");
    if (id === null) errors.add(["engagementId"], UserErrorCode.INVALID_ID, "engagementId is not a valid Engagement ID");
    errors.text("reason", input.reason, LIMITS.reason, false);
    if (errors.any || id === null) return fail();
    const expectedVersion = input.expectedVersion ?? null;

    try {
      const row = await retryOnDeadlock(() => db.transaction(async (tx) => {
        const before = await engagementRepository.lockById(tx, principal.tenants, id);
        if (before === null) {
          errors.add(["engagementId"], UserErrorCode.NOT_FOUND, "Engagement not found");
          return null;
        }
        // Serializes with hires of the same worker (see lockForEngagementChange) before the overlap check.
        await workerRepository.lockForEngagementChange(tx, principal.tenants, before.workerId);
        if (expectedVersion !== null && before.version !== expectedVersion) {
          errors.add(["expectedVersion"], UserErrorCode.STALE_VERSION, staleVersionMessage("engagement", before.version, expectedVersion, canRead(principal, "Engagement")));
          return null;
        }
        if (deriveEngagementStatus(before) === "ENDED") {
          errors.add(["engagementId"], UserErrorCode.ENGAGEMENT_ENDED, `The engagement already ended on ${before.endDate}`);
          return null;
        }
        if (input.endDate < before.startDate) {
          errors.add(["endDate"], UserErrorCode.INVALID_DATE_RANGE, `endDate must be on or after the start date ${before.startDate}`);
          return null;
        }
        const laterChange = await compensationRepository.firstEffectiveAfter(tx, id, input.endDate);
        if (laterChange !== null) {
          errors.add(
            ["endDate"],
            UserErrorCode.EFFECTIVE_DATE_OUT_OF_RANGE,
            `A compensation change takes effect on ${laterChange}, after this end date: an engagement cannot end before its scheduled compensation changes`,
          );
          return null;
        }
        const overlapping = await engagementRepository.findOverlapping(tx, before.clientId, before.workerId, before.startDate, input.endDate, id);
        if (overlapping !== null) {
          errors.add(["endDate"], UserErrorCode.OVERLAPPING_ENGAGEMENT, `${OVERLAP_MESSAGE} (${overlapping.startDate} to ${overlapping.endDate ?? "open-ended"})`);
          return null;
        }
        const after = await engagementRepository.end(tx, principal.tenants, id, expectedVersion, input.endDate, input.reason?.trim() || null);
        if (after === null) throw new Error("engagement row locked but not updated"); // cannot happen under the row lock
        await recordEvent(tx, {
          clientId: after.clientId,
          type: "engagement.ended",
          objectType: "Engagement",
          objectId: id,
          actor: principal.actor,
          ...eventSnapshots(ENGAGEMENT_SNAPSHOT, before, after),
        });
        return after;
      }));
      return row ? { engagement: toEngagement(row), userErrors: [] } : fail();
    } catch (e) {
      return violation(e, fail, { engagements_no_overlap: ["endDate"] });
    }
  }

  private async recordCompensation(tx: Parameters<typeof recordEvent>[0], row: CompensationRow) {
    await recordEvent(tx, {
      clientId: row.clientId,
      type: "compensation.created",
      objectType: "Compensation",
      objectId: row.id,
      actor: this.ctx.principal.actor,
      ...eventSnapshots(COMPENSATION_SNAPSHOT, null, row),
    });
  }

  /** The pay schedule's uuid when given, of the worker's client and in the work country; else a userError. */
  private async payScheduleIdOf(errors: UserErrors, globalId: string | null | undefined, clientId: string | null, country: string | null) {
    if (globalId == null) return null;
    const id = parseGlobalId(globalId, "PaySchedule");
    if (id === null) {
      errors.add(["payScheduleId"], UserErrorCode.INVALID_ID, "payScheduleId is not a valid PaySchedule ID");
      return null;
    }
    const schedule = await this.ctx.loaders.get(payScheduleById).load(id);
    if (schedule === null || (clientId !== null && schedule.clientId !== clientId)) {
      errors.add(["payScheduleId"], UserErrorCode.NOT_FOUND, "Pay schedule not found for this worker's client");
      return null;
    }
    if (country !== null && schedule.country !== country) {
      errors.add(["payScheduleId"], UserErrorCode.PAY_SCHEDULE_COUNTRY_MISMATCH, `The pay schedule pays ${schedule.country} engagements, not ${country}`);
      return null;
    }
    return id;
  }

  private filterOf(args: ClientEngagementsArgs): EngagementFilter {
    if (args.workJurisdiction != null && !isSubdivision(args.workJurisdiction)) {
      throw badInput("workJurisdiction is not a supported ISO 3166-2 subdivision (e.g. US-CA, CA-ON)", { argument: "workJurisdiction" });
    }
    return {
      status: args.status ?? null,
      workJurisdiction: args.workJurisdiction ?? null,
      classification: args.classification ?? null,
      updatedSince: args.updatedSince ?? null,
    };
  }
}

/**
 * A violated constraint as its userError (CONSTRAINT_USER_ERRORS), after the errors `fail` already reports;
 * anything else is rethrown.
 */
function violation<T extends { userErrors: UserError[] }>(e: unknown, fail: () => T, fields?: Parameters<typeof constraintUserError>[1]): T {
  const mapped = constraintUserError(e, fields);
  if (mapped === null) throw e;
  const failed = fail();
  return { ...failed, userErrors: [...failed.userErrors, mapped] };
}

/**
 * Runs a transaction again when Postgres aborted it as a deadlock victim. The worker row lock makes that
 * unlikely (concurrent hires of one worker queue on it), but two inserts conflicting on the exclusion
 * constraint wait for each other's index entries, and a retry's own checks then see the winner's committed
 * row and answer with a precise userError. Failed attempts add no userErrors (a deadlock comes from a write,
 * after every check).
 */
async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (!isDeadlock(e) || attempt >= attempts) throw e;
    }
  }
}
