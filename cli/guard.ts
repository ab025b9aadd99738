/**
 * The destroy guard: refuses a Terraform plan that deletes or replaces a
 * protected resource (accounts, OUs, the organization, hosted zones, buckets,
 * KMS keys, tables, trails). See stacks/README.md "Destroy guard".
 *
 *   terraform plan -out plan.bin && terraform show -json plan.bin > plan.json
 *   npm run guard -- plan.json [--allow <address>]...
 */
import { runGuard } from "./guard-command.ts";

process.exitCode = runGuard(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
