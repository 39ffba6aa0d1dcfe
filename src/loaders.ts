import type { Db } from "./db/client";
import type { Principal } from "./auth/principal";

/** A loader of one request; `loaders` lets a batch prime the request's other loaders with rows it read along. */
export type LoaderFactory<T> = (db: Db, principal: Principal, loaders: Loaders) => T;

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
      loader = factory(this.db, this.principal, this);
      this.cache.set(factory, loader);
    }
    return loader;
  }
}
