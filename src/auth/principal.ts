import { forbidden } from "../shared/errors";
import type { Role, Scope } from "./scopes";

/** Which clients a caller may see: all (OPERATOR) or a list of client uuids. Repositories filter on it. */
export type TenantScope = { all: true } | { all: false; clientIds: string[] };

/** The verified caller of one request or WebSocket connection. */
export class Principal {
  constructor(
    readonly role: Role,
    readonly subject: string,
    readonly scopes: ReadonlySet<Scope>,
    /** Client uuids for CLIENT and PARTNER; ignored for OPERATOR. */
    readonly clientIds: readonly string[],
    /** When the token stops being valid (its `exp`): a WebSocket connection is closed then. */
    readonly expiresAt?: Date,
  ) {}

  get tenants(): TenantScope {
    return this.role === "OPERATOR" ? { all: true } : { all: false, clientIds: [...this.clientIds] };
  }

  hasScope(scope: Scope): boolean {
    return this.scopes.has(scope);
  }

  /** Throws FORBIDDEN naming the missing scope. */
  assertScope(scope: Scope): void {
    if (!this.scopes.has(scope)) throw forbidden(`This operation needs the \`${scope}\` scope`);
  }

  assertRole(role: Role): void {
    if (this.role !== role) throw forbidden(`This operation is for ${role} callers only`);
  }

  canAccessClient(clientId: string): boolean {
    return this.role === "OPERATOR" || this.clientIds.includes(clientId);
  }

  /** Audit actor recorded on events: role and subject, never a token. */
  get actor() {
    return { kind: this.role, id: this.subject } as const;
  }
}
