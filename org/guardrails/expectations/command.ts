/**
 * npm run guardrails: load the config, judge every expectation, print the
 * report. Exit code 0 when every check is as expected, 1 on a mismatch, on a
 * check the engine could not evaluate, on no expectations, or on a config problem.
 */
import { loadConfig } from "../../../config/load.ts";
import { ConfigError } from "../../../config/problems.ts";
import { runGuardrailExpectations } from "./run.ts";

export interface GuardrailsCommandIo {
  readonly configDir: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export async function guardrailsCommand(io: GuardrailsCommandIo): Promise<number> {
  let config;
  try {
    config = loadConfig({ configDir: io.configDir });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`${error.message}\nNothing was checked.\n`);
    return 1;
  }
  const result = await runGuardrailExpectations(config);
  io.out(result.report);
  return result.ok ? 0 : 1;
}
