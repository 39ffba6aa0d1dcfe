import { describe, expect, it } from "vitest";
import { encodeCursor, pageRequestKey, toPageRequest, type PageRequest } from "../../src/shared/pagination";

const A = "019b8b75-0e18-7d83-8b09-d5ec96740b21";
const B = "019b8b75-1db8-719b-aacc-3139ad9186dc";

/** src/shared/pagination.ts `pageRequestKey`: the DataLoader key of a nested page (equal requests, equal keys). */
describe("pageRequestKey", () => {
  it("gives equal requests one key and every different request its own", () => {
    const requests: PageRequest[] = [];
    for (const direction of ["forward", "backward"] as const)
      for (const limit of [0, 1, 5, 50]) for (const afterId of [null, A, B]) for (const beforeId of [null, A, B]) requests.push({ direction, limit, afterId, beforeId });
    const keys = requests.map(pageRequestKey);
    expect(new Set(keys).size).toBe(requests.length);
    expect(requests.map((r) => pageRequestKey({ ...r }))).toEqual(keys);
  });

  it("is the same for the same Relay arguments however they are given", () => {
    expect(pageRequestKey(toPageRequest({ first: 5, after: encodeCursor(A) }))).toBe(pageRequestKey(toPageRequest({ first: 5, after: encodeCursor(A), last: null })));
    expect(pageRequestKey(toPageRequest({ first: 5 }))).not.toBe(pageRequestKey(toPageRequest({ last: 5 })));
    expect(pageRequestKey(toPageRequest({ first: 5, after: encodeCursor(A) }))).not.toBe(pageRequestKey(toPageRequest({ first: 5, before: encodeCursor(A) })));
  });
});
