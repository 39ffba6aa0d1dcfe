import type { Context } from "../../context";
import { LIST_LIMITS } from "../../shared/list-limits";
import { isDeadlock } from "../../db/errors";
import { userErrorOf, withConstraintErrors } from "../../db/constraint-errors";
import { retryOn } from "../../db/retry";
import { todayUtc } from "../../shared/calendar";
import { failed, mapResult, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { parseGlobalId } from "../../shared/global-id";
import { newId } from "../../shared/ids";
import { countryOf, currencyOf } from "../../shared/jurisdiction";
import { expectedVersionRule, staleVersion, userError, UserErrorCode, UserErrors, type UserError } from "../../shared/user-error";
import { canRead, conflictingIdFor } from "../../auth/read-scopes";
import { recordEvent } from "../events/event.repository";
import { legalEntitiesByClientId } from "../clients/client.loaders";
import { workerById } from "../workers/worker.loaders";
import { workerRepository } from "../workers/worker.repository";
import { payScheduleById } from "../pay-schedules/pay-schedule.loaders";
import { employerEntityByCountry } from "../employers/employer.loaders";
import { compensationRepository, engagementRepository, type EngagementChanges } from "./engagement.repository";
import { engagementById } from "./engagement.loaders";
import { payrollRepository } from "../payroll/payroll.repository";
import { COMPENSATION_SNAPSHOT, ENGAGEMENT_SNAPSHOT, LIMITS, WORKER_NOT_ACTIVE_MESSAGE, checkHire, engagementRules, payScheduleIdOf } from "./engagement.rules";
import { eventSnapshots } from "../events/event-snapshot";
import { deriveEngagementStatus } from "./engagement-status";
import { toEngagement, type Engagement, type EngagementRow } from "./engagement.type";
import { toCompensation, type Compensation, type CompensationRow } from "./compensation.type";
import { parseWeeklyHundredths } from "./scheduled-hours";
import type { ChangeCompensationInput, EndEngagementInput, HireWorkerInput, UpdateEngagementInput } from "./engagement.input";
import { checkClassificationBasis, lockClassificationAssessment, recordClassificationBasis } from "../classification/classification-basis";
import { compensationChangeLaborLaw, engagementUpdateLaborLaw, hireLaborLawErrors, laborLawSubjectOf } from "../labor-law/engagement-labor-law";
import { parseOffboarding, prepareFinalPay, recordFinalPay } from "../offboarding/offboarding.service";

const OVERLAP_MESSAGE = "The worker already has an engagement with this client over these dates";

/**
 * The commands on engagements and their compensation (hire, update, change compensation, end); they need
 * `workers:write` and return a CommandResult. Reads are EngagementQueryService. The database has the last word on
 * overlaps and duplicates (exclusion and unique constraints); the checks here come first only to give a precise
 * userError in the common case.
 */
export class EngagementCommandService {
  constructor(private readonly ctx: Context) {}

  async hire(input: HireWorkerInput): Promise<CommandResult<Engagement>> {
    const { principal, db, loaders } = this.ctx;
    principal.assertScope("workers:write");
    const scheduledHundredthsPerWeek = input.scheduledHoursPerWeek == null ? null : parseWeeklyHundredths(input.scheduledHoursPerWeek);
    if (input.scheduledHoursPerWeek != null && scheduledHundredthsPerWeek === null) {
      return failed(userError(["scheduledHoursPerWeek"], UserErrorCode.INVALID_INPUT, "scheduledHoursPerWeek must be between 0 and 168 with at most two decimals"));
    }
    const checked = await checkHire(input, {
      worker: (id) => loaders.get(workerById).load(id),
      legalEntities: (clientId) => loaders.get(legalEntitiesByClientId).load(clientId),
      paySchedule: (id) => loaders.get(payScheduleById).load(id),
    });
    if (!checked.ok) return checked;
    const { worker, country, amount, effectiveFrom, payScheduleId } = checked.value;
    // A contractor classification needs a CONTRACTOR assessment or an OPERATOR's override (src/modules/classification).
    const classificationRequest = {
      clientId: worker.clientId,
      workJurisdiction: input.workJurisdiction,
      engagementId: null,
      fields: { assessment: "classificationAssessmentId", override: "classificationOverrideReason" },
    };
    const classificationBasis = await checkClassificationBasis(this.ctx, {
      ...classificationRequest,
      classification: input.classification,
      assessmentId: input.classificationAssessmentId,
      overrideReason: input.classificationOverrideReason,
    });
    if (!classificationBasis.ok) return classificationBasis;
    const laborLaw = hireLaborLawErrors(input, amount, effectiveFrom); // minimum wage, exemption, locality (labor-law module)
    if (laborLaw.any) return rejectedBy(laborLaw);

    const employer = await loaders.get(employerEntityByCountry).load(country);
    // The EOR's entities are reference data created at setup; missing one is a deployment fault, not the caller's.
    if (employer === null) throw new Error(`No employer entity for ${country}`);
    const employerEntityId = employer.id;
    const today = todayUtc();

    // Concurrent hires both pass the checks below; the exclusion constraint and unique keys decide.
    return withConstraintErrors(
      async () => {
        const result = await retryOnDeadlock(() =>
          db.transaction(async (tx): Promise<CommandResult<EngagementRow>> => {
            if ((await workerRepository.lockForEngagementChange(tx, principal.tenants, worker.id)) !== "ACTIVE") {
              return failed(userError(["workerId"], UserErrorCode.WORKER_NOT_ACTIVE, WORKER_NOT_ACTIVE_MESSAGE));
            }
            const holder = input.externalId == null ? null : await engagementRepository.idByExternalId(tx, principal.tenants, worker.clientId, input.externalId);
            if (holder !== null) return failed(userErrorOf("engagements_client_external_id_key", conflictingIdFor(principal, "Engagement", holder)));
            const overlapping = await engagementRepository.findOverlapping(tx, worker.clientId, worker.id, input.startDate, input.endDate ?? null);
            if (overlapping !== null) return failed(this.overlap(["startDate"], overlapping));
            const assessmentTaken = await lockClassificationAssessment(tx, principal, classificationBasis.value, classificationRequest);
            if (assessmentTaken !== null) return failed(assessmentTaken);
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
              scheduledHundredthsPerWeek,
              // Stored for the record only: PENDING/ACTIVE are derived from the dates on every read.
              status: input.startDate > today ? "PENDING" : "ACTIVE",
              exempt: input.exempt ?? false,
              workLocality: input.workLocality ?? null,
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
            await recordClassificationBasis(tx, principal, engagement, null, input.startDate, classificationBasis.value);
            return succeeded(engagement);
          }),
        );
        return mapResult(result, toEngagement);
      },
      {},
      {
        engagements_client_external_id_key: async () =>
          conflictingIdFor(principal, "Engagement", await engagementRepository.idByExternalId(db, principal.tenants, worker.clientId, input.externalId!)),
        engagements_no_overlap: async () =>
          conflictingIdFor(principal, "Engagement", (await engagementRepository.findOverlapping(db, worker.clientId, worker.id, input.startDate, input.endDate ?? null))?.id),
      },
    );
  }

  async changeCompensation(input: ChangeCompensationInput): Promise<CommandResult<{ compensation: Compensation; engagement: Engagement }>> {
    const { principal, db } = this.ctx;
    principal.assertScope("workers:write");
    const errors = new UserErrors();

    const id = parseGlobalId(input.engagementId, "Engagement");
    if (id === null) errors.add(["engagementId"], UserErrorCode.INVALID_ID, "engagementId is not a valid Engagement ID");
    errors.text("reason", input.reason, LIMITS.reason, false);
    expectedVersionRule(errors, input.expectedVersion);
    if (errors.any || id === null) return rejectedBy(errors);

    return withConstraintErrors(
      async () => {
        const result = await db.transaction(async (tx): Promise<CommandResult<{ compensation: CompensationRow; engagement: EngagementRow }>> => {
          const engagement = await engagementRepository.lockById(tx, principal.tenants, id);
          if (engagement === null) return failed(userError(["engagementId"], UserErrorCode.NOT_FOUND, "Engagement not found"));
          const stale = staleVersion("engagement", engagement.version, input.expectedVersion, canRead(principal, "Engagement"));
          if (stale) return failed(stale);
          if (deriveEngagementStatus(engagement) === "ENDED") {
            return failed(userError(["engagementId"], UserErrorCode.ENGAGEMENT_ENDED, `The engagement ended on ${engagement.endDate}: its compensation can no longer change`));
          }
          const country = countryOf(engagement.workJurisdiction);
          const amount = engagementRules.compensation(errors, [], input, engagement.classification, country);
          engagementRules.effectiveDate(errors, ["effectiveFrom"], input.effectiveFrom, engagement);
          if (amount !== null) compensationChangeLaborLaw(errors, laborLawSubjectOf(engagement), { basis: input.basis, amount, effectiveFrom: input.effectiveFrom });
          if (errors.any || amount === null) return rejectedBy(errors);
          const existing = await compensationRepository.idOn(tx, principal.tenants, id, input.effectiveFrom);
          if (existing !== null) {
            return failed(
              userError(
                ["effectiveFrom"],
                UserErrorCode.DUPLICATE_EFFECTIVE_DATE,
                `A compensation change already takes effect on ${input.effectiveFrom}`,
                conflictingIdFor(principal, "Compensation", existing),
              ),
            );
          }
          // Counted under the engagement's row lock (lockById): concurrent changes count one after the other.
          if ((await compensationRepository.countForEngagement(tx, id)) >= LIST_LIMITS.compensationsPerEngagement) {
            return failed(
              userError(
                ["engagementId"],
                UserErrorCode.TOO_MANY_COMPENSATIONS,
                `The engagement already has ${LIST_LIMITS.compensationsPerEngagement} compensations, the most an engagement may have`,
              ),
            );
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
          return succeeded({ compensation, engagement: touched });
        });
        return mapResult(result, (changed) => ({ compensation: toCompensation(changed.compensation), engagement: toEngagement(changed.engagement) }));
      },
      {},
      {
        compensations_engagement_effective_key: async () =>
          conflictingIdFor(principal, "Compensation", await compensationRepository.idOn(db, principal.tenants, id, input.effectiveFrom)),
      },
    );
  }

  async end(input: EndEngagementInput): Promise<CommandResult<Engagement>> {
    const { principal, db } = this.ctx;
    principal.assertScope("workers:write");
    const errors = new UserErrors();

    const id = parseGlobalId(input.engagementId, "Engagement");
    if (id === null) errors.add(["engagementId"], UserErrorCode.INVALID_ID, "engagementId is not a valid Engagement ID");
    errors.text("reason", input.reason, LIMITS.reason, false);
    const offboarding = parseOffboarding(errors, input); // offboarding: the final pay (null without terminationReason)
    if (errors.any || id === null) return rejectedBy(errors);
    expectedVersionRule(errors, input.expectedVersion);
    if (errors.any) return rejectedBy(errors);
    const expectedVersion = input.expectedVersion ?? null;
    let overlapKey: { clientId: string; workerId: string; startDate: string } | null = null; // the race loser's lookup

    return withConstraintErrors(
      async () => {
        const result = await retryOnDeadlock(() =>
          db.transaction(async (tx): Promise<CommandResult<EngagementRow>> => {
            const before = await engagementRepository.lockById(tx, principal.tenants, id);
            if (before === null) return failed(userError(["engagementId"], UserErrorCode.NOT_FOUND, "Engagement not found"));
            // Serializes with hires of the same worker (see lockForEngagementChange) before the overlap check.
            await workerRepository.lockForEngagementChange(tx, principal.tenants, before.workerId);
            const stale = staleVersion("engagement", before.version, expectedVersion, canRead(principal, "Engagement"));
            if (stale) return failed(stale);
            overlapKey = { clientId: before.clientId, workerId: before.workerId, startDate: before.startDate };
            if (deriveEngagementStatus(before) === "ENDED") {
              return failed(userError(["engagementId"], UserErrorCode.ENGAGEMENT_ENDED, `The engagement already ended on ${before.endDate}`));
            }
            if (input.endDate < before.startDate) {
              return failed(userError(["endDate"], UserErrorCode.INVALID_DATE_RANGE, `endDate must be on or after the start date ${before.startDate}`));
            }
            const laterChange = await compensationRepository.firstEffectiveAfter(tx, id, input.endDate);
            if (laterChange !== null) {
              return failed(
                userError(
                  ["endDate"],
                  UserErrorCode.EFFECTIVE_DATE_OUT_OF_RANGE,
                  `A compensation change takes effect on ${laterChange}, after this end date: an engagement cannot end before its scheduled compensation changes`,
                ),
              );
            }
            const overlapping = await engagementRepository.findOverlapping(tx, before.clientId, before.workerId, before.startDate, input.endDate, id);
            if (overlapping !== null) return failed(this.overlap(["endDate"], overlapping));
            const finalPay = offboarding === null ? null : await prepareFinalPay(tx, before, input.endDate, offboarding);
            if (finalPay !== null && !finalPay.ok) return finalPay;
            const after = await engagementRepository.end(tx, principal.tenants, id, expectedVersion, input.endDate, input.reason?.trim() || null, offboarding?.reason ?? null);
            if (after === null) throw new Error("engagement row locked but not updated"); // cannot happen under the row lock
            const snapshots = eventSnapshots(ENGAGEMENT_SNAPSHOT, before, after);
            await recordEvent(tx, {
              clientId: after.clientId,
              type: "engagement.ended",
              objectType: "Engagement",
              objectId: id,
              actor: principal.actor,
              ...snapshots,
              ...(offboarding ? { after: { ...snapshots.after, terminationReason: offboarding.reason } } : {}),
            });
            if (finalPay?.ok && finalPay.value) await recordFinalPay(tx, principal.actor, after, finalPay.value);
            return succeeded(after);
          }),
        );
        return mapResult(result, toEngagement);
      },
      { engagements_no_overlap: ["endDate"] },
      {
        engagements_no_overlap: async () => {
          const key = overlapKey;
          if (key === null) return null;
          return conflictingIdFor(principal, "Engagement", (await engagementRepository.findOverlapping(db, key.clientId, key.workerId, key.startDate, input.endDate, id))?.id);
        },
      },
    );
  }

  /**
   * Changes an engagement's title, externalId or pay schedule, guarded by `expectedVersion`, and records an
   * `engagement.updated` event. A new pay schedule must be the client's, in the work country; the schedule cannot
   * change on an ENDED engagement, nor while a payroll run paying the engagement is in flight (CALCULATING …
   * PAYING: see `UpdateEngagementInput.payScheduleId`), so a run never pays an engagement its schedule no longer has.
   */
  async update(input: UpdateEngagementInput): Promise<CommandResult<Engagement>> {
    const { principal, db, loaders } = this.ctx;
    principal.assertScope("workers:write");
    const errors = new UserErrors();

    const id = parseGlobalId(input.engagementId, "Engagement");
    if (id === null) errors.add(["engagementId"], UserErrorCode.INVALID_ID, "engagementId is not a valid Engagement ID");
    expectedVersionRule(errors, input.expectedVersion);
    const changes: EngagementChanges = {};
    if (input.title === null) errors.add(["title"], UserErrorCode.INVALID_INPUT, "title cannot be removed");
    else if (input.title !== undefined) {
      errors.text("title", input.title, LIMITS.title);
      changes.title = input.title.trim();
    }
    if (input.externalId !== undefined) {
      errors.text("externalId", input.externalId, LIMITS.externalId, false);
      changes.externalId = input.externalId;
    }
    if (input.exempt === null) errors.add(["exempt"], UserErrorCode.INVALID_INPUT, "exempt cannot be null: pass true or false");
    else if (input.exempt !== undefined) changes.exempt = input.exempt;
    if (input.workLocality !== undefined) changes.workLocality = input.workLocality;
    if (input.scheduledHoursPerWeek !== undefined) {
      changes.scheduledHundredthsPerWeek = input.scheduledHoursPerWeek === null ? null : parseWeeklyHundredths(input.scheduledHoursPerWeek);
      if (input.scheduledHoursPerWeek !== null && changes.scheduledHundredthsPerWeek === null) {
        errors.add(["scheduledHoursPerWeek"], UserErrorCode.INVALID_INPUT, "scheduledHoursPerWeek must be between 0 and 168 with at most two decimals");
      }
    }
    const current = id === null ? null : await loaders.get(engagementById).load(id);
    if (id !== null && current === null) errors.add(["engagementId"], UserErrorCode.NOT_FOUND, "Engagement not found");
    if (input.payScheduleId !== undefined && current !== null) {
      changes.payScheduleId = await payScheduleIdOf(
        errors,
        { paySchedule: (scheduleId) => loaders.get(payScheduleById).load(scheduleId) },
        input.payScheduleId,
        current.clientId,
        countryOf(current.workJurisdiction),
      );
    }
    if (errors.any || id === null || current === null) return rejectedBy(errors);
    const externalId = changes.externalId ?? null;

    return withConstraintErrors(
      async () => {
        const result = await db.transaction(async (tx): Promise<CommandResult<EngagementRow>> => {
          const before = await engagementRepository.lockById(tx, principal.tenants, id);
          if (before === null) return failed(userError(["engagementId"], UserErrorCode.NOT_FOUND, "Engagement not found"));
          const stale = staleVersion("engagement", before.version, input.expectedVersion, canRead(principal, "Engagement"));
          if (stale) return failed(stale);
          for (const changed of ["exempt", "workLocality"] as const) {
            if (changes[changed] === undefined || changes[changed] === before[changed]) continue;
            // The labor-law checks of the compensations in effect from today on, with the new facts (read under the row lock).
            const comps = await compensationRepository.findByEngagementIds(tx, principal.tenants, [id]);
            const laborLaw = engagementUpdateLaborLaw(laborLawSubjectOf({ ...before, ...changes }), changed, comps, todayUtc());
            if (laborLaw.any) return rejectedBy(laborLaw);
          }
          if (externalId !== null && externalId !== before.externalId) {
            const holder = await engagementRepository.idByExternalId(tx, principal.tenants, before.clientId, externalId, id);
            if (holder !== null) return failed(userErrorOf("engagements_client_external_id_key", conflictingIdFor(principal, "Engagement", holder)));
          }
          if (changes.payScheduleId !== undefined && changes.payScheduleId !== before.payScheduleId) {
            if (deriveEngagementStatus(before) === "ENDED") {
              return failed(userError(["payScheduleId"], UserErrorCode.ENGAGEMENT_ENDED, `The engagement ended on ${before.endDate}: its pay schedule can no longer change`));
            }
            const schedules = [before.payScheduleId, changes.payScheduleId].filter((s): s is string => s !== null);
            // Runs lock nothing of the engagement: a run entering CALCULATING concurrently reads the committed schedule.
            // A first schedule for an engagement that had none may be given while runs are only calculated: they list
            // the engagement with NO_PAY_SCHEDULE until it has one, and the changed inputs make them recalculate
            // before approval (the inputs digest); a run approved or further along still holds it still.
            const statuses = before.payScheduleId === null ? (["APPROVED", "FUNDED", "PAYING"] as const) : undefined;
            const run = await payrollRepository.inFlightRunPaying(tx, principal.tenants, before.clientId, id, schedules, statuses);
            if (run !== null) {
              return failed(
                userError(
                  ["payScheduleId"],
                  UserErrorCode.PAYROLL_RUN_IN_PROGRESS,
                  `A payroll run paying this engagement is ${run.status}: its pay schedule can change once the run is paid or cancelled`,
                  conflictingIdFor(principal, "PayrollRun", run.id),
                ),
              );
            }
          }
          const after = await engagementRepository.update(tx, principal.tenants, id, input.expectedVersion, changes);
          if (after === null) throw new Error("engagement row locked but not updated"); // cannot happen under the row lock
          await recordEvent(tx, {
            clientId: after.clientId,
            type: "engagement.updated",
            objectType: "Engagement",
            objectId: id,
            actor: principal.actor,
            ...eventSnapshots(ENGAGEMENT_SNAPSHOT, before, after),
          });
          return succeeded(after);
        });
        return mapResult(result, toEngagement);
      },
      {},
      {
        engagements_client_external_id_key: async () =>
          conflictingIdFor(principal, "Engagement", await engagementRepository.idByExternalId(db, principal.tenants, current.clientId, externalId!, id)),
      },
    );
  }

  /** The OVERLAPPING_ENGAGEMENT userError naming the other engagement (its dates, and its ID as `conflictingId`). */
  private overlap(field: string[], other: { id: string; startDate: string; endDate: string | null }): UserError {
    return userError(
      field,
      UserErrorCode.OVERLAPPING_ENGAGEMENT,
      `${OVERLAP_MESSAGE} (${other.startDate} to ${other.endDate ?? "open-ended"})`,
      conflictingIdFor(this.ctx.principal, "Engagement", other.id),
    );
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
}

/**
 * Runs a transaction again when Postgres aborted it as a deadlock victim. The worker row lock makes that
 * unlikely (concurrent hires of one worker queue on it), but two inserts conflicting on the exclusion
 * constraint wait for each other's index entries, and a retry's own checks then see the winner's committed
 * row and answer with a precise userError.
 */
function retryOnDeadlock<T>(run: () => Promise<T>): Promise<T> {
  return retryOn(isDeadlock, run);
}
