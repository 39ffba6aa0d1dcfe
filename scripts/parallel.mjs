// Runs npm scripts side by side and fails when any fails: `node scripts/parallel.mjs typecheck lint format:check`.
// npm test runs its independent checks this way (tsc and the type-aware eslint each build the program on one
// core). Each script's output is printed whole when it ends, so outputs never interleave.
import { spawn } from "node:child_process";

const scripts = process.argv.slice(2);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

const results = await Promise.all(
  scripts.map(
    (script) =>
      new Promise((resolve) => {
        const started = Date.now();
        const child = spawn(npm, ["run", "--silent", script], { stdio: ["ignore", "pipe", "pipe"] });
        const output = [];
        child.stdout.on("data", (chunk) => output.push(chunk));
        child.stderr.on("data", (chunk) => output.push(chunk));
        child.once("error", (error) => resolve({ script, code: 1, output: [Buffer.from(`${String(error)}\n`)], started }));
        child.once("close", (code, signal) => {
          const result = { script, code: code ?? 1, signal, output, started };
          process.stdout.write(`> ${script}: ${code === 0 ? "ok" : `failed (${signal ?? `exit ${code}`})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
          process.stdout.write(Buffer.concat(output));
          resolve(result);
        });
      }),
  ),
);

const failed = results.filter((r) => r.code !== 0).map((r) => r.script);
if (failed.length) {
  process.stderr.write(`failed: ${failed.join(", ")}\n`);
  process.exit(1);
}
