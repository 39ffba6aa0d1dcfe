import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A secret that belongs to one local installation (embedded mode): `bytes` random bytes, base64url, in the file
 * `<dataDir>/<name>`, created on first use with mode 0600 and read unchanged on every later start. So a fresh
 * clone gets its own secret, no secret lives in the source, and restarting keeps earlier tokens (or encrypted
 * values) valid. Deleting the file rotates the secret.
 *
 * Creation is atomic: the secret is written to a private temporary file that is then hard-linked to its name, so
 * two processes starting at once end up with the same secret and nobody ever reads a half-written file.
 * A file others can read (group/other permission bits) or one that does not hold at least `bytes` bytes of
 * base64url is refused with a message saying what to do, rather than used.
 */
export function readOrCreateSecretFile(dataDir: string, name: string, bytes: number): string {
  const path = join(dataDir, name);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    return readSecretFile(path, bytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, `${randomBytes(bytes).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(temporary, 0o600); // whatever the umask
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error; // another process created it first: use theirs
  } finally {
    unlinkSync(temporary);
  }
  return readSecretFile(path, bytes);
}

function readSecretFile(path: string, bytes: number): string {
  const mode = statSync(path).mode;
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new Error(`${path} is readable by other users (mode ${(mode & 0o777).toString(8)}): run \`chmod 600 ${path}\``);
  }
  const secret = readFileSync(path, "utf8").trim();
  if (!/^[A-Za-z0-9_-]+$/.test(secret) || Buffer.from(secret, "base64url").length < bytes) {
    throw new Error(`${path} does not hold a secret of ${bytes} random bytes (base64url): delete it to generate a new one`);
  }
  return secret;
}
