/** Drizzle tables of payroll: runs, pay statements and their lines, run blockers, one-off earnings. */
import { bigint, check, date, foreignKey, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps, versionColumn } from "../../db/columns";
import { oneOffEarningKindEnum, payrollRunKindEnum, payrollRunStatusEnum, statementLineKindEnum } from "../../db/enums";
import { clients } from "../clients/client.table";
import { employerEntities } from "../employers/employer.table";
import { payPeriods } from "../pay-schedules/pay-schedule.table";
import { engagements } from "../engagements/engagement.table";

/** The payroll of one client for one pay period (or off-cycle), moving through `payroll_run_status`. */
export const payrollRuns = pgTable(
  "payroll_runs",
  {
    id: idColumn(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    employerEntityId: uuid("employer_entity_id")
      .notNull()
      .references(() => employerEntities.id),
    payPeriodId: uuid("pay_period_id"),
    kind: payrollRunKindEnum("kind").notNull().default("REGULAR"),
    status: payrollRunStatusEnum("status").notNull().default("DRAFT"),
    currency: text("currency").notNull(),
    /** Pay (check) date: decides the tax year. */
    payDate: date("pay_date", { mode: "string" }).notNull(),
    /** Digest of every input the calculation read: approval is refused when the inputs' digest changed since. */
    inputsDigest: text("inputs_digest"),
    calculationAttempts: integer("calculation_attempts").notNull().default(0),
    calculatedAt: timestamp("calculated_at", { withTimezone: true, mode: "date" }),
    approvedAt: timestamp("approved_at", { withTimezone: true, mode: "date" }),
    approvedBy: text("approved_by"),
    failureReason: text("failure_reason"),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "payroll_runs_pay_period_client_fk",
      columns: [t.payPeriodId, t.clientId],
      foreignColumns: [payPeriods.id, payPeriods.clientId],
    }),
    unique("payroll_runs_id_client_key").on(t.id, t.clientId),
    index("payroll_runs_client_updated_idx").on(t.clientId, t.updatedAt),
    check("payroll_runs_currency_check", sql`${t.currency} in ('USD', 'CAD')`),
  ],
);

/** One engagement's result in a run: gross to net. */
export const payStatements = pgTable(
  "pay_statements",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    payrollRunId: uuid("payroll_run_id").notNull(),
    engagementId: uuid("engagement_id").notNull(),
    currency: text("currency").notNull(),
    gross: bigint("gross", { mode: "number" }).notNull(),
    net: bigint("net", { mode: "number" }).notNull(),
    employeeTaxes: bigint("employee_taxes", { mode: "number" }).notNull(),
    employerTaxes: bigint("employer_taxes", { mode: "number" }).notNull(),
    deductions: bigint("deductions", { mode: "number" }).notNull(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "pay_statements_run_client_fk",
      columns: [t.payrollRunId, t.clientId],
      foreignColumns: [payrollRuns.id, payrollRuns.clientId],
    }),
    foreignKey({
      name: "pay_statements_engagement_client_fk",
      columns: [t.engagementId, t.clientId],
      foreignColumns: [engagements.id, engagements.clientId],
    }),
    unique("pay_statements_run_engagement_key").on(t.payrollRunId, t.engagementId),
    unique("pay_statements_id_client_key").on(t.id, t.clientId),
    // No (client_id, updated_at) index: no query lists statements by change (they change only by being replaced,
    // which `payStatement.deleted` events report), and every insert of a payroll run paid for it.
    check("pay_statements_amounts_check", sql`${t.gross} >= 0 and ${t.net} >= 0 and ${t.employeeTaxes} >= 0 and ${t.employerTaxes} >= 0 and ${t.deductions} >= 0`),
  ],
);

/** A line of a pay statement. `code` is a stable, documented line code such as `US_FIT` or `CA_CPP_EE`. */
export const payStatementLines = pgTable(
  "pay_statement_lines",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    payStatementId: uuid("pay_statement_id").notNull(),
    code: text("code").notNull(),
    kind: statementLineKindEnum("kind").notNull(),
    description: text("description").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    /** Earning lines of hours (EARNING_REGULAR, EARNING_OVERTIME, EARNING_DOUBLE_TIME, EARNING_PTO): hours paid, in hundredths. */
    hundredthsOfHours: integer("hundredths_of_hours"),
    /** With the hours, when one rate was paid: the rate an hour (hourly rate × the line's factor), minor units. */
    rate: bigint("rate", { mode: "number" }),
    /** Tax lines: the period's wages (or Canadian pensionable/insurable earnings, taxable income) the tax was computed on, minor units. */
    taxableWages: bigint("taxable_wages", { mode: "number" }),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "pay_statement_lines_statement_client_fk",
      columns: [t.payStatementId, t.clientId],
      foreignColumns: [payStatements.id, payStatements.clientId],
    }),
    unique("pay_statement_lines_statement_code_key").on(t.payStatementId, t.code),
    check("pay_statement_lines_amount_check", sql`${t.amount} >= 0`),
  ],
);

/** Something that keeps a calculated run from being approved (missing W-4/TD1, unsupported jurisdiction…). */
export const payrollRunBlockers = pgTable(
  "payroll_run_blockers",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    payrollRunId: uuid("payroll_run_id").notNull(),
    /** The engagement concerned; null for a blocker of the whole run. */
    engagementId: uuid("engagement_id"),
    code: text("code").notNull(),
    message: text("message").notNull(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "payroll_run_blockers_run_client_fk",
      columns: [t.payrollRunId, t.clientId],
      foreignColumns: [payrollRuns.id, payrollRuns.clientId],
    }),
    index("payroll_run_blockers_run_idx").on(t.payrollRunId),
  ],
);

/** One-off earnings added to a run: a bonus (supplemental wages) or a reimbursement (not taxable). */
export const oneOffEarnings = pgTable(
  "one_off_earnings",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    payrollRunId: uuid("payroll_run_id").notNull(),
    engagementId: uuid("engagement_id").notNull(),
    kind: oneOffEarningKindEnum("kind").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    description: text("description"),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "one_off_earnings_run_client_fk",
      columns: [t.payrollRunId, t.clientId],
      foreignColumns: [payrollRuns.id, payrollRuns.clientId],
    }),
    foreignKey({
      name: "one_off_earnings_engagement_client_fk",
      columns: [t.engagementId, t.clientId],
      foreignColumns: [engagements.id, engagements.clientId],
    }),
    index("one_off_earnings_run_idx").on(t.payrollRunId),
    check("one_off_earnings_amount_check", sql`${t.amount} > 0`),
  ],
);
