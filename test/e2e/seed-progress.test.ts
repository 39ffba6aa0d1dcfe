import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { unconfiguredEnv } from "../support/env";

/**
 * `npm run seed` (src/cli/seed.ts) as a child process whose stderr is a pipe, not a terminal: its progress is plain
 * lines (no carriage return, no escape sequence), naming each step and how far it got; the result on stdout. Run on
 * an embedded database in a temporary DATA_DIR (the configuration is removed from its environment).
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "eor-seed-progress-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function seed(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/seed.ts"], { cwd: ROOT, env: unconfiguredEnv({ DATA_DIR: dataDir }), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run seed, not on a terminal", () => {
  it("prints its progress as plain lines: migrations, then the demo data table by table; a second run says it is up to date", { timeout: 120_000 }, async () => {
    const first = await seed();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe("demo data seeded\n");
    expect(first.stderr).not.toMatch(/[\r\x1b]/); // eslint-disable-line no-control-regex -- the TTY redraw characters must be absent
    const lines = first.stderr.trimEnd().split("\n");
    expect(lines.every((l) => l.startsWith("[seed] "))).toBe(true);
    expect(lines[0]).toMatch(/^\[seed\] database migrations \(0 of (\d+) applied\) 0\/\1 0%$/);
    expect(lines).toContainEqual(expect.stringMatching(/^\[seed\] database migrations \(0 of \d+ applied\): done in \d+\.\d s \(\d+ applied\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\[seed\] demo data: loading tables 0\/\d+ 0%$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\[seed\] demo data: loading tables \d+\/\d+ [1-9]\d%$/));
    expect(lines.at(-1)).toMatch(/^\[seed\] demo data: loading tables: done in \d+\.\d s \(seeded\)$/);

    const second = await seed();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe("demo data already present\n");
    expect(second.stderr).toMatch(/^\[seed\] database migrations \((\d+) of \1 applied\): done in \d+\.\d s \(up to date\)$/m);
    expect(second.stderr).toMatch(/^\[seed\] demo data: checking: done in \d+\.\d s \(already present\)$/m);
  });
});
