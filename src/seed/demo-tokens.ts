import { asc } from "drizzle-orm";
import type { Db } from "../db/client";
import type { Config } from "../config";
import { signDevToken } from "../auth/tokens";
import { DEFAULT_SCOPES } from "../auth/scopes";
import { toGlobalId } from "../shared/global-id";
import { clients } from "../modules/clients/client.table";

/** Lifetime of the demo tokens: 12 hours, or JWT_MAX_TTL when that is shorter. */
export function demoTokenLifetimeSeconds(jwt: Pick<Config["jwt"], "maxTtlSeconds">): number {
  return Math.min(12 * 3600, jwt.maxTtlSeconds);
}

function demoTokenBase(jwt: Config["jwt"] & { secret: string }) {
  return { secret: jwt.secret, issuer: jwt.issuer, audience: jwt.audience, expiresIn: `${demoTokenLifetimeSeconds(jwt)}s` };
}

/** The demo OPERATOR token (all clients, the role's default scopes), as the banner prints it; undefined without a secret. */
export async function demoOperatorToken(jwt: Config["jwt"]): Promise<string | undefined> {
  if (!jwt.secret) return undefined;
  return signDevToken({ ...demoTokenBase({ ...jwt, secret: jwt.secret }), role: "OPERATOR", scopes: DEFAULT_SCOPES.OPERATOR });
}

/** Ready-to-use development tokens printed at start-up: an operator, each demo client, a partner. */
export async function demoTokens(db: Db, jwt: Config["jwt"]) {
  if (!jwt.secret) return [];
  const base = demoTokenBase({ ...jwt, secret: jwt.secret });
  const rows = await db.select({ id: clients.id, name: clients.name }).from(clients).orderBy(asc(clients.id)).limit(3);
  const tokens = [{ label: "OPERATOR (all clients)", token: (await demoOperatorToken(jwt))! }];
  for (const c of rows) {
    tokens.push({
      label: `CLIENT ${c.name}`,
      token: await signDevToken({ ...base, role: "CLIENT", clients: [toGlobalId("Client", c.id)], scopes: DEFAULT_SCOPES.CLIENT, subject: `dev-client-${c.id.slice(-4)}` }),
    });
  }
  if (rows.length >= 2) {
    tokens.push({
      label: `PARTNER (${rows
        .slice(0, 2)
        .map((c) => c.name)
        .join(", ")})`,
      token: await signDevToken({
        ...base,
        role: "PARTNER",
        clients: rows.slice(0, 2).map((c) => toGlobalId("Client", c.id)),
        scopes: DEFAULT_SCOPES.PARTNER,
        subject: "dev-partner",
      }),
    });
  }
  return tokens;
}
