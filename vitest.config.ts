import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  // type-graphql loads graphql's CommonJS build; make test files use the same copy
  // ("Cannot use GraphQLSchema from another module or realm" otherwise).
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // TEST_DATABASE_DEPENDENT_ONLY=1 (CI's second pass, on the embedded database, after the same commit's first pass
    // on Postgres ran everything): leave out test/unit, whose files never open a database — running them again
    // would repeat the same test, not test another database.
    exclude: [...configDefaults.exclude, ...(process.env.TEST_DATABASE_DEPENDENT_ONLY === "1" ? ["test/unit/**"] : [])],
    setupFiles: ["test/support/setup.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // Generous: with files in parallel on two cores, a test spawning `tsx` children (test/e2e/process.test.ts)
    // has taken over 30 s under load. A timeout only bounds a hung test; no test asserts on it.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Test files run in parallel, each worker on its own database (Postgres: a copy per worker, see
    // test/support/global-setup.ts; embedded: a PGlite per file). Much of a file's time is spent waiting on
    // spawned processes, sockets and timers, so three workers keep two cores busy.
    maxWorkers: 3,
  },
});
