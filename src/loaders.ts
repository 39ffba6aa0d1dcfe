import type { Db } from "./db/client";
import type { Principal } from "./auth/principal";

export type LoaderFactory<T> = (db: Db, principal: Principal) => T;

/**
 * Per-request DataLoaders. Each module exports factories (`<thing>.loaders.ts`); the registry creates each one
 * at most once per request, so every relation resolves through one batched, tenant-scoped loader.
 */
export class Loaders {
  private readonly cache = new Map<LoaderFactory<unknown>, unknown>();

  constructor(
    private readonly db: Db,
    private readonly principal: Principal,
  ) {}

  get<T>(factory: LoaderFactory<T>): T {
    let loader = this.cache.get(factory) as T | undefined;
    if (loader === undefined) {
      loader = factory(this.db, this.principal);
      this.cache.set(factory, loader);
    }
    return loader;
  }
}
