import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  // type-graphql loads graphql's CommonJS build; make test files use the same copy
  // ("Cannot use GraphQLSchema from another module or realm" otherwise).
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // TEST_DATABASE_DEPENDENT_ONLY=1 (CI's second pass, on the embedded database, after the same commit's first pass
    // on Postgres ran everything): leave out test/unit, whose files never open a database — running them again
    // would repeat the same test, not test another database — and the two schema-driven sweeps of the GraphQL
    // layer, the read scopes on every path (test/e2e/read-scopes.test.ts) and 10,000 hostile inputs
    // (test/e2e/fuzz.test.ts): what they test is the schema's rules, the same on either database, and on the embedded
    // one they took 7.5 and 1.5 minutes of a 2-core machine, enough to push CI past its 20 minutes.
    exclude: [...configDefaults.exclude, ...(process.env.TEST_DATABASE_DEPENDENT_ONLY === "1" ? ["test/unit/**", "test/e2e/read-scopes.test.ts", "test/e2e/fuzz.test.ts"] : [])],
    setupFiles: ["test/support/setup.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // Generous: with files in parallel on two cores, a test spawning `tsx` children (test/e2e/process.test.ts)
    // has taken over 30 s under load. A timeout only bounds a hung test; no test asserts on it.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // On the embedded database (each file its own in-memory PGlite), the test files of one worker share its modules:
    // the app is imported once per worker, not once per file (3.4 s each: 217 s of the pass, now 25 s; the pass
    // 289 → 165 s). A file replaces a function with `vi.spyOn` (restored after), never `vi.mock`, whose module-level
    // replacement would reach the other files of its worker, or miss a module they loaded first. On Postgres, the
    // files of a worker share one database: a process per file, so that nothing an earlier file left running (a
    // job queue's runner) can take a later file's jobs (with shared modules, one CI run left a payroll run
    // CALCULATING past its test's 25 s, as such a runner would).
    isolate: process.env.DATABASE_URL !== undefined,
    // Test files run in parallel, each worker on its own database (Postgres: a copy per worker, see
    // test/support/global-setup.ts; embedded: a PGlite per file). Much of a file's time is spent waiting on
    // spawned processes, sockets and timers, so three workers keep two cores busy.
    maxWorkers: 3,
  },
});
