import "reflect-metadata";
import { beforeEach } from "vitest";
import { seed } from "./random";

// Any failing test prints the seed of this file's random values (test/support/random.ts) to replay them.
beforeEach((context) => {
  context.onTestFailed(() => {
    process.stderr.write(`random values of this test file: TEST_SEED=${seed}\n`);
  });
});
