import { describe, expect, it } from "vitest";
import { buildSchema, execute, parse, type GraphQLSchema } from "graphql";
import { enforceReadScopes, readScopeOf } from "../../src/auth/read-scopes";
import { Principal } from "../../src/auth/principal";
import type { Scope } from "../../src/auth/scopes";

/**
 * The guard itself on a small schema of real type names (the table applies by name): which resolvers run, what an
 * interface field answers for each concrete type, and the refusal of an undeclared type. The whole schema is
 * covered by test/e2e/read-scopes.test.ts.
 */
const SDL = `
  interface Node { id: ID! }
  type Worker implements Node { id: ID! client: Client }
  type Client implements Node { id: ID! name: String! }
  type Query { node: Node nodes: [Node]! workers: [Worker!] worker: Worker }
`;

function guarded(resolved: { ran: string[] }): GraphQLSchema {
  const schema = buildSchema(SDL);
  const node = schema.getType("Node") as unknown as { resolveType: (value: { kind: string }) => string };
  node.resolveType = (value) => value.kind;
  const worker = { kind: "Worker", id: "w1" };
  const client = { kind: "Client", id: "c1", name: "Acme" };
  const fields = schema.getQueryType()!.getFields();
  fields.node.resolve = async () => (resolved.ran.push("node"), worker);
  fields.nodes.resolve = () => (resolved.ran.push("nodes"), [worker, client, Promise.resolve(client), null]);
  fields.workers.resolve = () => (resolved.ran.push("workers"), [worker]);
  fields.worker.resolve = () => (resolved.ran.push("worker"), worker);
  (schema.getType("Worker") as unknown as { getFields(): Record<string, { resolve: () => unknown }> }).getFields().client.resolve = () => (
    resolved.ran.push("Worker.client"),
    client
  );
  enforceReadScopes(schema);
  return schema;
}

async function run(query: string, scopes: Scope[]) {
  const ran: string[] = [];
  const schema = guarded({ ran });
  const principal = new Principal("OPERATOR", "unit", new Set(scopes), []);
  const result = await execute({ schema, document: parse(query), contextValue: { principal } });
  const errors = (result.errors ?? []).map((e) => `${e.path?.join(".")}: ${e.message}`);
  return { data: JSON.parse(JSON.stringify(result.data ?? null)), errors, ran };
}

describe("enforceReadScopes", () => {
  it("refuses a field of a type the caller may not read without running its resolver", async () => {
    const refused = await run("{ workers { id } worker { id } }", ["clients:read"]);
    expect(refused).toEqual({
      data: { workers: null, worker: null },
      errors: ["workers: Reading Worker needs the `workers:read` scope", "worker: Reading Worker needs the `workers:read` scope"],
      ran: [],
    });
    const allowed = await run("{ worker { id client { name } } }", ["workers:read"]);
    expect(allowed).toEqual({ data: { worker: { id: "w1", client: null } }, errors: ["worker.client: Reading Client needs the `clients:read` scope"], ran: ["worker"] });
  });

  it("checks an interface field by the concrete type of each object it returns", async () => {
    const single = await run("{ node { id } }", ["clients:read"]);
    expect(single).toEqual({ data: { node: null }, errors: ["node: Reading Worker needs the `workers:read` scope"], ran: ["node"] });
    expect((await run("{ node { id } }", ["workers:read"])).data).toEqual({ node: { id: "w1" } });
    const list = await run("{ nodes { id } }", ["clients:read"]);
    expect(list).toEqual({
      data: { nodes: [null, { id: "c1" }, { id: "c1" }, null] },
      errors: ["nodes.0: Reading Worker needs the `workers:read` scope"],
      ran: ["nodes"],
    });
  });

  it("appends each type's read scope to its description", () => {
    const schema = guarded({ ran: [] });
    expect(schema.getType("Worker")!.description).toBe("Read scope: `workers:read`.");
    expect(schema.getType("Client")!.description).toBe("Read scope: `clients:read`.");
  });

  it("refuses a schema with an object type that declares no read scope", () => {
    const schema = buildSchema("type Payslip { id: ID! } type Query { payslip: Payslip }");
    expect(() => enforceReadScopes(schema)).toThrow(/without a read scope.*: Payslip/);
  });

  it("derives connections and edges from their node type, payloads need none", () => {
    expect(readScopeOf("WorkerConnection")).toBe("workers:read");
    expect(readScopeOf("PayrollRunBlockerEdge")).toBe("payroll:read");
    expect(readScopeOf("UpdateWorkerPayload")).toBeNull();
    expect(readScopeOf("Payslip")).toBeUndefined();
    expect(readScopeOf("PayslipConnection")).toBeUndefined();
  });
});
