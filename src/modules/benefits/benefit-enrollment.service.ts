import type { Context } from "../../context";
import { newId } from "../../shared/ids";
import { parseGlobalId, requireGlobalId } from "../../shared/global-id";
import { addDays, todayUtc } from "../../shared/calendar";
import { badInput } from "../../shared/errors";
import { toConnection, toPage, toPageRequest, type ConnectionArgs } from "../../shared/pagination";
import { readMoneyInput } from "../../shared/money-input";
import { currencyOf } from "../../shared/jurisdiction";
import { expectedVersionRule, staleVersion, userError, UserErrorCode, UserErrors, type UserError } from "../../shared/user-error";
import { withConstraintErrors } from "../../db/constraint-errors";
import { canRead, conflictingIdFor } from "../../auth/read-scopes";
import { failed, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import type { MoneyInput } from "../../shared/money";
import { recordEvent } from "../events/event.repository";
import { engagementById, compensationsByEngagementId } from "../engagements/engagement.loaders";
import type { EngagementRow } from "../engagements/engagement.type";
import { benefitRepository, type BenefitEnrollmentChanges } from "./benefit.repository";
import { benefitEnrollmentById, benefitPlanById, enrollmentCountByEngagementId, enrollmentPagesByEngagementId } from "./benefit.loaders";
import { firstEligibleDate, ineligibilityReasons, type EligibilityEngagement, type IneligibilityFinding } from "./benefit-eligibility";
import { toBenefitPlan, type BenefitPlanRow } from "./benefit-plan.type";
import { toBenefitEnrollment, type BenefitCoverageTier, type BenefitEnrollment, type BenefitEnrollmentRow } from "./benefit-enrollment.type";
import { BenefitEligibility, BenefitIneligibility } from "./benefit-eligibility.type";
import type { ChangeBenefitElectionInput, EligibleBenefitsArgs, EndBenefitEnrollmentInput, EnrollInBenefitInput } from "./benefit.input";

/** Kinds a coverage tier applies to. */
const TIERED_KINDS = new Set(["MEDICAL", "DENTAL", "VISION", "US_HSA", "CA_HEALTH_DENTAL"]);

/** An enrollment in its events: kind, plan, dates and election amounts (pay data), nothing identifying. */
function enrollmentSnapshot(row: BenefitEnrollmentRow) {
  return {
    engagementId: row.engagementId,
    planId: row.planId,
    kind: row.kind,
    status: row.status,
    electedAmount: row.electedAmount,
    electedPercentBasisPoints: row.electedPercentBasisPoints,
    coverageTier: row.coverageTier,
    coverageAmount: row.coverageAmount,
    currency: row.currency,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    previousEnrollmentId: row.previousEnrollmentId,
    version: row.version,
  };
}

interface Election {
  electedAmount: number | null;
  electedPercentBasisPoints: number | null;
  coverageTier: BenefitCoverageTier | null;
  coverageAmount: number | null;
}

/** Where a finding of the eligibility rules lands in `enrollInBenefit`'s input, and its code. */
function userErrorOfFinding(f: IneligibilityFinding, conflictingId: string | null): UserError {
  switch (f.code) {
    case "WAITING_PERIOD":
    case "ENGAGEMENT_ENDED":
      return userError(["effectiveFrom"], UserErrorCode.NOT_ELIGIBLE, f.message);
    case "OUTSIDE_PLAN_YEAR":
      return userError(["effectiveFrom"], UserErrorCode.EFFECTIVE_DATE_OUTSIDE_PLAN_YEAR, f.message);
    case "ALREADY_ENROLLED":
      return userError(["benefitPlanId"], UserErrorCode.ENROLLMENT_OVERLAP, f.message, conflictingId);
    case "PLAN_NOT_ACTIVE":
    case "NOT_OFFERED":
    case "OTHER_COUNTRY":
    case "OTHER_JURISDICTION":
      return userError(["benefitPlanId"], UserErrorCode.NOT_ELIGIBLE, f.message);
    case "CONTRACTOR":
    case "HOURS_BELOW_MINIMUM":
      return userError(["engagementId"], UserErrorCode.NOT_ELIGIBLE, f.message);
  }
}

/**
 * Enrollments and eligibility. Reads need `benefits:read`, enrolling and changing `benefits:write`; every
 * engagement and enrollment is tenant-checked (another client's is NOT_FOUND). Each change records an event in
 * its transaction; enrollments of one engagement and kind are serialized by an advisory lock, so the no-overlap
 * rule holds under concurrency.
 */
export class BenefitEnrollmentService {
  constructor(private readonly ctx: Context) {}

  async byId(id: string) {
    this.ctx.principal.assertScope("benefits:read");
    const row = await this.ctx.loaders.get(benefitEnrollmentById).load(id);
    return row ? toBenefitEnrollment(row) : null;
  }

  async ofEngagement(engagementId: string, args: ConnectionArgs) {
    this.ctx.principal.assertScope("benefits:read");
    const request = toPageRequest(args);
    const page = await this.ctx.loaders.get(enrollmentPagesByEngagementId).load({ parentId: engagementId, request });
    return toConnection(page, toBenefitEnrollment, () => this.ctx.loaders.get(enrollmentCountByEngagementId).load(engagementId));
  }

  /** The facts of an engagement the eligibility rules read; `enrolledInKind` is filled per plan by the caller. */
  private async eligibilityFacts(engagement: EngagementRow, asOf: string): Promise<Omit<EligibilityEngagement, "enrolledInKind">> {
    const compensations = await this.ctx.loaders.get(compensationsByEngagementId).load(engagement.id);
    const sorted = [...compensations].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
    const inEffect = sorted.filter((c) => c.effectiveFrom <= asOf).pop() ?? sorted[0] ?? null;
    return {
      classification: engagement.classification,
      employmentModel: engagement.employmentModel,
      workJurisdiction: engagement.workJurisdiction,
      startDate: engagement.startDate,
      endDate: engagement.endDate,
      scheduledHundredthsPerWeek: engagement.scheduledHundredthsPerWeek,
      compensationBasis: inEffect?.basis ?? null,
    };
  }

  private static planFacts(plan: BenefitPlanRow) {
    return {
      kind: plan.kind,
      country: plan.country,
      jurisdictions: plan.jurisdictions,
      planYearStart: plan.planYearStart,
      planYearEnd: plan.planYearEnd,
      waitingPeriodDays: plan.waitingPeriodDays,
      minHundredthsPerWeek: plan.minHundredthsPerWeek,
      status: plan.status,
      clientPlan: plan.clientId !== null,
    };
  }

  /** `eligibleBenefits`: a page of the plans offered to the engagement, each with the reasons it may not enroll on `asOf`. */
  async eligible(args: EligibleBenefitsArgs) {
    const { db, principal, loaders } = this.ctx;
    principal.assertScope("benefits:read");
    const engagementId = requireGlobalId(args.engagementId, "Engagement", "engagementId");
    const asOf = args.asOf ?? todayUtc();
    const request = toPageRequest(args);
    const engagement = await loaders.get(engagementById).load(engagementId);
    if (engagement === null) throw badInput("No such engagement", { argument: "engagementId" });
    const facts = await this.eligibilityFacts(engagement, asOf);
    const enrolled = await benefitRepository.enrolledKinds(db, principal.tenants, engagement.id, asOf);
    const rows = await benefitRepository.offeredPage(db, principal.tenants, engagement, request);
    const toEligibility = (plan: BenefitPlanRow) => {
      const reasons = ineligibilityReasons(BenefitEnrollmentService.planFacts(plan), { ...facts, enrolledInKind: enrolled.has(plan.kind) }, asOf);
      return Object.assign(new BenefitEligibility(), {
        plan: toBenefitPlan(plan),
        eligible: reasons.length === 0,
        eligibleFrom: firstEligibleDate(engagement.startDate, plan.waitingPeriodDays),
        reasons: reasons.map((r) => Object.assign(new BenefitIneligibility(), r)),
      });
    };
    return toConnection(toPage(rows, request), toEligibility, () => benefitRepository.offeredCount(db, principal.tenants, engagement));
  }

  /** The election of an input against the plan's method; userErrors at the input's fields. */
  private readElection(
    errors: UserErrors,
    plan: BenefitPlanRow,
    input: { electedAmount?: MoneyInput | null; electedPercentBasisPoints?: number | null; coverageTier?: BenefitCoverageTier | null; coverageAmount?: MoneyInput | null },
  ): Election | null {
    const before = errors.list.length;
    const currency = currencyOf(plan.country);
    const election: Election = { electedAmount: null, electedPercentBasisPoints: null, coverageTier: input.coverageTier ?? null, coverageAmount: null };
    if (input.electedAmount != null) {
      if (plan.employeeMethod !== "FIXED_PER_PERIOD")
        errors.add(
          ["electedAmount"],
          UserErrorCode.INVALID_CONTRIBUTION_RULE,
          `The plan's employee contribution is ${plan.employeeMethod}: electedAmount is for FIXED_PER_PERIOD plans`,
        );
      else election.electedAmount = readMoneyInput(errors, ["electedAmount"], input.electedAmount, currency);
    } else if (plan.employeeMethod === "FIXED_PER_PERIOD" && plan.employeeAmount === null) {
      errors.add(["electedAmount"], UserErrorCode.ELECTION_REQUIRED, "The plan sets no employee amount: elect one (electedAmount)");
    }
    if (input.electedPercentBasisPoints != null) {
      if (plan.employeeMethod !== "PERCENT_OF_GROSS")
        errors.add(
          ["electedPercentBasisPoints"],
          UserErrorCode.INVALID_CONTRIBUTION_RULE,
          `The plan's employee contribution is ${plan.employeeMethod}: electedPercentBasisPoints is for PERCENT_OF_GROSS plans`,
        );
      else if (!Number.isInteger(input.electedPercentBasisPoints) || input.electedPercentBasisPoints < 0 || input.electedPercentBasisPoints > 10_000) {
        errors.add(["electedPercentBasisPoints"], UserErrorCode.INVALID_INPUT, "electedPercentBasisPoints must be an integer between 0 and 10000");
      } else election.electedPercentBasisPoints = input.electedPercentBasisPoints;
    } else if (plan.employeeMethod === "PERCENT_OF_GROSS" && plan.employeePercentBasisPoints === null) {
      errors.add(["electedPercentBasisPoints"], UserErrorCode.ELECTION_REQUIRED, "The plan sets no employee percent: elect one (electedPercentBasisPoints)");
    }
    if (input.coverageTier != null && !TIERED_KINDS.has(plan.kind)) errors.add(["coverageTier"], UserErrorCode.INVALID_INPUT, `A ${plan.kind} plan has no coverage tiers`);
    if (input.coverageAmount != null) {
      if (plan.kind !== "GROUP_TERM_LIFE") errors.add(["coverageAmount"], UserErrorCode.INVALID_INPUT, "coverageAmount is for GROUP_TERM_LIFE plans only");
      else election.coverageAmount = readMoneyInput(errors, ["coverageAmount"], input.coverageAmount, currency, { positive: true });
    } else if (plan.kind === "GROUP_TERM_LIFE") {
      errors.add(["coverageAmount"], UserErrorCode.ELECTION_REQUIRED, "A GROUP_TERM_LIFE enrollment states its coverage amount");
    }
    return errors.list.length > before ? null : election;
  }

  async enroll(input: EnrollInBenefitInput): Promise<CommandResult<BenefitEnrollment>> {
    const { principal, db, loaders } = this.ctx;
    principal.assertScope("benefits:write");
    const errors = new UserErrors();
    const engagementId = parseGlobalId(input.engagementId, "Engagement");
    const planId = parseGlobalId(input.benefitPlanId, "BenefitPlan");
    if (engagementId === null) errors.add(["engagementId"], UserErrorCode.INVALID_ID, "engagementId is not a valid Engagement ID");
    if (planId === null) errors.add(["benefitPlanId"], UserErrorCode.INVALID_ID, "benefitPlanId is not a valid BenefitPlan ID");
    const engagement = engagementId === null ? null : await loaders.get(engagementById).load(engagementId);
    const plan = planId === null ? null : await loaders.get(benefitPlanById).load(planId);
    if (engagementId !== null && engagement === null) errors.add(["engagementId"], UserErrorCode.NOT_FOUND, "No such engagement");
    // A plan offered to another client (its own PEO plan) is answered like a missing one.
    const offered =
      plan !== null && engagement !== null && (plan.clientId === engagement.clientId || (plan.clientId === null && plan.employerEntityId === engagement.employerEntityId));
    if (planId !== null && (plan === null || (engagement !== null && !offered)))
      errors.add(["benefitPlanId"], UserErrorCode.NOT_FOUND, "No such benefit plan offered to this engagement");
    if (errors.any || engagement === null || plan === null) return rejectedBy(errors);

    if (input.effectiveTo != null && input.effectiveTo < input.effectiveFrom)
      errors.add(["effectiveTo"], UserErrorCode.INVALID_DATE_RANGE, "effectiveTo must be on or after effectiveFrom");
    else if (input.effectiveTo != null && input.effectiveTo > plan.planYearEnd) {
      errors.add(["effectiveTo"], UserErrorCode.EFFECTIVE_DATE_OUTSIDE_PLAN_YEAR, `effectiveTo must be on or before the plan year's end (${plan.planYearEnd})`);
    }
    const facts = await this.eligibilityFacts(engagement, input.effectiveFrom);
    const findings = ineligibilityReasons(BenefitEnrollmentService.planFacts(plan), { ...facts, enrolledInKind: false }, input.effectiveFrom);
    for (const f of findings) errors.list.push(userErrorOfFinding(f, null));
    const election = this.readElection(errors, plan, input);
    if (errors.any || election === null) return rejectedBy(errors);

    const coveredThrough = input.effectiveTo ?? plan.planYearEnd;
    return withConstraintErrors(async () => {
      const result = await db.transaction(async (tx): Promise<CommandResult<BenefitEnrollmentRow>> => {
        await benefitRepository.lockEngagementKind(tx, engagement.id, plan.kind);
        const holder = await benefitRepository.overlapping(tx, engagement.id, plan.kind, input.effectiveFrom, coveredThrough);
        if (holder !== null) {
          return failed(
            userError(
              ["effectiveFrom"],
              UserErrorCode.ENROLLMENT_OVERLAP,
              `The engagement already has a ${plan.kind} enrollment over these dates: change or end it`,
              conflictingIdFor(principal, "BenefitEnrollment", holder),
            ),
          );
        }
        const created = await benefitRepository.insertEnrollment(tx, {
          id: newId(),
          clientId: engagement.clientId,
          engagementId: engagement.id,
          planId: plan.id,
          kind: plan.kind,
          currency: currencyOf(plan.country),
          ...election,
          effectiveFrom: input.effectiveFrom,
          effectiveTo: input.effectiveTo ?? null,
        });
        await recordEvent(tx, {
          clientId: created.clientId,
          type: "benefitEnrollment.created",
          objectType: "BenefitEnrollment",
          objectId: created.id,
          actor: principal.actor,
          after: enrollmentSnapshot(created),
        });
        return succeeded(created);
      });
      return result.ok ? succeeded(toBenefitEnrollment(result.value)) : result;
    });
  }

  /** Reads and locks an ACTIVE enrollment for a change (with its plan), or the userError why not. */
  private async lockActive(
    tx: Parameters<Parameters<Context["db"]["transaction"]>[0]>[0],
    id: string,
    expectedVersion: number,
  ): Promise<{ ok: true; row: BenefitEnrollmentRow; plan: BenefitPlanRow } | { ok: false; error: UserError }> {
    const { principal } = this.ctx;
    const row = await benefitRepository.lockEnrollment(tx, principal.tenants, id);
    if (row === null) return { ok: false, error: userError(["benefitEnrollmentId"], UserErrorCode.NOT_FOUND, "Benefit enrollment not found") };
    const stale = staleVersion("benefit enrollment", row.version, expectedVersion, canRead(principal, "BenefitEnrollment"));
    if (stale) return { ok: false, error: stale };
    if (row.status !== "ACTIVE")
      return { ok: false, error: userError(["benefitEnrollmentId"], UserErrorCode.ILLEGAL_STATUS_TRANSITION, `The enrollment is ${row.status}: only an ACTIVE one changes`) };
    const [plan] = await benefitRepository.plansByIds(tx, { all: true }, [row.planId]);
    return { ok: true, row, plan };
  }

  async changeElection(input: ChangeBenefitElectionInput): Promise<CommandResult<{ benefitEnrollment: BenefitEnrollment; previousEnrollment: BenefitEnrollment | null }>> {
    const { principal, db, loaders } = this.ctx;
    principal.assertScope("benefits:write");
    const errors = new UserErrors();
    const id = parseGlobalId(input.benefitEnrollmentId, "BenefitEnrollment");
    if (id === null) errors.add(["benefitEnrollmentId"], UserErrorCode.INVALID_ID, "benefitEnrollmentId is not a valid BenefitEnrollment ID");
    expectedVersionRule(errors, input.expectedVersion);
    const current = id === null ? null : await loaders.get(benefitEnrollmentById).load(id);
    if (id !== null && current === null) errors.add(["benefitEnrollmentId"], UserErrorCode.NOT_FOUND, "Benefit enrollment not found");
    if (errors.any || id === null || current === null) return rejectedBy(errors);
    const [plan] = await benefitRepository.plansByIds(db, { all: true }, [current.planId]);
    const election = this.readElection(errors, plan, input);
    if (errors.any || election === null) return rejectedBy(errors);

    return withConstraintErrors(async () => {
      const result = await db.transaction(async (tx): Promise<CommandResult<{ after: BenefitEnrollmentRow; previous: BenefitEnrollmentRow | null }>> => {
        await benefitRepository.lockEngagementKind(tx, current.engagementId, current.kind);
        const locked = await this.lockActive(tx, id, input.expectedVersion);
        if (!locked.ok) return failed(locked.error);
        const before = locked.row;
        const through = before.effectiveTo ?? locked.plan.planYearEnd;
        if (input.effectiveFrom < before.effectiveFrom || input.effectiveFrom > through) {
          return failed(
            userError(
              ["effectiveFrom"],
              UserErrorCode.EFFECTIVE_DATE_OUT_OF_RANGE,
              `The new election must start within the enrollment's dates (${before.effectiveFrom} to ${through})`,
            ),
          );
        }
        if (input.effectiveFrom === before.effectiveFrom) {
          // Same first day: the election is replaced in place (no period can have read the old one on its own).
          const after = await benefitRepository.updateEnrollment(tx, principal.tenants, id, input.expectedVersion, election);
          if (after === null) throw new Error("benefit enrollment row locked but not updated");
          await recordEvent(tx, {
            clientId: after.clientId,
            type: "benefitEnrollment.electionChanged",
            objectType: "BenefitEnrollment",
            objectId: id,
            actor: principal.actor,
            before: enrollmentSnapshot(before),
            after: enrollmentSnapshot(after),
          });
          return succeeded({ after, previous: null });
        }
        const ended: BenefitEnrollmentChanges = { status: "SUPERSEDED", effectiveTo: addDays(input.effectiveFrom, -1) };
        const previous = await benefitRepository.updateEnrollment(tx, principal.tenants, id, input.expectedVersion, ended);
        if (previous === null) throw new Error("benefit enrollment row locked but not updated");
        const created = await benefitRepository.insertEnrollment(tx, {
          id: newId(),
          clientId: before.clientId,
          engagementId: before.engagementId,
          planId: before.planId,
          kind: before.kind,
          currency: before.currency,
          ...election,
          effectiveFrom: input.effectiveFrom,
          effectiveTo: before.effectiveTo,
          previousEnrollmentId: before.id,
        });
        await recordEvent(tx, {
          clientId: previous.clientId,
          type: "benefitEnrollment.electionChanged",
          objectType: "BenefitEnrollment",
          objectId: id,
          actor: principal.actor,
          before: enrollmentSnapshot(before),
          after: enrollmentSnapshot(previous),
        });
        await recordEvent(tx, {
          clientId: created.clientId,
          type: "benefitEnrollment.created",
          objectType: "BenefitEnrollment",
          objectId: created.id,
          actor: principal.actor,
          after: enrollmentSnapshot(created),
        });
        return succeeded({ after: created, previous });
      });
      return result.ok
        ? succeeded({ benefitEnrollment: toBenefitEnrollment(result.value.after), previousEnrollment: result.value.previous && toBenefitEnrollment(result.value.previous) })
        : result;
    });
  }

  async end(input: EndBenefitEnrollmentInput): Promise<CommandResult<BenefitEnrollment>> {
    const { principal, db } = this.ctx;
    principal.assertScope("benefits:write");
    const errors = new UserErrors();
    const id = parseGlobalId(input.benefitEnrollmentId, "BenefitEnrollment");
    if (id === null) errors.add(["benefitEnrollmentId"], UserErrorCode.INVALID_ID, "benefitEnrollmentId is not a valid BenefitEnrollment ID");
    expectedVersionRule(errors, input.expectedVersion);
    if (errors.any || id === null) return rejectedBy(errors);
    return withConstraintErrors(async () => {
      const result = await db.transaction(async (tx): Promise<CommandResult<BenefitEnrollmentRow>> => {
        const locked = await this.lockActive(tx, id, input.expectedVersion);
        if (!locked.ok) return failed(locked.error);
        const before = locked.row;
        const through = before.effectiveTo ?? locked.plan.planYearEnd;
        if (input.endDate < before.effectiveFrom || input.endDate > through) {
          return failed(userError(["endDate"], UserErrorCode.EFFECTIVE_DATE_OUT_OF_RANGE, `endDate must be within the enrollment's dates (${before.effectiveFrom} to ${through})`));
        }
        const after = await benefitRepository.updateEnrollment(tx, principal.tenants, id, input.expectedVersion, { status: "ENDED", effectiveTo: input.endDate });
        if (after === null) throw new Error("benefit enrollment row locked but not updated");
        await recordEvent(tx, {
          clientId: after.clientId,
          type: "benefitEnrollment.ended",
          objectType: "BenefitEnrollment",
          objectId: id,
          actor: principal.actor,
          before: enrollmentSnapshot(before),
          after: enrollmentSnapshot(after),
        });
        return succeeded(after);
      });
      return result.ok ? succeeded(toBenefitEnrollment(result.value)) : result;
    });
  }
}
