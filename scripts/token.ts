import { parseArgs } from "node:util";
import { loadConfig } from "../src/config";
import { signDevToken } from "../src/auth/tokens";
import { DEFAULT_SCOPES, ROLES, SCOPES, isScope, type Role } from "../src/auth/scopes";
import { parseGlobalId } from "../src/shared/global-id";

/**
 * npm run token -- --role OPERATOR|CLIENT|PARTNER [--client <clientId>]... [--scopes "<space separated>"] [--ttl 12h]
 * Prints a signed HS256 development token. Only with JWT_SECRET set, or in embedded mode (no DATABASE_URL).
 */
function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    role: { type: "string" },
    client: { type: "string", multiple: true },
    scopes: { type: "string" },
    ttl: { type: "string", default: "12h" },
    subject: { type: "string" },
  },
  strict: true,
});

const config = loadConfig();
if (!config.jwt.secret) fail("No shared secret: set JWT_SECRET, or run without DATABASE_URL (embedded mode). Production tokens come from your identity provider.");
const role = (values.role ?? "").toUpperCase() as Role;
if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(", ")}`);
const clients = values.client ?? [];
for (const c of clients) if (parseGlobalId(c, "Client") === null) fail(`--client "${c}" is not a Client ID (use the id the graph returns)`);
if (role === "CLIENT" && clients.length !== 1) fail("A CLIENT token needs exactly one --client");
if (role === "PARTNER" && clients.length === 0) fail("A PARTNER token needs at least one --client");
const scopes = values.scopes !== undefined ? values.scopes.split(/\s+/).filter(Boolean) : DEFAULT_SCOPES[role];
const unknown = scopes.filter((s) => !isScope(s));
if (unknown.length > 0) fail(`Unknown scopes: ${unknown.join(", ")}. Known: ${SCOPES.join(" ")}`);

const token = await signDevToken({
  secret: config.jwt.secret,
  issuer: config.jwt.issuer,
  audience: config.jwt.audience,
  role,
  clients,
  scopes,
  subject: values.subject,
  expiresIn: values.ttl,
});
process.stdout.write(`${token}\n`);
