import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config";
import { PII_KEY_BYTES, PiiCipher } from "./pii-cipher";

/** Name of the generated key file in DATA_DIR (used when PII_ENCRYPTION_KEY is not set outside production). */
export const PII_KEY_FILE = "pii-encryption.key";

/**
 * The random secret stored once in `<dataDir>/<name>` (base64, file mode 0600), created on first use and read back
 * on every later start. `wx` makes the creation exclusive: two processes starting at once keep the first file.
 * (The JWT secret file of embedded mode needs the same thing; the two are meant to share one helper.)
 */
export function readOrCreateSecretFile(dataDir: string, name: string, bytes: number): Buffer {
  const path = join(dataDir, name);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(path, randomBytes(bytes).toString("base64") + "\n", { flag: "wx", mode: 0o600 });
    chmodSync(path, 0o600); // exactly 0600 whatever the umask (which can only have narrowed it)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  const secret = Buffer.from(readFileSync(path, "utf8").trim(), "base64");
  if (secret.length !== bytes) throw new Error(`${path} must hold ${bytes} bytes in base64; delete it only if nothing was encrypted with it`);
  return secret;
}

/**
 * The PII cipher of this process: PII_ENCRYPTION_KEY when set (always in production, config requires it), else
 * the key file generated once in DATA_DIR — in embedded mode and on Postgres outside production (development,
 * tests), where every process sharing the database must then share that DATA_DIR or set the variable.
 */
export function piiCipherFromConfig(config: Pick<Config, "dataDir" | "pii">): PiiCipher {
  const key = config.pii.key ?? readOrCreateSecretFile(config.dataDir, PII_KEY_FILE, PII_KEY_BYTES);
  return new PiiCipher(key, config.pii.previousKeys);
}
