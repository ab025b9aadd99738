import { describe, expect, it } from "vitest";
import { TerraformError, diagnosticsFromJsonLines, runTerraform, summarizeDiagnostics, terraformInit, type Diagnostic } from "../../engine/terraform.ts";

const base = { stackId: "s1", cwd: "/tmp", env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } };

describe("terraform runner", () => {
  it("summarizes error diagnostics in a few lines with where they are", () => {
    const diags: Diagnostic[] = [
      { severity: "warning", summary: "Deprecated" },
      {
        severity: "error",
        summary: "AWS account ID not allowed: 111111111111",
        address: 'provider["registry.terraform.io/hashicorp/aws"]',
      },
      ...Array.from({ length: 6 }, (_, i): Diagnostic => ({
        severity: "error",
        summary: `E${i}`,
        detail: `line one\n  line two ${"x".repeat(400)}`,
        range: { filename: "cdk.tf.json", start: { line: i + 1 } },
      })),
    ];
    const lines = summarizeDiagnostics(diags).split("\n");
    expect(lines[0]).toBe('AWS account ID not allowed: 111111111111 (at provider["registry.terraform.io/hashicorp/aws"])');
    expect(lines[1]).toMatch(/^E0: line one line two x+… \(at cdk\.tf\.json:1\)$/);
    expect(lines[1]!.length).toBeLessThan(360);
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe("(2 more errors)");
  });

  it("reads diagnostics from -json UI lines", () => {
    const stdout = ['{"type":"version","terraform":"1.11.4"}', '{"@level":"error","type":"diagnostic","diagnostic":{"severity":"error","summary":"Failed","detail":"why"}}', "plain text"].join("\n");
    expect(diagnosticsFromJsonLines(stdout)).toEqual([{ severity: "error", summary: "Failed", detail: "why" }]);
  });

  it("fails with the stack, the command and stderr's tail when there are no diagnostics", async () => {
    const err = await terraformInit({ ...base, terraformBin: "sh", env: { ...base.env } }).catch((e: unknown) => e);
    // `sh init ...` exits non-zero (no such script): stderr is what is left to show.
    expect(err).toBeInstanceOf(TerraformError);
    expect((err as TerraformError).message).toMatch(/^s1: terraform init failed \(exit \d+\): .*init/s);
    expect((err as TerraformError).stackId).toBe("s1");
  });

  it("says when the binary cannot be run", async () => {
    await expect(runTerraform(["version"], { ...base, terraformBin: "/nonexistent/terraform" })).rejects.toThrow(/^s1: terraform version failed: cannot run \/nonexistent\/terraform: spawn .*ENOENT/);
  });

  it("stops a run that takes too long, and one that is aborted", async () => {
    const started = Date.now();
    await expect(runTerraform(["10"], { ...base, terraformBin: "sleep", timeoutMs: 200 })).rejects.toThrow(/^s1: terraform 10 failed.*timed out after 200 ms/);
    const abort = new AbortController();
    const run = runTerraform(["10"], { ...base, terraformBin: "sleep", signal: abort.signal });
    setTimeout(() => abort.abort("tried to reach sts.amazonaws.com:443 outside this machine"), 100);
    await expect(run).rejects.toThrow(/tried to reach sts\.amazonaws\.com:443 outside this machine/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("captures output, exit code and time of a run", async () => {
    const run = await runTerraform(["-c", "echo out; echo err >&2; exit 3"], { ...base, terraformBin: "sh" });
    expect(run).toMatchObject({ exitCode: 3, stdout: "out\n", stderr: "err\n" });
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
  });
});
