/**
 * The real Prompter: @inquirer/prompts. The package is ESM-only and this
 * repository is CommonJS, so it is loaded with a dynamic import(), and only
 * when a question is actually asked (never without a terminal).
 */
import type { Prompter } from "./io.ts";

type Inquirer = typeof import("@inquirer/prompts");
let loaded: Promise<Inquirer> | undefined;
const inquirer = () => (loaded ??= import("@inquirer/prompts"));

/** inquirer wants true or a message; our validators return a message or undefined. */
const toInquirer = (validate?: (v: string) => string | undefined) => (validate ? (v: string) => validate(v.trim()) ?? true : undefined);

export const inquirerPrompter: Prompter = {
  async input(q) {
    const { input } = await inquirer();
    const validate = toInquirer(q.validate);
    const answer = await input({ message: q.message, ...(q.default !== undefined && { default: q.default }), ...(validate && { validate }) });
    return answer.trim();
  },
  async select(q) {
    const { select } = await inquirer();
    return select({ message: q.message, choices: q.choices.map((value) => ({ value })), ...(q.default !== undefined && { default: q.default }) });
  },
  async confirm(q) {
    const { confirm } = await inquirer();
    return confirm({ message: q.message, ...(q.default !== undefined && { default: q.default }) });
  },
};

/** True for inquirer's "the user pressed Ctrl+C" error. */
export function isPromptCancel(err: unknown): boolean {
  return err instanceof Error && err.name === "ExitPromptError";
}
