/**
 * The command line: `devops accounts <command>`, parsed by commander. Knows
 * nothing of process.*: the entry point (cli/devops.ts) passes the argv, the
 * workspace and the I/O in, and exits with the code returned.
 */
import { Command, CommanderError } from "commander";
import { ConfigError } from "../config/problems.ts";
import { runDeploy } from "./commands/deploy.ts";
import { runDeployCi } from "./commands/deploy-ci.ts";
import { runDrift } from "./commands/drift.ts";
import { runAffected } from "./commands/affected.ts";
import { runDocs } from "./commands/docs.ts";
import { runImport } from "./commands/import.ts";
import { runInit } from "./commands/init.ts";
import { runList } from "./commands/list.ts";
import { runProvision, type CheckPlan } from "./commands/provision.ts";
import { runRetire } from "./commands/retire.ts";
import { runSync } from "./commands/sync.ts";
import { UserError } from "../engine/errors.ts";
import { CliError, EXIT, UsageError, type Io, type Workspace } from "./io.ts";
import { sandbox } from "./sandbox-report.ts";
import { isPromptCancel } from "./prompts.ts";

export interface CliDeps {
  readonly ws: Workspace;
  readonly io: Io;
  /** The plan check `provision` and `deploy` run before applying (default: the destroy guard). */
  readonly checkPlan?: CheckPlan;
}

interface ValueOpts {
  yes?: boolean;
  title?: string;
  email?: string;
  region?: string;
  ou?: string;
}

/** Runs one command line (without the node and script arguments); returns the exit code. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const { io } = deps;
  const program = buildProgram(deps);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has already printed the message or the help.
      return err.code === "commander.helpDisplayed" || err.code === "commander.version" ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UserError) {
      io.err(`error: ${err.message}`);
      return err.exitCode;
    }
    if (err instanceof ConfigError) {
      // Only commands that write config files promise that they wrote nothing.
      io.err(writesConfig(argv) ? `${err.message}\nNothing was written.` : err.message);
      return EXIT.user;
    }
    if (isPromptCancel(err)) {
      io.err("cancelled; nothing was written");
      return EXIT.interrupted;
    }
    throw err;
  }
}

const WRITING = new Set(["init", "import", "retire", "sync", "provision"]);

function writesConfig(argv: readonly string[]): boolean {
  return argv[0] === "accounts" && WRITING.has(argv.find((a, i) => i > 0 && !a.startsWith("-")) ?? "");
}

/** "npm run accounts -- init [options] [names...]": the form the README uses, not the bin's name. */
function npmUsage(cmd: Command): string {
  const chain: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) chain.unshift(c.name());
  const [, script, ...rest] = chain;
  const usage = cmd.usage();
  if (script === undefined) return `npm run <accounts|deploy|sandbox> -- ${usage}`;
  return ["npm run", script, "--", ...rest, usage].join(" ");
}

function buildProgram({ ws, io, checkPlan }: CliDeps): Command {
  const program = new Command("devops")
    .description("Run the AWS organization described in config/")
    .exitOverride()
    .configureHelp({ commandUsage: npmUsage })
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, "")),
      writeErr: (s) => io.err(s.replace(/\n$/, "")),
    });

  program
    .command("deploy")
    .description("plan one stack, run the destroy guard on the plan, ask, and apply exactly that plan")
    .argument("<stack>", "stack id: org, dns, corp, tools or app-<environment> (npm run accounts -- list shows where each deploys)")
    .option("--auto-approve", "apply without asking (required without a terminal)")
    .option("--allow-destroy <address...>", "let the destroy guard pass these resource addresses (deliberate deletions only)")
    .action(async (stack: string, opts: { autoApprove?: boolean; allowDestroy?: string[] }) => {
      await runDeploy(ws, io, { ...opts, stack, ...(checkPlan && { checkPlan }) });
    });

  program
    .command("deploy:ci")
    .description("what the pipelines run: map the git ref to its environment (config/promotion.ts) and deploy that environment's app stack the guarded way")
    .option("--ref <ref>", "full git ref (refs/heads/develop, refs/tags/v1.2.0); default: GITHUB_REF, CODEBUILD_WEBHOOK_TRIGGER or CODEBUILD_SOURCE_VERSION")
    .option("--dry-run", "say what would be deployed and why; deploy nothing")
    .option("--stack <id>", "deploy a shared stack (org, dns, corp, tools) instead: only from refs/heads/main")
    .option("--since <revision>", "deploy only when the stack's synthesized Terraform differs from this revision's (give the commit last deployed successfully)")
    .option("--allow-destroy <address...>", "let the destroy guard pass these resource addresses (deliberate deletions only)")
    .option("--as <who>", "operator: management account credentials (default); runner: the environment's Tools-account runner role, as the pipelines run it")
    .action(async (opts: { ref?: string; dryRun?: boolean; stack?: string; since?: string; allowDestroy?: string[]; as?: string }) => {
      await runDeployCi(ws, io, { ...opts, ...(checkPlan && { checkPlan }) });
    });

  program
    .command("drift")
    .description("plan every deployed stack (or the named ones) against its real state, apply nothing, and fail naming what AWS has that the code does not")
    .argument("[stacks...]", "stack ids (default: every stack)")
    .option("--as <who>", "operator: management account credentials (default); runner: the Tools account's drift runner, which checks the app stacks only")
    .action(async (stacks: string[], opts: { as?: string }) => {
      await runDrift(ws, io, { stacks, ...(opts.as !== undefined && { as: opts.as }) });
    });

  program
    .command("affected")
    .description("list the stacks whose synthesized Terraform differs between two revisions (default: the merge base with main, and the working tree)")
    .option("--base <revision>", "git revision to compare from (default: git merge-base HEAD origin/main, else main)")
    .option("--head <revision>", "git revision to compare to (default: the working tree)")
    .option("--json", "print the result as one JSON object")
    .action(async (opts: { base?: string; head?: string; json?: boolean }) => {
      await runAffected(ws, io, opts);
    });

  program
    .command("docs")
    .description("write what is derived from config/ into the files that show it (the README's promotion table)")
    .option("--check", "write nothing; fail when a file differs from what config/ generates")
    .action((opts: { check?: boolean }) => {
      runDocs(ws, io, opts);
    });

  program
    .command("sandbox")
    .description("apply every stack, in deploy order, to the moto AWS emulator on loopback (a scratch copy of config/; nothing reaches AWS)")
    .option("--timeout <seconds>", "limit for each terraform command", "180")
    .action(async (opts: { timeout: string }) => {
      const seconds = Number(opts.timeout);
      if (!Number.isInteger(seconds) || seconds < 10) throw new UsageError(`--timeout ${opts.timeout}: give whole seconds, at least 10`);
      const ok = await sandbox(ws, io, seconds * 1000);
      if (!ok) throw new CliError("the sandbox run failed (see the table above)");
    });

  const accounts = program
    .command("accounts")
    .description("Manage the organization's AWS accounts (in the order a new organization uses them: init, provision, sync, list; import and retire as needed)");

  const valueOptions = (cmd: Command) =>
    cmd
      .option("-y, --yes", "take the defaults instead of asking")
      .option("--title <title>", "AWS account name (1-50 printable ASCII)")
      .option("--email <email>", "root user email (6-64 characters, unique)")
      .option("--region <region>", "home region (default: the organization's default_region)")
      .option("--ou <ou>", "organizational unit");

  valueOptions(
    accounts.command("init").description("write config/accounts/<name>.yaml for every listed account that has none (existing files are skipped)").argument("[names...]", "only these accounts"),
  ).action(async (names: string[], opts: ValueOpts) => {
    await runInit(ws, io, { ...opts, names });
  });

  accounts
    .command("provision")
    .description("apply the org stack (creates, imports and moves accounts), then run sync; needs credentials of the management account")
    .option("--auto-approve", "apply without asking (required without a terminal)")
    .option("--allow-destroy <address...>", "let the destroy guard pass these resource addresses (deliberate deletions only)")
    .action(async (opts: { autoApprove?: boolean; allowDestroy?: string[] }) => {
      await runProvision(ws, io, { ...opts, ...(checkPlan && { checkPlan }) });
    });

  accounts
    .command("sync")
    .description("write the ids of created accounts from the org stack's state into config/accounts/*.yaml")
    .action(async () => {
      await runSync(ws, io);
    });

  accounts
    .command("list")
    .description("show every account: id, OU, email, region, environment, state of its stack")
    .option("--access", "also show who may sign in to each account, with which permission set (config/access.yaml)")
    .action(async (opts: { access?: boolean }) => {
      await runList(ws, io, opts);
    });

  valueOptions(
    accounts
      .command("import")
      .description("adopt an existing AWS account that accepted the organization's invitation")
      .argument("<name>", "account name for config/accounts/<name>.yaml")
      .option("--id <id>", "its 12-digit account id (required)")
      .option("--admin-role <role>", "the admin role in it that the management account can assume"),
  ).action(async (name: string, opts: ValueOpts & { id?: string; adminRole?: string }) => {
    // Checked here, not by commander, so a missing name is reported before a missing --id.
    if (opts.id === undefined) throw new UsageError(`import ${name}: --id <id> is required (the account's 12-digit id, from the AWS Organizations console)`);
    await runImport(ws, io, { ...opts, id: opts.id, name });
  });

  accounts
    .command("retire")
    .description("move an account to the suspended OU and free its root email; prints the manual steps to close it")
    .argument("<name>", "the account")
    .option("--email-changed", "the root email was changed to the retired alias in AWS: write it into the config")
    .option("--retired-email <email>", "the alias to use instead of <local>-retired-N@<domain>")
    .action(async (name: string, opts: { emailChanged?: boolean; retiredEmail?: string }) => {
      await runRetire(ws, io, { ...opts, name });
    });

  return program;
}
