/**
 * The moto emulator as the sandbox uses it: found or refused with what to
 * install, started on a free port even when a port is taken, and a run that
 * says which stack was being applied when the emulator died, leaving no
 * process behind.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSandbox } from "../../cli/commands/sandbox.ts";
import type { Io } from "../../cli/io.ts";
import { UserError } from "../../engine/errors.ts";
import { inProgressResources } from "../../engine/stack-terraform.ts";
import { findMotoCommand, startEmulator } from "../../engine/targets/emulator.ts";
import { session } from "../cli/harness.ts";
import { EXAMPLE_CONFIG, tempRepo } from "../helpers/example-config.ts";

const scratch = mkdtempSync(join(tmpdir(), "emulator-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function quietIo(lines: string[]): Io {
  const refuse = () => Promise.reject(new Error("no questions"));
  return { out: (l) => lines.push(l), err: (l) => lines.push(l), interactive: false, prompt: { input: refuse, select: refuse, confirm: refuse } };
}

describe("the AWS emulator", () => {
  it("is found on this machine (CI needs it: the lifecycle test must run, not be skipped)", () => {
    expect(findMotoCommand(process.env)).toBeDefined();
  });

  it("missing: one line saying what to install, exit 2, before anything is written", async () => {
    const err = await startEmulator({ env: { PATH: "/nonexistent" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
    expect((err as UserError).message).toBe('the AWS emulator moto is not installed: moto_server is not on PATH and python3 cannot import moto.server (install it with: pip install "moto[server]")');

    const repo = tempRepo();
    try {
      const s = session(repo, { env: { PATH: "/nonexistent", HOME: process.env.HOME } });
      expect(await s.cli("sandbox")).toBe(2);
      expect(s.err).toEqual([`error: ${(err as UserError).message}`]);
    } finally {
      repo.cleanup();
    }
  });

  it("starts on a free port while other ports are taken, answers, and leaves no process when stopped", async () => {
    const taken: Server[] = await Promise.all(
      [0, 0, 0].map(
        () =>
          new Promise<Server>((resolve) => {
            const server = createServer().listen(0, "127.0.0.1", () => resolve(server));
          }),
      ),
    );
    try {
      const emulator = await startEmulator({ env: process.env });
      const takenPorts = taken.map((s) => (s.address() as { port: number }).port);
      expect(takenPorts).not.toContain(Number(new URL(emulator.endpoint).port));
      expect((await fetch(`${emulator.endpoint}/moto-api/data.json`)).ok).toBe(true);
      await emulator.stop();
      expect(await emulator.exited).toMatch(/stopped/);
      expect(spawnSync("kill", ["-0", String(emulator.pid)]).status).not.toBe(0);
    } finally {
      for (const s of taken) s.close();
    }
  });

  it("dies mid-run: the sandbox says which stack was being applied, fails, and its terraform is stopped", async () => {
    const emulator = await startEmulator({ env: process.env });
    const lines: string[] = [];
    // Not owned by the sandbox: it notices the death when the emulator stops answering.
    const killer = setTimeout(() => process.kill(emulator.pid!, "SIGKILL"), 4_000);
    const started = Date.now();
    try {
      const config = join(scratch, "user-config");
      cpSync(EXAMPLE_CONFIG, config, { recursive: true, filter: (src) => !src.endsWith(".ts") });
      const result = await runSandbox(quietIo(lines), { configDir: config, scratchDir: join(scratch, "died"), env: process.env, endpoint: emulator.endpoint, timeoutMs: 120_000 });
      expect(result.ok).toBe(false);
      expect(result.rows.map((r) => r.stack)).toEqual(["org"]);
      expect(result.rows[0]!.error).toMatch(/stopped answering|connection refused|stopped/);
      // Stopped when the emulator went away, not after terraform's own minutes of retries.
      expect(Date.now() - started).toBeLessThan(90_000);
    } finally {
      clearTimeout(killer);
      await emulator.stop();
    }
  });
});

describe("a stopped apply names what it was waiting on", () => {
  it("lists resources that started and never finished", () => {
    const output = [
      "aws_s3_bucket.trail: Creating...",
      "aws_s3_bucket.trail: Creation complete after 1s [id=x]",
      "aws_cloudtrail.organization-trail: Creating...",
      "\u001b[0m\u001b[1maws_cloudtrail.organization-trail: Still creating... [10s elapsed]\u001b[0m",
      "aws_organizations_account.account-qa: Modifying... [id=1]",
      "aws_organizations_account.account-qa: Modifications complete after 0s",
    ].join("\n");
    expect(inProgressResources(output)).toEqual(["aws_cloudtrail.organization-trail"]);
  });
});
