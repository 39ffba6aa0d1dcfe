import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateScalar, DateTimeScalar, DecimalScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { toGlobalId } from "../../shared/global-id";
import { enumObject } from "../../shared/enum-object";
import { CountryCode } from "../../shared/country.enum";
import { currencyOf } from "../../shared/jurisdiction";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { Money, money } from "../../shared/money";
import { benefitContributionMethodEnum, benefitPlanStatusEnum } from "../../db/enums";
import { formatWeeklyHundredths } from "../engagements/scheduled-hours";
import { BenefitKind } from "./benefit-kind.enum";
import type { benefitPlans, MatchTier } from "./benefit.table";

export type BenefitPlanRow = typeof benefitPlans.$inferSelect;

/** Most tiers an employer match formula has. */
export const MAX_MATCH_TIERS = 5;

export const BenefitContributionMethod = enumObject(benefitContributionMethodEnum.enumValues);
export type BenefitContributionMethod = (typeof benefitContributionMethodEnum.enumValues)[number];
registerEnumType(BenefitContributionMethod, {
  name: "BenefitContributionMethod",
  description: "How a contribution to a benefit plan is computed for each pay period.",
  valuesConfig: {
    NONE: { description: "No contribution (e.g. an employer-paid plan's employee side, or no employer share)." },
    FIXED_PER_PERIOD: { description: "A fixed amount per pay period (e.g. a premium share); the employee's may be elected per enrollment." },
    PERCENT_OF_GROSS: { description: "A percent of the period's gross wages, in basis points (500 = 5 %); the employee's may be elected per enrollment." },
    MATCH: {
      description: "Employer only: a match of the employee's contribution by tiers of gross (e.g. 100 % of the first 3 % plus 50 % of the next 2 %).",
    },
  },
});

export const BenefitPlanStatus = enumObject(benefitPlanStatusEnum.enumValues);
export type BenefitPlanStatus = (typeof benefitPlanStatusEnum.enumValues)[number];
registerEnumType(BenefitPlanStatus, {
  name: "BenefitPlanStatus",
  description: "Whether a plan takes new enrollments.",
  valuesConfig: {
    ACTIVE: { description: "Open: eligible engagements may enroll." },
    RETIRED: { description: "Closed to new enrollments (`retireBenefitPlan`); existing enrollments keep deducting until they end or the plan year ends." },
  },
});

@ObjectType("BenefitMatchTier", { description: "One tier of an employer match: `rate` of the employee's contribution that falls within the next `upTo` of gross." })
export class BenefitMatchTier {
  @Field(() => Int, { description: "Share of the employee's contribution matched, in basis points (10000 = 100 %)." })
  rateBasisPoints!: number;

  @Field(() => Int, { description: "Width of the tier, in basis points of gross wages (300 = the next 3 % of gross), counted after the previous tiers." })
  upToBasisPoints!: number;
}

@ObjectType("BenefitContributionRule", { description: "How one side (employee or employer) contributes to a plan each pay period." })
export class BenefitContributionRule {
  @Field(() => BenefitContributionMethod, { description: "The method." })
  method!: BenefitContributionMethod;

  @Field(() => Money, { nullable: true, description: "FIXED_PER_PERIOD: the amount per pay period (employee side: the default when the enrollment elects none). Null otherwise." })
  amount!: Money | null;

  @Field(() => Int, { nullable: true, description: "PERCENT_OF_GROSS: basis points of gross (employee side: the default when the enrollment elects none). Null otherwise." })
  percentBasisPoints!: number | null;

  @MaxItems(MAX_MATCH_TIERS)
  @Field(() => [BenefitMatchTier], { description: `MATCH: the tiers, in order (at most ${MAX_MATCH_TIERS}); empty otherwise.` })
  matchTiers!: BenefitMatchTier[];
}

@ObjectType("BenefitPlan", {
  simpleResolvers: true,
  implements: Node,
  description:
    "A benefit plan: offered by the EOR's employer entity of a country (open to every client whose engagements it employs) or, for PEO co-employment, by one client (open to that client's PEO employees). Contributions flow into gross-to-net as `DED_<KIND>` and `BEN_ER_<KIND>` lines and to the carrier as a BENEFIT_CARRIER remittance.",
})
export class BenefitPlan implements Node {
  id!: string;
  readonly nodeType = "BenefitPlan" as const;
  /** Database uuids and row; not fields. */
  dbId!: string;
  clientDbId!: string | null;
  employerEntityDbId!: string;
  row!: BenefitPlanRow;

  @Field(() => BenefitKind, { description: "What the plan provides; decides its tax treatment." })
  kind!: BenefitKind;

  @Field(() => String, { description: 'Name, e.g. "Atlas US Medical PPO".' })
  name!: string;

  @Field(() => CountryCode, { description: "Country of the engagements it covers; contributions are in its currency." })
  country!: CountryCode;

  @MaxItems(LIST_LIMITS.subdivisions)
  @Field(() => [String], { description: `Work jurisdictions (ISO 3166-2) it covers, at most ${LIST_LIMITS.subdivisions}; empty: the whole country.` })
  jurisdictions!: string[];

  @Field(() => String, { description: "The carrier, administrator or trustee the contributions are remitted to (BENEFIT_CARRIER payee)." })
  carrierName!: string;

  @Field(() => DateScalar, { description: "First day of the plan year." })
  planYearStart!: string;

  @Field(() => DateScalar, { description: "Last day of the plan year: enrollments end on it at the latest." })
  planYearEnd!: string;

  @Field(() => BenefitContributionRule, { description: "The employee's contribution per pay period." })
  employeeContribution!: BenefitContributionRule;

  @Field(() => BenefitContributionRule, { description: "The employer's contribution per pay period." })
  employerContribution!: BenefitContributionRule;

  @Field(() => Int, { description: "Days from the engagement's start date before coverage may start (0: from the start date)." })
  waitingPeriodDays!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Minimum scheduled hours per week (e.g. "30.00"); null: no minimum.' })
  minimumHoursPerWeek!: string | null;

  @Field(() => BenefitPlanStatus, { description: "ACTIVE or RETIRED." })
  status!: BenefitPlanStatus;

  @Field(() => Int, { description: "Optimistic-lock version: pass it as `expectedVersion` to `updateBenefitPlan` and `retireBenefitPlan`." })
  version!: number;

  @Field(() => DateTimeScalar, { description: "When the plan was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the plan last changed." })
  updatedAt!: Date;
}

export const BenefitPlanConnection = ConnectionType(BenefitPlan, "BenefitPlan", "benefit plans");

function rule(method: BenefitContributionMethod, amount: number | null, percent: number | null, tiers: MatchTier[] | null, currency: string): BenefitContributionRule {
  return Object.assign(new BenefitContributionRule(), {
    method,
    amount: method === "FIXED_PER_PERIOD" && amount !== null ? money(amount, currency) : null,
    percentBasisPoints: method === "PERCENT_OF_GROSS" ? percent : null,
    matchTiers: method === "MATCH" ? (tiers ?? []).map((t) => Object.assign(new BenefitMatchTier(), t)) : [],
  });
}

export function toBenefitPlan(row: BenefitPlanRow): BenefitPlan {
  const currency = currencyOf(row.country);
  return Object.assign(new BenefitPlan(), {
    id: toGlobalId("BenefitPlan", row.id),
    dbId: row.id,
    clientDbId: row.clientId,
    employerEntityDbId: row.employerEntityId,
    row,
    kind: row.kind,
    name: row.name,
    country: row.country,
    jurisdictions: row.jurisdictions,
    carrierName: row.carrierName,
    planYearStart: row.planYearStart,
    planYearEnd: row.planYearEnd,
    employeeContribution: rule(row.employeeMethod, row.employeeAmount, row.employeePercentBasisPoints, null, currency),
    employerContribution: rule(row.employerMethod, row.employerAmount, row.employerPercentBasisPoints, row.employerMatch, currency),
    waitingPeriodDays: row.waitingPeriodDays,
    minimumHoursPerWeek: row.minHundredthsPerWeek === null ? null : formatWeeklyHundredths(row.minHundredthsPerWeek),
    status: row.status,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}
