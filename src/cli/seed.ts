import { loadConfig } from "../config";
import { openDatabase } from "../db/client";
import { seedDemoData } from "../seed/seed";
import { piiCipherFromConfig } from "../pii/pii-keys";
import { createProgress } from "./progress";

/** npm run seed: migrates, then loads the deterministic demo data once (a second run changes nothing). */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
// Progress on stderr: one updating line on a terminal, plain lines otherwise (src/cli/progress.ts).
const progress = createProgress({ label: "seed" });
await database.migrate(progress);
const { seeded } = await seedDemoData(database.db, piiCipherFromConfig(config), progress);
await database.close();
process.stdout.write(seeded ? "demo data seeded\n" : "demo data already present\n");
