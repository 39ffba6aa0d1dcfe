/** Drizzle table of offboarding: the final pay planned when an employee's engagement ended. */
import { bigint, boolean, check, date, foreignKey, index, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestamps } from "../../db/columns";
import { engagements } from "../engagements/engagement.table";
import { payrollRuns } from "../payroll/payroll.table";

/**
 * One per ended employee engagement (written by `endEngagement` with a `terminationReason`): the legal deadline
 * and its rule, who pays it (an OFF_CYCLE run made for it, or the next REGULAR run), the days it pays and the
 * vacation/PTO payout. The payroll calculation reads it: an OFF_CYCLE final-pay run pays `pays_from …
 * pays_through` plus the payout; a REGULAR run skips those days while that run is not cancelled or failed.
 */
export const finalPays = pgTable(
  "final_pays",
  {
    id: idColumn(),
    clientId: uuid("client_id").notNull(),
    engagementId: uuid("engagement_id").notNull(),
    terminationReason: text("termination_reason").notNull(),
    /** INVOLUNTARY, VOLUNTARY_WITH_NOTICE, VOLUNTARY_WITHOUT_NOTICE or END_OF_CONTRACT. */
    finalPayCase: text("final_pay_case").notNull(),
    noticeGivenOn: date("notice_given_on", { mode: "string" }),
    lastDayWorked: date("last_day_worked", { mode: "string" }).notNull(),
    deadline: date("deadline", { mode: "string" }).notNull(),
    ruleText: text("rule_text").notNull(),
    citation: text("citation").notNull(),
    statuteFound: boolean("statute_found").notNull(),
    /** Pay date of the regular pay period containing the end date; null without a pay schedule. */
    nextRegularPayDate: date("next_regular_pay_date", { mode: "string" }),
    /** OFF_CYCLE_RUN or NEXT_REGULAR_RUN. */
    paidBy: text("paid_by").notNull(),
    payrollRunId: uuid("payroll_run_id"),
    /** The pay period containing the end date (salary proration of the final-pay run); null without a schedule. */
    periodStart: date("period_start", { mode: "string" }),
    periodEnd: date("period_end", { mode: "string" }),
    /** Days the final-pay run pays (OFF_CYCLE_RUN): from the first day no regular run paid, through the end date. */
    paysFrom: date("pays_from", { mode: "string" }).notNull(),
    paysThrough: date("pays_through", { mode: "string" }).notNull(),
    ptoHundredths: integer("pto_hundredths"),
    ptoPayout: bigint("pto_payout", { mode: "number" }).notNull(),
    ptoRuleText: text("pto_rule_text").notNull(),
    ptoCitation: text("pto_citation"),
    currency: text("currency").notNull(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: "final_pays_engagement_client_fk",
      columns: [t.engagementId, t.clientId],
      foreignColumns: [engagements.id, engagements.clientId],
    }),
    foreignKey({
      name: "final_pays_run_client_fk",
      columns: [t.payrollRunId, t.clientId],
      foreignColumns: [payrollRuns.id, payrollRuns.clientId],
    }),
    unique("final_pays_engagement_key").on(t.engagementId),
    index("final_pays_run_idx").on(t.payrollRunId),
    check("final_pays_reason_check", sql`${t.terminationReason} in ('VOLUNTARY', 'INVOLUNTARY', 'END_OF_CONTRACT')`),
    check("final_pays_paid_by_check", sql`(${t.paidBy} = 'OFF_CYCLE_RUN' and ${t.payrollRunId} is not null) or (${t.paidBy} = 'NEXT_REGULAR_RUN' and ${t.payrollRunId} is null)`),
    check("final_pays_pto_check", sql`${t.ptoPayout} >= 0`),
  ],
);
