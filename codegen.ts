import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed documents for the operations the tests use (test/operations/*.graphql), generated from the committed
 * schema: a schema change that breaks an operation fails `npm run codegen` or the type-check.
 */
const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  documents: ["test/operations/**/*.graphql"],
  generates: {
    "test/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: "string", DateTime: "string", Decimal: "string" },
      },
    },
  },
  ignoreNoDocuments: true,
};
export default config;
