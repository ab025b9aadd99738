/**
 * npm run export:hcl [-- --output <dir>]: every stack as plain Terraform HCL
 * in a git-ignored folder (default hcl.out/): `<dir>/stacks/<id>/main.tf`
 * with the stack's assets beside it.
 *
 * Why: cdktf was archived by its maintainers in December 2025. This is the
 * way out that needs nothing from us: each folder is an ordinary Terraform
 * configuration (`terraform init && terraform plan` in it), and
 * test/terraform/export-hcl.test.ts runs the real `terraform validate` on
 * every one. Not `cdktf synth --hcl`: it writes invalid HCL for our policies
 * (export/terraform-json-to-hcl.ts says why). README "Leaving cdktf".
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { configDirFrom } from "../config/location.ts";
import { ConfigError } from "../config/problems.ts";
import { providerSchemas } from "../engine/verify-stacks.ts";
import { schemaLookup, type ProvidersSchemaJson } from "../export/provider-schemas.ts";
import { terraformJsonToHcl } from "../export/terraform-json-to-hcl.ts";
import { buildAllStacks } from "../stacks/all-stacks.ts";
import { synthesizeOrThrow } from "../stacks/synthesize.ts";

const USAGE = "usage: npm run export:hcl [-- --output <dir>]   (default hcl.out)";
/** Written into every export folder: only a folder that has it is ever emptied. */
const MARKER = ".export-hcl";

async function main(argv: string[]): Promise<number> {
  let output: string;
  try {
    const { values } = parseArgs({ args: argv, options: { output: { type: "string", short: "o", default: "hcl.out" }, help: { type: "boolean", short: "h" } } });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    output = resolve(values.output);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (existsSync(output) && readdirSync(output).length > 0 && !existsSync(join(output, MARKER))) {
    process.stderr.write(`error: ${output} exists and was not written by export:hcl; nothing was written (name another --output, or empty it)\n`);
    return 1;
  }
  const scratch = join(tmpdir(), `export-hcl-${process.pid}`);
  try {
    const { stackDirs } = synthesizeOrThrow({ configDir: configDirFrom(process.env), outdir: join(scratch, "cdktf.out") }, buildAllStacks);
    const schemas = schemaLookup((await providerSchemas(stackDirs[0]!, { workRoot: join(scratch, "work") })) as ProvidersSchemaJson);
    // Everything is converted before anything is written: a failure leaves the old export as it was.
    const converted = stackDirs.map((dir) => ({ dir, id: basename(dir), hcl: terraformJsonToHcl(JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")), schemas) }));
    rmSync(output, { recursive: true, force: true });
    mkdirSync(output, { recursive: true });
    writeFileSync(join(output, MARKER), "Written by npm run export:hcl; emptied by the next one.\n");
    for (const { dir, id, hcl } of converted) {
      const target = join(output, "stacks", id);
      // Assets (the app's function archive, the website's files) sit beside the configuration, as cdktf wrote them.
      cpSync(dir, target, { recursive: true, filter: (src) => basename(src) !== "cdk.tf.json" });
      writeFileSync(join(target, "main.tf"), `# ${id}: written by npm run export:hcl from the cdktf synth; an ordinary Terraform configuration.\n\n${hcl}`);
      process.stdout.write(`${id}: ${relative(process.cwd(), join(target, "main.tf"))}\n`);
    }
    process.stdout.write(`${converted.length} stacks written as HCL; in each folder: terraform init && terraform plan\n`);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nNothing was written.\n`);
      return 1;
    }
    process.stderr.write(`error: ${(err as Error).message}\nNothing was written.\n`);
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
