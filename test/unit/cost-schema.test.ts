import "reflect-metadata";
import { beforeAll, describe, expect, it } from "vitest";
import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  isUnionType,
  parse,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { createSchema } from "../../src/schema";
import { DOCUMENT_LIMITS, estimateCosts } from "../../src/armor";
import type { ListBound } from "../../src/shared/list-limits";

/**
 * For EVERY field of the real schema, a small document is built that reaches it (the shortest path from a root,
 * connections asked with `first: 1`), and the cost estimate must grow with what the field can return: no field
 * is free, an object costs more than a scalar, a plain list declares a hard maximum (also in its description) and
 * is priced by it, a connection by its page.
 */
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

type Step = { parent: GraphQLObjectType; field: GraphQLField<unknown, unknown>; via?: string };

/** Shortest paths (by BFS) from the three roots to every composite type. */
function pathsTo(s: GraphQLSchema): Map<string, { root: "query" | "mutation" | "subscription"; steps: Step[] }> {
  const paths = new Map<string, { root: "query" | "mutation" | "subscription"; steps: Step[] }>();
  const queue: { type: GraphQLNamedType; root: "query" | "mutation" | "subscription"; steps: Step[] }[] = [];
  for (const root of ["query", "mutation", "subscription"] as const) {
    const type = s.getRootType(root as never);
    if (type && !paths.has(type.name)) {
      paths.set(type.name, { root, steps: [] });
      queue.push({ type, root, steps: [] });
    }
  }
  while (queue.length > 0) {
    const { type, root, steps } = queue.shift()!;
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const child = getNamedType(field.type);
      const targets = isInterfaceType(child) || isUnionType(child) ? [child, ...s.getPossibleTypes(child)] : [child];
      for (const target of targets) {
        if (paths.has(target.name) || isLeafType(target)) continue;
        const next = [...steps, { parent: type as GraphQLObjectType, field, via: target !== child ? target.name : undefined }];
        paths.set(target.name, { root, steps: next });
        queue.push({ type: target, root, steps: next });
      }
    }
  }
  return paths;
}

const takesPage = (field: GraphQLField<unknown, unknown>) => field.args.some((a) => a.name === "first");
const boundOf = (field: GraphQLField<unknown, unknown>) => (field.extensions ?? {}) as ListBound;

/** A selection of one scalar of a composite type (an interface's `id`, an object's first leaf field). */
function scalarOf(type: GraphQLNamedType): string {
  if (isUnionType(type)) return `... on ${type.getTypes()[0].name} { ${scalarOf(type.getTypes()[0])} }`;
  const fields = Object.values((type as GraphQLObjectType).getFields());
  const leaf = fields.find((f) => isLeafType(getNamedType(f.type)) && !isListType(getNullableType(f.type)));
  if (leaf) return leaf.name;
  const object = fields.find((f) => !isLeafType(getNamedType(f.type)))!;
  return `${object.name}${takesPage(object) ? "(first: 1)" : ""} { ${scalarOf(getNamedType(object.type))} }`;
}

/** The document reaching `inner` through the path, with the page of the connection on the path set to `page`. */
function documentOf(root: string, steps: Step[], inner: string, page = 1): string {
  let body = inner;
  for (const step of [...steps].reverse()) {
    const wrapped = step.via ? `... on ${step.via} { ${body} }` : body;
    body = `${step.field.name}${takesPage(step.field) ? `(first: ${page})` : ""} { ${wrapped} }`;
  }
  return `${root} { ${body} }`;
}

const cost = (document: string) => estimateCosts(schema, parse(document))[0];

describe("the cost estimate of every field of the schema", () => {
  it("grows with what each field can return", () => {
    const paths = pathsTo(schema);
    const problems: string[] = [];
    let checked = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || !(isObjectType(type) || isInterfaceType(type))) continue;
      const path = paths.get(type.name);
      if (!path) continue; // unreachable (none today): nothing can select it
      for (const field of Object.values(type.getFields())) {
        checked++;
        const name = `${type.name}.${field.name}`;
        const named = getNamedType(field.type);
        const list = isListType(getNullableType(field.type));
        const select = (page?: string) => `${field.name}${page ?? ""}${isLeafType(named) ? "" : ` { ${scalarOf(named)} }`}`;
        const base = cost(documentOf(path.root, path.steps, "__typename"));
        const own = cost(documentOf(path.root, path.steps, select())) - base;
        if (own < 1) problems.push(`${name} is free`);
        if (!isLeafType(named) && own <= 1) problems.push(`${name} (an object) costs no more than a scalar`);
        const bound = boundOf(field);
        if (takesPage(field)) {
          const small = cost(documentOf(path.root, path.steps, select("(first: 1)")));
          const large = cost(documentOf(path.root, path.steps, select("(first: 50)")));
          if (!(large >= small + 49)) problems.push(`${name}: a page of 50 (${large}) is not priced above a page of 1 (${small})`);
        } else if (list && bound.pageItems) {
          // edges/nodes: as long as the page of the connection that holds them.
          const small = cost(documentOf(path.root, path.steps, select(), 1));
          const large = cost(documentOf(path.root, path.steps, select(), 50));
          if (!(large > small * 10)) problems.push(`${name}: not priced by its connection's page (${small} → ${large})`);
        } else if (list && field.name !== "nodes") {
          const max = bound.maxItems;
          if (typeof max !== "number" || !(max > 0)) problems.push(`${name} is a list without a declared maximum (@MaxItems)`);
          else {
            if (!new RegExp(`[Aa]t most ${max.toLocaleString("en-US")}\\b`).test(field.description ?? ""))
              problems.push(`${name}: its description does not say "at most ${max.toLocaleString("en-US")}"`);
            const perItem = isLeafType(named) ? 1 / 25 : 3;
            if (own < max * perItem) problems.push(`${name}: priced ${own}, below ${max} items`);
          }
        } else if (list && field.name === "nodes" && typeof boundOf(field).maxItems !== "number") {
          problems.push(`${name} is a list without a declared maximum`);
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(problems).toEqual([]);
  });

  it("keeps ordinary queries under the limit", () => {
    for (const document of [
      "{ msas(first: 10) { nodes { clauses { title } } } }",
      "{ msas(first: 10) { nodes { clauses { title category responsibleParty jurisdictions } } } }",
      `query($c: ID!) { workers(clientId: $c, first: 100) { nodes { id displayName client { id name }
          engagements(first: 3) { nodes { id title status currentCompensation { basis amount { amount currency } effectiveFrom } } } } } }`,
      `query($id: ID!) { node(id: $id) { ... on Engagement { responsibilities { category responsibleParty clause { title } conflictingClauses { title } } } } }`,
      `query($id: ID!, $f: Date!, $t: Date!) { node(id: $id) { ... on Engagement { timeEntries(from: $f, to: $t) { date type hours } } } }`,
    ]) {
      expect(cost(document), document).toBeLessThanOrEqual(DOCUMENT_LIMITS.maxCost);
    }
  });

  it("prices the audit's cycle through MsaClause.msa far above the limit", () => {
    const audit = "{ msas(first: 100) { nodes { clauses { msa { clauses { msa { clauses { msa { clauses { msa { clauses { title } } } } } } } } } } } }";
    expect(cost(audit)).toBeGreaterThan(DOCUMENT_LIMITS.maxCost * 1000);
    expect(cost("{ msas(first: 1) { nodes { clauses { msa { clauses { title } } } } } }")).toBeGreaterThan(DOCUMENT_LIMITS.maxCost);
  });
});
