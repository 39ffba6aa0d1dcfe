import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { build } from "esbuild";

/** One bundled page script (and the CSS its imports pulled in). */
export interface WebBundle {
  js: string;
  css: string;
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
      return { js: text(".js"), css: text(".css") };
    })();
    bundle.catch(() => cache.delete(entry)); // a failed build is retried by the next request
    cache.set(entry, bundle);
  }
  return bundle;
}
