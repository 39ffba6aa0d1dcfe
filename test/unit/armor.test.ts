import { describe, expect, it } from "vitest";
import { buildSchema, parse, specifiedRules, validate, type GraphQLObjectType } from "graphql";
import { costLimitRule, createArmor, DOCUMENT_LIMITS, estimateCosts } from "../../src/armor";
import type { ListBound } from "../../src/shared/list-limits";

/**
 * The cost model of src/armor.ts on a small schema written here (so the numbers do not move when the real
 * schema grows). (What of an unexpected error reaches the log: test/unit/logger.test.ts.)
 */
const schema = buildSchema(`
  type Query { viewer: Viewer! clients(first: Int, last: Int, after: String): ClientConnection! nodes(ids: [ID!]!): [Node]! }
  interface Node { id: ID! }
  type Viewer { kind: String! scopes: [String!]! tags: [String!]! }
  type ClientConnection { nodes: [Client!]! totalCount: Int! }
  type Client implements Node { id: ID! name: String! workers(first: Int): WorkerConnection! clauses: [Clause!]! undeclared: [Clause!]! entries(from: String!, to: String!): [Entry!] }
  type Clause { title: String! client: Client! }
  type Entry { hours: String! }
  type WorkerConnection { nodes: [Worker!]! }
  type Worker implements Node { id: ID! name: String! }
`);
/** What `@PageItems` / `@MaxItems` declare on the real schema's fields (SDL cannot carry extensions). */
function declare(type: string, field: string, bound: ListBound) {
  const definition = (schema.getType(type) as GraphQLObjectType).getFields()[field];
  (definition as { extensions: unknown }).extensions = bound;
}
declare("ClientConnection", "nodes", { pageItems: true });
declare("WorkerConnection", "nodes", { pageItems: true });
declare("Client", "clauses", { maxItems: 10 });
declare("Client", "entries", { maxItems: 30, perDay: { from: "from", to: "to", items: 3 } });
declare("Viewer", "scopes", { maxItems: 11 });
declare("Viewer", "tags", { maxItems: 60 });

/** The estimated cost of a document (validated with a limit of 0, so the rule always reports its estimate). */
function cost(document: string): number {
  const errors = validate(schema, parse(document), [costLimitRule(0)]);
  const match = /estimated (\d+|Infinity)/.exec(errors[0]?.message ?? "");
  if (!match) throw new Error(`no estimate for ${document}: ${errors.map((e) => e.message).join("; ")}`);
  return Number(match[1]);
}

describe("cost estimate", () => {
  it("scalars cost 1, objects 2 plus their selection, introspection nothing", () => {
    expect(cost("{ viewer { kind } }")).toBe(3);
    expect(cost("{ __typename viewer { kind __typename } }")).toBe(3);
  });

  it("multiplies a connection by its literal page size, capped at the maximum page", () => {
    expect(cost("{ clients(first: 10) { nodes { id name } } }")).toBe((2 + 2 + 2) * 10);
    expect(cost("{ clients(last: 3) { totalCount } }")).toBe((2 + 1) * 3);
    expect(cost("{ clients(first: 100000) { totalCount } }")).toBe((2 + 1) * 100);
  });

  it("counts a page size from a variable at the maximum, and an absent one at the default", () => {
    expect(cost("query($n: Int = 1) { clients(first: $n) { totalCount } }")).toBe((2 + 1) * 100);
    expect(cost("{ clients { totalCount } }")).toBe((2 + 1) * 20);
    expect(cost("{ clients(first: null) { totalCount } }")).toBe((2 + 1) * 20);
  });

  it("multiplies nested connections", () => {
    expect(cost("{ clients(first: 10) { nodes { workers(first: 10) { nodes { id } } } } }")).toBe((2 + (2 + (2 + (2 + 1)) * 10)) * 10);
  });

  it("multiplies `nodes(ids:)` by the number of ids", () => {
    expect(cost('{ nodes(ids: ["a", "b", "c"]) { id } }')).toBe((2 + 1) * 3);
    expect(cost("query($ids: [ID!]!) { nodes(ids: $ids) { id } }")).toBe((2 + 1) * 100);
  });

  it("counts every spread of a fragment, and inline fragments", () => {
    const once = cost("{ clients(first: 10) { nodes { ...C } } } fragment C on Client { id name }");
    expect(once).toBe((2 + 2 + 2) * 10);
    expect(cost("{ a: clients(first: 10) { nodes { ...C } } b: clients(first: 10) { nodes { ...C } } } fragment C on Client { id name }")).toBe(2 * once);
    expect(cost('{ nodes(ids: ["a"]) { ... on Client { workers(first: 5) { nodes { id } } } } }')).toBe((2 + (2 + (2 + 1)) * 5) * 1);
  });

  it("terminates on fragment cycles and unknown fragments (the specified rules report them)", () => {
    const document = parse("{ viewer { ...A } } fragment A on Viewer { kind ...B } fragment B on Viewer { ...A ...Missing }");
    const errors = validate(schema, document, [...specifiedRules, costLimitRule(DOCUMENT_LIMITS.maxCost)]);
    expect(errors.map((e) => e.message).join("\n")).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it("stays cheap to compute on an exponential fragment fan-out", () => {
    // 2^60 paths: a rule that walked each one would never finish (the test timeout fails it); the cost is exact.
    const levels = Array.from({ length: 60 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join("\n");
    const document = `{ ...F0 } ${levels} fragment F60 on Query { viewer { kind } }`;
    expect(cost(document)).toBe(3 * 2 ** 60);
  });

  it("is part of the rules the server applies, with graphql-armor's depth, alias and directive rules", () => {
    const { validationRules } = createArmor();
    const errors = validate(
      schema,
      parse(`{ ${Array.from({ length: 16 }, (_, i) => `c${i}: clients(first: 100) { nodes { id name workers(first: 2) { nodes { id } } } }`).join(" ")} }`),
      validationRules,
    );
    expect(errors.map((e) => e.message).join("\n")).toMatch(/Aliases limit of 15[\s\S]*Query cost limit of 10000 exceeded, estimated 25600/);
  });
});

describe("cost of plain lists", () => {
  it("multiplies a list's selection by its declared maximum (a back-reference included)", () => {
    expect(cost("{ clients(first: 1) { nodes { clauses { title } } } }")).toBe(2 + 2 + (2 + 1) * 10);
    expect(cost("{ clients(first: 1) { nodes { clauses { client { clauses { title } } } } } }")).toBe(2 + 2 + (2 + (2 + (2 + 1) * 10)) * 10);
  });

  it("counts a list that declares nothing as a full page", () => {
    expect(cost("{ clients(first: 1) { nodes { undeclared { title } } } }")).toBe(2 + 2 + (2 + 1) * 100);
  });

  it("prices a list of scalars at 1 plus 1 per 25 items it may hold", () => {
    expect(cost("{ viewer { scopes } }")).toBe(2 + 1 + 1);
    expect(cost("{ viewer { tags } }")).toBe(2 + 1 + 3);
  });

  it("multiplies a date-bounded list by the days of literal dates, and by its maximum otherwise", () => {
    const entries = (args: string) => cost(`query($f: String!, $t: String!) { clients(first: 1) { nodes { entries(${args}) { hours } } } }`) - 4;
    expect(entries('from: "2026-01-01", to: "2026-01-02"')).toBe((2 + 1) * 6);
    expect(entries('from: "2026-01-01", to: "2026-12-31"')).toBe((2 + 1) * 30);
    expect(entries("from: $f, to: $t")).toBe((2 + 1) * 30);
    expect(entries('from: "garbage", to: "2026-01-02"')).toBe((2 + 1) * 30);
  });

  it("estimates every operation of a document", () => {
    expect(estimateCosts(schema, parse("query A { viewer { kind } } query B { clients(first: 2) { totalCount } }"))).toEqual([3, 6]);
  });
});
