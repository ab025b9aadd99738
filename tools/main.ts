/** Entry point of the tools stack alone: `cd tools && npx cdktf synth|deploy`. */
import { configDirFrom } from "../config/location.ts";
import { buildFolder } from "../stacks/all-stacks.ts";
import { synthesize } from "../stacks/synthesize.ts";

synthesize({ configDir: configDirFrom(process.env) }, buildFolder("tools"));
