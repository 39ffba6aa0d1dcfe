import { Field, ObjectType } from "type-graphql";
import { LINE_CODES_DESCRIPTION } from "../payroll/engine/line-codes";
import { PayrollBlockerCodeEnum } from "../payroll/payroll-blocker-code.enum";
import type { EngineBlockerCode } from "../payroll/engine/types";
import { assertStatementLines } from "../payroll/payroll-statements.compute";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { Money, money } from "../../shared/money";
import { BenefitKind } from "../benefits/benefit-kind.enum";
import { PayStatementLine, type StatementLineKind } from "../payroll/payroll.type";
import type { PaycheckResult } from "../payroll/engine";

@ObjectType({ description: "Why (part of) an estimate could not be computed: the lines that could be computed are still returned." })
export class PaycheckBlocker {
  @Field(() => PayrollBlockerCodeEnum, { description: "Why (each value is described in `PayrollBlockerCode`; an estimate reports the engine's codes only)." })
  blockerCode!: EngineBlockerCode;

  @Field(() => String, { description: "The blocker code as a string.", deprecationReason: "Use `blockerCode`: the same values, as the `PayrollBlockerCode` enum." })
  code!: string;

  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;
}

@ObjectType({ description: "What the engine took for one requested benefit deduction, after the annual limit." })
export class EstimatedBenefit {
  @Field(() => BenefitKind, { description: "The kind, as requested." })
  kind!: BenefitKind;

  @Field(() => Money, { description: "Employee share deducted (less than requested when the annual limit is reached)." })
  employeeAmount!: Money;

  @Field(() => Money, { description: "Employer share contributed (HSA and dependent care: within the annual limit)." })
  employerAmount!: Money;
}

@ObjectType({ description: "A paycheck computed by the payroll engine without storing anything: gross to net with every line, and what could not be computed." })
export class PaycheckEstimate {
  @Field(() => Money, { description: "Gross pay: regular plus supplemental." })
  gross!: Money;

  @Field(() => Money, {
    description:
      "Net pay: gross + reimbursement − employee taxes − deductions (employer taxes, employer benefit contributions and imputed income do not change it). With blockers, the net of the lines that could be computed.",
  })
  net!: Money;

  @MaxItems(LIST_LIMITS.statementLines)
  @Field(() => [PayStatementLine], { description: `${LINE_CODES_DESCRIPTION} At most ${LIST_LIMITS.statementLines} (one per line code).` })
  lines!: PayStatementLine[];

  @MaxItems(LIST_LIMITS.estimateBlockers)
  @Field(() => [PaycheckBlocker], {
    description: "What the engine could not compute (unsupported state or tax year, missing W-4); empty when the estimate is complete. At most 20.",
  })
  blockers!: PaycheckBlocker[];

  @MaxItems(LIST_LIMITS.benefitDeductionsPerEstimate)
  @Field(() => [EstimatedBenefit], {
    description: `One entry per \`input.benefitDeductions\` item, in the same order: what was actually deducted and contributed. Empty without benefit deductions. At most ${LIST_LIMITS.benefitDeductionsPerEstimate}.`,
  })
  appliedBenefits!: EstimatedBenefit[];
}

export function toPaycheckEstimate(result: PaycheckResult): PaycheckEstimate {
  assertStatementLines(result.lines.length);
  if (result.blockers.length > LIST_LIMITS.estimateBlockers)
    throw new Error(`The engine produced ${result.blockers.length} blockers; at most ${LIST_LIMITS.estimateBlockers} are allowed`);
  return Object.assign(new PaycheckEstimate(), {
    gross: money(result.gross, result.currency),
    net: money(result.net, result.currency),
    lines: result.lines.map((l) =>
      Object.assign(new PayStatementLine(), {
        code: l.code,
        kind: l.kind as StatementLineKind,
        description: l.description,
        amount: money(l.amount, result.currency),
        taxableWages: l.taxableWages === undefined ? null : money(l.taxableWages, result.currency),
      }),
    ),
    blockers: result.blockers.map((b) => Object.assign(new PaycheckBlocker(), { blockerCode: b.code, code: b.code, message: b.message })),
    appliedBenefits: (result.appliedBenefits ?? []).map((a) =>
      Object.assign(new EstimatedBenefit(), { kind: a.kind, employeeAmount: money(a.employeeAmount, result.currency), employerAmount: money(a.employerAmount, result.currency) }),
    ),
  });
}
