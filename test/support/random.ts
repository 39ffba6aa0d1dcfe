/**
 * The one source of randomness in tests: a seeded PRNG (mulberry32), so a failing run can be replayed.
 * The seed is `TEST_SEED` when set, otherwise derived from the process (time and pid) and printed with any failing
 * test (test/support/setup.ts): `TEST_SEED=<seed> npx vitest run <file>` gives the same values again.
 */
const fromEnv = Number.parseInt(process.env.TEST_SEED ?? "", 10);

/** This process's seed (32-bit unsigned). */
export const seed = Number.isFinite(fromEnv) ? fromEnv >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;

let state = seed;

/** A float in [0, 1), from the seeded sequence. */
export function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** An integer in [0, n). */
export function randomInt(n: number): number {
  return Math.floor(random() * n);
}

/** `length` characters of [0-9a-z]. */
export function randomString(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += randomInt(36).toString(36);
  return out;
}
