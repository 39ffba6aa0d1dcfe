/**
 * The classification rule of `hireWorker` and `changeClassification`: a contractor classification needs a CONTRACTOR
 * assessment of the same client, for the same work jurisdiction (and engagement, once linked), less than a year old
 * — or an OPERATOR's override with a reason. `checkClassificationBasis` validates before the transaction;
 * `recordClassificationBasis` runs inside it, after the engagement row exists: it re-checks the assessment under its
 * row lock, links a prospective one, writes the history entry and the events.
 */
import type { Context } from "../../context";
import type { Principal } from "../../auth/principal";
import type { Db } from "../../db/client";
import { isContractor, type Classification } from "../../shared/classification";
import { failed, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { parseGlobalId } from "../../shared/global-id";
import { newId } from "../../shared/ids";
import { todayUtc } from "../../shared/calendar";
import { userError, UserErrorCode, UserErrors, type UserError } from "../../shared/user-error";
import { recordEvent } from "../events/event.repository";
import type { EngagementRow } from "../engagements/engagement.type";
import { classificationRepository } from "./classification.repository";
import { classificationAssessmentById } from "./classification.loaders";
import { validThroughOf, type ClassificationAssessmentRow, type ClassificationChangeRow } from "./classification.type";

export const OVERRIDE_REASON_MAX = 500;

export interface ClassificationBasisRequest {
  classification: Classification;
  workJurisdiction: string;
  clientId: string;
  /** The engagement changing classification; null for a hire. */
  engagementId: string | null;
  assessmentId: string | null | undefined;
  overrideReason: string | null | undefined;
  /** Input field names: `classificationAssessmentId` / `classificationOverrideReason` (hire) or `overrideReason`. */
  fields: { assessment: string; override: string };
}

/** What allows the classification: the assessment (uuid) used, and the override reason when the rule was overridden. */
export interface ClassificationBasis {
  assessmentId: string | null;
  overrideReason: string | null;
}

/** Why an assessment cannot serve this engagement, or null when it can (the outcome and the age are checked apart). */
function mismatch(row: ClassificationAssessmentRow, request: Pick<ClassificationBasisRequest, "clientId" | "workJurisdiction" | "engagementId">): string | null {
  if (row.clientId !== request.clientId) return "The classification assessment belongs to another client";
  if (row.workJurisdiction !== request.workJurisdiction)
    return `The classification assessment is for ${row.workJurisdiction}, not ${request.workJurisdiction}: assess this work jurisdiction`;
  if (row.engagementId !== null && row.engagementId !== request.engagementId) return "The classification assessment already serves another engagement: assess this one";
  return null;
}

/**
 * The rule, checked with the caller's loaders (tenant-scoped: another tenant's assessment is NOT_FOUND).
 * `today` decides the assessment's age: valid through a year after its day.
 */
export async function checkClassificationBasis(ctx: Context, request: ClassificationBasisRequest, today: string = todayUtc()): Promise<CommandResult<ClassificationBasis>> {
  const { principal, loaders } = ctx;
  const errors = new UserErrors();
  const contractor = isContractor(request.classification);
  const reason = request.overrideReason?.trim() || null;
  if (request.overrideReason != null) {
    if (principal.role !== "OPERATOR") {
      errors.add(
        [request.fields.override],
        UserErrorCode.CLASSIFICATION_OVERRIDE_NOT_ALLOWED,
        "Only the EOR (an OPERATOR) may engage a contractor without a CONTRACTOR assessment",
      );
    } else if (!contractor) {
      errors.add([request.fields.override], UserErrorCode.INVALID_INPUT, "An override reason is for contractor classifications only");
    } else errors.text(request.fields.override, request.overrideReason, OVERRIDE_REASON_MAX);
  }
  let assessment: ClassificationAssessmentRow | null = null;
  if (request.assessmentId != null) {
    const id = parseGlobalId(request.assessmentId, "ClassificationAssessment");
    if (id === null) errors.add([request.fields.assessment], UserErrorCode.INVALID_ID, `${request.fields.assessment} is not a valid ClassificationAssessment ID`);
    else {
      assessment = await loaders.get(classificationAssessmentById).load(id);
      if (assessment === null) errors.add([request.fields.assessment], UserErrorCode.NOT_FOUND, "Classification assessment not found");
      else {
        const problem = mismatch(assessment, request);
        if (problem !== null) errors.add([request.fields.assessment], UserErrorCode.CLASSIFICATION_ASSESSMENT_REQUIRED, problem);
      }
    }
  }
  if (errors.any) return rejectedBy(errors);
  if (!contractor) return succeeded({ assessmentId: assessment?.id ?? null, overrideReason: null });
  const overridden = reason !== null;
  if (assessment === null) {
    if (overridden) return succeeded({ assessmentId: null, overrideReason: reason });
    return failed(
      userError(
        [request.fields.assessment],
        UserErrorCode.CLASSIFICATION_ASSESSMENT_REQUIRED,
        `${request.classification} needs a CONTRACTOR classification assessment for ${request.workJurisdiction} less than a year old: answer the questionnaire with assessClassification and pass its id`,
      ),
    );
  }
  const validThrough = validThroughOf(assessment.assessedAt);
  if (validThrough < today) {
    return failed(
      userError(
        [request.fields.assessment],
        UserErrorCode.CLASSIFICATION_ASSESSMENT_REQUIRED,
        `The classification assessment of ${assessment.assessedAt.toISOString().slice(0, 10)} was valid through ${validThrough}: assess again`,
      ),
    );
  }
  if (assessment.outcome !== "CONTRACTOR" && !overridden) {
    return failed(
      userError(
        [request.fields.assessment],
        UserErrorCode.MISCLASSIFICATION_RISK,
        `The classification assessment's outcome is ${assessment.outcome} (recommended: ${assessment.recommendedClassification}): engaging the worker as ${request.classification} risks misclassification`,
      ),
    );
  }
  return succeeded({ assessmentId: assessment.id, overrideReason: reason });
}

/**
 * Inside the transaction that hires or changes the engagement (`engagement` is the row after the change): locks the
 * assessment and checks again that it is free for this engagement (a concurrent hire may have linked it), links it,
 * records the history entry and the events (`classificationAssessment.linked`, `engagement.classificationOverridden`).
 * A failure is returned before anything is written here; the caller returns it (its own rows roll back only if it
 * throws: callers call this before writing anything else that must not stay).
 */
export async function lockClassificationAssessment(
  tx: Db,
  principal: Principal,
  basis: ClassificationBasis,
  request: Pick<ClassificationBasisRequest, "clientId" | "workJurisdiction" | "engagementId" | "fields">,
): Promise<UserError | null> {
  if (basis.assessmentId === null) return null;
  const row = await classificationRepository.lockById(tx, principal.tenants, basis.assessmentId);
  const problem = row === null ? "Classification assessment not found" : mismatch(row, request);
  return problem === null ? null : userError([request.fields.assessment], row === null ? UserErrorCode.NOT_FOUND : UserErrorCode.CLASSIFICATION_ASSESSMENT_REQUIRED, problem);
}

/** Writes the history entry, links the (locked) assessment and records the events. */
export async function recordClassificationBasis(
  tx: Db,
  principal: Principal,
  engagement: EngagementRow,
  from: Classification | null,
  effectiveFrom: string,
  basis: ClassificationBasis,
): Promise<ClassificationChangeRow> {
  if (basis.assessmentId !== null) {
    const [row] = await classificationRepository.findByIds(tx, { all: true }, [basis.assessmentId]);
    if (row.engagementId === null) {
      await classificationRepository.link(tx, row.id, engagement.id);
      await recordEvent(tx, {
        clientId: engagement.clientId,
        type: "classificationAssessment.linked",
        objectType: "ClassificationAssessment",
        objectId: row.id,
        actor: principal.actor,
        before: { engagementId: null },
        after: { engagementId: engagement.id, changed: [] },
      });
    }
  }
  const change = await classificationRepository.insertChange(tx, {
    id: newId(),
    clientId: engagement.clientId,
    engagementId: engagement.id,
    fromClassification: from,
    toClassification: engagement.classification,
    effectiveFrom,
    assessmentId: basis.assessmentId,
    overrideReason: basis.overrideReason,
    changedByKind: principal.actor.kind,
    changedById: principal.actor.id,
  });
  if (basis.overrideReason !== null) {
    await recordEvent(tx, {
      clientId: engagement.clientId,
      type: "engagement.classificationOverridden",
      objectType: "Engagement",
      objectId: engagement.id,
      actor: principal.actor,
      before: null,
      // The reason is free text (it may name the person): recorded as changed, never copied.
      after: {
        classification: engagement.classification,
        workJurisdiction: engagement.workJurisdiction,
        classificationAssessmentId: basis.assessmentId,
        changed: ["overrideReason"],
      },
    });
  }
  return change;
}
