/** Where the config folder is. Kept free of cdktf so the accounts CLI starts fast. */
import { join, resolve } from "node:path";

/** The repository's config/, or $ORG_CONFIG_DIR (entry points pass their environment in). */
export function configDirFrom(env: Readonly<Record<string, string | undefined>>): string {
  return resolve(env.ORG_CONFIG_DIR ?? join(import.meta.dirname, "..", "config"));
}
