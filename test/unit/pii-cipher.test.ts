import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PiiCipher, PiiDecryptionError, piiKeyId } from "../../src/pii/pii-cipher";
import { PII_KEY_FILE, piiCipherFromConfig } from "../../src/pii/pii-keys";
import { readOrCreateSecretFile } from "../../src/shared/local-secret";

// Pure unit tests of src/pii: real node:crypto, fixed keys, no database.
const KEY_A = Buffer.alloc(32, 0xa1);
const KEY_B = Buffer.alloc(32, 0xb2);
const CONTEXT = "workers.tax_id:0190c0de-0000-7000-8000-000000000001";

describe("PiiCipher", () => {
  it("round-trips a value; the envelope names its key and holds no plaintext", () => {
    const cipher = new PiiCipher(KEY_A);
    const envelope = cipher.encrypt("123456789", CONTEXT);
    expect(envelope).toMatch(/^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(envelope).not.toContain("6789");
    expect(cipher.keyIdOf(envelope)).toBe(piiKeyId(KEY_A));
    expect(cipher.currentKeyId).toBe(piiKeyId(KEY_A));
    expect(cipher.decrypt(envelope, CONTEXT)).toBe("123456789");
    // A fresh IV each time: equal values do not give equal envelopes.
    expect(cipher.encrypt("123456789", CONTEXT)).not.toBe(envelope);
  });

  it("detects tampering with the ciphertext, the tag, the iv or the key id, and a value moved to another row", () => {
    const cipher = new PiiCipher(KEY_A);
    const envelope = cipher.encrypt("123456789", CONTEXT);
    const parts = envelope.split(".");
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] ^= 1;
      return bytes.toString("base64url");
    };
    for (const index of [2, 3, 4]) {
      const tampered = parts.map((p, i) => (i === index ? flip(p) : p)).join(".");
      expect(() => cipher.decrypt(tampered, CONTEXT), `part ${index}`).toThrow(PiiDecryptionError);
    }
    expect(() => cipher.decrypt(envelope, "workers.tax_id:another-row")).toThrow(/failed authentication/);
    expect(() => cipher.decrypt(["v1", "AAAAAAAA", ...parts.slice(2)].join("."), CONTEXT)).toThrow(/not configured/);
    expect(() => cipher.decrypt("123456789", CONTEXT)).toThrow(/not a v1 PII envelope/);
  });

  it("refuses to decrypt with the wrong key, and decrypts with a previous key during a rotation", () => {
    const old = new PiiCipher(KEY_A).encrypt("987654321", CONTEXT);
    expect(() => new PiiCipher(KEY_B).decrypt(old, CONTEXT)).toThrow(/not configured/);
    // Same key id, other key bytes: the tag check still refuses it.
    const forged = old.replace(`.${piiKeyId(KEY_A)}.`, `.${piiKeyId(KEY_B)}.`);
    expect(() => new PiiCipher(KEY_B).decrypt(forged, CONTEXT)).toThrow(/failed authentication/);

    const rotating = new PiiCipher(KEY_B, [KEY_A]);
    expect(rotating.decrypt(old, CONTEXT)).toBe("987654321");
    const fresh = rotating.encrypt("987654321", CONTEXT);
    expect(rotating.keyIdOf(fresh)).toBe(piiKeyId(KEY_B));
    expect(() => new PiiCipher(KEY_A).decrypt(fresh, CONTEXT)).toThrow(PiiDecryptionError);
  });

  it("keyed hash: stable per key and purpose, different under another key; candidates cover every known key", () => {
    const a = new PiiCipher(KEY_A);
    const b = new PiiCipher(KEY_B, [KEY_A]);
    expect(a.hash("tax_id", "123456789")).toBe(new PiiCipher(KEY_A).hash("tax_id", "123456789"));
    expect(a.hash("tax_id", "123456789")).not.toBe(a.hash("tax_id", "123456780"));
    expect(a.hash("tax_id", "123456789")).not.toBe(a.hash("bank_account", "123456789"));
    expect(b.hash("tax_id", "123456789")).not.toBe(a.hash("tax_id", "123456789"));
    expect(b.hashCandidates("tax_id", "123456789")).toEqual([b.hash("tax_id", "123456789"), a.hash("tax_id", "123456789")]);
    expect(a.hash("tax_id", "123456789")).not.toContain("6789");
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => new PiiCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
    expect(() => new PiiCipher(KEY_A, [Buffer.alloc(31)])).toThrow(/32 bytes/);
  });
});

describe("the key file in DATA_DIR", () => {
  it("is created once with mode 0600 and reused on the next start", () => {
    const dir = mkdtempSync(join(tmpdir(), "eor-pii-"));
    try {
      const first = piiCipherFromConfig({ dataDir: join(dir, "data"), pii: { key: undefined, previousKeys: [] } });
      const path = join(dir, "data", PII_KEY_FILE);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(Buffer.from(readFileSync(path, "utf8").trim(), "base64")).toHaveLength(32);
      const envelope = first.encrypt("123456789", CONTEXT);
      const again = piiCipherFromConfig({ dataDir: join(dir, "data"), pii: { key: undefined, previousKeys: [] } });
      expect(again.currentKeyId).toBe(first.currentKeyId);
      expect(again.decrypt(envelope, CONTEXT)).toBe("123456789");
      // A configured key wins over the file.
      expect(piiCipherFromConfig({ dataDir: join(dir, "data"), pii: { key: KEY_A, previousKeys: [] } }).currentKeyId).toBe(piiKeyId(KEY_A));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a file that does not hold 32 bytes", () => {
    const dir = mkdtempSync(join(tmpdir(), "eor-pii-"));
    try {
      readOrCreateSecretFile(dir, PII_KEY_FILE, 16);
      expect(() => piiCipherFromConfig({ dataDir: dir, pii: { key: undefined, previousKeys: [] } })).toThrow(/does not hold a secret of 32 random bytes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
