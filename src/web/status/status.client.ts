/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The /status board in the browser: a token (pasted, or pre-filled by a development server), a client, and that
 * client's payroll runs with their remittances and status timelines, kept current by `payrollRunStatusChanged` and
 * `remittanceStatusChanged`; the workforce summary beside them, read again after each burst of events.
 *
 * What the page shows always comes from the current token: changing the token or the client clears the board first,
 * and every answer that arrives for an earlier token or client (`epoch`) is dropped. Nothing is kept in storage.
 */
import "./status.css";
import { graphqlRequest, LiveFeed, type ApiError, type ApiResult, type LiveState } from "./status.api";
import { Board, type RemittanceEvent, type RunEvent, type RunNode } from "./status.board";
import { LATEST_EVENT_QUERY, REMITTANCE_EVENTS_SUBSCRIPTION, RUN_EVENTS_SUBSCRIPTION, RUNS_QUERY, VIEWER_QUERY, WORKFORCE_SUMMARY_QUERY } from "./status.operations";
import { runCard } from "./status.render";
import { summaryContent, type SummaryResult } from "./status.summary";
import { h } from "./status.dom";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  tokenForm: $<HTMLFormElement>("token-form"),
  token: $<HTMLInputElement>("token"),
  client: $<HTMLSelectElement>("client"),
  viewer: $<HTMLParagraphElement>("viewer"),
  connection: $<HTMLParagraphElement>("connection"),
  error: $<HTMLDivElement>("error"),
  notices: $<HTMLDivElement>("notices"),
  runsHeading: $<HTMLHeadingElement>("runs-heading"),
  runs: $<HTMLDivElement>("runs"),
  summary: $<HTMLDivElement>("summary"),
  announcer: $<HTMLDivElement>("announcer"),
};

/**
 * Clients listed at most (pages of 100, about 1,000 cost points each: three pages and the runs query stay within
 * the default rate limit bucket of 10,000); others are reached with `?client=<id>`.
 */
const MAX_CLIENT_PAGES = 3;
/** Events within this time make one summary refresh. */
const SUMMARY_DEBOUNCE_MS = 400;

let token = "";
let epoch = 0;
let feed: LiveFeed | undefined;
let board = new Board();
let summaryTimer: ReturnType<typeof setTimeout> | undefined;

const wsUrl = () => `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;

function errorText(errors: ApiError[]): string {
  return [...new Set(errors.map((e) => (e.extensions?.code ? `${e.message} (${e.extensions.code})` : e.message)))].join(" ");
}

function showError(message: string | null): void {
  ui.error.replaceChildren(...(message ? [h("p", {}, message)] : []));
  ui.error.hidden = !message;
}

function addNotice(key: string, message: string): void {
  ui.notices.querySelector(`[data-notice="${key}"]`)?.remove();
  ui.notices.append(h("p", { class: "notice", "data-notice": key }, message));
}

function setConnection(state: LiveState | { kind: "idle"; text: string }): void {
  const text = {
    idle: () => (state.kind === "idle" ? state.text : ""),
    connecting: () => "Connecting…",
    live: () => "Live: changes appear as they happen.",
    reconnecting: () => (state.kind === "reconnecting" ? `Reconnecting… (attempt ${state.attempt}; ${state.reason}). Missed changes will follow.` : ""),
    stopped: () => "Disconnected.",
  }[state.kind]();
  ui.connection.dataset.state = state.kind;
  ui.connection.textContent = text;
}

function announce(text: string): void {
  ui.announcer.textContent = text;
}

/** Empties everything that came from the API (runs, summary, notices, errors) and stops the live feed. */
function clearBoard(): void {
  feed?.stop();
  feed = undefined;
  clearTimeout(summaryTimer);
  board = new Board();
  ui.runs.replaceChildren();
  ui.summary.replaceChildren();
  ui.notices.replaceChildren();
  ui.runsHeading.textContent = "Payroll runs";
  showError(null);
}

function clearClients(): void {
  ui.client.replaceChildren(h("option", { value: "" }, "—"));
  ui.client.disabled = true;
  ui.viewer.textContent = "";
}

interface ViewerData {
  viewer: { kind: string; subject: string };
  clients: { nodes: { id: string; name: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null;
}

async function connect(): Promise<void> {
  const my = ++epoch;
  clearBoard();
  clearClients();
  token = ui.token.value.trim();
  if (!token) {
    setConnection({ kind: "idle", text: "Not connected." });
    showError("Paste an access token first.");
    return;
  }
  setConnection({ kind: "idle", text: "Checking the token…" });
  const clients: { id: string; name: string }[] = [];
  let after: string | null = null;
  let more = false;
  for (let page = 0; page < MAX_CLIENT_PAGES; page++) {
    const result: ApiResult<ViewerData> = await graphqlRequest<ViewerData>(VIEWER_QUERY, { after }, token);
    if (my !== epoch) return;
    if (!result.data?.viewer) {
      setConnection({ kind: "idle", text: "Not connected." });
      return showError(errorText(result.errors));
    }
    ui.viewer.textContent = `Token of ${result.data.viewer.kind} ${result.data.viewer.subject}`;
    if (!result.data.clients) {
      addNotice("clients", `The client list cannot be read: ${errorText(result.errors)} Open /status?client=<client id> instead.`);
      break;
    }
    clients.push(...result.data.clients.nodes);
    more = result.data.clients.pageInfo.hasNextPage;
    after = result.data.clients.pageInfo.endCursor;
    if (!more) break;
  }
  clients.sort((a, b) => a.name.localeCompare(b.name));
  const wanted = new URLSearchParams(location.search).get("client");
  ui.client.replaceChildren(
    h("option", { value: "" }, clients.length ? "Pick a client" : "No clients"),
    ...clients.map((c) => h("option", { value: c.id }, c.name)),
    ...(wanted && !clients.some((c) => c.id === wanted) ? [h("option", { value: wanted }, wanted)] : []),
  );
  ui.client.disabled = false;
  if (more) addNotice("clients", `Only the first ${clients.length} clients are listed: open /status?client=<client id> for another.`);
  const chosen = wanted ?? (clients.length === 1 ? clients[0].id : null);
  if (chosen) {
    ui.client.value = chosen;
    await loadClient(chosen);
  } else {
    setConnection({ kind: "idle", text: "Pick a client." });
  }
}

async function loadClient(clientId: string): Promise<void> {
  const my = ++epoch;
  clearBoard();
  const url = new URL(location.href);
  if (clientId) url.searchParams.set("client", clientId);
  else url.searchParams.delete("client");
  history.replaceState(null, "", url);
  if (!clientId) return setConnection({ kind: "idle", text: "Pick a client." });
  setConnection({ kind: "idle", text: "Loading…" });
  ui.runs.setAttribute("aria-busy", "true");

  // The latest event first: the subscriptions resume after it, so nothing committed after this read is missed.
  const latest = await graphqlRequest<{ events: { edges: { cursor: string }[] } }>(LATEST_EVENT_QUERY, { clientId }, token);
  if (my !== epoch) return;
  if (!latest.data) return failLoad(latest.errors);
  const after = latest.data.events.edges[0]?.cursor ?? null;

  const result = await graphqlRequest<{ client: { name?: string } | null; payrollRuns: { totalCount: number; nodes: RunNode[] } | null }>(RUNS_QUERY, { clientId }, token);
  if (my !== epoch) return;
  if (!result.data?.payrollRuns) return failLoad(result.errors);
  const remittancesError = result.errors.find((e) => e.path?.includes("remittances"));
  board.load(result.data.payrollRuns.nodes, remittancesError ? errorText([remittancesError]) : null);
  ui.runs.removeAttribute("aria-busy");
  const total = result.data.payrollRuns.totalCount;
  const shown = result.data.payrollRuns.nodes.length;
  ui.runsHeading.textContent = `Payroll runs${result.data.client?.name ? ` of ${result.data.client.name}` : ""}${total > shown ? ` (newest ${shown} of ${total})` : ""}`;
  renderRuns();
  void loadSummary(clientId, my);

  feed = new LiveFeed(
    wsUrl(),
    token,
    [
      {
        query: RUN_EVENTS_SUBSCRIPTION,
        variables: { clientId },
        after,
        field: "payrollRunStatusChanged",
        onEvent: (event: RunEvent) => {
          const known = board.get(event.payrollRun.id);
          const view = board.applyRunEvent(event);
          if (known) replaceCard(view.run.id);
          else renderRuns();
          announce(`Run paid ${view.run.payDate}: ${event.previousStatus ? `${event.previousStatus} → ` : "created, "}${event.status}`);
          scheduleSummary(clientId, my);
        },
        onRefused: (errors) => refuseRuns(errors),
        onEventError: (errors) => addNotice("run-event", `A run update could not be read: ${errorText(errors)}`),
      },
      {
        query: REMITTANCE_EVENTS_SUBSCRIPTION,
        variables: { clientId },
        after,
        field: "remittanceStatusChanged",
        onEvent: (event: RemittanceEvent) => {
          const view = board.applyRemittanceEvent(event);
          if (view) replaceCard(view.run.id);
          scheduleSummary(clientId, my);
        },
        onRefused: (errors) => addNotice("remittances", `Remittance updates are off: ${errorText(errors)}`),
        onEventError: (errors) => addNotice("remittance-event", `A remittance update could not be read: ${errorText(errors)}`),
      },
    ],
    (state) => {
      if (my !== epoch) return;
      setConnection(state);
      if (state.kind === "stopped") {
        // The token is no longer accepted: what it read is not shown any more.
        clearBoard();
        showError(errorText([state.error]));
      }
    },
  );
  feed.start();
}

function failLoad(errors: ApiError[]): void {
  ui.runs.removeAttribute("aria-busy");
  setConnection({ kind: "idle", text: "Not connected." });
  showError(errorText(errors));
}

/** The runs subscription was refused (the token may not read runs): nothing of the board stays. */
function refuseRuns(errors: ApiError[]): void {
  clearBoard();
  setConnection({ kind: "idle", text: "Not connected." });
  showError(errorText(errors));
}

function renderRuns(): void {
  const views = board.list();
  ui.runs.replaceChildren(...(views.length ? views.map(runCard) : [h("p", { class: "empty" }, "No payroll runs yet: new ones appear here as they are created.")]));
}

function replaceCard(runId: string): void {
  const view = board.get(runId);
  const card = [...ui.runs.querySelectorAll<HTMLElement>("article.run")].find((a) => a.dataset.runId === runId);
  if (!view || !card) return renderRuns();
  card.replaceWith(runCard(view));
}

function scheduleSummary(clientId: string, my: number): void {
  clearTimeout(summaryTimer);
  summaryTimer = setTimeout(() => void loadSummary(clientId, my), SUMMARY_DEBOUNCE_MS);
}

let summaryInFlight = false;
/** The read to make once the one in flight is back (it may predate the latest events). */
let summaryNext: (() => void) | undefined;

async function loadSummary(clientId: string, my: number): Promise<void> {
  if (my !== epoch) return;
  if (summaryInFlight) {
    summaryNext = () => void loadSummary(clientId, my);
    return;
  }
  summaryInFlight = true;
  try {
    const result: SummaryResult = await graphqlRequest(WORKFORCE_SUMMARY_QUERY, { clientId }, token);
    if (my === epoch) ui.summary.replaceChildren(...summaryContent(result));
  } finally {
    summaryInFlight = false;
    const next = summaryNext;
    summaryNext = undefined;
    next?.();
  }
}

ui.tokenForm.addEventListener("submit", (event) => {
  event.preventDefault();
  void connect();
});
ui.client.addEventListener("change", () => void loadClient(ui.client.value));
window.addEventListener("pagehide", () => feed?.stop());

if (ui.token.value) void connect();
else setConnection({ kind: "idle", text: "Not connected: paste a token." });
