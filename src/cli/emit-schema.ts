import "reflect-metadata";
import { readFileSync, writeFileSync } from "node:fs";
import { createSchema, printSortedSchema } from "../schema";

/** `npm run schema:emit` writes schema/schema.graphql; `--check` fails when the committed file is stale. */
const path = new URL("../../schema/schema.graphql", import.meta.url);
const sdl = printSortedSchema(await createSchema());
if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(path, "utf8");
  } catch {
    // no committed schema yet: compared as empty, so it is reported stale
  }
  if (committed !== sdl) {
    process.stderr.write("schema/schema.graphql is stale: run `npm run schema:emit` and commit it.\n");
    process.exit(1);
  }
  process.stdout.write("schema/schema.graphql is current.\n");
} else {
  writeFileSync(path, sdl);
  process.stdout.write("wrote schema/schema.graphql\n");
}
