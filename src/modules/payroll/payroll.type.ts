/** GraphQL object types and enums of payroll, and the mappers from table rows. */
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateScalar, DateTimeScalar, DecimalScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { toGlobalId } from "../../shared/global-id";
import { CurrencyCode } from "../../shared/currency.enum";
import { formatMinorUnits, Money, money } from "../../shared/money";
import { PayrollBlockerCodeEnum } from "./payroll-blocker-code.enum";
import type { PayrollBlockerCode } from "./payroll-statements.compute";
import type { oneOffEarnings, payrollRunBlockers, payrollRuns, payStatementLines, payStatements } from "./payroll.table";
import { PayrollRunStatus } from "./payroll-run.status";

export { PayrollRunStatus };

export type PayrollRunRow = typeof payrollRuns.$inferSelect;
export type PayrollRunBlockerRow = typeof payrollRunBlockers.$inferSelect;
export type OneOffEarningRow = typeof oneOffEarnings.$inferSelect;
export type PayStatementRow = typeof payStatements.$inferSelect;
export type PayStatementLineRow = typeof payStatementLines.$inferSelect;
/** One line code's year-to-date sums for one statement (payroll.repository.ts `yearToDateOfStatements`). */
export interface YearToDateLineRow {
  statementId: string;
  code: string;
  kind: string;
  currency: string;
  amount: number;
  taxableWages: number | null;
}

/** The one `PayrollRunStatus` (payroll-run.status.ts, from `payroll_run_status`) as a GraphQL enum. */
registerEnumType(PayrollRunStatus, {
  name: "PayrollRunStatus",
  description: [
    "Where a payroll run is in its life. Allowed transitions (every change is a `payrollRun.statusChanged` event integrators can subscribe to):",
    "DRAFT → CALCULATING | CANCELLED; CALCULATING → CALCULATED | FAILED; CALCULATED → APPROVED | CALCULATING (recalculate) | DRAFT (a one-off earning was added) | CANCELLED;",
    "APPROVED → FUNDED; FUNDED → PAYING; PAYING → PAID | PARTIALLY_PAID; PAID → REVERSED.",
    "CANCELLED, FAILED, PARTIALLY_PAID and REVERSED are final for the run. Any other change is refused with the userError ILLEGAL_STATUS_TRANSITION naming the current status.",
  ].join(" "),
  valuesConfig: {
    DRAFT: { description: "Being prepared: one-off earnings may be added. Next: CALCULATING (`calculatePayrollRun`) or CANCELLED (`cancelPayrollRun`)." },
    CALCULATING: {
      description:
        "Gross-to-net is being computed for every engagement, in the background (a job queue on Postgres; a run left here by a crash is picked up again at start-up). Next: CALCULATED, or FAILED when the calculation cannot complete.",
    },
    CALCULATED: {
      description:
        "Statements, totals and blockers are ready for review. Next: APPROVED (`approvePayrollRun`: no blockers, inputs unchanged since the calculation, approver per the MSA), CALCULATING (recalculate), DRAFT (`addOneOffEarning` or `removeOneOffEarning` changed the run) or CANCELLED.",
    },
    APPROVED: { description: "Approved (scope `payroll:approve`, by the party the MSA names): figures are frozen and the remittances are SCHEDULED. Next: FUNDED." },
    FUNDED: { description: "The client's funds for net pay, taxes and fees have been received. Next: PAYING." },
    PAYING: { description: "Net pay, contractor payments and tax remittances are being sent. Next: PAID or PARTIALLY_PAID." },
    PAID: { description: "Every payment succeeded. Next: REVERSED only (a correction after the fact)." },
    PARTIALLY_PAID: { description: "Some payments failed: see the remittances with status FAILED. Final; failed payments are corrected by an off-cycle run." },
    FAILED: {
      description:
        "The calculation could not complete (the engine threw, or the database failed on every attempt): `failureReason` says why; nothing was paid. Missing data and unsupported jurisdictions are not failures but blockers of a CALCULATED run. Final: create a new run after fixing the cause.",
    },
    CANCELLED: { description: "Abandoned before approval (from DRAFT or CALCULATED); nothing was paid. Final." },
    REVERSED: { description: "A PAID run undone: payments and remittances are reversed. Final." },
  },
});

export enum PayrollRunKind {
  REGULAR = "REGULAR",
  OFF_CYCLE = "OFF_CYCLE",
}
registerEnumType(PayrollRunKind, {
  name: "PayrollRunKind",
  description: "Whether a run pays a scheduled pay period or is an extra run.",
  valuesConfig: {
    REGULAR: { description: "The scheduled payroll of one pay period." },
    OFF_CYCLE: { description: "An extra run outside the schedule (bonus, correction, final pay); a pay period is optional." },
  },
});

export enum StatementLineKind {
  EARNING = "EARNING",
  EMPLOYEE_TAX = "EMPLOYEE_TAX",
  EMPLOYER_TAX = "EMPLOYER_TAX",
  DEDUCTION = "DEDUCTION",
  REIMBURSEMENT = "REIMBURSEMENT",
  EMPLOYER_CONTRIBUTION = "EMPLOYER_CONTRIBUTION",
  IMPUTED_INCOME = "IMPUTED_INCOME",
}
registerEnumType(StatementLineKind, {
  name: "StatementLineKind",
  description: "What a pay statement line is, and how it enters gross-to-net.",
  valuesConfig: {
    EARNING: { description: "Taxable earnings (salary, hours, fees, bonus): adds to gross." },
    EMPLOYEE_TAX: { description: "Tax withheld from the worker (e.g. federal income tax, CPP, EI): subtracts from net." },
    EMPLOYER_TAX: { description: "Tax the employer pays on top of gross (e.g. FUTA, employer CPP/EI): does not change net." },
    DEDUCTION: { description: "Other amount withheld from the worker (benefits, garnishments): subtracts from net." },
    REIMBURSEMENT: { description: "Non-taxable repayment of expenses: adds to net, not to gross." },
    EMPLOYER_CONTRIBUTION: {
      description:
        "The employer's share of a benefit (`BEN_ER_<KIND>`: premium, 401(k) match, HSA contribution), paid on top of gross to the plan: not a tax, does not change net.",
    },
    IMPUTED_INCOME: {
      description:
        "A non-cash taxable benefit (`EARNING_IMPUTED_GTL`: US group-term life over $50,000; `EARNING_TAXABLE_BENEFITS`: Canadian employer-paid taxable benefits): raises the wage bases its description names, not paid, changes neither gross nor net.",
    },
  },
});

@ObjectType("PayrollRunTotals", { description: "Sums over every pay statement of a run, in the run's currency." })
export class PayrollRunTotals {
  @Field(() => Money, { description: "Total gross earnings." })
  gross!: Money;

  @Field(() => Money, { description: "Total net pay to workers." })
  net!: Money;

  @Field(() => Money, { description: "Total taxes withheld from workers." })
  employeeTaxes!: Money;

  @Field(() => Money, { description: "Total employer taxes on top of gross." })
  employerTaxes!: Money;

  @Field(() => Money, { description: "Total other deductions withheld from workers." })
  deductions!: Money;

  @Field(() => Int, { description: "Number of pay statements." })
  statementCount!: number;
}

@ObjectType("PayrollRun", {
  simpleResolvers: true,
  implements: Node,
  description: "The payroll of one client for one pay period (or off-cycle): gross to net for each engagement, approved, funded and paid.",
})
export class PayrollRun implements Node {
  id!: string;
  readonly nodeType = "PayrollRun" as const;
  /** Database uuids; not fields. */
  dbId!: string;
  clientDbId!: string;
  employerEntityDbId!: string;
  payPeriodDbId!: string | null;

  @Field(() => PayrollRunKind, { description: "Regular (a pay period) or off-cycle." })
  kind!: PayrollRunKind;

  @Field(() => PayrollRunStatus, { description: "Where the run is in its life; see `PayrollRunStatus` for the allowed transitions." })
  status!: PayrollRunStatus;

  @Field(() => DateScalar, { description: "Pay (check) date: decides the tax year." })
  payDate!: string;

  @Field(() => CurrencyCode, { description: "Currency of every amount of the run (USD for the US entity, CAD for the Canadian one)." })
  currency!: CurrencyCode;

  @Field(() => String, {
    nullable: true,
    description:
      "sha256 (hex) of every input the last calculation read (engagements, compensation, hours, one-off earnings, withholding elections, year-to-date amounts, rules version). Pass it as `expectedInputsDigest` to `approvePayrollRun` to approve exactly what was reviewed. Null before the first calculation.",
  })
  inputsDigest!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the last calculation completed; null before the first." })
  calculatedAt!: Date | null;

  @Field(() => Int, { description: "How many times a calculation of this run was attempted (retries and recalculations included)." })
  calculationAttempts!: number;

  @Field(() => String, { nullable: true, description: "Why the calculation failed, when FAILED." })
  failureReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the run was approved; null before." })
  approvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Who approved the run, as `<ROLE>:<subject>` of the approving token; null before approval." })
  approvedBy!: string | null;

  @Field(() => Int, {
    description:
      "Optimistic-lock version, incremented on every change (status changes, one-off earnings): pass it as `expectedVersion` to any mutation of the run (`addOneOffEarning`, `removeOneOffEarning`, `calculatePayrollRun`, `approvePayrollRun`, `cancelPayrollRun`, `sandboxFundPayrollRun`).",
  })
  version!: number;

  @Field(() => DateTimeScalar, { description: "When the run was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the run last changed (status included); filter with `updatedSince` to sync incrementally." })
  updatedAt!: Date;
}

@ObjectType("PayStatementLine", { description: "One line of a pay statement." })
export class PayStatementLine {
  @Field(() => String, {
    description: "Stable line code, one per tax or earning in a jurisdiction (`EARNING_REGULAR`, `US_FIT`, `US_SS_EE`, `CA_CPP_EE`, …): `PayStatement.lines` lists every code.",
  })
  code!: string;

  @Field(() => StatementLineKind, { description: "What the line is and how it enters gross-to-net." })
  kind!: StatementLineKind;

  @Field(() => String, { description: "Human-readable description." })
  description!: string;

  @Field(() => Money, { description: "Amount (never negative; the kind says whether it adds or subtracts)." })
  amount!: Money;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Hours paid on an hourly earning line (`EARNING_REGULAR`, `EARNING_OVERTIME`, `EARNING_DOUBLE_TIME`, `EARNING_PTO`, and an hourly contractor\'s `CONTRACTOR_FEE`), two decimals (e.g. "10.50"); null on other lines and on salary-only earnings.',
  })
  hours?: string | null;

  @Field(() => Money, {
    nullable: true,
    description:
      "Rate an hour of an hourly earning line when its hours were paid at one rate: the hourly rate × the line's factor (1, 1.5 or 2), rounded half up to the cent (the amount itself is computed exactly from the hours and the hourly rate). Null otherwise (no hours, or several rates in the period).",
  })
  rate?: Money | null;

  @Field(() => Money, {
    nullable: true,
    description:
      "Tax lines: the period's taxable wage base the tax was computed on, after wage-base limits and pre-tax reductions (US: e.g. Social Security wages up to the annual base, FUTA wages up to $7,000 a year; Canada: the period's pensionable earnings on CPP/QPP lines, insurable earnings on EI and QPIP lines, taxable income on income-tax lines). Null on other lines, and on statements calculated before the base was recorded.",
  })
  taxableWages?: Money | null;
}

@ObjectType("PayStatementYearToDateLine", {
  description:
    "Year-to-date sums of one line code for a pay statement: the worker's statements with the same employer entity in the calendar year of the statement's pay date, of runs approved (or further) with a pay date up to and including this statement's, plus this statement itself.",
})
export class PayStatementYearToDateLine {
  @Field(() => String, { description: "The line code (see `PayStatement.lines`)." })
  code!: string;

  @Field(() => StatementLineKind, { description: "What the line is and how it enters gross-to-net." })
  kind!: StatementLineKind;

  @Field(() => Money, { description: "Sum of the code's amounts, year to date." })
  amount!: Money;

  @Field(() => Money, {
    nullable: true,
    description: "Tax lines: sum of the code's taxable wages (`PayStatementLine.taxableWages`), year to date; null when no line of the code carried one.",
  })
  taxableWages?: Money | null;
}

export function toPayStatementYearToDateLine(row: YearToDateLineRow): PayStatementYearToDateLine {
  return Object.assign(new PayStatementYearToDateLine(), {
    code: row.code,
    kind: row.kind as StatementLineKind,
    amount: money(row.amount, row.currency),
    taxableWages: row.taxableWages === null ? null : money(row.taxableWages, row.currency),
  });
}

@ObjectType("PayStatement", {
  simpleResolvers: true,
  implements: Node,
  description: "One engagement's result in a payroll run: earnings, taxes, deductions and net pay.",
})
export class PayStatement implements Node {
  id!: string;
  readonly nodeType = "PayStatement" as const;
  /** Database uuids; not fields. */
  dbId!: string;
  clientDbId!: string;
  payrollRunDbId!: string;
  engagementDbId!: string;

  @Field(() => Money, { description: "Gross earnings." })
  gross!: Money;

  @Field(() => Money, { description: "Net pay: gross − employee taxes − deductions + reimbursements." })
  net!: Money;

  @Field(() => Money, { description: "Taxes withheld from the worker." })
  employeeTaxes!: Money;

  @Field(() => Money, { description: "Employer taxes on top of gross." })
  employerTaxes!: Money;

  @Field(() => Money, { description: "Other deductions withheld from the worker." })
  deductions!: Money;

  @Field(() => DateTimeScalar, { description: "When the statement was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the statement last changed (a recalculation)." })
  updatedAt!: Date;
}

export const PayrollRunConnection = ConnectionType(PayrollRun, "PayrollRun", "payroll runs");
export const PayStatementConnection = ConnectionType(PayStatement, "PayStatement", "pay statements");

export function toPayrollRun(row: PayrollRunRow): PayrollRun {
  const run = new PayrollRun();
  run.id = toGlobalId("PayrollRun", row.id);
  run.dbId = row.id;
  run.clientDbId = row.clientId;
  run.employerEntityDbId = row.employerEntityId;
  run.payPeriodDbId = row.payPeriodId;
  run.kind = row.kind as PayrollRunKind;
  run.status = row.status;
  run.payDate = row.payDate;
  run.currency = row.currency as CurrencyCode;
  run.inputsDigest = row.inputsDigest;
  run.calculatedAt = row.calculatedAt;
  run.calculationAttempts = row.calculationAttempts;
  run.failureReason = row.failureReason;
  run.approvedAt = row.approvedAt;
  run.approvedBy = row.approvedBy;
  run.version = row.version;
  run.createdAt = row.createdAt;
  run.updatedAt = row.updatedAt;
  return run;
}

export function toPayStatement(row: PayStatementRow): PayStatement {
  const statement = new PayStatement();
  statement.id = toGlobalId("PayStatement", row.id);
  statement.dbId = row.id;
  statement.clientDbId = row.clientId;
  statement.payrollRunDbId = row.payrollRunId;
  statement.engagementDbId = row.engagementId;
  statement.gross = money(row.gross, row.currency);
  statement.net = money(row.net, row.currency);
  statement.employeeTaxes = money(row.employeeTaxes, row.currency);
  statement.employerTaxes = money(row.employerTaxes, row.currency);
  statement.deductions = money(row.deductions, row.currency);
  statement.createdAt = row.createdAt;
  statement.updatedAt = row.updatedAt;
  return statement;
}

export function toPayStatementLine(row: PayStatementLineRow): PayStatementLine {
  const line = new PayStatementLine();
  line.code = row.code;
  line.kind = row.kind as StatementLineKind;
  line.description = row.description;
  line.amount = money(row.amount, row.currency);
  line.hours = row.hundredthsOfHours === null ? null : formatMinorUnits(row.hundredthsOfHours);
  line.rate = row.rate === null ? null : money(row.rate, row.currency);
  line.taxableWages = row.taxableWages === null ? null : money(row.taxableWages, row.currency);
  return line;
}

export interface RunTotalsRow {
  gross: number;
  net: number;
  employeeTaxes: number;
  employerTaxes: number;
  deductions: number;
  statementCount: number;
}

export function toPayrollRunTotals(totals: RunTotalsRow, currency: string): PayrollRunTotals {
  return Object.assign(new PayrollRunTotals(), {
    gross: money(totals.gross, currency),
    net: money(totals.net, currency),
    employeeTaxes: money(totals.employeeTaxes, currency),
    employerTaxes: money(totals.employerTaxes, currency),
    deductions: money(totals.deductions, currency),
    statementCount: totals.statementCount,
  });
}

export enum OneOffEarningKind {
  BONUS = "BONUS",
  REIMBURSEMENT = "REIMBURSEMENT",
}
registerEnumType(OneOffEarningKind, {
  name: "OneOffEarningKind",
  description: "What a one-off earning is, and how it is taxed.",
  valuesConfig: {
    BONUS: { description: "A bonus: supplemental wages (US flat 22%/37% federal rate; Canada T4127 bonus method), added to gross." },
    REIMBURSEMENT: { description: "A repayment of expenses: not taxable, added to net only." },
  },
});

@ObjectType("PayrollRunBlocker", { description: "Something that keeps a calculated run from being approved, with the engagement it concerns." })
export class PayrollRunBlocker {
  /** Database uuids; not fields. */
  dbId!: string;
  engagementDbId!: string | null;

  @Field(() => PayrollBlockerCodeEnum, { description: "Why the run cannot be approved (each value is described in `PayrollBlockerCode`)." })
  blockerCode!: PayrollBlockerCode;

  @Field(() => String, {
    description: "The blocker code as a string.",
    deprecationReason: "Use `blockerCode`: the same values, as the `PayrollBlockerCode` enum.",
  })
  code!: string;

  @Field(() => String, { description: "What is wrong and how to fix it." })
  message!: string;

  @Field(() => DateTimeScalar, { description: "When the calculation found it." })
  createdAt!: Date;
}

@ObjectType("OneOffEarning", {
  simpleResolvers: true,
  implements: Node,
  description: "A bonus or reimbursement added to one engagement's pay in one run.",
})
export class OneOffEarning implements Node {
  id!: string;
  readonly nodeType = "OneOffEarning" as const;
  /** Database uuids; not fields. */
  dbId!: string;
  engagementDbId!: string;
  payrollRunDbId!: string;

  @Field(() => OneOffEarningKind, { description: "BONUS (supplemental wages) or REIMBURSEMENT (not taxable)." })
  kind!: OneOffEarningKind;

  @Field(() => Money, { description: "Amount, in the run's currency." })
  amount!: Money;

  @Field(() => String, { nullable: true, description: "What it is for, as given to `addOneOffEarning`." })
  description!: string | null;

  @Field(() => DateTimeScalar, { description: "When it was added." })
  createdAt!: Date;
}

export const PayrollRunBlockerConnection = ConnectionType(PayrollRunBlocker, "PayrollRunBlocker", "blockers");
export const OneOffEarningConnection = ConnectionType(OneOffEarning, "OneOffEarning", "one-off earnings");

export function toPayrollRunBlocker(row: PayrollRunBlockerRow): PayrollRunBlocker {
  return Object.assign(new PayrollRunBlocker(), {
    dbId: row.id,
    engagementDbId: row.engagementId,
    blockerCode: row.code as PayrollBlockerCode, // written only from the typed calculation result
    code: row.code,
    message: row.message,
    createdAt: row.createdAt,
  });
}

export function toOneOffEarning(row: OneOffEarningRow): OneOffEarning {
  const earning = new OneOffEarning();
  earning.id = toGlobalId("OneOffEarning", row.id);
  earning.dbId = row.id;
  earning.engagementDbId = row.engagementId;
  earning.payrollRunDbId = row.payrollRunId;
  earning.kind = row.kind as OneOffEarningKind;
  earning.amount = money(row.amount, row.currency);
  earning.description = row.description;
  earning.createdAt = row.createdAt;
  return earning;
}
