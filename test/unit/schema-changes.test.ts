import { describe, expect, it } from "vitest";
import { compareSchemas, listedChanges } from "../../src/shared/schema-changes";

const BEFORE = `
  enum Kind { A B }
  input MoveInput { runId: ID! note: String }
  type Run { id: ID! status: String! legacy: Int }
  type Query { run(runId: ID!, first: Int = 10): Run kinds: [Kind!]! }
`;

describe("schema breaking-change comparison", () => {
  it("finds nothing between identical schemas", () => {
    expect(compareSchemas(BEFORE, BEFORE, "")).toEqual({ listed: [], unlisted: [], dangerous: [] });
  });

  it("fails on a breaking change the changelog does not list, naming its kind and coordinate", () => {
    const after = BEFORE.replace(" legacy: Int", "");
    const result = compareSchemas(BEFORE, after, "# Changelog\n\nNothing yet.\n");
    expect(result.unlisted).toEqual([{ kind: "FIELD_REMOVED", coordinate: "Run.legacy", description: "Run.legacy was removed." }]);
    expect(result.listed).toEqual([]);
  });

  it("passes a breaking change the changelog lists as `KIND` `coordinate`", () => {
    const after = BEFORE.replace(" legacy: Int", "").replace("status: String!", "status: Kind!");
    const changelog = "## Unreleased\n\n- `FIELD_REMOVED` `Run.legacy`: unused since 0.1\n- `FIELD_CHANGED_KIND` `Run.status`: now the Kind enum\n";
    const result = compareSchemas(BEFORE, after, changelog);
    expect(result.unlisted).toEqual([]);
    expect(result.listed.map((c) => `${c.kind} ${c.coordinate}`)).toEqual(["FIELD_REMOVED Run.legacy", "FIELD_CHANGED_KIND Run.status"]);
  });

  it("does not accept a listing with the right coordinate but another kind", () => {
    const after = BEFORE.replace(" legacy: Int", "");
    expect(compareSchemas(BEFORE, after, "- `FIELD_CHANGED_KIND` `Run.legacy`: wrong kind\n").unlisted.map((c) => c.coordinate)).toEqual(["Run.legacy"]);
  });

  it("names arguments, input fields and enum values by their coordinates", () => {
    const after = BEFORE.replace("run(runId: ID!,", "run(payrollRunId: ID!,")
      .replace("input MoveInput { runId: ID!", "input MoveInput { runId: ID! reason: String!")
      .replace("enum Kind { A B }", "enum Kind { A }");
    const keys = compareSchemas(BEFORE, after, "").unlisted.map((c) => `${c.kind} ${c.coordinate}`);
    expect(keys.sort()).toEqual([
      "ARG_REMOVED Query.run(runId:)",
      "REQUIRED_ARG_ADDED Query.run(payrollRunId:)",
      "REQUIRED_INPUT_FIELD_ADDED MoveInput.reason",
      "VALUE_REMOVED_FROM_ENUM Kind.B",
    ]);
  });

  it("warns about dangerous changes without failing (an enum value added, a default changed); a required input field made optional is neither", () => {
    const after = BEFORE.replace("enum Kind { A B }", "enum Kind { A B C }").replace("first: Int = 10", "first: Int = 20").replace("runId: ID! note", "runId: ID note");
    const result = compareSchemas(BEFORE, after, "");
    expect(result.unlisted).toEqual([]);
    expect(result.dangerous.map((c) => `${c.kind} ${c.coordinate}`).sort()).toEqual(["ARG_DEFAULT_VALUE_CHANGE Query.run(first:)", "VALUE_ADDED_TO_ENUM Kind.C"]);
  });

  it("reads only list items of the form `KIND` `coordinate` from the changelog", () => {
    const listed = listedChanges(
      "Prose mentioning `FIELD_REMOVED` `A.b` is not a listing.\n- `FIELD_REMOVED` `Run.legacy`: reason\n  * `ARG_REMOVED` `Query.run(runId:)`: reason\n- FIELD_REMOVED Run.x\n",
    );
    expect([...listed].sort()).toEqual(["ARG_REMOVED Query.run(runId:)", "FIELD_REMOVED Run.legacy"]);
  });
});
