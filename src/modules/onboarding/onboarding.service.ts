import type { Context } from "../../context";
import { failed, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { compareIsoDates, todayUtc } from "../../shared/calendar";
import { parseGlobalId } from "../../shared/global-id";
import { newId } from "../../shared/ids";
import { expectedVersionRule, staleVersion, userError, UserErrorCode, UserErrors } from "../../shared/user-error";
import { canRead } from "../../auth/read-scopes";
import { recordEvent, recordEvents } from "../events/event.repository";
import { engagementRepository, compensationRepository } from "../engagements/engagement.repository";
import { toEngagement, type Engagement, type EngagementRow } from "../engagements/engagement.type";
import { workerById } from "../workers/worker.loaders";
import { openTaxId } from "../workers/worker-tax-id";
import { workerRepository } from "../workers/worker.repository";
import { activePaymentMethodByWorkerId } from "../payment-methods/payment-method.loaders";
import { agreementTemplateFor } from "./agreement-templates";
import { agreementFactOf, stepsFactOf, workerFactOf } from "./onboarding-facts";
import { agreementById, agreementsByEngagementId, onboardingStepsByEngagementId } from "./onboarding.loaders";
import { onboardingRepository, type EmploymentAgreementRow } from "./onboarding.repository";
import { evaluateChecklist, isTemporarySin, onboardingRequirements, type Checklist } from "./onboarding.rules";
import { toEmploymentAgreement, toOnboardingChecklist, type EmploymentAgreement, type OnboardingChecklist } from "./onboarding.type";
import type { RecordAgreementSignatureInput, RecordOnboardingStepInput, SendEmploymentAgreementInput, VerifyWorkAuthorizationInput } from "./onboarding.input";

/**
 * A checklist computed only when the payload's `onboarding` field is selected and its read scope allows it: a
 * thenable that starts on its first `then` (graphql-js awaits any thenable field value).
 */
type LazyChecklist = PromiseLike<OnboardingChecklist>;

/** What an agreement event records: ids, template, status, dates. Never the terms (pay, title). */
function agreementSnapshot(row: EmploymentAgreementRow) {
  return { engagementId: row.engagementId, templateId: row.templateId, templateVersion: row.templateVersion, status: row.status, sentOn: row.sentOn, signedOn: row.signedOn };
}

/**
 * Onboarding use cases: the checklist (`onboarding:read`), recorded steps, work authorization and agreements
 * (`onboarding:write`). Commands lock the engagement (or the agreement) row, so concurrent changes of one
 * engagement's onboarding apply one after the other.
 */
export class OnboardingService {
  constructor(private readonly ctx: Context) {}

  async checklistOf(engagement: Engagement): Promise<OnboardingChecklist> {
    this.ctx.principal.assertScope("onboarding:read");
    return toOnboardingChecklist(await this.evaluate(engagement.row));
  }

  async agreementById(id: string): Promise<EmploymentAgreement | null> {
    this.ctx.principal.assertScope("onboarding:read");
    const row = await this.ctx.loaders.get(agreementById).load(id);
    return row ? toEmploymentAgreement(row) : null;
  }

  async agreementsOf(engagement: Engagement): Promise<EmploymentAgreementRow[]> {
    this.ctx.principal.assertScope("onboarding:read");
    return this.ctx.loaders.get(agreementsByEngagementId).load(engagement.dbId);
  }

  /** The checklist of an engagement row as of today (loaders: one batch per page of engagements). */
  private async evaluate(row: EngagementRow): Promise<Checklist> {
    const { loaders } = this.ctx;
    const [worker, method, steps, agreements] = await Promise.all([
      loaders.get(workerById).load(row.workerId),
      loaders.get(activePaymentMethodByWorkerId).load(row.workerId),
      loaders.get(onboardingStepsByEngagementId).load(row.id),
      loaders.get(agreementsByEngagementId).load(row.id),
    ]);
    return evaluateChecklist({
      classification: row.classification,
      workJurisdiction: row.workJurisdiction,
      startDate: row.startDate,
      worker: workerFactOf(worker),
      hasPaymentMethod: method !== null,
      agreement: agreementFactOf(agreements),
      steps: stepsFactOf(steps),
      asOf: todayUtc(),
    });
  }

  private lazyChecklist(row: EngagementRow): LazyChecklist {
    let started: Promise<OnboardingChecklist> | undefined;
    return {
      then: (onFulfilled, onRejected) => {
        started ??= this.evaluate(row).then(toOnboardingChecklist);
        return started.then(onFulfilled, onRejected);
      },
    };
  }

  async recordStep(input: RecordOnboardingStepInput): Promise<CommandResult<{ engagement: Engagement; onboarding: LazyChecklist }>> {
    const { principal, db } = this.ctx;
    principal.assertScope("onboarding:write");
    const errors = new UserErrors();
    const engagementId = this.engagementIdOf(errors, input.engagementId);
    this.completionDateRule(errors, input.status, input.completedOn, "completedOn");
    if (errors.any || engagementId === null) return rejectedBy(errors);

    const result = await db.transaction(async (tx): Promise<CommandResult<EngagementRow>> => {
      const engagement = await engagementRepository.lockById(tx, principal.tenants, engagementId);
      if (engagement === null) return failed(userError(["engagementId"], UserErrorCode.NOT_FOUND, "Engagement not found"));
      const requirement = onboardingRequirements(engagement.classification, engagement.workJurisdiction).find((r) => r.item === input.item)!;
      if (!requirement.required) return failed(userError(["item"], UserErrorCode.ONBOARDING_ITEM_NOT_REQUIRED, `${input.item} is not required here: ${requirement.note}`));
      if (requirement.source !== "RECORDED_STEP" && requirement.source !== "WORKER_DATA_OR_RECORDED_STEP") {
        return failed(userError(["item"], UserErrorCode.ONBOARDING_ITEM_DERIVED, `${input.item} (${requirement.form ?? "item"}) is derived from data: ${requirement.note}`));
      }
      const { before, after } = await onboardingRepository.upsertStep(tx, {
        id: newId(),
        clientId: engagement.clientId,
        engagementId,
        item: input.item,
        status: input.status,
        completedOn: input.completedOn ?? null,
        expiresOn: null,
      });
      await recordEvent(tx, {
        clientId: engagement.clientId,
        type: "engagement.onboardingStepRecorded",
        objectType: "Engagement",
        objectId: engagementId,
        actor: principal.actor,
        before: before && { item: before.item, status: before.status, completedOn: before.completedOn },
        after: { item: after.item, status: after.status, completedOn: after.completedOn },
      });
      return succeeded(engagement);
    });
    if (!result.ok) return result;
    return succeeded({ engagement: toEngagement(result.value), onboarding: this.lazyChecklist(result.value) });
  }

  async verifyWorkAuthorization(input: VerifyWorkAuthorizationInput): Promise<CommandResult<{ engagement: Engagement; onboarding: LazyChecklist }>> {
    const { principal, db, pii } = this.ctx;
    principal.assertScope("onboarding:write");
    const errors = new UserErrors();
    const engagementId = this.engagementIdOf(errors, input.engagementId);
    this.completionDateRule(errors, input.status, input.verifiedOn, "verifiedOn");
    if (input.expiresOn != null && input.verifiedOn != null && compareIsoDates(input.expiresOn, input.verifiedOn) < 0) {
      errors.add(["expiresOn"], UserErrorCode.INVALID_DATE_RANGE, "expiresOn is before verifiedOn");
    }
    if (errors.any || engagementId === null) return rejectedBy(errors);

    const result = await db.transaction(async (tx): Promise<CommandResult<EngagementRow>> => {
      const engagement = await engagementRepository.lockById(tx, principal.tenants, engagementId);
      if (engagement === null) return failed(userError(["engagementId"], UserErrorCode.NOT_FOUND, "Engagement not found"));
      const requirement = onboardingRequirements(engagement.classification, engagement.workJurisdiction).find((r) => r.item === "WORK_AUTHORIZATION")!;
      if (!requirement.required) return failed(userError(["engagementId"], UserErrorCode.ONBOARDING_ITEM_NOT_REQUIRED, requirement.note));
      if (requirement.form === "SIN" && input.status === "COMPLETE") {
        // The SIN itself decides whether it is temporary: decrypted in memory, never stored elsewhere nor echoed.
        // Without a SIN on file the verification is the caller's attestation (the SIN may be entered later).
        const [worker] = await workerRepository.findByIds(tx, principal.tenants, [engagement.workerId]);
        const sin = worker?.taxIdEncrypted ? openTaxId(pii, { id: worker.id, taxIdEncrypted: worker.taxIdEncrypted }) : null;
        if (sin !== null && isTemporarySin(sin) && input.expiresOn == null) {
          return failed(userError(["expiresOn"], UserErrorCode.TEMPORARY_SIN_EXPIRY_REQUIRED, "The worker's SIN is temporary (starts with 9): give its expiry date"));
        }
      }
      const { before, after } = await onboardingRepository.upsertStep(tx, {
        id: newId(),
        clientId: engagement.clientId,
        engagementId,
        item: "WORK_AUTHORIZATION",
        status: input.status,
        completedOn: input.verifiedOn ?? null,
        expiresOn: input.expiresOn ?? null,
      });
      await recordEvent(tx, {
        clientId: engagement.clientId,
        type: "engagement.workAuthorizationVerified",
        objectType: "Engagement",
        objectId: engagementId,
        actor: principal.actor,
        before: before && { form: requirement.form, status: before.status, verifiedOn: before.completedOn, expiresOn: before.expiresOn },
        after: { form: requirement.form, status: after.status, verifiedOn: after.completedOn, expiresOn: after.expiresOn },
      });
      return succeeded(engagement);
    });
    if (!result.ok) return result;
    return succeeded({ engagement: toEngagement(result.value), onboarding: this.lazyChecklist(result.value) });
  }

  async sendAgreement(input: SendEmploymentAgreementInput): Promise<CommandResult<EmploymentAgreement>> {
    const { principal, db } = this.ctx;
    principal.assertScope("onboarding:write");
    const errors = new UserErrors();
    const engagementId = this.engagementIdOf(errors, input.engagementId);
    if (errors.any || engagementId === null) return rejectedBy(errors);
    const sentOn = input.sentOn ?? todayUtc();

    const result = await db.transaction(async (tx): Promise<CommandResult<EmploymentAgreementRow>> => {
      const engagement = await engagementRepository.lockById(tx, principal.tenants, engagementId);
      if (engagement === null) return failed(userError(["engagementId"], UserErrorCode.NOT_FOUND, "Engagement not found"));
      const template = agreementTemplateFor(engagement.workJurisdiction, engagement.classification);
      const superseded = await onboardingRepository.supersedeUnsigned(tx, engagementId);
      const created = await onboardingRepository.insertAgreement(tx, {
        id: newId(),
        clientId: engagement.clientId,
        engagementId,
        templateId: template.templateId,
        templateVersion: template.version,
        sentOn,
      });
      await recordEvents(tx, [
        ...superseded.map((row) => ({
          clientId: row.clientId,
          type: "employmentAgreement.superseded" as const,
          objectType: "EmploymentAgreement",
          objectId: row.id,
          actor: principal.actor,
          before: { ...agreementSnapshot(row), status: "SENT" },
          after: { ...agreementSnapshot(row), supersededBy: created.id },
        })),
        {
          clientId: created.clientId,
          type: "employmentAgreement.sent" as const,
          objectType: "EmploymentAgreement",
          objectId: created.id,
          actor: principal.actor,
          before: null,
          after: agreementSnapshot(created),
        },
      ]);
      return succeeded(created);
    });
    if (!result.ok) return result;
    return succeeded(toEmploymentAgreement(result.value));
  }

  async recordSignature(input: RecordAgreementSignatureInput): Promise<CommandResult<{ employmentAgreement: EmploymentAgreement; onboarding: LazyChecklist }>> {
    const { principal, db } = this.ctx;
    principal.assertScope("onboarding:write");
    const errors = new UserErrors();
    const id = parseGlobalId(input.employmentAgreementId, "EmploymentAgreement");
    if (id === null) errors.add(["employmentAgreementId"], UserErrorCode.INVALID_ID, "employmentAgreementId is not a valid EmploymentAgreement ID");
    expectedVersionRule(errors, input.expectedVersion);
    if (errors.any || id === null) return rejectedBy(errors);

    const result = await db.transaction(async (tx): Promise<CommandResult<{ agreement: EmploymentAgreementRow; engagement: EngagementRow }>> => {
      const agreement = await onboardingRepository.lockAgreement(tx, principal.tenants, id);
      if (agreement === null) return failed(userError(["employmentAgreementId"], UserErrorCode.NOT_FOUND, "Employment agreement not found"));
      const stale = staleVersion("employment agreement", agreement.version, input.expectedVersion, canRead(principal, "EmploymentAgreement"));
      if (stale) return failed(stale);
      if (agreement.status !== "SENT") {
        const why =
          agreement.status === "SIGNED" ? `It was already signed on ${agreement.signedOn}` : "It was superseded by a newer agreement sent for the engagement: sign that one";
        return failed(userError(["employmentAgreementId"], UserErrorCode.AGREEMENT_NOT_SIGNABLE, why));
      }
      if (compareIsoDates(input.signedOn, agreement.sentOn) < 0) {
        return failed(userError(["signedOn"], UserErrorCode.INVALID_DATE_RANGE, `signedOn is before the agreement was sent (${agreement.sentOn})`));
      }
      const engagement = await engagementRepository.lockById(tx, principal.tenants, agreement.engagementId);
      if (engagement === null) throw new Error("agreement visible without its engagement"); // same tenant key
      const [compensation] = await compensationRepository.currentByEngagementIds(tx, principal.tenants, [engagement.id], todayUtc());
      const template = agreementTemplateFor(engagement.workJurisdiction, engagement.classification);
      const signed = await onboardingRepository.sign(tx, id, input.signedOn, {
        termTitle: engagement.title,
        termPayBasis: compensation?.basis ?? null,
        termPayAmount: compensation?.amount ?? null,
        termPayCurrency: compensation?.currency ?? null,
        termStartDate: engagement.startDate,
        termProbationDays: template.probationDays,
      });
      if (signed === null) throw new Error("agreement locked but not signed"); // the row lock is held
      await recordEvent(tx, {
        clientId: signed.clientId,
        type: "employmentAgreement.signed",
        objectType: "EmploymentAgreement",
        objectId: signed.id,
        actor: principal.actor,
        before: agreementSnapshot(agreement),
        after: agreementSnapshot(signed),
      });
      return succeeded({ agreement: signed, engagement });
    });
    if (!result.ok) return result;
    return succeeded({ employmentAgreement: toEmploymentAgreement(result.value.agreement), onboarding: this.lazyChecklist(result.value.engagement) });
  }

  private engagementIdOf(errors: UserErrors, globalId: string): string | null {
    const id = parseGlobalId(globalId, "Engagement");
    if (id === null) errors.add(["engagementId"], UserErrorCode.INVALID_ID, "engagementId is not a valid Engagement ID");
    return id;
  }

  /** A completion date comes with COMPLETE and only with it. */
  private completionDateRule(errors: UserErrors, status: string, date: string | null | undefined, field: string): void {
    if (status === "COMPLETE" && date == null) errors.add([field], UserErrorCode.INVALID_INPUT, `${field} is required with COMPLETE`);
    if (status !== "COMPLETE" && date != null) errors.add([field], UserErrorCode.INVALID_INPUT, `${field} is only given with COMPLETE`);
  }
}
