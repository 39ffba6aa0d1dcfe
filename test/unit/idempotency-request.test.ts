import { describe, expect, it } from "vitest";
import { buildSchema, parse } from "graphql";
import { canonicalJson, fingerprintInput, keyApplies, keyOfRequest } from "../../src/idempotency/idempotency.request";
import { IdempotencyError, IdempotencyErrorCode } from "../../src/idempotency/idempotency.errors";

describe("keyOfRequest", () => {
  const codeOf = (k: ReturnType<typeof keyOfRequest>) => (k.kind === "invalid" ? k.error.code : k.kind);

  it("reads the header or extensions.idempotencyKey; both may be sent when equal", () => {
    expect(keyOfRequest(undefined, undefined)).toEqual({ kind: "none" });
    expect(keyOfRequest(undefined, { other: 1 })).toEqual({ kind: "none" });
    expect(keyOfRequest("abc", undefined)).toEqual({ kind: "key", key: "abc" });
    expect(keyOfRequest(undefined, { idempotencyKey: "abc" })).toEqual({ kind: "key", key: "abc" });
    expect(keyOfRequest("abc", { idempotencyKey: "abc" })).toEqual({ kind: "key", key: "abc" });
    expect(codeOf(keyOfRequest("abc", { idempotencyKey: "ABC" }))).toBe(IdempotencyErrorCode.IDEMPOTENCY_KEY_INVALID);
  });

  it("accepts 1 to 255 characters of 0x20-0x7E, compared exactly; refuses anything else", () => {
    const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join("");
    expect(keyOfRequest(undefined, { idempotencyKey: printable })).toEqual({ kind: "key", key: printable });
    expect(keyOfRequest(undefined, { idempotencyKey: "x".repeat(255) }).kind).toBe("key");
    expect(keyOfRequest(undefined, { idempotencyKey: " a " })).toEqual({ kind: "key", key: " a " });
    for (const bad of ["", "x".repeat(256), "a\tb", "a\nb", "\x7F", "é", "ключ", "a\u0000"]) {
      expect(codeOf(keyOfRequest(undefined, { idempotencyKey: bad })), JSON.stringify(bad)).toBe(IdempotencyErrorCode.IDEMPOTENCY_KEY_INVALID);
    }
    for (const bad of [1, null, true, ["a"], { a: 1 }]) expect(codeOf(keyOfRequest(undefined, { idempotencyKey: bad }))).toBe(IdempotencyErrorCode.IDEMPOTENCY_KEY_INVALID);
    expect(codeOf(keyOfRequest(["a", "b"], undefined))).toBe(IdempotencyErrorCode.IDEMPOTENCY_KEY_INVALID);
  });
});

describe("keyApplies", () => {
  const schema = buildSchema(`type Query { a: Int } type Mutation { m(n: Int!): Int } type Subscription { s: Int }`);
  const applies = (query: string, variables?: Record<string, unknown>, operationName?: string) => keyApplies({ schema, document: parse(query), variables, operationName });

  it("applies to a mutation whose variables coerce; not to queries, subscriptions, an unknown operation or bad variables", () => {
    expect(applies("mutation { m(n: 1) }")).toBe(true);
    expect(applies("mutation M($n: Int!) { m(n: $n) }", { n: 2 })).toBe(true);
    expect(applies("query { a }")).toBe(false);
    expect(applies("{ a }")).toBe(false);
    expect(applies("subscription { s }")).toBe(false);
    expect(applies("mutation A { m(n: 1) } query B { a }", undefined, "B")).toBe(false);
    expect(applies("mutation A { m(n: 1) } query B { a }", undefined, "A")).toBe(true);
    expect(applies("mutation A { m(n: 1) } mutation B { m(n: 2) }")).toBe(false); // no operation chosen
    expect(applies("mutation M($n: Int!) { m(n: $n) }", { n: "two" })).toBe(false);
    expect(applies("mutation M($n: Int!) { m(n: $n) }", {})).toBe(false);
  });
});

describe("fingerprint input", () => {
  it("is canonical: key order does not matter, values and the operation name do", () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: null }], c: "é" })).toBe('{"a":[{"x":null,"y":2}],"b":1,"c":"é"}');
    const q = "mutation { m }";
    expect(fingerprintInput(q, { a: 1, b: 2 }, undefined)).toBe(fingerprintInput(q, { b: 2, a: 1 }, null));
    expect(fingerprintInput(q, undefined, undefined)).toBe(fingerprintInput(q, {}, undefined));
    expect(fingerprintInput(q, { a: 1 }, undefined)).not.toBe(fingerprintInput(q, { a: "1" }, undefined));
    expect(fingerprintInput(q, {}, "M")).not.toBe(fingerprintInput(q, {}, undefined));
    expect(fingerprintInput(q, {}, undefined)).not.toBe(fingerprintInput(`${q} `, {}, undefined));
  });
});

describe("IdempotencyError", () => {
  it("maps every code to its HTTP status and says which are worth retrying", () => {
    const cases = Object.values(IdempotencyErrorCode).map((code) => {
      const e = new IdempotencyError(code, "m");
      return [code, e.httpStatus, e.retryable];
    });
    expect(cases).toEqual([
      ["IDEMPOTENCY_KEY_INVALID", 400, false],
      ["IDEMPOTENCY_KEY_REUSED", 422, false],
      ["IDEMPOTENCY_KEY_IN_USE", 409, true],
      ["SERVICE_UNAVAILABLE", 503, true],
    ]);
  });
});
