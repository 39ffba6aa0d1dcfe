import type { Express } from "express";
import { mountIde } from "./ide/ide.routes";
import { mountStatusBoard } from "./status/status.routes";

/** What the browser pages served by the API server need from it. */
export interface WebPagesOptions {
  /** GraphiQL at `GET /graphql` asked for by a browser: on outside production; in production only with GRAPHQL_IDE=on. */
  ide: boolean;
  /**
   * A demo OPERATOR token to pre-fill the pages with: given only in embedded development mode (the same tokens the
   * start-up banner prints); absent in production and on Postgres, where a page never carries a token.
   */
  devToken?: () => Promise<string | undefined>;
}

/**
 * The browser pages (the offline GraphQL IDE and the /status board). Their scripts are bundled from npm by esbuild
 * (src/web/bundle.ts) and served by this server: no page loads anything from another origin. Each page sets its own
 * Content-Security-Policy (the API's is `default-src 'none'`).
 */
export function mountWebPages(app: Express, options: WebPagesOptions): void {
  mountIde(app, options);
  mountStatusBoard(app, options);
}
