/**
 * What the /status board knows about one client, built from the runs query and then kept current by the live events.
 * Pure data (no DOM), so the merge rules are plain to read: an event carries the object as it is when delivered,
 * which replaces what the board had; a timeline entry is known by its event cursor, so an event the runs query
 * already listed and the subscription replays is shown once.
 */

export interface Money {
  amount: string;
  currency: string;
}

export interface RunFields {
  id: string;
  kind: string;
  status: string;
  payDate: string;
  currency: string;
  createdAt: string;
  failureReason: string | null;
  totals: { gross: Money; net: Money; employeeTaxes: Money; employerTaxes: Money; statementCount: number };
  blockers: { totalCount: number };
}

export interface RemittanceFields {
  id: string;
  kind: string;
  status: string;
  taxAuthority: string | null;
  amount: Money;
  dueOn: string;
  confirmationNumber: string | null;
  failureReason: string | null;
  settledAt: string | null;
}

export interface Actor {
  kind: string;
  id: string;
}

/** One status change of a run, as the timeline shows it. */
export interface TimelineEntry {
  cursor: string;
  status: string;
  previousStatus: string | null;
  occurredAt: string;
  actor: Actor | null;
}

/** A run as the board shows it. */
export interface RunView {
  run: RunFields;
  /** Remittances in the order the board learned of them (the API's creation order, then live ones). */
  remittances: Map<string, RemittanceFields>;
  /** How many the run has in all (the board lists the first page and those it hears about). */
  remittanceCount: number;
  /** Why the remittances cannot be shown (the API's error, e.g. a missing `remittances:read`), or null. */
  remittancesError: string | null;
  timeline: TimelineEntry[];
  /** Older changes exist than the timeline lists. */
  timelineTruncated: boolean;
}

/** A run of the runs query (RUNS_QUERY). */
export interface RunNode extends RunFields {
  events: {
    pageInfo: { hasPreviousPage: boolean };
    edges: { cursor: string; node: { status: string | null; previousStatus: string | null; occurredAt: string; actor: Actor } }[];
  };
  remittances: { totalCount: number; nodes: RemittanceFields[] } | null;
}

/** A `payrollRunStatusChanged` event. */
export interface RunEvent {
  cursor: string;
  status: string;
  previousStatus: string | null;
  occurredAt: string;
  actor: Actor;
  payrollRun: RunFields;
}

/** A `remittanceStatusChanged` event. */
export interface RemittanceEvent {
  cursor: string;
  status: string;
  /** Null when the event is the remittance's creation. */
  previousStatus: string | null;
  remittance: (RemittanceFields & { payrollRun: { id: string } | null }) | null;
}

export class Board {
  /** Newest first. */
  private readonly runs = new Map<string, RunView>();
  private readonly seen = new Set<string>();

  /** Runs, newest first. */
  list(): RunView[] {
    return [...this.runs.values()];
  }

  get(runId: string): RunView | undefined {
    return this.runs.get(runId);
  }

  /** The runs query's answer (its nodes in creation order); `remittancesError` when its remittances were refused. */
  load(nodes: RunNode[], remittancesError: string | null): void {
    this.runs.clear();
    this.seen.clear();
    for (const node of [...nodes].reverse()) {
      const { events, remittances, ...run } = node;
      const view = this.newView(run);
      view.remittancesError = remittances ? null : remittancesError;
      for (const r of remittances?.nodes ?? []) view.remittances.set(r.id, r);
      view.remittanceCount = remittances?.totalCount ?? 0;
      view.timelineTruncated = events.pageInfo.hasPreviousPage;
      for (const edge of events.edges) {
        if (edge.node.status == null) continue; // an event of the run without a status (a one-off earning added…)
        this.seen.add(edge.cursor);
        view.timeline.push({ cursor: edge.cursor, status: edge.node.status, previousStatus: edge.node.previousStatus, occurredAt: edge.node.occurredAt, actor: edge.node.actor });
      }
      this.runs.set(run.id, view);
    }
  }

  /** A run event: the run as delivered replaces the board's; the change joins its timeline once. Returns the run's view. */
  applyRunEvent(event: RunEvent): RunView {
    let view = this.runs.get(event.payrollRun.id);
    if (!view) {
      view = this.newView(event.payrollRun);
      // A new run goes first (newest first).
      const rest = [...this.runs.entries()];
      this.runs.clear();
      this.runs.set(view.run.id, view);
      for (const [id, v] of rest) this.runs.set(id, v);
    } else {
      view.run = event.payrollRun;
    }
    if (!this.seen.has(event.cursor)) {
      this.seen.add(event.cursor);
      view.timeline.push({ cursor: event.cursor, status: event.status, previousStatus: event.previousStatus, occurredAt: event.occurredAt, actor: event.actor });
    }
    return view;
  }

  /** A remittance event: the remittance as delivered replaces the board's. Returns its run's view (undefined: a run the board does not list). */
  applyRemittanceEvent(event: RemittanceEvent): RunView | undefined {
    const remittance = event.remittance;
    const runId = remittance?.payrollRun?.id;
    const view = runId ? this.runs.get(runId) : undefined;
    if (!remittance || !view) return undefined;
    const { payrollRun: _run, ...fields } = remittance;
    if (!view.remittances.has(fields.id)) {
      // A new remittance adds to the count; one the first page did not list was already counted.
      view.remittanceCount = event.previousStatus === null ? view.remittanceCount + 1 : Math.max(view.remittanceCount, view.remittances.size + 1);
    }
    view.remittances.set(fields.id, fields);
    return view;
  }

  private newView(run: RunFields): RunView {
    return { run, remittances: new Map(), remittanceCount: 0, remittancesError: null, timeline: [], timelineTruncated: false };
  }
}
