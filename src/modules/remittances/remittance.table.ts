import { bigint, boolean, check, date, foreignKey, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps, versionColumn } from "../../db/columns";
import { remittanceKindEnum, remittanceStatusEnum } from "../../db/enums";
import { payrollRuns, payStatementLines } from "../payroll/payroll.table";

/**
 * Money the EOR must send on: taxes to an authority, net pay to a worker, a payment to a contractor.
 * `(payroll_run_id, kind, payee_key)` is unique, so a duplicate remittance is impossible.
 */
export const remittances = pgTable(
  "remittances",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    payrollRunId: uuid("payroll_run_id").notNull(),
    kind: remittanceKindEnum("kind").notNull(),
    /** Authority code (`IRS`, `US-CA-EDD`, `CRA`, `RQ`) or `worker:<uuid>` for net pay / contractor payments. */
    payeeKey: text("payee_key").notNull(),
    payeeName: text("payee_name").notNull(),
    employeeShare: bigint("employee_share", { mode: "number" }).notNull().default(0),
    employerShare: bigint("employer_share", { mode: "number" }).notNull().default(0),
    amount: bigint("amount", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    status: remittanceStatusEnum("status").notNull().default("SCHEDULED"),
    confirmationNumber: text("confirmation_number"),
    failureReason: text("failure_reason"),
    /** For FAILED: whether submitting again may succeed (e.g. a timeout) or needs a fix first (closed account). */
    retryable: boolean("retryable"),
    submittedAt: timestamp("submitted_at", { withTimezone: true, mode: "date" }),
    settledAt: timestamp("settled_at", { withTimezone: true, mode: "date" }),
    /** NET_PAY / CONTRACTOR_PAYMENT: the worker's ACTIVE payment method at approval (payment_methods.id); null when none or TAX. */
    paymentMethodId: uuid("payment_method_id"),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "remittances_run_client_fk",
      columns: [t.payrollRunId, t.clientId],
      foreignColumns: [payrollRuns.id, payrollRuns.clientId],
    }),
    unique("remittances_run_kind_payee_key").on(t.payrollRunId, t.kind, t.payeeKey),
    index("remittances_client_updated_idx").on(t.clientId, t.updatedAt),
    check("remittances_amounts_check", sql`${t.amount} >= 0 and ${t.employeeShare} >= 0 and ${t.employerShare} >= 0`),
    check("remittances_currency_check", sql`${t.currency} in ('USD', 'CAD')`),
  ],
);

/** Which statement lines a remittance pays: every cent of a remittance traces back to statement lines. */
export const remittanceItems = pgTable(
  "remittance_items",
  {
    remittanceId: uuid("remittance_id")
      .notNull()
      .references(() => remittances.id),
    payStatementLineId: uuid("pay_statement_line_id")
      .notNull()
      .references(() => payStatementLines.id),
    clientId: uuid("client_id").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
  },
  (t) => [
    unique("remittance_items_remittance_line_key").on(t.remittanceId, t.payStatementLineId),
    index("remittance_items_line_idx").on(t.payStatementLineId),
    check("remittance_items_amount_check", sql`${t.amount} >= 0`),
  ],
);
