/**
 * npm run guardrails: every expectation in config/guardrail-expectations.yaml
 * judged over the SCPs each account would get (org/README.md "Expectations").
 */
import { configDirFrom } from "../config/location.ts";
import { guardrailsCommand } from "../org/guardrails/expectations/command.ts";

guardrailsCommand({
  configDir: configDirFrom(process.env),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
