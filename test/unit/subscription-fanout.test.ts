import { describe, expect, it } from "vitest";
import { parse, type ExecutionArgs, type GraphQLSchema } from "graphql";
import { Principal } from "../../src/auth/principal";
import { resumesFromCursor, visibilityClass } from "../../src/realtime/subscription-fanout";
import { DocumentCache } from "../../src/realtime/document-cache";

/** The fan-out's grouping rules (src/realtime/subscription-fanout.ts): what may share an execution, what may not. */
const principal = (role: "OPERATOR" | "CLIENT" | "PARTNER", subject: string, scopes: string[], clients: string[] = []) =>
  new Principal(role, subject, new Set(scopes) as Principal["scopes"], clients);

describe("visibilityClass", () => {
  it("is the same for two users of one client with the same scopes, in any order", () => {
    expect(visibilityClass(principal("CLIENT", "ana", ["payroll:read", "clients:read"], ["c1"]))).toBe(
      visibilityClass(principal("CLIENT", "bo", ["clients:read", "payroll:read"], ["c1"])),
    );
  });

  it("differs by role, by any scope, by client set, and by subject for partners", () => {
    const base = visibilityClass(principal("CLIENT", "ana", ["payroll:read", "clients:read"], ["c1"]));
    expect(visibilityClass(principal("CLIENT", "ana", ["payroll:read"], ["c1"]))).not.toBe(base);
    expect(visibilityClass(principal("CLIENT", "ana", ["payroll:read", "clients:read"], ["c2"]))).not.toBe(base);
    expect(visibilityClass(principal("PARTNER", "ana", ["payroll:read", "clients:read"], ["c1"]))).not.toBe(base);
    expect(visibilityClass(principal("PARTNER", "p1", ["payroll:read"], ["c1", "c2"]))).not.toBe(visibilityClass(principal("PARTNER", "p2", ["payroll:read"], ["c1", "c2"])));
    expect(visibilityClass(principal("PARTNER", "p1", ["payroll:read"], ["c1", "c2"]))).toBe(visibilityClass(principal("PARTNER", "p1", ["payroll:read"], ["c2", "c1"])));
  });
});

describe("resumesFromCursor", () => {
  const args = (query: string, variableValues: Record<string, unknown> = {}): ExecutionArgs => ({ schema: {} as GraphQLSchema, document: parse(query), variableValues });

  it("is false without `after`, or with a null one", () => {
    expect(resumesFromCursor(args("subscription($id: ID) { payrollRunStatusChanged(runId: $id) { status } }", { id: "x" }))).toBe(false);
    expect(resumesFromCursor(args('subscription($a: String) { payrollRunStatusChanged(runId: "x", after: $a) { status } }', { a: null }))).toBe(false);
    expect(resumesFromCursor(args('subscription { payrollRunStatusChanged(runId: "x", after: null) { status } }'))).toBe(false);
  });

  it("is true with an `after` value or variable, and for a root fragment (the cautious answer)", () => {
    expect(resumesFromCursor(args('subscription($a: String) { payrollRunStatusChanged(runId: "x", after: $a) { status } }', { a: "cursor" }))).toBe(true);
    expect(resumesFromCursor(args('subscription { payrollRunStatusChanged(runId: "x", after: "cursor") { status } }'))).toBe(true);
    expect(resumesFromCursor(args('subscription { ... on Subscription { payrollRunStatusChanged(runId: "x") { status } } }'))).toBe(true);
  });
});

describe("DocumentCache", () => {
  it("checks a document text once, keeps at most its capacity, and forgets the least recently used first", () => {
    const checked: string[] = [];
    const cache = new DocumentCache((query) => {
      checked.push(query);
      return { document: parse(query) };
    }, 2);
    const a = cache.get("{ a }");
    expect(cache.get("{ a }")).toBe(a);
    cache.get("{ b }");
    cache.get("{ a }"); // a is now the most recently used
    cache.get("{ c }"); // evicts b
    cache.get("{ a }");
    cache.get("{ b }");
    expect(checked).toEqual(["{ a }", "{ b }", "{ c }", "{ b }"]);
  });
});
