// Runs npm scripts side by side and fails when any fails: `tsx test/support/parallel-scripts.ts typecheck lint`.
// npm test runs its independent checks this way (tsc and the type-aware eslint each build the program on one
// core). Each script's output is printed whole when it ends, so outputs never interleave.
import { spawn } from "node:child_process";

interface Result {
  script: string;
  ok: boolean;
}

const scripts = process.argv.slice(2);
// CI's second pass (TEST_DATABASE_DEPENDENT_ONLY=1, vitest.config.ts) runs again only what depends on the database:
// these checks (types, lint, format, schema) never open one, and the first pass ran them on the same commit.
if (process.env.TEST_DATABASE_DEPENDENT_ONLY === "1") {
  process.stdout.write(`> ${scripts.join(", ")}: left out (TEST_DATABASE_DEPENDENT_ONLY=1: they do not depend on the database)\n`);
  process.exit(0);
}
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(script: string): Promise<Result> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(npm, ["run", "--silent", script], { stdio: ["ignore", "pipe", "pipe"] });
    const output: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
    child.once("error", (error) => {
      process.stdout.write(`> ${script}: failed to start (${String(error)})\n`);
      resolve({ script, ok: false });
    });
    child.once("close", (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`> ${script}: ${code === 0 ? "ok" : `failed (${signal ?? `exit ${code}`})`} in ${seconds} s\n`);
      process.stdout.write(Buffer.concat(output));
      resolve({ script, ok: code === 0 });
    });
  });
}

const failed = (await Promise.all(scripts.map(run))).filter((r) => !r.ok).map((r) => r.script);
if (failed.length) {
  process.stderr.write(`failed: ${failed.join(", ")}\n`);
  process.exit(1);
}
