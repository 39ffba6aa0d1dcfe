import type { TestProject } from "vitest/node";

/**
 * Postgres runs give each vitest worker its own copy of the migrated, seeded database (global-setup.ts makes
 * them): `<database>_w<N>` for VITEST_POOL_ID N (1 … maxWorkers). setup.ts points DATABASE_URL at the worker's
 * copy before a test file is loaded, so the file, its servers and the processes it spawns all use it.
 */
export function workerDatabaseUrl(templateUrl: string, poolId: number): string {
  const url = new URL(templateUrl);
  url.pathname = `${url.pathname}_w${poolId}`;
  return url.toString();
}

/** The number of workers vitest runs test files in (its own resolution of `maxWorkers`). */
export function testWorkerCount(project: TestProject): number {
  const configured = project.config.maxWorkers ?? project.vitest.config.maxWorkers;
  return Math.max(1, Number(configured) || 1);
}
