import type { Context } from "../../context";
import { badInput, forbidden } from "../../shared/errors";
import { rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { parseGlobalId, requireGlobalId } from "../../shared/global-id";
import { newId } from "../../shared/ids";
import { isSubdivision } from "../../shared/jurisdiction";
import { LIST_LIMITS } from "../../shared/list-limits";
import { toConnection, toPage, toPageRequest, type ConnectionArgs } from "../../shared/pagination";
import { UserErrorCode, UserErrors } from "../../shared/user-error";
import { recordEvent } from "../events/event.repository";
import { eventSnapshots, type SnapshotSpec } from "../events/event-snapshot";
import { clientById } from "../clients/client.loaders";
import { engagementById } from "../engagements/engagement.loaders";
import type { Engagement } from "../engagements/engagement.type";
import { CURRENT_QUESTIONNAIRE_VERSION, isQuestionnaireVersion, questionnaireFor } from "./classification.questionnaire";
import { answerProblems, evaluateClassification } from "./classification.rules";
import { classificationRepository } from "./classification.repository";
import {
  classificationAssessmentById,
  classificationAssessmentCountByEngagement,
  classificationAssessmentsPageByEngagement,
  classificationChangesByEngagementId,
} from "./classification.loaders";
import { toClassificationAssessment, toClassificationChange, toQuestionnaire, type ClassificationAssessment, type ClassificationAssessmentRow } from "./classification.type";
import type { AssessClassificationInput, ClassificationAssessmentsArgs } from "./classification.input";

const ROLE_MAX = 200;

/**
 * What an event records about an assessment: ids, the jurisdiction, the version and the result (outcome, verdicts);
 * the answers are facts about the engagement and stay in the row.
 */
const ASSESSMENT_SNAPSHOT: SnapshotSpec<ClassificationAssessmentRow> = {
  plain: ["engagementId", "workJurisdiction", "questionnaireVersion", "outcome", "recommendedClassification"],
  derived: { verdicts: (r) => (r.tests as { test: string; verdict: string }[]).map((t) => ({ test: t.test, verdict: t.verdict })) },
};

/**
 * Classification assessments: the questionnaire (reference data, any caller), `assessClassification`
 * (`classification:write`; answered by the client or the EOR, so PARTNER tokens are refused) and the reads
 * (`classification:read`). Every query is scoped to the caller's clients.
 */
export class ClassificationService {
  constructor(private readonly ctx: Context) {}

  questionnaire(workJurisdiction: string, version: string | null | undefined) {
    if (!isSubdivision(workJurisdiction)) throw badInput("workJurisdiction is not a supported ISO 3166-2 subdivision (e.g. US-CA, CA-ON)", { argument: "workJurisdiction" });
    const v = version ?? CURRENT_QUESTIONNAIRE_VERSION;
    if (!isQuestionnaireVersion(v)) throw badInput(`No questionnaire version ${v.slice(0, 20)} (current: ${CURRENT_QUESTIONNAIRE_VERSION})`, { argument: "version" });
    return toQuestionnaire(questionnaireFor(workJurisdiction, v)!);
  }

  async assess(input: AssessClassificationInput): Promise<CommandResult<ClassificationAssessment>> {
    const { principal, db, loaders } = this.ctx;
    principal.assertScope("classification:write");
    if (principal.role === "PARTNER") throw forbidden("A classification questionnaire is answered by the client (CLIENT) or the EOR (OPERATOR)");
    const errors = new UserErrors();

    let clientId: string | null = null;
    let engagementId: string | null = null;
    let jurisdiction = input.workJurisdiction ?? null;
    let role = input.role?.trim() ?? null;
    if (input.engagementId != null) {
      if (input.clientId != null) errors.add(["clientId"], UserErrorCode.INVALID_INPUT, "Give engagementId or clientId, not both");
      if (input.role != null) errors.add(["role"], UserErrorCode.INVALID_INPUT, "The engagement's title is its role: omit role");
      const id = parseGlobalId(input.engagementId, "Engagement");
      const engagement = id === null ? null : await loaders.get(engagementById).load(id);
      if (id === null) errors.add(["engagementId"], UserErrorCode.INVALID_ID, "engagementId is not a valid Engagement ID");
      else if (engagement === null) errors.add(["engagementId"], UserErrorCode.NOT_FOUND, "Engagement not found");
      else {
        if (jurisdiction !== null && jurisdiction !== engagement.workJurisdiction) {
          errors.add(["workJurisdiction"], UserErrorCode.INVALID_JURISDICTION, `The engagement works in ${engagement.workJurisdiction}, not ${jurisdiction.slice(0, 20)}`);
        }
        clientId = engagement.clientId;
        engagementId = engagement.id;
        jurisdiction = engagement.workJurisdiction;
        role = engagement.title;
      }
    } else {
      const id = input.clientId == null ? null : parseGlobalId(input.clientId, "Client");
      if (input.clientId == null)
        errors.add(["clientId"], UserErrorCode.INVALID_INPUT, "Give engagementId, or clientId with workJurisdiction and role for a prospective engagement");
      else if (id === null) errors.add(["clientId"], UserErrorCode.INVALID_ID, "clientId is not a valid Client ID");
      else if (!principal.canAccessClient(id) || (await loaders.get(clientById).load(id)) === null) errors.add(["clientId"], UserErrorCode.NOT_FOUND, "Client not found");
      else clientId = id;
      if (jurisdiction === null) errors.add(["workJurisdiction"], UserErrorCode.INVALID_INPUT, "workJurisdiction is required for a prospective engagement");
      errors.text("role", input.role, ROLE_MAX);
    }
    if (jurisdiction !== null && !isSubdivision(jurisdiction)) {
      errors.add(["workJurisdiction"], UserErrorCode.INVALID_JURISDICTION, `"${jurisdiction.slice(0, 20)}" is not a supported ISO 3166-2 subdivision (e.g. US-CA, CA-ON)`);
      jurisdiction = null;
    }
    const version = input.questionnaireVersion ?? CURRENT_QUESTIONNAIRE_VERSION;
    if (!isQuestionnaireVersion(version))
      errors.add(["questionnaireVersion"], UserErrorCode.INVALID_INPUT, `No questionnaire version ${version.slice(0, 20)} (current: ${CURRENT_QUESTIONNAIRE_VERSION})`);
    else if (input.answers.length > LIST_LIMITS.classificationQuestions) {
      errors.add(["answers"], UserErrorCode.INVALID_INPUT, `At most ${LIST_LIMITS.classificationQuestions} answers, got ${input.answers.length}`);
    } else if (jurisdiction !== null) {
      for (const problem of answerProblems(jurisdiction, version, input.answers)) errors.add(problem.field, UserErrorCode.INVALID_INPUT, problem.message);
    }
    if (errors.any || clientId === null || jurisdiction === null || role === null) return rejectedBy(errors);

    const evaluation = evaluateClassification(jurisdiction, input.answers, version);
    const row = await db.transaction(async (tx) => {
      const created = await classificationRepository.insert(tx, {
        id: newId(),
        clientId: clientId,
        engagementId,
        workJurisdiction: jurisdiction,
        role: role,
        questionnaireVersion: version,
        answers: input.answers.map((a) => ({ questionId: a.questionId, answer: a.answer })),
        outcome: evaluation.outcome,
        recommendedClassification: evaluation.recommendedClassification,
        tests: evaluation.tests,
        factors: evaluation.factors,
        rationale: evaluation.rationale,
        notAssessed: evaluation.notAssessed,
        assessedByKind: principal.actor.kind,
        assessedById: principal.actor.id,
      });
      await recordEvent(tx, {
        clientId: created.clientId,
        type: "classificationAssessment.created",
        objectType: "ClassificationAssessment",
        objectId: created.id,
        actor: principal.actor,
        ...eventSnapshots(ASSESSMENT_SNAPSHOT, null, created),
      });
      return created;
    });
    return succeeded(toClassificationAssessment(row));
  }

  async byId(id: string): Promise<ClassificationAssessment | null> {
    this.ctx.principal.assertScope("classification:read");
    const row = await this.ctx.loaders.get(classificationAssessmentById).load(id);
    return row ? toClassificationAssessment(row) : null;
  }

  /** Root `classificationAssessments(clientId)`: prospective and linked ones, in creation order. */
  async listOfClient(args: ClassificationAssessmentsArgs) {
    const { principal, db } = this.ctx;
    principal.assertScope("classification:read");
    const clientId = requireGlobalId(args.clientId, "Client", "clientId");
    const request = toPageRequest(args);
    const rows = await classificationRepository.pageOfClient(db, principal.tenants, clientId, request);
    return toConnection(toPage(rows, request), toClassificationAssessment, () => classificationRepository.countOfClient(db, principal.tenants, clientId));
  }

  /** `Engagement.classificationAssessments`: one statement per page of engagements. */
  async listOfEngagement(engagement: Engagement, args: ConnectionArgs) {
    this.ctx.principal.assertScope("classification:read");
    const request = toPageRequest(args);
    const page = await this.ctx.loaders.get(classificationAssessmentsPageByEngagement).load({ parentId: engagement.dbId, request });
    return toConnection(page, toClassificationAssessment, () => this.ctx.loaders.get(classificationAssessmentCountByEngagement).load(engagement.dbId));
  }

  /** `Engagement.classificationHistory`: the engagement is already readable (workers:read), so is its history. */
  async historyOf(engagement: Engagement) {
    this.ctx.principal.assertScope("workers:read");
    const rows = await this.ctx.loaders.get(classificationChangesByEngagementId).load(engagement.dbId);
    return rows.map(toClassificationChange);
  }
}
