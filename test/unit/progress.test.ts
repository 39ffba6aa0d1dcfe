import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgress } from "../../src/cli/progress";

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk.toString());
        cb();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => chunks.join("") };
}

describe("createProgress", () => {
  it("writes plain lines when not a terminal: the step, every 10% of the total, and the result", () => {
    const out = sink(false);
    const p = createProgress({ stream: out.stream, label: "seed" });
    p.step("workers", 100);
    for (let i = 0; i < 100; i++) p.advance();
    p.done("100 rows");
    const lines = out.text().trimEnd().split("\n");
    expect(lines[0]).toBe("[seed] workers 0/100 0%");
    expect(lines.slice(1, -1)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90].map((n) => `[seed] workers ${n}/100 ${n}%`));
    expect(lines.at(-1)).toMatch(/^\[seed\] workers: done in \d+\.\d s \(100 rows\)$/);
    expect(out.text()).not.toContain("\r");
  });

  it("rewrites one line in place on a terminal and ends it with a newline", () => {
    const out = sink(true);
    const p = createProgress({ stream: out.stream });
    p.step("migrations");
    p.done();
    const clear = "\r\u001b[K";
    expect(out.text().startsWith(`${clear}migrations${clear}migrations: done in `)).toBe(true);
    expect(out.text()).toMatch(/done in \d+\.\d s\n$/);
  });

  it("writes nothing when silent", () => {
    const out = sink(false);
    const p = createProgress({ stream: out.stream, silent: true });
    p.step("x", 2);
    p.advance(2);
    p.done();
    expect(out.text()).toBe("");
  });
});
