/** Entry point of the org stack alone: `cd org && npx cdktf synth|deploy`. */
import { configDirFrom } from "../config/location.ts";
import { synthesize } from "../stacks/synthesize.ts";
import { OrgStack } from "./org-stack.ts";

synthesize({ configDir: configDirFrom(process.env) }, (app, config) => {
  new OrgStack(app, { config });
});
