import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { toGlobalId } from "../../shared/global-id";
import { CurrencyCode } from "../../shared/currency.enum";
import { Money, money } from "../../shared/money";
import type { payrollRuns, payStatementLines, payStatements } from "./payroll.table";

export type PayrollRunRow = typeof payrollRuns.$inferSelect;
export type PayStatementRow = typeof payStatements.$inferSelect;
export type PayStatementLineRow = typeof payStatementLines.$inferSelect;

/** Mirrors `payroll_run_status`. The transitions below are the contract the payroll engine implements. */
export enum PayrollRunStatus {
  DRAFT = "DRAFT",
  CALCULATING = "CALCULATING",
  CALCULATED = "CALCULATED",
  APPROVED = "APPROVED",
  FUNDED = "FUNDED",
  PAYING = "PAYING",
  PAID = "PAID",
  PARTIALLY_PAID = "PARTIALLY_PAID",
  FAILED = "FAILED",
  CANCELLED = "CANCELLED",
  REVERSED = "REVERSED",
}
registerEnumType(PayrollRunStatus, {
  name: "PayrollRunStatus",
  description: [
    "Where a payroll run is in its life. Allowed transitions (every change is an event integrators can subscribe to):",
    "DRAFT → CALCULATING | CANCELLED; CALCULATING → CALCULATED | FAILED; CALCULATED → APPROVED | DRAFT (an input changed: recalculate) | CANCELLED;",
    "APPROVED → FUNDED; FUNDED → PAYING; PAYING → PAID | PARTIALLY_PAID; PAID → REVERSED.",
    "CANCELLED, FAILED, PARTIALLY_PAID and REVERSED are final for the run.",
  ].join(" "),
  valuesConfig: {
    DRAFT: { description: "Being prepared: earnings and inputs may change. Next: CALCULATING (calculate) or CANCELLED." },
    CALCULATING: { description: "Gross-to-net is being computed for every engagement. Next: CALCULATED, or FAILED when the calculation cannot complete (e.g. an unsupported jurisdiction or tax year)." },
    CALCULATED: { description: "Pay statements and totals are ready for review. Next: APPROVED, DRAFT (an input changed: recalculate) or CANCELLED." },
    APPROVED: { description: "Approved by the client (scope `payroll:approve`): figures are frozen. Next: FUNDED." },
    FUNDED: { description: "The client's funds for net pay, taxes and fees have been received. Next: PAYING." },
    PAYING: { description: "Net pay and contractor payments are being sent; remittances are scheduled. Next: PAID or PARTIALLY_PAID." },
    PAID: { description: "Every payment succeeded. Next: REVERSED only (a correction after the fact)." },
    PARTIALLY_PAID: { description: "Some payments failed: see the remittances with status FAILED. Final; failed payments are corrected by an off-cycle run." },
    FAILED: { description: "The calculation failed; nothing was paid. Final: create a new run after fixing the cause." },
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

@ObjectType("PayrollRun", { implements: Node, description: "The payroll of one client for one pay period (or off-cycle): gross to net for each engagement, approved, funded and paid." })
export class PayrollRun extends Node {
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

  @Field(() => Int, { description: "Optimistic-lock version, incremented on every change." })
  version!: number;

  @Field(() => DateTimeScalar, { description: "When the run was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the run last changed (status included); filter with `updatedSince` to sync incrementally." })
  updatedAt!: Date;
}

@ObjectType("PayStatementLine", { description: "One line of a pay statement." })
export class PayStatementLine {
  @Field(() => String, { description: "Stable line code, e.g. `REGULAR`, `US_FIT`, `US_FICA_SS_EE`, `CA_CPP_EE`." })
  code!: string;

  @Field(() => StatementLineKind, { description: "What the line is and how it enters gross-to-net." })
  kind!: StatementLineKind;

  @Field(() => String, { description: "Human-readable description." })
  description!: string;

  @Field(() => Money, { description: "Amount (never negative; the kind says whether it adds or subtracts)." })
  amount!: Money;
}

@ObjectType("PayStatement", { implements: Node, description: "One engagement's result in a payroll run: earnings, taxes, deductions and net pay." })
export class PayStatement extends Node {
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
  return Object.assign(new PayrollRun(), {
    id: toGlobalId("PayrollRun", row.id),
    dbId: row.id,
    clientDbId: row.clientId,
    employerEntityDbId: row.employerEntityId,
    payPeriodDbId: row.payPeriodId,
    kind: row.kind as PayrollRunKind,
    status: row.status as PayrollRunStatus,
    payDate: row.payDate,
    currency: row.currency as CurrencyCode,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

export function toPayStatement(row: PayStatementRow): PayStatement {
  return Object.assign(new PayStatement(), {
    id: toGlobalId("PayStatement", row.id),
    dbId: row.id,
    clientDbId: row.clientId,
    payrollRunDbId: row.payrollRunId,
    engagementDbId: row.engagementId,
    gross: money(row.gross, row.currency),
    net: money(row.net, row.currency),
    employeeTaxes: money(row.employeeTaxes, row.currency),
    employerTaxes: money(row.employerTaxes, row.currency),
    deductions: money(row.deductions, row.currency),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

export function toPayStatementLine(row: PayStatementLineRow): PayStatementLine {
  return Object.assign(new PayStatementLine(), {
    code: row.code,
    kind: row.kind as StatementLineKind,
    description: row.description,
    amount: money(row.amount, row.currency),
  });
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
