import { SignJWT, createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { DEFAULT_JWT_MAX_TTL_SECONDS } from "../config";
import { LIST_LIMITS } from "../shared/list-limits";
import { unauthenticated } from "../shared/errors";
import { parseGlobalId } from "../shared/global-id";
import { Principal } from "./principal";
import { ROLES, isScope, type Role } from "./scopes";
import { cachedTokenVerifier, type TokenCacheOptions } from "./token-cache";

/**
 * Claims of an EOR access token:
 *   sub      caller id (user or integration)
 *   role     OPERATOR | CLIENT | PARTNER
 *   clients  client global IDs the caller may act for (CLIENT: exactly one; PARTNER: one or more)
 *   scope    scopes separated by U+0020 (a space; no other whitespace)
 *   exp      required
 */
export interface TokenClaims extends JWTPayload {
  role: Role;
  clients?: string[];
  scope: string;
}

export interface VerifierOptions {
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Longest accepted lifetime in seconds (JWT_MAX_TTL; default 24 h). */
  maxTtlSeconds?: number;
  /** The verified-token cache (src/auth/token-cache.ts): its bounds and clock. */
  cache?: TokenCacheOptions;
}

/** Seconds of clock skew tolerated on exp / nbf / iat. */
export const CLOCK_TOLERANCE_SECONDS = 30;

export type TokenVerifier = (token: string) => Promise<Principal>;

/**
 * Builds the verifier. Algorithms are pinned per key type: HS256 for a shared secret, RS256/ES256 for a JWKS.
 * An `alg: none` token, or an RS-signed token presented to an HS verifier (and vice versa), is refused by jose.
 */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  let key: Uint8Array | JWTVerifyGetKey | undefined;
  let algorithms: string[];
  if (options.jwksUrl) {
    key = createRemoteJWKSet(new URL(options.jwksUrl));
    algorithms = ["RS256", "ES256"];
  } else if (options.secret) {
    key = new TextEncoder().encode(options.secret);
    algorithms = ["HS256"];
  } else {
    return async () => {
      throw unauthenticated("No token verification is configured (set JWT_SECRET or JWT_JWKS_URL)");
    };
  }

  // Verified tokens are remembered until their exp (at most a minute): src/auth/token-cache.ts.
  return cachedTokenVerifier(async (token: string) => {
    let payload: JWTPayload;
    try {
      const result = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ["exp", "sub"],
      });
      payload = result.payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated("The token has expired");
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw unauthenticated(`The token's \`${error.claim}\` claim is not accepted`);
      throw unauthenticated("The token is not valid");
    }
    refuseLongLived(payload, options.maxTtlSeconds ?? DEFAULT_JWT_MAX_TTL_SECONDS);
    return principalFromClaims(payload);
  }, options.cache);
}

/**
 * A stolen token is useful until it expires: refuse tokens meant to live longer than the configured maximum.
 * Lifetime = exp − iat; and whatever iat says (absent, or in the future), exp may be at most the maximum (plus the
 * clock tolerance) from now.
 */
function refuseLongLived(payload: JWTPayload, maxTtlSeconds: number) {
  const exp = payload.exp!; // required claim, checked by jose
  const now = Math.floor(Date.now() / 1000);
  const tooLong = (typeof payload.iat === "number" && exp - payload.iat > maxTtlSeconds) || exp - now > maxTtlSeconds + CLOCK_TOLERANCE_SECONDS;
  if (tooLong) throw unauthenticated(`The token lives longer than the ${maxTtlSeconds} s this server accepts (exp − iat)`);
}

function principalFromClaims(payload: JWTPayload): Principal {
  const role = payload.role as Role;
  if (!ROLES.includes(role)) throw unauthenticated("The token's `role` claim must be OPERATOR, CLIENT or PARTNER");
  const scopes = scopeList(payload.scope);
  const known = scopes.filter(isScope); // unknown scopes are ignored, not fatal
  const rawClients = Array.isArray(payload.clients) ? payload.clients : [];
  // `Viewer.accessibleClients` and every tenant filter take this list: bounded like any list of the graph.
  if (rawClients.length > LIST_LIMITS.tokenClients) throw unauthenticated(`The token's \`clients\` claim names more than ${LIST_LIMITS.tokenClients} clients`);
  const clientIds: string[] = [];
  for (const gid of rawClients) {
    const id = typeof gid === "string" ? parseGlobalId(gid, "Client") : null;
    if (id === null) throw unauthenticated("The token's `clients` claim must list Client IDs");
    clientIds.push(id);
  }
  if (role === "CLIENT" && clientIds.length !== 1) throw unauthenticated("A CLIENT token must name exactly one client");
  if (role === "PARTNER" && clientIds.length === 0) throw unauthenticated("A PARTNER token must name at least one client");
  const expiresAt = typeof payload.exp === "number" ? new Date(payload.exp * 1000) : undefined;
  return new Principal(role, String(payload.sub), new Set(known), role === "OPERATOR" ? [] : clientIds, expiresAt);
}

/**
 * The `scope` claim: a space-separated string (RFC 8693) or, as some identity providers send it, a list of
 * strings. Absent means no scopes; any other shape is refused rather than guessed at.
 */
function scopeList(claim: unknown): string[] {
  if (claim === undefined) return [];
  // RFC 6749 §3.3: scope tokens are separated by U+0020 only. A tab or a newline is part of a token (which then
  // names no known scope), never a separator that could smuggle in a scope.
  if (typeof claim === "string") return claim.split(" ").filter(Boolean);
  if (Array.isArray(claim) && claim.every((s) => typeof s === "string")) return claim.filter(Boolean);
  throw unauthenticated("The token's `scope` claim must be a space-separated string of scopes");
}

/** Reads `Bearer <token>` from an Authorization header value. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+([A-Za-z0-9_\-.=]+)$/i.exec(header.trim());
  return m ? m[1] : null;
}

export interface DevTokenOptions {
  secret: string;
  role: Role;
  /** Client global IDs. */
  clients?: string[];
  scopes: string[];
  subject?: string;
  issuer?: string;
  audience?: string;
  expiresIn?: string;
}

/** Signs an HS256 development token (npm run token, tests, embedded start-up banner). */
export async function signDevToken(options: DevTokenOptions): Promise<string> {
  let jwt = new SignJWT({
    role: options.role,
    scope: options.scopes.join(" "),
    ...(options.clients && options.clients.length > 0 ? { clients: options.clients } : {}),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(options.subject ?? `dev-${options.role.toLowerCase()}`)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "12h");
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
