import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";

/**
 * Application-level encryption of personal data (tax ids today, bank account numbers later): AES-256-GCM with a
 * 32-byte key, so the database, its backups and its dumps never hold the plaintext.
 *
 * A stored value is one ASCII envelope `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts, no padding):
 * - `keyId` names the key that encrypted it (derived from the key, so it needs no configuration): after a key
 *   change the old key stays in `PII_ENCRYPTION_KEYS_PREVIOUS` until `npm run pii:rotate` has re-encrypted
 *   every value under the new one.
 * - the additional authenticated data is the caller's `context` (e.g. `workers.tax_id:<worker id>`): a ciphertext
 *   copied onto another row does not decrypt there.
 *
 * `hash` is a keyed hash (HMAC-SHA-256 under a key derived from the encryption key with HKDF) stored beside the
 * envelope, so equal values can be found (a unique index) without decrypting. It changes with the key:
 * `hashCandidates` gives the value's hash under every known key, for look-ups while a rotation is under way.
 */
export const PII_KEY_BYTES = 32;
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class PiiDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PiiDecryptionError";
  }
}

interface Key {
  id: string;
  encryption: Buffer;
  hashing: Buffer;
}

function deriveKey(raw: Buffer): Key {
  if (raw.length !== PII_KEY_BYTES) throw new Error(`a PII encryption key must be ${PII_KEY_BYTES} bytes, got ${raw.length}`);
  return {
    id: piiKeyId(raw),
    encryption: raw,
    hashing: Buffer.from(hkdfSync("sha256", raw, Buffer.alloc(0), "eor-graph pii keyed-hash v1", 32)),
  };
}

/** The id stored with each value: 8 base64url characters of a hash of the key (reveals nothing usable about it). */
export function piiKeyId(raw: Buffer): string {
  return createHash("sha256").update("eor-graph pii key id\0").update(raw).digest("base64url").slice(0, 8);
}

export class PiiCipher {
  private readonly current: Key;
  private readonly byId: Map<string, Key>;

  /** `currentKey` encrypts; `previousKeys` only decrypt (and give hash candidates) during a rotation. */
  constructor(currentKey: Buffer, previousKeys: readonly Buffer[] = []) {
    this.current = deriveKey(currentKey);
    this.byId = new Map([this.current, ...previousKeys.map(deriveKey)].map((k) => [k.id, k]));
  }

  /** Id of the key new values are encrypted with. */
  get currentKeyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.current.encryption, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const parts = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString("base64url"));
    return [VERSION, this.current.id, ...parts].join(".");
  }

  /** Throws PiiDecryptionError for a malformed envelope, an unknown key id, or a value tampered with. */
  decrypt(envelope: string, context: string): string {
    const parts = envelope.split(".");
    if (parts.length !== 5 || parts[0] !== VERSION) throw new PiiDecryptionError("not a v1 PII envelope");
    const key = this.byId.get(parts[1]);
    if (!key) throw new PiiDecryptionError(`PII key ${parts[1]} is not configured (PII_ENCRYPTION_KEY / PII_ENCRYPTION_KEYS_PREVIOUS)`);
    const [iv, ciphertext, tag] = parts.slice(2).map((p) => Buffer.from(p, "base64url"));
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new PiiDecryptionError("malformed PII envelope");
    try {
      const decipher = createDecipheriv("aes-256-gcm", key.encryption, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
    } catch {
      throw new PiiDecryptionError("PII value failed authentication (tampered, or another row's value)");
    }
  }

  /** The key id an envelope was encrypted with (null when it is not an envelope). */
  keyIdOf(envelope: string): string | null {
    const parts = envelope.split(".");
    return parts.length === 5 && parts[0] === VERSION ? parts[1] : null;
  }

  /** Keyed hash of a value under the current key (what is stored beside a new envelope). */
  hash(purpose: string, value: string): string {
    return keyedHash(this.current, purpose, value);
  }

  /** The value's hash under the current key and every previous key, current first. */
  hashCandidates(purpose: string, value: string): string[] {
    return [...this.byId.values()].map((k) => keyedHash(k, purpose, value));
  }
}

function keyedHash(key: Key, purpose: string, value: string): string {
  return createHmac("sha256", key.hashing).update(purpose).update("\0").update(value).digest("base64url");
}
