/// <reference lib="dom" />
/**
 * The run cards of the board: one `<article>` per run with its figures, its remittances and the timeline of its
 * status changes. A card is rebuilt whole when its run changes (a few dozen elements), in place, so the page keeps
 * its scroll position and the order of the cards.
 */
import type { RemittanceFields, RunView, TimelineEntry } from "./status.board";
import { dateElement, formatMoney, h, humanize, statusBadge, timeElement } from "./status.dom";

let cardCount = 0;

/** The `<article>` of one run. */
export function runCard(view: RunView): HTMLElement {
  const { run } = view;
  const titleId = `run-title-${++cardCount}`;
  const blockers = run.blockers.totalCount;
  return h(
    "article",
    { class: "run", "data-run-id": run.id, "aria-labelledby": titleId },
    h(
      "header",
      { class: "run-header" },
      h("h3", { id: titleId }, `${humanize(run.kind)} run · pay date `, dateElement(run.payDate), ` · ${run.currency}`),
      h("span", { class: "run-status", "aria-label": `Status ${run.status}` }, statusBadge(run.status)),
    ),
    run.failureReason ? h("p", { class: "failure" }, `Failed: ${run.failureReason}`) : null,
    h(
      "dl",
      { class: "totals" },
      figure("Gross", formatMoney(run.totals.gross)),
      figure("Net pay", formatMoney(run.totals.net)),
      figure("Employee taxes", formatMoney(run.totals.employeeTaxes)),
      figure("Employer taxes", formatMoney(run.totals.employerTaxes)),
      figure("Pay statements", String(run.totals.statementCount)),
      figure("Blockers", String(blockers), blockers > 0 ? "blockers has-blockers" : "blockers"),
    ),
    h("div", { class: "run-details" }, remittancesSection(view), timelineSection(view)),
  );
}

function figure(label: string, value: string, className?: string): HTMLDivElement {
  return h("div", { class: className }, h("dt", {}, label), h("dd", {}, value));
}

function remittancesSection(view: RunView): HTMLElement {
  const section = h("section", { class: "remittances" });
  const rows = [...view.remittances.values()];
  section.append(h("h4", {}, `Remittances (${view.remittanceCount})`));
  if (view.remittancesError) {
    section.append(h("p", { class: "notice" }, view.remittancesError));
    return section;
  }
  if (rows.length === 0) {
    section.append(h("p", { class: "empty" }, "None yet: remittances are scheduled when the run is approved."));
    return section;
  }
  section.append(
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, ...["Payee", "Amount", "Due", "Status", "Confirmation"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, ...rows.map(remittanceRow)),
    ),
  );
  if (view.remittanceCount > rows.length) section.append(h("p", { class: "more" }, `${view.remittanceCount - rows.length} more not listed.`));
  return section;
}

function remittanceRow(r: RemittanceFields): HTMLTableRowElement {
  const payee = r.taxAuthority ? `Tax: ${r.taxAuthority.replaceAll("_", "-")}` : humanize(r.kind);
  return h(
    "tr",
    { "data-remittance-id": r.id, "data-status": r.status },
    h("th", { scope: "row" }, payee),
    h("td", { class: "amount" }, formatMoney(r.amount)),
    h("td", {}, dateElement(r.dueOn)),
    h("td", {}, statusBadge(r.status), r.failureReason ? h("span", { class: "reason" }, ` ${r.failureReason}`) : null),
    h("td", { class: "confirmation" }, r.confirmationNumber ?? "—"),
  );
}

function timelineSection(view: RunView): HTMLElement {
  return h(
    "section",
    { class: "timeline" },
    h("h4", {}, "Timeline"),
    view.timelineTruncated ? h("p", { class: "more" }, "Earlier changes not shown.") : null,
    view.timeline.length ? h("ol", {}, ...view.timeline.map(timelineItem)) : h("p", { class: "empty" }, "No status change recorded."),
  );
}

function timelineItem(entry: TimelineEntry): HTMLLIElement {
  const actor = entry.actor ? (entry.actor.kind === "SYSTEM" ? entry.actor.id : `${entry.actor.kind.toLowerCase()} ${entry.actor.id}`) : null;
  return h(
    "li",
    { "data-status": entry.status },
    timeElement(entry.occurredAt),
    " ",
    entry.previousStatus ? h("span", { class: "from" }, `${entry.previousStatus} → `) : h("span", { class: "from" }, "created "),
    h("strong", {}, entry.status),
    actor ? h("span", { class: "actor" }, ` by ${actor}`) : null,
  );
}
