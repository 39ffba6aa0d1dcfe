import { loadConfig } from "../config";
import { openDatabase } from "../db/client";
import { createProgress } from "./progress";

/** npm run db:migrate: applies migrations/ to DATABASE_URL, or to the embedded database in DATA_DIR. */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await database.migrate(createProgress({ label: "migrate" }));
await database.close();
process.stdout.write(`migrations applied (${database.kind})\n`);
