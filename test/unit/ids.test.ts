import { describe, expect, it } from "vitest";
import { newId, UUID_PATTERN } from "../../src/shared/ids";

describe("newId", () => {
  it("gives distinct, increasing UUIDv7s across many refills of its random pool", () => {
    const ids = Array.from({ length: 50_000 }, () => newId()); // 500 KB of random bytes: about 30 pools
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true);
    for (const id of ids.slice(0, 100)) {
      expect(id).toMatch(UUID_PATTERN);
      expect(id[14]).toBe("7"); // version
      expect("89ab").toContain(id[19]); // variant
    }
  });
});
