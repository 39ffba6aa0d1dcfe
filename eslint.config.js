// Lint: the TypeScript rules that catch real bugs (promises nobody awaits, values nobody uses, unsafe `any`
// flowing through), type-aware over src and test. Formatting is prettier's job, not eslint's.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".data/", "migrations/", "schema/", "test/generated/", "docs/"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Async functions that do not await are the norm for resolvers and service methods that implement an async
      // interface; the rule flags them without finding a bug.
      "@typescript-eslint/require-await": "off",
      // `let app; …handlers that read it…; app = await createApp()`: the handlers are installed before the value exists.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // vitest's asymmetric matchers (`expect.stringContaining(…)`, `expect.any(…)`) are typed `any`: assigning or
    // passing them is how a test is written, not an unsafe value flowing into product code. Likewise a test reads
    // the JSON of a response by member access and lets the assertion fail when the shape is wrong.
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
    },
  },
  {
    // Config files at the root are plain modules outside the type-checked project.
    files: ["eslint.config.js"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
