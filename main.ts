/**
 * The whole organization: every stack at once (`npx cdktf synth` at the
 * root, `npx cdktf deploy org`). Each account folder has its own main.ts for
 * working on one stack.
 */
import { buildAllStacks } from "./stacks/all-stacks.ts";
import { configDirFrom } from "./config/location.ts";
import { synthesize } from "./stacks/synthesize.ts";

synthesize({ configDir: configDirFrom(process.env) }, buildAllStacks);
