import type { Db } from "./db/client";
import type { Principal } from "./auth/principal";
import type { Logger } from "./logger";
import { Loaders } from "./loaders";

/** What every resolver receives: the verified caller, the database, fresh per-request DataLoaders. */
export interface Context {
  requestId: string;
  principal: Principal;
  db: Db;
  loaders: Loaders;
  logger: Logger;
}

export function createContext(args: { requestId: string; principal: Principal; db: Db; logger: Logger }): Context {
  return { ...args, loaders: new Loaders(args.db, args.principal) };
}
