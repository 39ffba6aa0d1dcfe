import { CONFIG_VARIABLES } from "../../src/config";

/** The environment of a fresh shell for a child process: the parent's, without any configuration variable, plus `extra`. */
export function unconfiguredEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARIABLES) delete env[name];
  return { ...env, ...extra };
}
