import { loadConfig } from "../config";
import { openDatabase } from "../db/client";
import { seedDemoData } from "../seed/seed";
import { piiCipherFromConfig } from "../pii/pii-keys";

/** npm run seed: migrates, then loads the deterministic demo data once (a second run changes nothing). */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
const { seeded } = await seedDemoData(database.db, piiCipherFromConfig(config));
await database.close();
process.stdout.write(seeded ? "demo data seeded\n" : "demo data already present\n");
