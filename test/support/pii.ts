import { PiiCipher } from "../../src/pii/pii-cipher";

/**
 * The PII key of every test server and of the seed (global-setup on Postgres, server.ts on PGlite): a fixed key,
 * so that the shared Postgres database seeded once decrypts in every test file. Never a real key.
 */
export const TEST_PII_KEY = Buffer.from("test-pii-key-32-bytes-not-secret", "utf8");

export function testPiiCipher(previousKeys: Buffer[] = []): PiiCipher {
  return new PiiCipher(TEST_PII_KEY, previousKeys);
}
