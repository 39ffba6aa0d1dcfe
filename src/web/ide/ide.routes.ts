import type { Express } from "express";
import type { WebPagesOptions } from "../web-pages";

/** GraphiQL at GET /graphql for browsers (issue 12, item 1). */
export function mountIde(_app: Express, _options: WebPagesOptions): void {}
