/**
 * The floor for synth timings: the smallest cdktf app worth the name (one
 * stack, the AWS provider, one bucket), started exactly like main.ts
 * (node scripts/run.cjs). What it costs, every synth costs.
 */
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";

const app = new App({ outdir: process.env.CDKTF_OUTDIR });
const stack = new TerraformStack(app, "floor");
new AwsProvider(stack, "aws", { region: "eu-west-1" });
new S3Bucket(stack, "bucket", { bucket: "floor-bucket" });
app.synth();
