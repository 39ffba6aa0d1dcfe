import { describe, expect, it } from "vitest";
import { Board, type RemittanceFields, type RunEvent, type RunFields, type RunNode } from "./status.board";

/** The board's merge rules, without a browser: what the runs query listed and the live events replayed after it. */
const usd = (amount: string) => ({ amount, currency: "USD" });
const run = (id: string, status: string): RunFields => ({
  id,
  kind: "OFF_CYCLE",
  status,
  payDate: "2026-03-13",
  currency: "USD",
  createdAt: "2026-03-01T00:00:00Z",
  failureReason: null,
  totals: { gross: usd("0.00"), net: usd("0.00"), employeeTaxes: usd("0.00"), employerTaxes: usd("0.00"), statementCount: 0 },
  blockers: { totalCount: 0 },
});
const remittance = (id: string, status: string): RemittanceFields => ({
  id,
  kind: "NET_PAY",
  status,
  taxAuthority: null,
  amount: usd("10.00"),
  dueOn: "2026-03-13",
  confirmationNumber: null,
  failureReason: null,
  settledAt: null,
});
const actor = { kind: "SYSTEM", id: "payment-rail" };
const node = (fields: RunFields, cursors: [string, string | null, string][], remittances: RemittanceFields[] | null, totalCount = remittances?.length ?? 0): RunNode => ({
  ...fields,
  events: {
    pageInfo: { hasPreviousPage: false },
    edges: cursors.map(([cursor, previousStatus, status]) => ({ cursor, node: { status, previousStatus, occurredAt: "2026-03-01T00:00:00Z", actor } })),
  },
  remittances: remittances && { totalCount, nodes: remittances },
});
const event = (cursor: string, previousStatus: string | null, status: string, current = status): RunEvent => ({
  cursor,
  previousStatus,
  status,
  occurredAt: "2026-03-01T00:00:01Z",
  actor,
  payrollRun: run("r1", current),
});

describe("status board merge", () => {
  it("shows a change the runs query listed and the subscription replays once, and takes the run as delivered", () => {
    const board = new Board();
    board.load(
      [
        node(
          run("r1", "APPROVED"),
          [
            ["c1", null, "DRAFT"],
            ["c2", "DRAFT", "APPROVED"],
          ],
          [],
        ),
      ],
      null,
    );
    board.applyRunEvent(event("c2", "DRAFT", "APPROVED", "FUNDED")); // replayed: already listed
    board.applyRunEvent(event("c3", "APPROVED", "FUNDED"));
    const view = board.get("r1")!;
    expect(view.timeline.map((e) => e.cursor)).toEqual(["c1", "c2", "c3"]);
    expect(view.run.status).toBe("FUNDED");
  });

  it("lists runs newest first, a run created live before the others", () => {
    const board = new Board();
    board.load([node(run("old", "PAID"), [], []), node(run("newer", "DRAFT"), [], [])], null); // the API's creation order
    board.applyRunEvent({ ...event("c9", null, "DRAFT"), payrollRun: run("newest", "DRAFT") });
    expect(board.list().map((v) => v.run.id)).toEqual(["newest", "newer", "old"]);
  });

  it("counts a remittance created live, not one the first page left out, and ignores one of a run it does not list", () => {
    const board = new Board();
    board.load([node(run("r1", "APPROVED"), [], [remittance("m1", "SCHEDULED")], 3)], null);
    board.applyRemittanceEvent({ cursor: "c1", previousStatus: "SCHEDULED", status: "SUBMITTED", remittance: { ...remittance("m2", "SUBMITTED"), payrollRun: { id: "r1" } } });
    expect(board.get("r1")!.remittanceCount).toBe(3); // m2 was one of the 3
    board.applyRemittanceEvent({ cursor: "c2", previousStatus: null, status: "SCHEDULED", remittance: { ...remittance("m9", "SCHEDULED"), payrollRun: { id: "r1" } } });
    expect(board.get("r1")!.remittanceCount).toBe(4);
    expect(
      board.applyRemittanceEvent({ cursor: "c3", previousStatus: null, status: "SCHEDULED", remittance: { ...remittance("x", "SCHEDULED"), payrollRun: { id: "other" } } }),
    ).toBeUndefined();
    expect([...board.get("r1")!.remittances.keys()]).toEqual(["m1", "m2", "m9"]);
  });

  it("keeps the reason the remittances were refused, and lists none", () => {
    const board = new Board();
    board.load([node(run("r1", "PAID"), [], null)], "Reading Remittance needs the `remittances:read` scope (FORBIDDEN)");
    expect(board.get("r1")!.remittancesError).toContain("remittances:read");
    expect(board.get("r1")!.remittanceCount).toBe(0);
  });
});
