import { readOrCreateSecretFile } from "../shared/local-secret";
import type { Config } from "../config";
import { PII_KEY_BYTES, PiiCipher } from "./pii-cipher";

/** Name of the generated key file in DATA_DIR (used when PII_ENCRYPTION_KEY is not set outside production). */
export const PII_KEY_FILE = "pii-encryption.key";

/**
 * The PII cipher of this process: PII_ENCRYPTION_KEY when set (always in production, config requires it), else
 * the key file generated once in DATA_DIR — in embedded mode and on Postgres outside production (development,
 * tests), where every process sharing the database must then share that DATA_DIR or set the variable.
 */
export function piiCipherFromConfig(config: Pick<Config, "dataDir" | "pii">): PiiCipher {
  const key = config.pii.key ?? Buffer.from(readOrCreateSecretFile(config.dataDir, PII_KEY_FILE, PII_KEY_BYTES), "base64url").subarray(0, PII_KEY_BYTES);
  return new PiiCipher(key, config.pii.previousKeys);
}
