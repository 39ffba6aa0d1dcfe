import { CLOCK_TOLERANCE_SECONDS, type TokenVerifier } from "./tokens";
import type { Principal } from "./principal";

/** How many verified tokens are remembered (least recently used first out). */
export const TOKEN_CACHE_MAX_ENTRIES = 1_000;
/** How long a verified token is remembered at most (a JWKS key withdrawn stops being trusted within this time). */
export const TOKEN_CACHE_TTL_MS = 60_000;
/** Longer tokens are verified every time (a cache entry's size stays bounded). */
const MAX_CACHED_TOKEN_LENGTH = 4_096;

export interface TokenCacheOptions {
  maxEntries?: number;
  ttlMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

/**
 * Remembers the principals of tokens verified successfully, keyed by the raw token: an integration sends the same
 * token with every request, and verifying it (signature, claims) cost more than the rest of a small query. An entry
 * is used until the token expires (its `exp`, with the clock tolerance the verifier applies) or `ttlMs` after its
 * verification, whichever comes first; a token past that is verified again, and answered as the verifier answers
 * (expired, or refused). Refused tokens are never remembered. Bounded: at most `maxEntries`, least recently used
 * evicted first.
 */
export function cachedTokenVerifier(verify: TokenVerifier, options: TokenCacheOptions = {}): TokenVerifier {
  const maxEntries = options.maxEntries ?? TOKEN_CACHE_MAX_ENTRIES;
  const ttlMs = options.ttlMs ?? TOKEN_CACHE_TTL_MS;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { principal: Principal; validUntil: number }>();
  return async (token: string) => {
    const hit = entries.get(token);
    if (hit) {
      entries.delete(token);
      if (now() < hit.validUntil) {
        entries.set(token, hit); // most recently used last
        return hit.principal;
      }
    }
    const principal = await verify(token);
    const verifiedAt = now();
    const expiry = principal.expiresAt ? principal.expiresAt.getTime() + CLOCK_TOLERANCE_SECONDS * 1000 : verifiedAt;
    const validUntil = Math.min(expiry, verifiedAt + ttlMs);
    if (token.length <= MAX_CACHED_TOKEN_LENGTH && validUntil > verifiedAt) {
      entries.set(token, { principal, validUntil });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    }
    return principal;
  };
}
