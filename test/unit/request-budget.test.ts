import { describe, expect, it } from "vitest";
import { OperationTypeNode } from "graphql";
import { budgetExceededResult, createRequestBudget, serializedData } from "../../src/request-budget";

/**
 * src/request-budget.ts: a finished answer is measured exactly, by serializing it, whatever the running count said
 * (fields without a resolver are not counted while resolving), and that serialization is handed to the HTTP answer.
 */
describe("budgetExceededResult", () => {
  // Multi-byte characters: the cap is in UTF-8 bytes, not in characters.
  const data = { workers: { nodes: [{ id: "V29ya2Vy", displayName: "Zoë Ngô", status: "ACTIVE" }], totalCount: 1 } };
  const result = { data, errors: [{ message: "Not allowed", path: ["workers", "x"], extensions: { code: "FORBIDDEN" } }] };
  const size = Buffer.byteLength(JSON.stringify(result));

  it("sends an answer whose JSON is exactly at the cap, and refuses one a byte over it with RESPONSE_TOO_LARGE", () => {
    expect(budgetExceededResult(createRequestBudget({ timeoutMs: 10_000, maxResponseBytes: size }), result, OperationTypeNode.QUERY)).toBeNull();
    const refused = budgetExceededResult(createRequestBudget({ timeoutMs: 10_000, maxResponseBytes: size - 2 }), result, OperationTypeNode.QUERY);
    expect(refused).toEqual({
      errors: [
        {
          message: `The answer would exceed ${size - 2} bytes and was not sent: ask for smaller pages or fewer fields.`,
          extensions: { code: "RESPONSE_TOO_LARGE", retryable: false, maxResponseBytes: size - 2 },
        },
      ],
    });
  });

  it("hands the data's JSON, as measured, to the answer once", () => {
    const own = { data: { clients: { nodes: [{ id: "Q2xpZW50", name: "Acme — Montréal" }] } } };
    expect(budgetExceededResult(createRequestBudget({ timeoutMs: 10_000, maxResponseBytes: 1_000 }), own, OperationTypeNode.QUERY)).toBeNull();
    expect(serializedData(own.data)).toBe(JSON.stringify(own.data));
    expect(serializedData(own.data)).toBeUndefined(); // taken once
    expect(serializedData(null)).toBeUndefined();
  });

  it("answers the timeout of a stopped operation without measuring it", () => {
    const late = { data: { clients: null } };
    const answer = budgetExceededResult(createRequestBudget({ timeoutMs: 0, maxResponseBytes: 1_000_000 }), late, OperationTypeNode.QUERY);
    expect(answer?.errors?.map((e) => e.extensions?.code)).toEqual(["REQUEST_TIMEOUT"]);
    expect(serializedData(late.data)).toBeUndefined();
  });
});
