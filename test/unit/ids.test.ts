import { describe, expect, it } from "vitest";
import { newId, newIdBytes, UUID_PATTERN } from "../../src/shared/ids";

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

  it("newIdBytes gives the same sequence as bytes: after and before text ids, in order, UUIDv7", () => {
    const before = newId();
    const bytes = Array.from({ length: 1_000 }, () => Buffer.from(newIdBytes())); // copied: the buffer is reused
    const after = newId();
    const texts = bytes.map((b) => {
      const hex = b.toString("hex");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    });
    const all = [before, ...texts, after];
    expect(all.every((id, i) => i === 0 || id > all[i - 1])).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    for (const id of texts.slice(0, 100)) {
      expect(id).toMatch(UUID_PATTERN);
      expect(id[14]).toBe("7");
      expect("89ab").toContain(id[19]);
    }
  });
});
