import type { Context } from "../../context";
import { canRead, conflictingIdFor } from "../../auth/read-scopes";
import { allowedBases, countryOfClassification, isContractor } from "../../shared/classification";
import { todayUtc } from "../../shared/calendar";
import { failed, mapResult, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { parseGlobalId } from "../../shared/global-id";
import { countryOf } from "../../shared/jurisdiction";
import { LIST_LIMITS } from "../../shared/list-limits";
import { expectedVersionRule, staleVersion, userError, UserErrorCode, UserErrors } from "../../shared/user-error";
import { recordEvent } from "../events/event.repository";
import { eventSnapshots } from "../events/event-snapshot";
import { engagementById } from "../engagements/engagement.loaders";
import { compensationRepository, engagementRepository } from "../engagements/engagement.repository";
import { ENGAGEMENT_SNAPSHOT } from "../engagements/engagement.rules";
import { deriveEngagementStatus } from "../engagements/engagement-status";
import { toEngagement, type Engagement, type EngagementRow } from "../engagements/engagement.type";
import { payrollRepository } from "../payroll/payroll.repository";
import { checkClassificationBasis, lockClassificationAssessment, recordClassificationBasis } from "./classification-basis";
import { classificationRepository } from "./classification.repository";
import { toClassificationChange, type ClassificationChangeRow, type EngagementClassificationChange } from "./classification.type";
import type { ChangeClassificationInput } from "./classification.input";

const FIELDS = { assessment: "classificationAssessmentId", override: "overrideReason" };

/**
 * `changeClassification` (`workers:write`): the engagement's classification changes when the mutation commits, and
 * the change is recorded in its history with its effective date and what allowed it. A contractor classification
 * follows the rule of `hireWorker` (classification-basis.ts).
 */
export class ClassificationChangeService {
  constructor(private readonly ctx: Context) {}

  async change(input: ChangeClassificationInput): Promise<CommandResult<{ engagement: Engagement; classificationChange: EngagementClassificationChange }>> {
    const { principal, db, loaders } = this.ctx;
    principal.assertScope("workers:write");
    const errors = new UserErrors();
    const id = parseGlobalId(input.engagementId, "Engagement");
    if (id === null) errors.add(["engagementId"], UserErrorCode.INVALID_ID, "engagementId is not a valid Engagement ID");
    expectedVersionRule(errors, input.expectedVersion);
    const current = id === null ? null : await loaders.get(engagementById).load(id);
    if (id !== null && current === null) errors.add(["engagementId"], UserErrorCode.NOT_FOUND, "Engagement not found");
    if (current !== null) {
      const country = countryOf(current.workJurisdiction);
      if (countryOfClassification(input.classification) !== country) {
        errors.add(["classification"], UserErrorCode.CLASSIFICATION_NOT_VALID_IN_COUNTRY, `${input.classification} does not exist in ${country}`);
      } else if (input.classification === current.classification) {
        errors.add(["classification"], UserErrorCode.INVALID_INPUT, `The engagement is already ${current.classification}`);
      }
      if (isContractor(input.classification) && current.employmentModel === "PEO") {
        errors.add(["classification"], UserErrorCode.CONTRACTOR_REQUIRES_EOR, "Contractors are engaged under the EOR model only");
      }
    }
    if (errors.any || id === null || current === null) return rejectedBy(errors);
    const request = { clientId: current.clientId, workJurisdiction: current.workJurisdiction, engagementId: current.id, fields: FIELDS };
    const basis = await checkClassificationBasis(this.ctx, {
      ...request,
      classification: input.classification,
      assessmentId: input.classificationAssessmentId,
      overrideReason: input.overrideReason,
    });
    if (!basis.ok) return basis;
    const today = todayUtc();

    const result = await db.transaction(async (tx): Promise<CommandResult<{ engagement: EngagementRow; change: ClassificationChangeRow }>> => {
      const before = await engagementRepository.lockById(tx, principal.tenants, id);
      if (before === null) return failed(userError(["engagementId"], UserErrorCode.NOT_FOUND, "Engagement not found"));
      const stale = staleVersion("engagement", before.version, input.expectedVersion, canRead(principal, "Engagement"));
      if (stale) return failed(stale);
      if (deriveEngagementStatus(before) === "ENDED") {
        return failed(userError(["engagementId"], UserErrorCode.ENGAGEMENT_ENDED, `The engagement ended on ${before.endDate}: its classification can no longer change`));
      }
      if (before.classification === input.classification)
        return failed(userError(["classification"], UserErrorCode.INVALID_INPUT, `The engagement is already ${before.classification}`));
      const latest = before.startDate > today ? before.startDate : today;
      const history = await classificationRepository.changesOfEngagement(tx, id);
      const lastEffective = history.reduce((max, c) => (c.effectiveFrom > max ? c.effectiveFrom : max), before.startDate);
      if (input.effectiveFrom < lastEffective || input.effectiveFrom > latest || (before.endDate !== null && input.effectiveFrom > before.endDate)) {
        return failed(
          userError(
            ["effectiveFrom"],
            UserErrorCode.EFFECTIVE_DATE_OUT_OF_RANGE,
            `effectiveFrom must be between ${lastEffective} (the start or the last classification change) and ${before.endDate !== null && before.endDate < latest ? before.endDate : latest}`,
          ),
        );
      }
      if (history.length >= LIST_LIMITS.classificationChangesPerEngagement) {
        return failed(
          userError(
            ["engagementId"],
            UserErrorCode.TOO_MANY_CLASSIFICATION_CHANGES,
            `The engagement already has ${history.length} classifications, the most an engagement may have`,
          ),
        );
      }
      // Every compensation in effect from effectiveFrom on must be one the new classification may be paid on.
      const compensations = await compensationRepository.findByEngagementIds(tx, principal.tenants, [id]);
      const inEffect = compensations.filter(
        (c, i) => c.effectiveFrom >= input.effectiveFrom || compensations[i + 1] === undefined || compensations[i + 1].effectiveFrom > input.effectiveFrom,
      );
      const wrongBasis = inEffect.find((c) => !allowedBases(input.classification).includes(c.basis));
      if (wrongBasis) {
        return failed(
          userError(
            ["classification"],
            UserErrorCode.COMPENSATION_BASIS_NOT_ALLOWED,
            `The compensation from ${wrongBasis.effectiveFrom} is ${wrongBasis.basis}, which ${input.classification} cannot be paid on (${allowedBases(input.classification).join(" or ")}): change the compensation first`,
          ),
        );
      }
      const run = await payrollRepository.inFlightRunPaying(tx, principal.tenants, before.clientId, id, before.payScheduleId === null ? [] : [before.payScheduleId]);
      if (run !== null) {
        return failed(
          userError(
            ["engagementId"],
            UserErrorCode.PAYROLL_RUN_IN_PROGRESS,
            `A payroll run paying this engagement is ${run.status}: its classification can change once the run is paid or cancelled`,
            conflictingIdFor(principal, "PayrollRun", run.id),
          ),
        );
      }
      const taken = await lockClassificationAssessment(tx, principal, basis.value, request);
      if (taken !== null) return failed(taken);
      const after = await engagementRepository.changeClassification(tx, principal.tenants, id, input.classification);
      const change = await recordClassificationBasis(tx, principal, after, before.classification, input.effectiveFrom, basis.value);
      const snapshots = eventSnapshots(ENGAGEMENT_SNAPSHOT, before, after);
      await recordEvent(tx, {
        clientId: after.clientId,
        type: "engagement.classificationChanged",
        objectType: "Engagement",
        objectId: id,
        actor: principal.actor,
        before: snapshots.before,
        after: { ...snapshots.after, effectiveFrom: input.effectiveFrom, classificationAssessmentId: basis.value.assessmentId, overridden: basis.value.overrideReason !== null },
      });
      return succeeded({ engagement: after, change });
    });
    return mapResult(result, (r) => ({ engagement: toEngagement(r.engagement), classificationChange: toClassificationChange(r.change) }));
  }
}
