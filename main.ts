/**
 * The whole organization: every stack at once (`npx cdktf synth` at the
 * root, `npx cdktf deploy org`). Each account folder has its own main.ts for
 * working on one stack.
 */
import { join } from "node:path";
import { buildAllStacks } from "./stacks/all-stacks.ts";
import { synthesize } from "./stacks/synthesize.ts";

synthesize({ configDir: join(import.meta.dirname, "config") }, buildAllStacks);
