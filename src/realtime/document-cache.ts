import type { DocumentNode, GraphQLError } from "graphql";

/** A parsed and validated document, or why it was refused. */
export type CheckedDocument = { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: readonly GraphQLError[] };

/** Documents longer than this are checked every time rather than kept. */
const MAX_CACHED_QUERY_LENGTH = 32 * 1024;

/**
 * Parse and validation results by document text, for the WebSocket transport: a burst of thousands of clients
 * subscribing with the same document parses and validates it once. Validation depends only on the text, the
 * schema and the rules, which are fixed for a server, so a cached verdict is the verdict. Bounded: at most
 * `capacity` documents, the least recently used leaves first; long documents are not kept. Reusing the
 * DocumentNode also reuses what is cached per document downstream (the operation's estimated cost).
 */
export class DocumentCache {
  private readonly entries = new Map<string, CheckedDocument>();

  constructor(
    private readonly check: (query: string) => CheckedDocument,
    private readonly capacity = 500,
  ) {}

  get(query: string): CheckedDocument {
    const cached = this.entries.get(query);
    if (cached) {
      this.entries.delete(query); // most recently used last
      this.entries.set(query, cached);
      return cached;
    }
    const checked = this.check(query);
    if (query.length <= MAX_CACHED_QUERY_LENGTH) {
      this.entries.set(query, checked);
      if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    }
    return checked;
  }
}
