/** Entry point of the org stack alone: `cd org && npx cdktf synth|deploy`. */
import { join } from "node:path";
import { synthesize } from "../stacks/synthesize.ts";
import { OrgStack } from "./org-stack.ts";

synthesize({ configDir: join(import.meta.dirname, "..", "config") }, (app, config) => {
  new OrgStack(app, { config });
});
