/** Entry point of the dns stack alone: `cd dns && npx cdktf synth|deploy`. */
import { configDirFrom } from "../config/location.ts";
import { buildFolder } from "../stacks/all-stacks.ts";
import { synthesize } from "../stacks/synthesize.ts";

synthesize({ configDir: configDirFrom(process.env) }, buildFolder("dns"));
