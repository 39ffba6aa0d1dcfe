import { describe, expect, it } from "vitest";
import { cachedTokenVerifier } from "../../src/auth/token-cache";
import { Principal } from "../../src/auth/principal";

/** A verifier that counts its calls and answers a principal expiring at `exp` (ms), or refuses `bad`. */
function countingVerifier(exp: number) {
  const calls = { n: 0 };
  const verify = async (token: string) => {
    calls.n++;
    if (token === "bad") throw new Error("refused");
    return new Principal("OPERATOR", token, new Set(), [], new Date(exp));
  };
  return { verify, calls };
}

describe("cachedTokenVerifier", () => {
  it("verifies a token once and answers the same principal until the ttl", async () => {
    let now = 1_000_000;
    const { verify, calls } = countingVerifier(now + 3_600_000);
    const cached = cachedTokenVerifier(verify, { ttlMs: 60_000, now: () => now });
    const first = await cached("a");
    expect(await cached("a")).toBe(first);
    expect(calls.n).toBe(1);
    now += 60_000;
    await cached("a");
    expect(calls.n).toBe(2);
  });

  it("stops using an entry at the token's exp plus the clock tolerance", async () => {
    let now = 1_000_000;
    const { verify, calls } = countingVerifier(now + 10_000);
    const cached = cachedTokenVerifier(verify, { ttlMs: 60_000, now: () => now });
    await cached("a");
    now += 10_000 + 29_000;
    await cached("a");
    expect(calls.n).toBe(1);
    now += 1_000;
    await cached("a");
    expect(calls.n).toBe(2);
  });

  it("never remembers a refused token", async () => {
    const { verify, calls } = countingVerifier(Date.now() + 3_600_000);
    const cached = cachedTokenVerifier(verify);
    await expect(cached("bad")).rejects.toThrow("refused");
    await expect(cached("bad")).rejects.toThrow("refused");
    expect(calls.n).toBe(2);
  });

  it("holds at most maxEntries tokens, evicting the least recently used", async () => {
    const { verify, calls } = countingVerifier(Date.now() + 3_600_000);
    const cached = cachedTokenVerifier(verify, { maxEntries: 2 });
    await cached("a");
    await cached("b");
    await cached("a"); // a is now the most recently used
    await cached("c"); // evicts b
    expect(calls.n).toBe(3);
    await cached("a");
    expect(calls.n).toBe(3);
    await cached("b");
    expect(calls.n).toBe(4);
  });
});
