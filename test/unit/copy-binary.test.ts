import { describe, expect, it } from "vitest";
import { BinaryCopyRows, uuidToBytes, type CopyColumnType } from "../../src/db/copy";

/**
 * COPY's binary format (src/db/copy.ts, `BinaryCopyRows`), read back here by a small decoder written from the
 * PostgreSQL documentation (COPY, "Binary Format": per row a 16-bit field count, per field a 32-bit length — -1 for
 * NULL — and the value's bytes). The round trip through a database is in test/integration/payroll-result-writer.test.ts.
 */
type Decoded = string | bigint | number | null;

function decode(chunks: Buffer[], types: CopyColumnType[]): Decoded[][] {
  const data = Buffer.concat(chunks);
  const rows: Decoded[][] = [];
  let at = 0;
  while (at < data.length) {
    const fields = data.readInt16BE(at);
    at += 2;
    expect(fields).toBe(types.length);
    const row: Decoded[] = [];
    for (const type of types) {
      const length = data.readInt32BE(at);
      at += 4;
      if (length === -1) {
        row.push(null);
        continue;
      }
      const value = data.subarray(at, at + length);
      at += length;
      if (type === "uuid") {
        expect(length).toBe(16);
        const hex = value.toString("hex");
        row.push(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
      } else if (type === "text") row.push(value.toString("utf8"));
      else if (type === "int8") {
        expect(length).toBe(8);
        row.push(value.readBigInt64BE(0));
      } else {
        expect(length).toBe(4);
        row.push(value.readInt32BE(0));
      }
    }
    rows.push(row);
  }
  return rows;
}

const TYPES: CopyColumnType[] = ["uuid", "text", "int8", "int4"];

describe("COPY binary encoding", () => {
  it("writes uuids, texts, bigints, integers and NULLs as their binary forms", () => {
    const rows = new BinaryCopyRows();
    rows.row(4).uuid("01a22ca9-be48-716e-b6bd-69258792705e").text("Überstunden — 日本語 🧾 tab\there \\N").int8(0).int4(0);
    rows.row(4).uuid("01A22CA9-BE48-716E-B6BD-69258792705F").text("").int8(-1).int4(-2_147_483_648);
    rows.row(4).null().null().int8(Number.MAX_SAFE_INTEGER).int4(2_147_483_647);
    rows.row(4).uuidOrNull(null).text("x").int8(-Number.MAX_SAFE_INTEGER).int4OrNull(undefined);
    rows.row(4).uuidBytes(Buffer.from("000102030405060708090a0b0c0d0e0f", "hex")).text("y").int8OrNull(4_294_967_296).int4OrNull(7);
    const taken = rows.take();
    expect(taken.format).toBe("binary");
    expect(taken.rows).toBe(5);
    expect(decode(taken.chunks, TYPES)).toEqual([
      ["01a22ca9-be48-716e-b6bd-69258792705e", "Überstunden — 日本語 🧾 tab\there \\N", 0n, 0],
      ["01a22ca9-be48-716e-b6bd-69258792705f", "", -1n, -2_147_483_648],
      [null, null, 9_007_199_254_740_991n, 2_147_483_647],
      [null, "x", -9_007_199_254_740_991n, null],
      ["00010203-0405-0607-0809-0a0b0c0d0e0f", "y", 4_294_967_296n, 7],
    ]);
  });

  it("parses a uuid once into its bytes (uuidToBytes), the same bytes `uuid` writes", () => {
    const id = "01A22CA9-be48-716e-b6bd-69258792705e";
    expect(uuidToBytes(id).toString("hex")).toBe("01a22ca9be48716eb6bd69258792705e");
    const rows = new BinaryCopyRows();
    rows.row(1).uuid(id);
    rows.row(1).uuidBytes(uuidToBytes(id));
    const [a, b] = decode(rows.take().chunks, ["uuid"]);
    expect(a).toEqual(b);
  });

  it("writes rows of values from their text by the columns' types (the benchmark's raw COPY)", () => {
    const rows = new BinaryCopyRows();
    rows.values(["01a22ca9-be48-716e-b6bd-69258792705e", "a", "123456789012", "-5"], TYPES);
    rows.values([null, null, null, null], TYPES);
    expect(decode(rows.take().chunks, TYPES)).toEqual([
      ["01a22ca9-be48-716e-b6bd-69258792705e", "a", 123_456_789_012n, -5],
      [null, null, null, null],
    ]);
    expect(() => rows.values(["a"], TYPES)).toThrow(/1 values for 4 columns/);
  });

  it("refuses what the database would refuse as text, instead of writing something else", () => {
    const rows = new BinaryCopyRows();
    for (const bad of ["01a22ca9be48716eb6bd69258792705e", "01a22ca9-be48-716e-b6bd-69258792705", "01a22ca9-be48-716e-b6bd-69258792705g", "01a22ca9_be48-716e-b6bd-69258792705e"])
      expect(() => rows.uuid(bad)).toThrow(/not a uuid/);
    expect(() => rows.uuidBytes(Buffer.alloc(15))).toThrow(/16 bytes/);
    expect(() => uuidToBytes("01a22ca9-be48-716e-b6bd-69258792705")).toThrow(/not a uuid/);
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) expect(() => rows.int8(bad)).toThrow(RangeError);
    for (const bad of [0.5, 2_147_483_648, -2_147_483_649]) expect(() => rows.int4(bad)).toThrow(RangeError);
  });

  it("continues rows across buffers, a value longer than a buffer included, and starts anew after take", () => {
    const rows = new BinaryCopyRows();
    const expected: Decoded[][] = [];
    for (let i = 0; i < 5_000; i++) {
      const text = `Überstunden — 日本語 🧾 ${"x".repeat(i % 97)}`;
      rows
        .row(4)
        .uuid("01a22ca9-be48-716e-b6bd-69258792705e")
        .text(text)
        .int8(i)
        .int4OrNull(i % 3 === 0 ? null : i);
      expected.push(["01a22ca9-be48-716e-b6bd-69258792705e", text, BigInt(i), i % 3 === 0 ? null : i]);
    }
    const long = "é".repeat(300_000); // more than a buffer on its own
    rows.row(4).null().text(long).int8(1).int4(1);
    expected.push([null, long, 1n, 1]);
    const taken = rows.take();
    expect(taken.chunks.length).toBeGreaterThan(2);
    expect(taken.rows).toBe(5_001);
    expect(decode(taken.chunks, TYPES)).toEqual(expected);
    expect(rows.take()).toEqual({ format: "binary", chunks: [], rows: 0 });
    rows.row(4).null().null().null().null();
    expect(decode(rows.take().chunks, TYPES)).toEqual([[null, null, null, null]]);
    expect(decode(taken.chunks, TYPES)).toEqual(expected); // the taken buffers are untouched
  });
});
