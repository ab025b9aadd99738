/**
 * The preview's idle monthly cost, on the example config, against arithmetic
 * done by hand from the price table's figures (eu-west-1, 730 h a month).
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateIdleCost, formatIdleCosts, type StackIdleCost, type TerraformResources } from "../../cli/preview/idle-cost.ts";
import { buildAllStacks } from "../../stacks/all-stacks.ts";
import { synthesizeOrThrow } from "../../stacks/synthesize.ts";
import { tempDir } from "../engine/helpers.ts";
import { EXAMPLE_CONFIG } from "../helpers/example-config.ts";

let out: ReturnType<typeof tempDir>;
const costs = new Map<string, StackIdleCost>();

beforeAll(() => {
  out = tempDir("idle-cost");
  const { stackDirs } = synthesizeOrThrow({ configDir: EXAMPLE_CONFIG, outdir: out.dir }, buildAllStacks);
  for (const dir of stackDirs) {
    const json = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as { resource?: TerraformResources };
    costs.set(basename(dir), estimateIdleCost(basename(dir), json.resource ?? {}));
  }
});
afterAll(() => out?.remove());

describe("idle monthly cost of the example config", () => {
  it("matches hand arithmetic per stack", () => {
    const totals = Object.fromEntries([...costs].map(([stack, c]) => [stack, Number(c.total.toFixed(4))]));
    expect(totals).toEqual({
      org: 0, // Organizations, IAM Identity Center, SCPs: free; the state bucket is per use
      dns: 2, // 4 hosted zones × $0.50
      corp: 7.712, // t4g.nano 0.0046 × 730 = 3.358; 8 GB gp3 × 0.088 = 0.704; Elastic IP 0.005 × 730 = 3.65
      tools: 1, // the artifact key; CodePipeline V2 and CodeBuild are per use
      "app-dev": 1.1, // the table's key $1 + the 5xx alarm $0.10
      "app-stage": 1.1,
      "app-prod": 1.1,
    });
  });

  it("names what is usage-priced instead of guessing it, and leaves nothing unclassified", () => {
    expect(costs.get("app-prod")!.perUse).toEqual(expect.arrayContaining(["Lambda requests and duration", "API Gateway requests", "DynamoDB on-demand requests and storage (PITR per GB)"]));
    expect(costs.get("tools")!.perUse).toContain("CodePipeline V2 action minutes");
    expect([...costs.values()].flatMap((c) => c.unpriced)).toEqual([]);
  });

  it("prints each stack's total and the sum with the table's region and date", () => {
    const text = formatIdleCosts([...costs.values()]);
    expect(text).toContain("eu-west-1 on-demand prices of 2026-12-03");
    expect(text).toMatch(/corp\s+\$7\.71 {2}Elastic IP, public IPv4 \(730 h\) \$3\.65, t4g\.nano instance \(730 h\) \$3\.36, EBS gp3 root volume, 8 GB \$0\.70\n/);
    expect(text).toMatch(/total\s+\$14\.01 {2}per month while idle/);
  });
});

describe("what the estimate will not do", () => {
  it("reports a type it does not know and an instance size without a price instead of counting them as free", () => {
    const cost = estimateIdleCost("x", {
      aws_rds_cluster: { db: {} },
      aws_instance: { big: { instance_type: "m7i.48xlarge", root_block_device: { volume_size: 20, volume_type: "gp3" } } },
    });
    expect(cost.unpriced).toEqual(["aws_instance: instance type m7i.48xlarge not in the price table", "aws_rds_cluster: not classified"]);
    expect(cost.total).toBeCloseTo(20 * 0.088, 6);
  });

  it("charges a NAT gateway by the hour and a V1 pipeline by the month", () => {
    const cost = estimateIdleCost("x", { aws_nat_gateway: { a: {}, b: {} }, aws_codepipeline: { p: {} } });
    expect(cost.total).toBeCloseTo(2 * 0.048 * 730 + 1, 6);
    expect(cost.perUse).toEqual(["NAT gateway data processed"]);
  });
});
