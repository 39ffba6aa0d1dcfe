import "reflect-metadata";
import { beforeEach, inject } from "vitest";
import { seed } from "./random";
import { workerDatabaseUrl } from "./worker-database";

// On Postgres, this worker's own copy of the database (global-setup.ts): files run in parallel, one per worker.
const templateDatabaseUrl = inject("templateDatabaseUrl");
if (templateDatabaseUrl) process.env.DATABASE_URL = workerDatabaseUrl(templateDatabaseUrl, Number(process.env.VITEST_POOL_ID ?? 1));

// Any failing test prints the seed of this file's random values (test/support/random.ts) to replay them.
beforeEach((context) => {
  context.onTestFailed(() => {
    process.stderr.write(`random values of this test file: TEST_SEED=${seed}\n`);
  });
});
