/// <reference lib="dom" />
/**
 * The workforce summary panel (`workforceSummary`, issue 12 item 3): headcount and its breakdowns, hires and
 * terminations, upcoming pay dates, payroll cost by month, open blockers and remittances due. Each part renders what
 * the API returned; a part the token may not read shows the API's error instead. A server without the field
 * (validation error) shows "not available".
 */
import type { ApiError, ApiResult } from "./status.api";
import type { Money } from "./status.board";
import { dateElement, formatMoney, h, humanize, statusBadge } from "./status.dom";

interface Count {
  key: string;
  count: number;
}

export interface WorkforceSummary {
  asOf: string;
  headcount: number | null;
  byEngagementStatus: Count[] | null;
  byWorkJurisdiction: Count[] | null;
  byClassification: Count[] | null;
  byEmploymentModel: Count[] | null;
  hiresLast30Days: number | null;
  hiresLast90Days: number | null;
  terminationsLast30Days: number | null;
  terminationsLast90Days: number | null;
  upcomingPayDates: { payDate: string; paySchedule: { name: string } | null; runStatus: string | null }[] | null;
  payrollCostByMonth: { month: string; gross: Money; employerTaxes: Money; benefits: Money }[] | null;
  openBlockersByCode: Count[] | null;
  remittancesDueNext14Days: { authority: string; count: number; amount: Money; earliestDueOn: string }[] | null;
}

export type SummaryResult = ApiResult<{ workforceSummary: WorkforceSummary | null }>;

/** True when the server's schema has no `workforceSummary` (the page was served by an API without it). */
export function summaryUnavailable(result: SummaryResult): boolean {
  return !result.data && result.errors.some((e) => e.extensions?.code === "GRAPHQL_VALIDATION_FAILED" && /workforceSummary/.test(e.message));
}

/** The panel's content for one answer. */
export function summaryContent(result: SummaryResult): Node[] {
  if (summaryUnavailable(result)) return [h("p", { class: "notice", "data-summary": "unavailable" }, "Workforce summary: not available on this server.")];
  const summary = result.data?.workforceSummary;
  if (!summary) return [h("p", { class: "notice", role: "alert" }, messages(result.errors) || "The workforce summary could not be read.")];
  const errorAt = (field: string) => messages(result.errors.filter((e) => e.path?.[1] === field));
  const part = (title: string, field: keyof WorkforceSummary, body: () => Node | null) => {
    const value = summary[field];
    return h(
      "section",
      { class: "summary-part", "data-part": field },
      h("h3", {}, title),
      value == null ? h("p", { class: "notice" }, errorAt(field) || "Not available.") : body(),
    );
  };
  return [
    h("p", { class: "as-of" }, "As of ", dateElement(summary.asOf)),
    h(
      "dl",
      { class: "headline" },
      headline("Headcount", summary.headcount, errorAt("headcount")),
      headline("Hires (30 / 90 days)", pair(summary.hiresLast30Days, summary.hiresLast90Days), errorAt("hiresLast30Days")),
      headline("Terminations (30 / 90 days)", pair(summary.terminationsLast30Days, summary.terminationsLast90Days), errorAt("terminationsLast30Days")),
    ),
    part("By engagement status", "byEngagementStatus", () => counts(summary.byEngagementStatus!, "Status")),
    part("By work jurisdiction", "byWorkJurisdiction", () => counts(summary.byWorkJurisdiction!, "Jurisdiction", false)),
    part("By classification", "byClassification", () => counts(summary.byClassification!, "Classification")),
    part("By employment model", "byEmploymentModel", () => counts(summary.byEmploymentModel!, "Model")),
    part("Upcoming pay dates", "upcomingPayDates", () =>
      summary.upcomingPayDates!.length === 0
        ? h("p", { class: "empty" }, "None scheduled.")
        : h(
            "ul",
            { class: "pay-dates" },
            ...summary.upcomingPayDates!.map((d) =>
              h(
                "li",
                {},
                dateElement(d.payDate),
                d.paySchedule ? ` ${d.paySchedule.name} ` : " ",
                d.runStatus ? statusBadge(d.runStatus) : h("span", { class: "muted" }, "no run yet"),
              ),
            ),
          ),
    ),
    part("Payroll cost by month", "payrollCostByMonth", () =>
      table(
        ["Month", "Gross", "Employer taxes", "Benefits"],
        summary.payrollCostByMonth!.map((m) => [m.month, formatMoney(m.gross), formatMoney(m.employerTaxes), formatMoney(m.benefits)]),
      ),
    ),
    part("Open blockers", "openBlockersByCode", () => counts(summary.openBlockersByCode!, "Blocker")),
    part("Remittances due in 14 days", "remittancesDueNext14Days", () =>
      table(
        ["Authority", "Count", "Amount", "Earliest due"],
        summary.remittancesDueNext14Days!.map((r) => [r.authority, String(r.count), formatMoney(r.amount), r.earliestDueOn]),
      ),
    ),
  ];
}

function messages(errors: ApiError[]): string {
  return [...new Set(errors.map((e) => e.message))].join(" ");
}

function pair(a: number | null, b: number | null): string | null {
  return a == null || b == null ? null : `${a} / ${b}`;
}

function headline(label: string, value: number | string | null, error: string): HTMLDivElement {
  return h("div", {}, h("dt", {}, label), h("dd", {}, value == null ? error || "—" : String(value)));
}

function counts(rows: Count[], keyLabel: string, humanizeKeys = true): Node {
  if (rows.length === 0) return h("p", { class: "empty" }, "None.");
  return table(
    [keyLabel, "Count"],
    rows.map((r) => [humanizeKeys ? humanize(r.key) : r.key, String(r.count)]),
  );
}

function table(headers: string[], rows: string[][]): Node {
  if (rows.length === 0) return h("p", { class: "empty" }, "None.");
  return h(
    "table",
    {},
    h("thead", {}, h("tr", {}, ...headers.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, ...rows.map(([first, ...rest]) => h("tr", {}, h("th", { scope: "row" }, first), ...rest.map((c) => h("td", {}, c))))),
  );
}
