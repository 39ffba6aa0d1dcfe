import { Field, ObjectType } from "type-graphql";
import { assertStatementLines } from "../payroll/payroll-statements.compute";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { Money, money } from "../../shared/money";
import { PayStatementLine, type StatementLineKind } from "../payroll/payroll.type";
import type { PaycheckResult } from "../payroll/engine";

@ObjectType({ description: "Why (part of) an estimate could not be computed: the lines that could be computed are still returned." })
export class PaycheckBlocker {
  @Field(() => String, {
    description:
      "Stable code: `UNSUPPORTED_TAX_JURISDICTION` (a state or Quebec tax the engine does not compute; the message names it), `UNSUPPORTED_TAX_YEAR` (no tables for the pay date's year), `MISSING_W4` (US employee without a W-4: no federal income tax line), `MISSING_TAX_TABLE` (a supported jurisdiction whose table for that year is not sourced).",
  })
  code!: string;

  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;
}

export const LINE_CODES_DESCRIPTION = [
  "Lines in calculation order; stable codes integrators may switch on.",
  "Earnings: `EARNING_REGULAR`, `EARNING_SUPPLEMENTAL` (bonus), `REIMBURSEMENT` (not taxable).",
  "US employee taxes: `US_FIT` (federal income tax, Pub 15-T Worksheet 1A, supplemental included), `US_SS_EE` (Social Security 6.2%), `US_MEDICARE_EE` (1.45%), `US_ADDL_MEDICARE_EE` (0.9% above $200,000), `US_<ST>_SIT` (state income tax, e.g. `US_CA_SIT`, `US_PA_SIT`, `US_IL_SIT`), `US_CA_SDI_EE`, `US_PA_UC_EE`, `US_WA_PFML_EE`, `US_AK_SUI_EE`.",
  "US employer taxes: `US_SS_ER`, `US_MEDICARE_ER`, `US_FUTA_ER`.",
  "Canada employee: `CA_CPP_EE`, `CA_CPP2_EE`, `CA_EI_EE`, `CA_FIT` (federal tax), `CA_<PR>_PIT` (provincial tax, e.g. `CA_ON_PIT` including Ontario surtax and health premium); Quebec: `CA_QPP_EE`, `CA_QPP2_EE`, `CA_EI_EE` (Quebec rate), `CA_QPIP_EE`, `CA_FIT` (after the Quebec abatement).",
  "Canada employer: `CA_CPP_ER`, `CA_CPP2_ER`, `CA_EI_ER` (1.4×); Quebec: `CA_QPP_ER`, `CA_QPP2_ER`, `CA_EI_ER`, `CA_QPIP_ER`.",
  "Income-tax lines are present even at 0; other zero tax lines are omitted (US) or shown (Canada).",
].join(" ");

@ObjectType({ description: "A paycheck computed by the payroll engine without storing anything: gross to net with every line, and what could not be computed." })
export class PaycheckEstimate {
  @Field(() => Money, { description: "Gross pay: regular plus supplemental." })
  gross!: Money;

  @Field(() => Money, { description: "Net pay: gross − employee taxes (employer taxes do not reduce it). With blockers, the net of the lines that could be computed." })
  net!: Money;

  @MaxItems(LIST_LIMITS.statementLines)
  @Field(() => [PayStatementLine], { description: `${LINE_CODES_DESCRIPTION} At most 25 (one per line code).` })
  lines!: PayStatementLine[];

  @MaxItems(LIST_LIMITS.estimateBlockers)
  @Field(() => [PaycheckBlocker], {
    description: "What the engine could not compute (unsupported state or tax year, Quebec income tax, missing W-4); empty when the estimate is complete. At most 20.",
  })
  blockers!: PaycheckBlocker[];
}

export function toPaycheckEstimate(result: PaycheckResult): PaycheckEstimate {
  assertStatementLines(result.lines.length);
  if (result.blockers.length > LIST_LIMITS.estimateBlockers)
    throw new Error(`The engine produced ${result.blockers.length} blockers; at most ${LIST_LIMITS.estimateBlockers} are allowed`);
  return Object.assign(new PaycheckEstimate(), {
    gross: money(result.gross, result.currency),
    net: money(result.net, result.currency),
    lines: result.lines.map((l) =>
      Object.assign(new PayStatementLine(), { code: l.code, kind: l.kind as StatementLineKind, description: l.description, amount: money(l.amount, result.currency) }),
    ),
    blockers: result.blockers.map((b) => Object.assign(new PaycheckBlocker(), { code: b.code, message: b.message })),
  });
}
