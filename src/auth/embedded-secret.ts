import { basename, dirname } from "node:path";
import type { Config } from "../config";
import { readOrCreateSecretFile } from "../shared/local-secret";

/** Random bytes of the embedded-mode JWT secret (HS256 wants at least 32). */
const EMBEDDED_SECRET_BYTES = 32;

/**
 * Embedded mode without JWT_SECRET or JWT_JWKS_URL: the configuration with this installation's secret, read from
 * `config.jwt.secretFile` (created on first start, mode 0600). Otherwise the configuration unchanged.
 *
 * Called once at start-up by each entry point that signs or verifies tokens (src/main.ts and `npm run token`),
 * right after loadConfig: loadConfig stays a pure function of the environment (its tests touch no file), and both
 * entry points get the secret the same way, so the tokens `npm run token` prints are the ones the server accepts.
 */
export function withEmbeddedSecret(config: Config): Config {
  const file = config.jwt.secretFile;
  if (!file || config.jwt.secret) return config;
  const secret = readOrCreateSecretFile(dirname(file), basename(file), EMBEDDED_SECRET_BYTES);
  return { ...config, jwt: { ...config.jwt, secret } };
}
