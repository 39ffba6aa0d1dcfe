import { describe, expect, it } from "vitest";
import { failed, mapResult, rejectedBy, succeeded, toPayload, toPayloadFields, type CommandResult } from "../../src/shared/command-result";
import { retryOn } from "../../src/db/retry";
import { userError, UserErrorCode, UserErrors } from "../../src/shared/user-error";

describe("CommandResult", () => {
  const notFound = userError(["id"], UserErrorCode.NOT_FOUND, "Not found");

  it("maps a success to its payload field and no userErrors", () => {
    expect(
      toPayload(
        "worker",
        mapResult(succeeded(2), (n) => n * 10),
      ),
    ).toEqual({ worker: 20, userErrors: [] });
  });

  it("maps a failure to a null field and its userErrors, in order", () => {
    const errors = new UserErrors();
    errors.add(["name"], UserErrorCode.TOO_LONG, "Too long");
    const result = mapResult(rejectedBy(errors, notFound), (n: number) => n * 10);
    expect(toPayload("worker", result)).toEqual({ worker: null, userErrors: [errors.list[0], notFound] });
  });

  it("fills every field of a payload with several, or nulls them all", () => {
    const none = { msa: null, supersededMsa: null };
    expect(toPayloadFields(succeeded({ msa: "a", supersededMsa: "b" }), none)).toEqual({ msa: "a", supersededMsa: "b", userErrors: [] });
    const failure: CommandResult<{ msa: string; supersededMsa: string }> = failed(notFound);
    expect(toPayloadFields(failure, none)).toEqual({ msa: null, supersededMsa: null, userErrors: [notFound] });
  });
});

describe("retryOn", () => {
  const retryable = new Error("retryable");

  it("runs again while the error is retryable, up to the attempts", async () => {
    let calls = 0;
    const value = await retryOn(
      (e) => e === retryable,
      async () => {
        calls++;
        if (calls < 3) throw retryable;
        return "done";
      },
    );
    expect([value, calls]).toEqual(["done", 3]);
  });

  it("throws the last error once the attempts are spent", async () => {
    let calls = 0;
    const run = () => {
      calls++;
      return Promise.reject(retryable);
    };
    await expect(retryOn((e) => e === retryable, run, 2)).rejects.toBe(retryable);
    expect(calls).toBe(2);
  });

  it("throws any other error at once", async () => {
    let calls = 0;
    const other = new Error("other");
    const run = () => {
      calls++;
      return Promise.reject(other);
    };
    await expect(retryOn((e) => e === retryable, run)).rejects.toBe(other);
    expect(calls).toBe(1);
  });
});
