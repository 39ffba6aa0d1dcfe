import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { ConnectionArgs } from "../../shared/pagination";
import { DateScalar, DateTimeScalar, DecimalScalar } from "../../shared/scalars";
import { MoneyInput } from "../../shared/money";
import { Classification, EmploymentModel, EngagementStatus } from "./engagement.type";
import { CompensationBasis } from "./compensation.type";
import { WORK_LOCALITY_LIST } from "../labor-law/localities";
import { EngagementEndReason } from "../offboarding/termination-reason";

@InputType({ description: "The first compensation of a new engagement." })
export class InitialCompensationInput {
  @Field(() => CompensationBasis, { description: "How the worker is paid (allowed bases depend on the classification)." })
  basis!: CompensationBasis;

  @Field(() => MoneyInput, {
    description: "SALARY: annual salary; HOURLY: rate per hour; FIXED_FEE: fee per pay period. Greater than zero, in the work country's currency.",
  })
  amount!: MoneyInput;

  @Field(() => DateScalar, { nullable: true, description: "First day it applies, within the engagement's dates. Default: `startDate`." })
  effectiveFrom?: string | null;
}

@InputType({ description: "A hire: a new engagement of an existing worker with the worker's client." })
export class HireWorkerInput {
  @Field(() => ID, { description: "The worker (global ID); must be ACTIVE." })
  workerId!: string;

  @Field(() => String, { nullable: true, description: "The integrator's identifier for the engagement (at most 100 characters), unique within the client." })
  externalId?: string | null;

  @Field(() => String, { description: "Job title, 1-200 characters." })
  title!: string;

  @Field(() => String, { description: "Work jurisdiction, a supported ISO 3166-2 subdivision (`US-CA`, `CA-ON`)." })
  workJurisdiction!: string;

  @Field(() => EmploymentModel, { description: "EOR, or PEO where the client has its own legal entity covering the work jurisdiction." })
  employmentModel!: EmploymentModel;

  @Field(() => Classification, { description: "Classification; must exist in the work country. Contractors only under EOR." })
  classification!: Classification;

  @Field(() => DateScalar, { description: "First day of work." })
  startDate!: string;

  @Field(() => DateScalar, { nullable: true, description: "Last day of work of a fixed-term engagement; on or after `startDate`." })
  endDate?: string | null;

  @Field(() => InitialCompensationInput, { description: "The first compensation." })
  compensation!: InitialCompensationInput;

  @Field(() => ID, { nullable: true, description: "Pay schedule (global ID) of the client, in the work country." })
  payScheduleId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Required for a contractor classification (`CLASSIFICATION_ASSESSMENT_REQUIRED` otherwise): a CONTRACTOR assessment (`assessClassification`) of the worker's client, for this work jurisdiction, less than a year old, not serving another engagement; an EMPLOYEE or NEEDS_REVIEW one is `MISCLASSIFICATION_RISK`. A prospective assessment gets linked to the new engagement. Optional for an employee classification (then linked too).",
  })
  classificationAssessmentId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "OPERATOR only (`CLASSIFICATION_OVERRIDE_NOT_ALLOWED` otherwise): why a contractor classification is used without a CONTRACTOR assessment, 1-500 characters. Kept in the classification history; records an `engagement.classificationOverridden` event.",
  })
  classificationOverrideReason?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      "Exempt from overtime (US salaried employees meeting a white-collar exemption). Default false. Refused for contractors, Canadian engagements and non-SALARY pay (`EXEMPT_NOT_ALLOWED`), and below the federal or state salary threshold (`EXEMPT_SALARY_BELOW_THRESHOLD`).",
  })
  exempt?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: `Work locality inside \`workJurisdiction\` whose local minimum wage applies: ${WORK_LOCALITY_LIST}. Omitted: the state or provincial rate is enforced (\`INVALID_WORK_LOCALITY\` otherwise).`,
  })
  workLocality?: string | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Scheduled working hours per week, 0-168 with at most two decimals (e.g. "37.5"). Optional: a SALARY engagement without it counts as 40 for benefits eligibility (a plan\'s minimum scheduled hours); an HOURLY one without it meets no minimum.',
  })
  scheduledHoursPerWeek?: string | null;
}

@InputType({ description: "An effective-dated compensation change." })
export class ChangeCompensationInput {
  @Field(() => ID, { description: "The engagement (global ID); must not have ended." })
  engagementId!: string;

  @Field(() => CompensationBasis, { description: "How the worker is paid from `effectiveFrom` (allowed bases depend on the classification)." })
  basis!: CompensationBasis;

  @Field(() => MoneyInput, {
    description: "SALARY: annual salary; HOURLY: rate per hour; FIXED_FEE: fee per pay period. Greater than zero, in the work country's currency.",
  })
  amount!: MoneyInput;

  @Field(() => DateScalar, { description: "First day the change applies: within the engagement's dates, at most one change per date." })
  effectiveFrom!: string;

  @Field(() => String, { nullable: true, description: 'Why (at most 500 characters), e.g. "Annual review".' })
  reason?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The engagement's `version` the caller last read; when given, a different current version is a `STALE_VERSION` userError and nothing changes.",
  })
  expectedVersion?: number | null;
}

@InputType({ description: "Terminates an engagement." })
export class EndEngagementInput {
  @Field(() => ID, { description: "The engagement (global ID)." })
  engagementId!: string;

  @Field(() => DateScalar, {
    description: "Last day worked: on or after `startDate`, not before a scheduled compensation change, not overlapping a later engagement.",
  })
  endDate!: string;

  @Field(() => String, { nullable: true, description: "Why (at most 500 characters)." })
  reason?: string | null;

  @Field(() => Int, { nullable: true, description: "The `version` the caller last read; when given, a different current version is a `STALE_VERSION` userError." })
  expectedVersion?: number | null;

  @Field(() => EngagementEndReason, {
    nullable: true,
    description:
      'Why it ends: VOLUNTARY, INVOLUNTARY or END_OF_CONTRACT. Pass it for every employee: with it, the final pay is planned (`Engagement.finalPay`: the work jurisdiction\'s legal deadline, an OFF_CYCLE run when the next regular payday is too late, the vacation/PTO payout) and, in Canada, the Record of Employment (`Engagement.recordOfEmployment`). Without it the end is recorded as before and no final pay is planned (README, "Offboarding and final pay"); the offboarding fields below then are an `INVALID_INPUT` userError.',
  })
  terminationReason?: EngagementEndReason | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "Day the notice of a quit (VOLUNTARY) was given: whole days before `endDate` × 24 is the notice in hours (California pays on the last day after at least 72 hours' notice, within 72 hours otherwise). On or before `endDate`.",
  })
  noticeGivenOn?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Last day actually worked when it is before `endDate` (e.g. garden leave); default `endDate`. Wages are paid through `endDate`.",
  })
  lastDayWorked?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Accrued, unused vacation/PTO hours (decimal, at most two decimals, 0-10000). Paid out (line `EARNING_PTO_PAYOUT`: hourly rate × hours; salary ÷ 2080 × hours) where the state requires it (`FinalPay.ptoRule`) or when `payOutPto` is true. Required (`PTO_HOURS_REQUIRED`) for a US employee in a state that requires the payout.",
  })
  unusedPtoHours?: string | null;

  @Field(() => Boolean, { nullable: true, description: "US: the client's policy or contract promises a PTO payout where no statute requires it. Default false." })
  payOutPto?: boolean | null;

  @Field(() => MoneyInput, {
    nullable: true,
    description:
      "Canada: vacation pay owed at the end (e.g. Ontario ESA s. 38: 4% — 6% after five years — of vacationable wages not yet paid as vacation pay), in CAD, zero or more. Required (`VACATION_PAY_OWED_REQUIRED`) for a Canadian employee unless `unusedPtoHours` is given (then hours × rate).",
  })
  vacationPayOwed?: MoneyInput | null;
}

@InputType({ description: "Changes to an engagement. Omitted fields are unchanged; `null` clears `externalId` or `payScheduleId`." })
export class UpdateEngagementInput {
  @Field(() => ID, { description: "The engagement (global ID)." })
  engagementId!: string;

  @Field(() => Int, { description: "The `version` the caller last read; a different current version is a `STALE_VERSION` userError and nothing changes." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: "New job title, 1-200 characters." })
  title?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "New externalId (at most 100 characters), unique within the client (`DUPLICATE_EXTERNAL_ID` with `conflictingId` otherwise); null clears it.",
  })
  externalId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "New pay schedule (global ID) of the engagement's client, in the work country; null removes it (the engagement is then paid by off-cycle runs only). Refused with `PAYROLL_RUN_IN_PROGRESS` (`conflictingId`: the run) while a payroll run that pays the engagement is in flight — CALCULATING, CALCULATED, APPROVED, FUNDED or PAYING, and it has a statement for the engagement or is a REGULAR run of a period of the old or the new schedule — because that run's figures would no longer match its schedule: wait until it is paid, or cancel it (a CALCULATED one can also go back to DRAFT with a one-off earning). DRAFT runs are not affected: their next calculation uses the new schedule. An ENDED engagement's schedule cannot change (`ENGAGEMENT_ENDED`).",
  })
  payScheduleId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "New exempt-from-overtime flag (US salaried employees only); checked against every compensation in effect from today on (`EXEMPT_NOT_ALLOWED`, `EXEMPT_SALARY_BELOW_THRESHOLD`). Applies to payroll runs calculated from then on.",
  })
  exempt?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: `New work locality inside \`workJurisdiction\` (${WORK_LOCALITY_LIST}); null removes it. The compensations in effect from today on must meet its minimum wage.`,
  })
  workLocality?: string | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'New scheduled working hours per week, 0-168 with at most two decimals (e.g. "37.5"); null clears it (a SALARY engagement then counts as 40 for benefits eligibility). Existing benefit enrollments are not re-checked.',
  })
  scheduledHoursPerWeek?: string | null;
}

@ArgsType()
export class ClientEngagementsArgs extends ConnectionArgs {
  @Field(() => EngagementStatus, { nullable: true, description: "Only engagements with this status (as of today)." })
  status?: EngagementStatus | null;

  @Field(() => String, { nullable: true, description: "Only engagements in this work jurisdiction (ISO 3166-2)." })
  workJurisdiction?: string | null;

  @Field(() => Classification, { nullable: true, description: "Only engagements with this classification." })
  classification?: Classification | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Only engagements changed at or after this instant: inclusive (`updatedAt >= updatedSince`), so what changed at that very instant comes again. For incremental sync pass the greatest `updatedAt` already received minus a margin of a few minutes; deleted objects leave `<type>.deleted` events instead (README, Sync recipe).",
  })
  updatedSince?: Date | null;
}

@ArgsType()
export class EngagementsArgs extends ClientEngagementsArgs {
  @Field(() => ID, { nullable: true, description: "Only engagements with this client (global ID)." })
  clientId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only engagements of this worker (global ID)." })
  workerId?: string | null;
}
