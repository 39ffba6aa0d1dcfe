/**
 * npm run docs:coverage [-- --check]: rewrites the coverage table of src/modules/payroll/engine/README.md from the
 * engine's coverage data (the `taxJurisdictions` query's). With --check, writes nothing and exits 1 when the README
 * is stale (run it without --check and commit the result).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { withCoverageBlock } from "../modules/payroll/engine/coverage-docs";

const README = fileURLToPath(new URL("../modules/payroll/engine/README.md", import.meta.url));
const current = readFileSync(README, "utf8");
const generated = withCoverageBlock(current);
if (process.argv.includes("--check")) {
  if (generated !== current) {
    process.stderr.write("src/modules/payroll/engine/README.md: the coverage table is stale; run `npm run docs:coverage`\n");
    process.exit(1);
  }
  process.stdout.write("src/modules/payroll/engine/README.md coverage table is current.\n");
} else if (generated !== current) {
  writeFileSync(README, generated);
  process.stdout.write("wrote the coverage table of src/modules/payroll/engine/README.md\n");
} else {
  process.stdout.write("src/modules/payroll/engine/README.md coverage table is current.\n");
}
