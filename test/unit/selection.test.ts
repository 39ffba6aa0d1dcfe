import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { connectionNodeSelection, selectsOnly } from "../../src/shared/selection";
import { engagementPageColumns } from "../../src/modules/engagements/engagement.type";

/**
 * src/shared/selection.ts: what a connection's selection reads on its nodes (a superset of what execution reads),
 * and the columns a page of a worker's engagements reads for it (engagement.type.ts `engagementPageColumns`).
 */

/** The resolve info of the `engagements` field under `workers { nodes { … } }` of `document`. */
function engagementsInfo(document: string) {
  const ast = parse(document);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of ast.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const operation = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const workers = operation.selectionSet.selections[0] as FieldNode;
  const nodes = workers.selectionSet!.selections[0] as FieldNode;
  const fieldNodes = nodes.selectionSet!.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === "engagements");
  return { fieldNodes, fragments };
}

const asObject = (selection: ReadonlyMap<string, ReadonlySet<string>>) => Object.fromEntries([...selection].map(([k, v]) => [k, [...v].sort()]));

describe("connectionNodeSelection", () => {
  it("reads nodes and edges.node, through fragments, inline fragments, aliases and directives", () => {
    const info = engagementsInfo(`
      query($skip: Boolean!) { workers { nodes {
        engagements(first: 5) { totalCount pageInfo { endCursor } nodes { id t: title ... on Engagement { status } client { id ...C } } }
        engagements(first: 5) { edges { cursor node { ...E currentCompensation { amount { amount } } startDate @skip(if: $skip) } } }
      } } }
      fragment C on Client { name ... on Node { id } }
      fragment E on Engagement { worker { id } ...F }
      fragment F on Engagement { createdAt }`);
    expect(asObject(connectionNodeSelection(info))).toEqual({
      id: [],
      title: [],
      status: [],
      client: ["id", "name"],
      worker: ["id"],
      createdAt: [],
      currentCompensation: ["amount"],
      startDate: [],
    });
  });

  it("is found once per field (the same nodes on every object of a page)", () => {
    const info = engagementsInfo("{ workers { nodes { engagements { nodes { id } } } } }");
    expect(connectionNodeSelection(info)).toBe(connectionNodeSelection({ ...info }));
  });

  it("selectsOnly: every name in the allowed set (nothing selected: true)", () => {
    const allowed = new Set(["a", "b"]);
    expect(selectsOnly(["a"], allowed)).toBe(true);
    expect(selectsOnly(undefined, allowed)).toBe(true);
    expect(selectsOnly(["a", "c"], allowed)).toBe(false);
  });
});

describe("engagementPageColumns", () => {
  const columns = (nodes: string) => engagementPageColumns(connectionNodeSelection(engagementsInfo(`{ workers { nodes { engagements { nodes { ${nodes} } } } } }`)));

  it("reads summaries for the benchmark's nested page", () => {
    expect(columns("id title status client { id name } currentCompensation { id basis effectiveFrom amount { amount currency } }")).toEqual({
      engagement: "summary",
      client: "summary",
      compensation: "summary",
    });
  });

  it("reads a part whole as soon as its selection asks one field beyond its summary", () => {
    expect(columns("id version")).toEqual({ engagement: "all", client: "summary", compensation: "summary" });
    expect(columns("id paySchedule { id }")).toEqual({ engagement: "all", client: "summary", compensation: "summary" });
    expect(columns("id client { createdAt }")).toEqual({ engagement: "summary", client: "all", compensation: "summary" });
    expect(columns("id client { workers { nodes { id } } }")).toEqual({ engagement: "summary", client: "all", compensation: "summary" });
    expect(columns("currentCompensation { reason }")).toEqual({ engagement: "summary", client: "summary", compensation: "all" });
    expect(columns("currentCompensation { createdAt }")).toEqual({ engagement: "summary", client: "summary", compensation: "all" });
  });
});
