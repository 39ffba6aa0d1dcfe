import type { Db } from "../db/client";

/** Demo data: filled in by the seed module. Idempotent: seeding twice changes nothing. */
export async function seedDemoData(_db: Db): Promise<{ seeded: boolean }> {
  return { seeded: false };
}
