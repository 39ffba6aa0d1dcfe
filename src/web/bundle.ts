import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import type { Express } from "express";
import { build } from "esbuild";

/** One bundled page script (and the CSS its imports pulled in). */
export interface WebBundle {
  js: string;
  css: string;
  /** The first 16 hex digits of the SHA-256 of both: part of the URLs, so that a new build is a new URL. */
  hash: string;
}

const WEB_DIR = dirname(fileURLToPath(import.meta.url));
const cache = new Map<string, Promise<WebBundle>>();

/**
 * Bundles a page's entry (a path relative to src/web, e.g. "status/status.client.ts") with everything it imports
 * from npm, in memory, once per process: the first request of a page waits for esbuild (a few hundred ms), later
 * ones get the cached result. Minified, for current browsers, React in production mode.
 */
export function bundleWebEntry(entry: string): Promise<WebBundle> {
  let bundle = cache.get(entry);
  if (!bundle) {
    bundle = (async () => {
      const result = await build({
        entryPoints: [join(WEB_DIR, entry)],
        bundle: true,
        write: false,
        minify: true,
        format: "esm",
        platform: "browser",
        target: ["chrome120", "firefox120"],
        jsx: "automatic",
        outdir: "out",
        define: { "process.env.NODE_ENV": '"production"' },
        logLevel: "silent",
      });
      const text = (ext: string) =>
        result.outputFiles
          .filter((f) => f.path.endsWith(ext))
          .map((f) => f.text)
          .join("\n");
      const js = text(".js");
      const css = text(".css");
      return { js, css, hash: createHash("sha256").update(js).update("\0").update(css).digest("hex").slice(0, 16) };
    })();
    bundle.catch(() => cache.delete(entry)); // a failed build is retried by the next request
    cache.set(entry, bundle);
  }
  return bundle;
}

/** Where a page finds its bundle. */
export interface WebBundleUrls {
  script: string;
  style: string;
}

/** A year: the bundle URLs carry the content hash, so a cached copy is never stale. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Serves the bundle of `entry` at `/web/<name>-<hash>.js` and `.css` (outside /graphql, whose guard answers 404 to
 * every sub-path), cacheable for a year; an older hash is a 404. Returns what a page needs to link them (building
 * the bundle on first use).
 */
export function mountWebBundle(app: Express, name: string, entry: string): () => Promise<WebBundleUrls> {
  const urls = (hash: string) => ({ script: `/web/${name}-${hash}.js`, style: `/web/${name}-${hash}.css` });
  const types = { js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" } as const;
  const pattern = new RegExp(`^/web/${name}-([0-9a-f]{16})\\.(js|css)$`);
  app.get(pattern, async (req, res, next) => {
    const [, hash, ext] = pattern.exec(req.path)! as unknown as [string, string, "js" | "css"];
    try {
      const bundle = await bundleWebEntry(entry);
      if (hash !== bundle.hash) return next();
      res.setHeader("Cache-Control", IMMUTABLE).type(types[ext]).send(bundle[ext]);
    } catch (error) {
      next(error);
    }
  });
  return async () => urls((await bundleWebEntry(entry)).hash);
}
