import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { changelogLine, compareSchemas, type SchemaChange } from "../shared/schema-changes";

/**
 * `npm run schema:breaking`: schema/schema.graphql against what integrators already have —
 *  - schema/released.graphql, the schema of the last release (committed; what CI on a clean clone of main compares with);
 *  - and, when the repository has `origin/main`, the schema on the merge base with it (what this branch changes).
 * Exits 1 when a breaking change is not listed in schema/CHANGELOG.md; prints dangerous changes without failing.
 * `--base <file>` compares with that file only.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (relative: string) => readFileSync(`${root}${relative}`, "utf8");
const TIMEOUT_MS = 10_000;

function git(...args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: TIMEOUT_MS });
  } catch {
    return null;
  }
}

function bases(): { name: string; sdl: string }[] {
  const explicit = process.argv.indexOf("--base");
  if (explicit >= 0) {
    const file = process.argv[explicit + 1];
    return [{ name: file, sdl: readFileSync(file, "utf8") }];
  }
  const found = [{ name: "schema/released.graphql", sdl: read("schema/released.graphql") }];
  const mergeBase = git("merge-base", "HEAD", "origin/main")?.trim();
  const onMergeBase = mergeBase ? git("show", `${mergeBase}:schema/schema.graphql`) : null;
  if (mergeBase && onMergeBase !== null) found.push({ name: `the merge base with origin/main (${mergeBase.slice(0, 12)})`, sdl: onMergeBase });
  return found;
}

const current = read("schema/schema.graphql");
const changelog = read("schema/CHANGELOG.md");
const unlisted = new Map<string, SchemaChange>();
const dangerous = new Map<string, SchemaChange>();
for (const base of bases()) {
  const result = compareSchemas(base.sdl, current, changelog);
  process.stdout.write(
    `schema/schema.graphql against ${base.name}: ${result.listed.length} listed breaking, ${result.unlisted.length} unlisted breaking, ${result.dangerous.length} dangerous\n`,
  );
  for (const change of result.unlisted) unlisted.set(changelogLine(change), change);
  for (const change of result.dangerous) dangerous.set(changelogLine(change), change);
}
if (dangerous.size > 0) {
  process.stdout.write(
    `\nDangerous changes (allowed, not failing: they can change what an existing client sees — say so in schema/CHANGELOG.md):\n${[...dangerous.keys()].join("\n")}\n`,
  );
}
if (unlisted.size > 0) {
  process.stderr.write(
    `\nBreaking changes not listed in schema/CHANGELOG.md (add each line with its reason, or keep the old name deprecated):\n${[...unlisted.keys()].join("\n")}\n`,
  );
  process.exit(1);
}
process.stdout.write("No unlisted breaking change.\n");
