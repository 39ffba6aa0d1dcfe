import { defineConfig } from "vitest/config";

export default defineConfig({
  // type-graphql loads graphql's CommonJS build; make test files use the same copy
  // ("Cannot use GraphQLSchema from another module or realm" otherwise).
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    setupFiles: ["test/support/setup.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
