/**
 * The moto AWS emulator (getmoto/moto, server mode) on loopback: starting it
 * on a free port, knowing when it is ready or has died, emptying it, and the
 * environment that points terraform at it.
 *
 * moto is a Python program, not an npm package: a prerequisite like
 * Terraform (`pip install "moto[server]"`). Several accounts work without
 * MOTO_ACCOUNT_ID: fake static keys are moto's default account
 * (123456789012), and credentials from AssumeRole into an account's role act
 * as that account, so `allowed_account_ids` holds. With MOTO_ACCOUNT_ID set,
 * assumed credentials report the default account and allowed_account_ids
 * fails; it is therefore never passed on.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";
import { UserError } from "../errors.ts";
import { leaveOutNotEmulated } from "./emulator-limits.ts";
import { passThrough, type Target } from "./target.ts";

/** The account moto answers for fake static keys: the sandbox's management account. */
export const EMULATOR_MANAGEMENT_ACCOUNT_ID = "123456789012";

export const INSTALL_HINT = 'install it with: pip install "moto[server]"';

export interface Emulator {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** False when it was already running (AWS_ENDPOINT_URL) and is left running. */
  readonly owned: boolean;
  /** Resolves with a description when the emulator process ends (for one not owned: when it stops answering). */
  readonly exited: Promise<string>;
  /** Empties it (moto keeps everything in memory). */
  reset(): Promise<void>;
  /** Stops it if this process started it. */
  stop(): Promise<void>;
  /** The emulator's process id, when this process started it. */
  readonly pid?: number;
}

/** How to start moto here: `moto_server` on PATH, else `python3 -m moto.server`; undefined when neither is installed. */
export function findMotoCommand(env: Readonly<Record<string, string | undefined>>): { command: string; args: string[] } | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, "moto_server"), constants.X_OK);
      return { command: join(dir, "moto_server"), args: [] };
    } catch {
      // not in this folder
    }
  }
  const probe = spawnSync("python3", ["-c", "import moto.server"], { env: { ...env } as NodeJS.ProcessEnv, stdio: "ignore", timeout: 30_000 });
  return probe.status === 0 ? { command: "python3", args: ["-m", "moto.server"] } : undefined;
}

export interface StartEmulatorOptions {
  /** Where PATH and the rest come from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Use this running emulator instead of starting one (its URL, e.g. from AWS_ENDPOINT_URL). */
  readonly endpoint?: string;
  /** How long to wait for a started emulator to answer; default 30 s. */
  readonly readyTimeoutMs?: number;
}

/** Starts moto on a free loopback port (or connects to `endpoint`) and waits until it answers. */
export async function startEmulator(options: StartEmulatorOptions): Promise<Emulator> {
  if (options.endpoint !== undefined) {
    const endpoint = options.endpoint.replace(/\/+$/, "");
    if (!(await answers(endpoint))) {
      throw new UserError(`no AWS emulator answers at ${endpoint} (AWS_ENDPOINT_URL): start it (moto_server -H 127.0.0.1 -p PORT) or unset AWS_ENDPOINT_URL to let the sandbox start one`);
    }
    // Not ours to watch as a process: it counts as gone when it stops answering.
    let watch: NodeJS.Timeout | undefined;
    const exited = new Promise<string>((resolve) => {
      watch = setInterval(() => {
        void answers(endpoint).then((up) => {
          if (up || watch === undefined) return;
          clearInterval(watch);
          watch = undefined;
          resolve(`the emulator at ${endpoint} stopped answering`);
        });
      }, 2_000);
      watch.unref();
    });
    return { endpoint, owned: false, exited, reset: () => reset(endpoint), stop: async () => clearInterval(watch) };
  }
  const moto = findMotoCommand(options.env);
  if (moto === undefined) {
    throw new UserError(`the AWS emulator moto is not installed: moto_server is not on PATH and python3 cannot import moto.server (${INSTALL_HINT})`, 2);
  }
  // A port found free can be taken before moto binds it: try a few.
  let lastProblem = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    // moto keeps a new ACM certificate PENDING_VALIDATION for 60 s by default
    // (its stand-in for DNS validation); the provider polls every 10 s, so
    // each certificate cost the sandbox a minute of waiting. Validation
    // records are still created and read; only the pretend delay goes.
    const env: Record<string, string | undefined> = { MOTO_ACM_VALIDATION_WAIT: "0", ...options.env };
    delete env.MOTO_ACCOUNT_ID;
    const child = spawn(moto.command, [...moto.args, "-H", "127.0.0.1", "-p", String(port)], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "pipe"] });
    const stderr: string[] = [];
    child.stderr?.on("data", (c: Buffer) => {
      if (stderr.length < 200) stderr.push(c.toString("utf8"));
    });
    const exited = new Promise<string>((resolve) => {
      child.on("error", (e) => resolve(`moto could not be started: ${e.message}`));
      child.on("exit", (code, signal) => resolve(`the emulator (${endpoint}) stopped ${signal ? `on ${signal}` : `with exit code ${code}`}`));
    });
    const killOnExit = (): void => void child.kill("SIGKILL");
    process.on("exit", killOnExit);
    const ready = await waitUntilReady(endpoint, exited, options.readyTimeoutMs ?? 30_000);
    if (ready === true) {
      return {
        endpoint,
        owned: true,
        exited,
        ...(child.pid !== undefined && { pid: child.pid }),
        reset: () => reset(endpoint),
        stop: async () => {
          process.off("exit", killOnExit);
          await stopChild(child, exited);
        },
      };
    }
    process.off("exit", killOnExit);
    await stopChild(child, exited);
    lastProblem = `${ready}${stderr.length > 0 ? `: ${stderr.join("").trim().split("\n").slice(-3).join(" ")}` : ""}`;
  }
  throw new UserError(`the AWS emulator did not start: ${lastProblem}`);
}

/** Fake static keys and every AWS endpoint on the emulator; nothing of the user's AWS settings is passed on. */
export function emulatorTarget(endpoint: string, options: { cliConfigFile: string; region: string; parentEnv: Readonly<Record<string, string | undefined>> }): Target {
  return {
    kind: "emulator",
    description: `the AWS emulator at ${endpoint}`,
    env: () => ({
      ...passThrough(options.parentEnv),
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_REGION: options.region,
      AWS_DEFAULT_REGION: options.region,
      AWS_ENDPOINT_URL: endpoint,
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
      // A backstop: anything that ignores the endpoint settings goes to a
      // closed loopback port, never out of the machine.
      HTTPS_PROXY: "http://127.0.0.1:9",
      HTTP_PROXY: "http://127.0.0.1:9",
      NO_PROXY: "127.0.0.1,localhost,::1",
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      TF_CLI_CONFIG_FILE: options.cliConfigFile,
    }),
    prepareStack: (stackDir) => leaveOutNotEmulated(stackDir),
  };
}

/** A JSON call to an AWS JSON-protocol API of the emulator (Organizations, for example), as the management account. */
export async function emulatorJsonCall(endpoint: string, target: string, body: unknown, region = "us-east-1"): Promise<unknown> {
  const [service] = target.split(".");
  const response = await fetch(`${endpoint}/`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": target,
      // moto reads the service and the account from the credential scope; it checks no signature.
      Authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${signingName(service!)}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new UserError(`the emulator refused ${target}: ${response.status} ${text.slice(0, 300)}`);
  return text === "" ? {} : (JSON.parse(text) as unknown);
}

function signingName(targetPrefix: string): string {
  return targetPrefix.startsWith("AWSOrganizations") ? "organizations" : targetPrefix.toLowerCase();
}

async function reset(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
  if (!response.ok) throw new UserError(`the emulator at ${endpoint} could not be reset: ${response.status}`);
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitUntilReady(endpoint: string, exited: Promise<string>, timeoutMs: number): Promise<true | string> {
  const deadline = Date.now() + timeoutMs;
  let gone: string | undefined;
  void exited.then((why) => (gone = why));
  while (Date.now() < deadline) {
    if (gone !== undefined) return gone;
    if (await answers(endpoint)) return true;
    await new Promise((r) => setTimeout(r, 150));
  }
  return `no answer at ${endpoint} within ${Math.round(timeoutMs / 1000)} s`;
}

async function stopChild(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
