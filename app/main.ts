/** Entry point of the app stacks alone, one per environment: `cd app && npx cdktf synth`, `npx cdktf deploy app-dev`. */
import { configDirFrom } from "../config/location.ts";
import { buildFolder } from "../stacks/all-stacks.ts";
import { synthesize } from "../stacks/synthesize.ts";

synthesize({ configDir: configDirFrom(process.env) }, buildFolder("app"));
