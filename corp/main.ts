/** Entry point of the corp stack alone: `cd corp && npx cdktf synth|deploy`. */
import { configDirFrom } from "../config/location.ts";
import { buildFolder } from "../stacks/all-stacks.ts";
import { synthesize } from "../stacks/synthesize.ts";

synthesize({ configDir: configDirFrom(process.env) }, buildFolder("corp"));
