import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { Money, money } from "../../shared/money";
import { toGlobalId } from "../../shared/global-id";
import { COMPENSATION_BASES, type CompensationBasisValue } from "../../shared/classification";
import { enumObject } from "../../shared/enum-object";
import type { compensations } from "./engagement.table";

export type CompensationRow = typeof compensations.$inferSelect;

/** The compensation bases of src/shared/classification.ts (also the `compensation_basis` database enum's values). */
export const CompensationBasis = enumObject(COMPENSATION_BASES);
export type CompensationBasis = CompensationBasisValue;
registerEnumType(CompensationBasis, {
  name: "CompensationBasis",
  description:
    "How the worker is paid, and what `amount` means. Allowed bases by classification: employees (`US_W2_EMPLOYEE`, `CA_T4_EMPLOYEE`) SALARY or HOURLY; contractors (`US_1099_CONTRACTOR`, `CA_T4A_CONTRACTOR`) HOURLY or FIXED_FEE. Anything else is refused with `COMPENSATION_BASIS_NOT_ALLOWED`.",
  valuesConfig: {
    SALARY: { description: "Annual salary: `amount` is per year. Employees only." },
    HOURLY: { description: "Hourly rate: `amount` is per hour worked. Employees and contractors." },
    FIXED_FEE: { description: "Fixed fee: `amount` is per pay period. Contractors only." },
  },
});

@ObjectType("Compensation", {
  simpleResolvers: true,
  implements: Node,
  description: "One effective-dated compensation of an engagement. The compensation in effect on a date is the one with the latest `effectiveFrom` on or before that date.",
})
export class Compensation implements Node {
  id!: string;
  readonly nodeType = "Compensation" as const;
  /** Database uuids; not fields. */
  dbId!: string;
  clientDbId!: string;
  engagementDbId!: string;

  @Field(() => CompensationBasis, { description: "How the worker is paid; decides what `amount` means." })
  basis!: CompensationBasis;

  @Field(() => Money, {
    description: "SALARY: annual salary; HOURLY: rate per hour; FIXED_FEE: fee per pay period. In the work country's currency.",
  })
  amount!: Money;

  @Field(() => DateScalar, { description: "First day this compensation applies (within the engagement's dates)." })
  effectiveFrom!: string;

  @Field(() => String, { nullable: true, description: 'Why it changed: the `reason` given to `changeCompensation`, or "Hire" for the first compensation.' })
  reason!: string | null;

  @Field(() => DateTimeScalar, { description: "When this compensation was recorded." })
  createdAt!: Date;
}

export function toCompensation(row: CompensationRow): Compensation {
  const compensation = new Compensation();
  compensation.id = toGlobalId("Compensation", row.id);
  compensation.dbId = row.id;
  compensation.clientDbId = row.clientId;
  compensation.engagementDbId = row.engagementId;
  compensation.basis = row.basis;
  compensation.amount = money(row.amount, row.currency);
  compensation.effectiveFrom = row.effectiveFrom;
  compensation.reason = row.reason;
  compensation.createdAt = row.createdAt;
  return compensation;
}
