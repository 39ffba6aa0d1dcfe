import { describe, expect, it } from "vitest";
import { CopyChunks, copyField, copyRow } from "../../src/db/copy";

/** COPY's text format (src/db/copy.ts); the round trip through a database is in test/integration/payroll-result-writer.test.ts. */
describe("COPY text encoding", () => {
  it("escapes backslash, tab, newline and carriage return, and nothing else", () => {
    expect(copyField("a\tb")).toBe("a\\tb");
    expect(copyField("one\ntwo\r\n")).toBe("one\\ntwo\\r\\n");
    expect(copyField("C:\\dir\\")).toBe("C:\\\\dir\\\\");
    expect(copyField("\\N")).toBe("\\\\N"); // the two characters, not NULL
    expect(copyField("\\.")).toBe("\\\\."); // not the end-of-data marker
    expect(copyField("Überstunden — 日本語 🧾 'quoted' \"double\" ,;|")).toBe("Überstunden — 日本語 🧾 'quoted' \"double\" ,;|");
    expect(copyField("")).toBe("");
  });

  it("writes NULL as \\N and numbers, bigints and booleans as Postgres reads them", () => {
    expect(copyField(null)).toBe("\\N");
    expect(copyField(undefined)).toBe("\\N");
    expect(copyField(0)).toBe("0");
    expect(copyField(-1234567)).toBe("-1234567");
    expect(copyField(9007199254740993n)).toBe("9007199254740993");
    expect([copyField(true), copyField(false)]).toEqual(["t", "f"]);
  });

  it("separates fields with tabs and ends a row with a newline", () => {
    expect(copyRow(["x", null, 3, "a\tb"])).toBe("x\t\\N\t3\ta\\tb\n");
    expect(copyRow([""])).toBe("\n");
  });

  it("collects rows into buffers whose bytes are the rows' UTF-8, across buffer boundaries and for a row longer than a buffer", () => {
    const chunks = new CopyChunks();
    const rows: string[] = [];
    for (let i = 0; i < 5_000; i++) rows.push(copyRow([i, `Überstunden — 日本語 🧾 ${"x".repeat(i % 97)}`, i % 3 === 0 ? null : "a\tb"]));
    rows.push(copyRow(["long", "é".repeat(300_000)])); // more than a buffer on its own
    rows.push(copyRow(["after"]));
    for (const row of rows) chunks.push(row);
    expect(chunks.rows).toBe(5_002);
    const taken = chunks.take();
    expect(taken.length).toBeGreaterThan(2); // several buffers
    expect(Buffer.concat(taken).toString("utf8")).toBe(rows.join(""));
    expect(chunks.rows).toBe(0);
    expect(chunks.take()).toEqual([]); // nothing since
    chunks.push("next\n");
    expect(Buffer.concat(chunks.take()).toString("utf8")).toBe("next\n"); // a new buffer: the taken ones are untouched
    expect(Buffer.concat(taken).toString("utf8")).toBe(rows.join(""));
  });
});
