import type { Db, DatabaseActivity } from "./db/client";
import type { Principal } from "./auth/principal";
import type { Logger } from "./logger";
import { Loaders } from "./loaders";
import type { App } from "./app";
import type { RequestBudget } from "./request-budget";
import type { PiiCipher } from "./pii/pii-cipher";
import type { OutboundPolicy } from "./modules/webhooks/webhook-outbound";

/** What the webhook use cases need of the runtime: the outbound rules (checked at registration) and the queue. */
export interface WebhookRuntime {
  policy: OutboundPolicy;
  /** These endpoints may have something to send now (called after the commit). */
  poke(endpointIds: readonly string[]): void;
}

/**
 * What every resolver receives: the verified caller, the database, fresh per-request DataLoaders, and the parts of
 * the runtime a service needs. Built per operation by the app (src/app.ts `App.context`), which owns those parts.
 */
export interface Context {
  requestId: string;
  principal: Principal;
  db: Db;
  /** What this operation's statements may have done (src/service-unavailable.ts: is a failed mutation safe to retry?). */
  dbActivity?: DatabaseActivity;
  loaders: Loaders;
  logger: Logger;
  /** Sandbox mode: the sandbox-only mutations are allowed (src/modules/remittances/sandbox-rail.ts `sandboxEnabled`). */
  sandbox: boolean;
  /** This node's payroll calculation queue (started by src/app.ts); null where none runs. */
  calculations: App["calculations"] | null;
  /** This operation's deadline and response size (src/request-budget.ts); absent outside the server. */
  budget?: RequestBudget;
  /** Encrypts and decrypts personal data stored by the application (tax ids): src/pii/pii-cipher.ts. */
  pii: PiiCipher;
  /** This node's webhook delivery (src/modules/webhooks/); null where none runs. */
  webhooks: WebhookRuntime | null;
}

/** What `createContext` is given. */
export interface ContextArgs {
  requestId: string;
  principal: Principal;
  db: Db;
  dbActivity?: DatabaseActivity;
  /** The operation's logger, or what makes it on first use (most operations never log: a child logger per request is work for nothing). */
  logger: Logger | (() => Logger);
  pii: PiiCipher;
  sandbox?: boolean;
  calculations?: App["calculations"] | null;
  budget?: RequestBudget;
  webhooks?: WebhookRuntime | null;
}

/**
 * A context as a class: its fields assigned in one shape, the logger made on first use by a getter of the
 * prototype. A copy must keep the prototype (`Object.assign(context, …)`, or Apollo's clone, which does): a spread
 * (`{ ...context }`) would lose the logger.
 */
class OperationContext implements Context {
  requestId: string;
  principal: Principal;
  db: Db;
  dbActivity?: DatabaseActivity;
  loaders: Loaders;
  sandbox: boolean;
  calculations: App["calculations"] | null;
  budget?: RequestBudget;
  pii: PiiCipher;
  webhooks: WebhookRuntime | null;
  private makeLogger: Logger | (() => Logger);
  private madeLogger: Logger | undefined;

  constructor(args: ContextArgs) {
    this.requestId = args.requestId;
    this.principal = args.principal;
    this.db = args.db;
    this.dbActivity = args.dbActivity;
    this.loaders = new Loaders(args.db, args.principal);
    this.sandbox = args.sandbox ?? false;
    this.calculations = args.calculations ?? null;
    this.budget = args.budget;
    this.pii = args.pii;
    this.webhooks = args.webhooks ?? null;
    this.makeLogger = args.logger;
    this.madeLogger = undefined;
  }

  get logger(): Logger {
    const make = this.makeLogger;
    return typeof make === "function" ? (this.madeLogger ??= make()) : make;
  }
}

export function createContext(args: ContextArgs): Context {
  return new OperationContext(args);
}
