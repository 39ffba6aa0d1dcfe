import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config";
import { decodeJwt } from "jose";
import { signDevToken } from "../auth/tokens";
import { withEmbeddedSecret } from "../auth/embedded-secret";
import { DEFAULT_SCOPES, ROLES, SCOPES, isScope, type Role } from "../auth/scopes";
import { parseGlobalId } from "../shared/global-id";

/**
 * npm run token -- --role OPERATOR|CLIENT|PARTNER [--client <clientId>]... [--scopes "<space separated>"] [--ttl 12h]
 * Prints a signed HS256 development token. Only with JWT_SECRET set, or in embedded mode (no DATABASE_URL): then it
 * signs with the secret in DATA_DIR that the server uses (created here if the server has not started yet).
 * Every mistake exits 2 with one line saying what to change (and the usage), never a stack trace.
 */
const USAGE = `Usage: npm run token -- --role OPERATOR|CLIENT|PARTNER [--client <clientId>]... [--scopes "<scope> <scope>"] [--ttl 12h] [--subject <id>]
  --client   a client's global ID as the graph returns it (CLIENT: exactly one; PARTNER: one or more)
  --scopes   space-separated; default: the role's scopes. Known: ${SCOPES.join(" ")}
  --ttl      lifetime such as 30m, 12h (default 12h; at most JWT_MAX_TTL, 24h unless set)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      role: { type: "string" },
      client: { type: "string", multiple: true },
      scopes: { type: "string" },
      ttl: { type: "string", default: "12h" },
      subject: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
if (!config.jwt.secret && !config.jwt.secretFile)
  fail("No shared secret: set JWT_SECRET, or run without DATABASE_URL (embedded mode). Production tokens come from your identity provider.");
const role = (values.role ?? "").toUpperCase() as Role;
if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(", ")}`);
const clients = values.client ?? [];
for (const c of clients) if (parseGlobalId(c, "Client") === null) fail(`--client "${c}" is not a Client ID (use the id the graph returns)`);
if (role === "CLIENT" && clients.length !== 1) fail("A CLIENT token needs exactly one --client");
if (role === "PARTNER" && clients.length === 0) fail("A PARTNER token needs at least one --client");
if (role === "OPERATOR" && clients.length > 0) fail("An OPERATOR token acts for every client: drop --client");
const scopes = values.scopes !== undefined ? values.scopes.split(/\s+/).filter(Boolean) : DEFAULT_SCOPES[role];
const unknown = scopes.filter((s) => !isScope(s));
if (unknown.length > 0) fail(`Unknown scopes: ${unknown.join(", ")}. Known: ${SCOPES.join(" ")}`);
if (!/^[1-9]\d*\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)$/i.test(values.ttl)) {
  fail(`--ttl "${values.ttl}" is not a lifetime such as 30m, 12h or 7d`);
}

// The arguments are right: now the secret (embedded mode: DATA_DIR's secret file, created if the server never ran).
let secret: string;
try {
  secret = withEmbeddedSecret(config).jwt.secret!;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error)); // the secret file is unreadable or malformed
}
const token = await signDevToken({
  secret,
  issuer: config.jwt.issuer,
  audience: config.jwt.audience,
  role,
  clients,
  scopes,
  subject: values.subject,
  expiresIn: values.ttl,
});
const { exp, iat } = decodeJwt(token);
if (exp! - iat! > config.jwt.maxTtlSeconds) fail(`--ttl ${values.ttl} is longer than the server accepts (JWT_MAX_TTL: ${config.jwt.maxTtlSeconds} s)`);
process.stdout.write(`${token}\n`);
