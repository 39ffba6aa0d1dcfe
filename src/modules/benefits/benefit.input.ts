import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { ConnectionArgs } from "../../shared/pagination";
import { DateScalar, DecimalScalar } from "../../shared/scalars";
import { CountryCode } from "../../shared/country.enum";
import { MoneyInput } from "../../shared/money";
import { BenefitKind } from "./benefit-kind.enum";
import { BenefitContributionMethod, BenefitPlanStatus, MAX_MATCH_TIERS } from "./benefit-plan.type";
import { BenefitCoverageTier } from "./benefit-enrollment.type";

@InputType({ description: "One tier of an employer match." })
export class BenefitMatchTierInput {
  @Field(() => Int, { description: "Share of the employee's contribution matched, basis points, 1-10000 (10000 = 100 %)." })
  rateBasisPoints!: number;

  @Field(() => Int, { description: "Width of the tier in basis points of gross, 1-10000, after the previous tiers (300 = the next 3 %)." })
  upToBasisPoints!: number;
}

@InputType({ description: "How one side contributes each pay period. Give the field of the method only." })
export class BenefitContributionRuleInput {
  @Field(() => BenefitContributionMethod, { description: "NONE, FIXED_PER_PERIOD, PERCENT_OF_GROSS, or MATCH (employer only)." })
  method!: BenefitContributionMethod;

  @Field(() => MoneyInput, {
    nullable: true,
    description: "FIXED_PER_PERIOD: amount per pay period in the plan country's currency. Required for the employer; for the employee, the default (null: each enrollment elects).",
  })
  amount?: MoneyInput | null;

  @Field(() => Int, {
    nullable: true,
    description: "PERCENT_OF_GROSS: basis points of gross, 0-10000. Required for the employer; for the employee, the default (null: each enrollment elects).",
  })
  percentBasisPoints?: number | null;

  @Field(() => [BenefitMatchTierInput], { nullable: true, description: `MATCH: 1-${MAX_MATCH_TIERS} tiers whose widths add up to at most 10000 (100 % of gross).` })
  matchTiers?: BenefitMatchTierInput[] | null;
}

@InputType({ description: "A new benefit plan (operators only)." })
export class CreateBenefitPlanInput {
  @Field(() => ID, {
    nullable: true,
    description: "For a PEO plan: the client offering it (it needs its own legal entity in the country). Null: a plan of the EOR's employer entity of `country`.",
  })
  clientId?: string | null;

  @Field(() => BenefitKind, { description: "What the plan provides (US_… kinds in the US, CA_… kinds in Canada)." })
  kind!: BenefitKind;

  @Field(() => String, { description: "Name, 1-100 characters." })
  name!: string;

  @Field(() => CountryCode, { description: "Country of the engagements it covers." })
  country!: CountryCode;

  @Field(() => [String], { nullable: true, description: "Work jurisdictions (ISO 3166-2 subdivisions of `country`) it covers; null or empty: the whole country. At most 64." })
  jurisdictions?: string[] | null;

  @Field(() => String, { description: "Carrier, administrator or trustee paid by BENEFIT_CARRIER remittances (an organization's name), 1-200 characters." })
  carrierName!: string;

  @Field(() => DateScalar, { description: "First day of the plan year." })
  planYearStart!: string;

  @Field(() => DateScalar, { description: "Last day of the plan year: on or after `planYearStart`, at most 366 days later." })
  planYearEnd!: string;

  @Field(() => BenefitContributionRuleInput, { description: "The employee's contribution (NONE, FIXED_PER_PERIOD or PERCENT_OF_GROSS)." })
  employeeContribution!: BenefitContributionRuleInput;

  @Field(() => BenefitContributionRuleInput, { nullable: true, description: "The employer's contribution; null: NONE." })
  employerContribution?: BenefitContributionRuleInput | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 0,
    description: "Days from the engagement's start date before coverage may start: at most 90 for MEDICAL (PHS Act §2708), 365 for 401(k) (IRC §410(a)). Default 0.",
  })
  waitingPeriodDays?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Minimum scheduled hours per week, 0-168 (e.g. "30"); null: no minimum.' })
  minimumHoursPerWeek?: string | null;
}

@InputType({ description: "Changes to a benefit plan. Omitted fields are unchanged. Kind, country, client and plan year are fixed: a new plan year is a new plan." })
export class UpdateBenefitPlanInput {
  @Field(() => ID, { description: "The plan (global ID)." })
  benefitPlanId!: string;

  @Field(() => Int, { description: "The `version` the caller last read; a different current version is a `STALE_VERSION` userError and nothing changes." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: "New name, 1-100 characters." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "New carrier name, 1-200 characters." })
  carrierName?: string | null;

  @Field(() => [String], { nullable: true, description: "New jurisdictions; empty: the whole country." })
  jurisdictions?: string[] | null;

  @Field(() => BenefitContributionRuleInput, { nullable: true, description: "New employee contribution; applies to periods calculated from now on." })
  employeeContribution?: BenefitContributionRuleInput | null;

  @Field(() => BenefitContributionRuleInput, { nullable: true, description: "New employer contribution; applies to periods calculated from now on." })
  employerContribution?: BenefitContributionRuleInput | null;

  @Field(() => Int, { nullable: true, description: "New waiting period in days (existing enrollments are not re-checked)." })
  waitingPeriodDays?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: "New minimum scheduled hours per week (existing enrollments are not re-checked)." })
  minimumHoursPerWeek?: string | null;
}

@InputType({ description: "Closes a plan to new enrollments." })
export class RetireBenefitPlanInput {
  @Field(() => ID, { description: "The plan (global ID)." })
  benefitPlanId!: string;

  @Field(() => Int, { description: "The `version` the caller last read." })
  expectedVersion!: number;
}

@InputType({ description: "An engagement's enrollment in a plan from a date." })
export class EnrollInBenefitInput {
  @Field(() => ID, { description: "The engagement (global ID); an employee, eligible on `effectiveFrom` (see `eligibleBenefits`)." })
  engagementId!: string;

  @Field(() => ID, { description: "The plan (global ID), offered to the engagement." })
  benefitPlanId!: string;

  @Field(() => DateScalar, { description: "First day of coverage: inside the plan year, after the waiting period." })
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: "Last day; null: until the plan year ends (at the latest its last day)." })
  effectiveTo?: string | null;

  @Field(() => MoneyInput, {
    nullable: true,
    description: "FIXED_PER_PERIOD plans: the employee amount per pay period; null: the plan's amount (required when the plan has none).",
  })
  electedAmount?: MoneyInput | null;

  @Field(() => Int, {
    nullable: true,
    description: "PERCENT_OF_GROSS plans: the employee percent of gross in basis points, 0-10000 (600 = 6 %); null: the plan's percent (required when the plan has none).",
  })
  electedPercentBasisPoints?: number | null;

  @Field(() => BenefitCoverageTier, { nullable: true, description: "Who is covered (MEDICAL, DENTAL, VISION, US_HSA, CA_HEALTH_DENTAL only)." })
  coverageTier?: BenefitCoverageTier | null;

  @Field(() => MoneyInput, { nullable: true, description: "GROUP_TERM_LIFE only, and required there: the coverage amount." })
  coverageAmount?: MoneyInput | null;
}

@InputType({
  description: "A new election from a date: the current enrollment ends the day before and a new one starts (on the same date as the current one's start, it changes in place).",
})
export class ChangeBenefitElectionInput {
  @Field(() => ID, { description: "The ACTIVE enrollment (global ID)." })
  benefitEnrollmentId!: string;

  @Field(() => Int, { description: "The `version` the caller last read." })
  expectedVersion!: number;

  @Field(() => DateScalar, { description: "First day of the new election: within the enrollment's dates." })
  effectiveFrom!: string;

  @Field(() => MoneyInput, { nullable: true, description: "New employee amount per pay period (FIXED_PER_PERIOD plans); null: the plan's amount." })
  electedAmount?: MoneyInput | null;

  @Field(() => Int, { nullable: true, description: "New employee percent in basis points (PERCENT_OF_GROSS plans); null: the plan's percent." })
  electedPercentBasisPoints?: number | null;

  @Field(() => BenefitCoverageTier, { nullable: true, description: "New coverage tier; null keeps none." })
  coverageTier?: BenefitCoverageTier | null;

  @Field(() => MoneyInput, { nullable: true, description: "GROUP_TERM_LIFE: the new coverage amount (required there)." })
  coverageAmount?: MoneyInput | null;
}

@InputType({ description: "Ends an enrollment on a date." })
export class EndBenefitEnrollmentInput {
  @Field(() => ID, { description: "The ACTIVE enrollment (global ID)." })
  benefitEnrollmentId!: string;

  @Field(() => Int, { description: "The `version` the caller last read." })
  expectedVersion!: number;

  @Field(() => DateScalar, { description: "Last day of coverage: on or after `effectiveFrom`, not after its current last day." })
  endDate!: string;
}

@ArgsType()
export class BenefitPlansArgs extends ConnectionArgs {
  @Field(() => ID, {
    nullable: true,
    description: "Only the plans offered to this client's engagements (its own PEO plans and the EOR plans of the entities employing its engagements).",
  })
  clientId?: string | null;

  @Field(() => CountryCode, { nullable: true, description: "Only plans of this country." })
  country?: CountryCode | null;

  @Field(() => BenefitKind, { nullable: true, description: "Only plans of this kind." })
  kind?: BenefitKind | null;

  @Field(() => BenefitPlanStatus, { nullable: true, description: "Only plans with this status." })
  status?: BenefitPlanStatus | null;
}

@ArgsType()
export class EligibleBenefitsArgs extends ConnectionArgs {
  @Field(() => ID, { description: "The engagement (global ID)." })
  engagementId!: string;

  @Field(() => DateScalar, { nullable: true, description: "The coverage date to check; default today (UTC)." })
  asOf?: string | null;
}
