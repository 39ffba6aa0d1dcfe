import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { toGlobalId } from "../../shared/global-id";
import { enumObject } from "../../shared/enum-object";
import { Money, money } from "../../shared/money";
import { benefitCoverageTierEnum, benefitEnrollmentStatusEnum } from "../../db/enums";
import { BenefitKind } from "./benefit-kind.enum";
import type { benefitEnrollments } from "./benefit.table";

export type BenefitEnrollmentRow = typeof benefitEnrollments.$inferSelect;

export const BenefitEnrollmentStatus = enumObject(benefitEnrollmentStatusEnum.enumValues);
export type BenefitEnrollmentStatus = (typeof benefitEnrollmentStatusEnum.enumValues)[number];
registerEnumType(BenefitEnrollmentStatus, {
  name: "BenefitEnrollmentStatus",
  description: "Where an enrollment is. Its dates say when it deducts.",
  valuesConfig: {
    ACTIVE: { description: "In force from `effectiveFrom` (possibly in the future) to `effectiveTo` or the end of the plan year." },
    SUPERSEDED: { description: "Replaced by a changed election (`changeBenefitElection`): `effectiveTo` is the day before the new enrollment's `effectiveFrom`. Final." },
    ENDED: { description: "Ended by `endBenefitEnrollment`: `effectiveTo` is its last day. Final." },
  },
});

export const BenefitCoverageTier = enumObject(benefitCoverageTierEnum.enumValues);
export type BenefitCoverageTier = (typeof benefitCoverageTierEnum.enumValues)[number];
registerEnumType(BenefitCoverageTier, {
  name: "BenefitCoverageTier",
  description: "Who an enrollment covers (health plans and HSA: the HSA's annual limit is the self-only one for EMPLOYEE_ONLY and the family one otherwise).",
  valuesConfig: {
    EMPLOYEE_ONLY: { description: "The employee alone (HSA: self-only coverage)." },
    EMPLOYEE_SPOUSE: { description: "The employee and a spouse or partner." },
    EMPLOYEE_CHILDREN: { description: "The employee and children." },
    FAMILY: { description: "The employee and family." },
  },
});

@ObjectType("BenefitEnrollment", {
  simpleResolvers: true,
  implements: Node,
  description:
    "One engagement's enrollment in one benefit plan over a date range, with the employee's election. Per engagement and benefit kind the ranges never overlap. Each pay period of a REGULAR run deducts once per plan, from the enrollment in effect latest in the period.",
})
export class BenefitEnrollment implements Node {
  id!: string;
  readonly nodeType = "BenefitEnrollment" as const;
  /** Database uuids and row; not fields. */
  dbId!: string;
  clientDbId!: string;
  engagementDbId!: string;
  planDbId!: string;
  row!: BenefitEnrollmentRow;

  @Field(() => BenefitKind, { description: "The plan's kind." })
  kind!: BenefitKind;

  @Field(() => BenefitEnrollmentStatus, { description: "ACTIVE, SUPERSEDED or ENDED." })
  status!: BenefitEnrollmentStatus;

  @Field(() => Money, { nullable: true, description: "Elected employee amount per pay period (FIXED_PER_PERIOD plans); null: the plan's amount." })
  electedAmount!: Money | null;

  @Field(() => Int, { nullable: true, description: "Elected employee percent of gross in basis points (PERCENT_OF_GROSS plans, e.g. 600 = 6 %); null: the plan's percent." })
  electedPercentBasisPoints!: number | null;

  @Field(() => BenefitCoverageTier, { nullable: true, description: "Who is covered (health plans, HSA); null when not stated." })
  coverageTier!: BenefitCoverageTier | null;

  @Field(() => Money, { nullable: true, description: "GROUP_TERM_LIFE: the coverage amount (over $50,000 is imputed income in the US). Null for other kinds." })
  coverageAmount!: Money | null;

  @Field(() => DateScalar, { description: "First day of coverage and deductions." })
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: "Last day (inclusive); null: until the plan year ends." })
  effectiveTo!: string | null;

  @Field(() => Int, { description: "Optimistic-lock version: pass it as `expectedVersion` to `changeBenefitElection` and `endBenefitEnrollment`." })
  version!: number;

  @Field(() => DateTimeScalar, { description: "When the enrollment was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When it last changed." })
  updatedAt!: Date;
}

export const BenefitEnrollmentConnection = ConnectionType(BenefitEnrollment, "BenefitEnrollment", "benefit enrollments");

export function toBenefitEnrollment(row: BenefitEnrollmentRow): BenefitEnrollment {
  const currency = row.currency;
  return Object.assign(new BenefitEnrollment(), {
    id: toGlobalId("BenefitEnrollment", row.id),
    dbId: row.id,
    clientDbId: row.clientId,
    engagementDbId: row.engagementId,
    planDbId: row.planId,
    row,
    kind: row.kind,
    status: row.status,
    electedAmount: row.electedAmount === null ? null : money(row.electedAmount, currency),
    electedPercentBasisPoints: row.electedPercentBasisPoints,
    coverageTier: row.coverageTier,
    coverageAmount: row.coverageAmount === null ? null : money(row.coverageAmount, currency),
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}
