#!/usr/bin/env node
// `npx devops accounts <command>`: runs cli/devops.ts through tsx, exactly as
// `npm run accounts -- <command>` does, from any working directory.
"use strict";
const { spawnSync } = require("node:child_process");
const { join } = require("node:path");
const { pathToFileURL } = require("node:url");

const tsx = pathToFileURL(require.resolve("tsx")).href;
const result = spawnSync(process.execPath, ["--import", tsx, join(__dirname, "devops.ts"), ...process.argv.slice(2)], { stdio: "inherit" });
if (result.error) {
  process.stderr.write(`devops: ${result.error.message}\n`);
  process.exit(1);
}
process.exit(result.status ?? 1);
