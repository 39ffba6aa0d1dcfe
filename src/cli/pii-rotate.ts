import "reflect-metadata";
import { ConfigError, loadConfig } from "../config";
import { openDatabase } from "../db/client";
import { piiCipherFromConfig } from "../pii/pii-keys";
import { rotatePii, type RotationCounts } from "../pii/pii-rotation";

/**
 * npm run pii:rotate [-- --batch-size 500]: re-encrypts every stored PII value under PII_ENCRYPTION_KEY (the
 * previous keys, PII_ENCRYPTION_KEYS_PREVIOUS, decrypt the old values). Safe beside a running server and safe to
 * re-run; prints the counts. Exits 1 when a value could not be decrypted or re-keyed.
 */
let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
const sizeArg = process.argv.indexOf("--batch-size");
const batchSize = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 500;
if (!Number.isInteger(batchSize) || batchSize < 1) {
  process.stderr.write("--batch-size must be a positive integer\n");
  process.exit(1);
}
const cipher = piiCipherFromConfig(config);
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, maxConnections: 2 });
try {
  await database.migrate();
  const counts = await rotatePii(database.db, cipher, { batchSize });
  const line = (c: RotationCounts) =>
    `${c.found} found under other keys, ${c.reencrypted} re-encrypted, ${c.changedMeanwhile} changed meanwhile, ${c.undecryptable} undecryptable, ${c.conflicts} conflicts`;
  process.stdout.write(`pii:rotate to key ${cipher.currentKeyId}: ${line(counts)}\n`);
  for (const [name, column] of Object.entries(counts.columns)) process.stdout.write(`  ${name}: ${line(column)}\n`);
  process.exitCode = counts.undecryptable + counts.conflicts > 0 ? 1 : 0;
} finally {
  await database.close();
}
