/**
 * What a stack costs per month while nobody uses it: the fixed charges of
 * every resource its synthesized Terraform creates, from the committed price
 * table. Usage-priced resources are named, not guessed; a type the table
 * does not classify is named too, so a new resource never costs a silent 0.
 */
import { FREE, PER_USE, PRICE_TABLE } from "./price-table.ts";

type Block = Readonly<Record<string, unknown>>;
/** The `resource` section of a synthesized cdk.tf.json: type → name → block. */
export type TerraformResources = Readonly<Record<string, Readonly<Record<string, Block>>>>;

export interface CostLine {
  /** What is charged, e.g. "t4g.nano instance (730 h)". */
  readonly what: string;
  readonly count: number;
  /** Monthly charge of all `count` of them, unrounded. */
  readonly monthly: number;
}

export interface StackIdleCost {
  readonly stack: string;
  readonly lines: readonly CostLine[];
  readonly total: number;
  /** Descriptions of the usage-priced things the stack creates. */
  readonly perUse: readonly string[];
  /** Resource types (or sizes) the price table cannot price: add them to cli/preview/price-table.ts. */
  readonly unpriced: readonly string[];
}

const HOURS = PRICE_TABLE.hoursPerMonth;

export function estimateIdleCost(stack: string, resources: TerraformResources): StackIdleCost {
  const lines: CostLine[] = [];
  const perUse = new Set<string>();
  const unpriced = new Set<string>();
  const add = (what: string, unit: number, count = 1): void => {
    const existing = lines.findIndex((l) => l.what === what);
    if (existing === -1) lines.push({ what, count, monthly: unit * count });
    else lines[existing] = { what, count: lines[existing]!.count + count, monthly: lines[existing]!.monthly + unit * count };
  };

  for (const [type, byName] of Object.entries(resources)) {
    const blocks = Object.values(byName);
    const priced = FIXED_PRICES[type];
    if (priced) {
      for (const block of blocks) priced(block, { add, unpriced, resources, perUse });
      continue;
    }
    if (PER_USE[type] !== undefined) perUse.add(PER_USE[type]);
    else if (!FREE.has(type)) unpriced.add(`${type}: not classified`);
  }
  return {
    stack,
    lines,
    total: lines.reduce((sum, l) => sum + l.monthly, 0),
    perUse: [...perUse].sort(),
    unpriced: [...unpriced].sort(),
  };
}

interface PricingContext {
  readonly add: (what: string, unit: number, count?: number) => void;
  readonly unpriced: Set<string>;
  readonly perUse: Set<string>;
  readonly resources: TerraformResources;
}

const { perMonth, perHour, perGbMonth } = PRICE_TABLE;

const FIXED_PRICES: Readonly<Record<string, (block: Block, ctx: PricingContext) => void>> = {
  aws_route53_zone: (_b, { add }) => add("Route 53 hosted zone", perMonth.route53HostedZone),
  aws_kms_key: (_b, { add }) => add("KMS customer-managed key", perMonth.kmsCustomerManagedKey),
  aws_cloudwatch_metric_alarm: (b, { add }) =>
    Number(b.period) < 60 ? add("CloudWatch alarm (high resolution)", perMonth.cloudwatchAlarmHighResolution) : add("CloudWatch alarm", perMonth.cloudwatchAlarmStandard),
  aws_eip: (_b, { add }) => add(`Elastic IP, public IPv4 (${HOURS} h)`, perHour.publicIpv4Address * HOURS),
  aws_nat_gateway: (_b, { add, perUse }) => {
    add(`NAT gateway (${HOURS} h)`, perHour.natGateway * HOURS);
    perUse.add("NAT gateway data processed");
  },
  aws_secretsmanager_secret: (_b, { add }) => add("Secrets Manager secret", perMonth.secretsManagerSecret),
  aws_ssm_parameter: (b, { add }) => {
    if (b.tier === "Advanced") add("SSM advanced parameter", perMonth.ssmAdvancedParameter);
  },
  aws_codepipeline: (b, { add, perUse }) => {
    // V2 has no monthly charge, only action minutes; V1 (the default when unset) is charged per active pipeline.
    if (b.pipeline_type === "V2") perUse.add(PER_USE.aws_codepipeline!);
    else add("CodePipeline V1 pipeline", perMonth.codepipelineV1);
  },
  aws_instance: priceInstance,
};

/** An EC2 instance and its root volume, read from the instance or the launch template it names. */
function priceInstance(block: Block, { add, unpriced, resources }: PricingContext): void {
  const template = launchTemplateOf(block, resources);
  const type = stringField(block.instance_type) ?? stringField(template?.instance_type);
  const hourly = type === undefined ? undefined : perHour.ec2Linux[type];
  if (type === undefined || hourly === undefined) unpriced.add(`aws_instance: instance type ${type ?? "(unknown)"} not in the price table`);
  else add(`${type} instance (${HOURS} h)`, hourly * HOURS);

  const volume = rootVolume(block, template);
  if (volume === undefined) {
    unpriced.add("aws_instance: root volume size not set (the AMI decides it)");
    return;
  }
  const perGb = perGbMonth.ebs[volume.type];
  if (perGb === undefined) unpriced.add(`aws_instance: EBS volume type ${volume.type} not in the price table`);
  else add(`EBS ${volume.type} root volume, ${volume.sizeGb} GB`, perGb * volume.sizeGb);
}

function launchTemplateOf(instance: Block, resources: TerraformResources): Block | undefined {
  const ref = stringField((instance.launch_template as Block | undefined)?.id);
  const name = ref === undefined ? undefined : /^\$\{aws_launch_template\.([^.]+)\.id\}$/.exec(ref)?.[1];
  return name === undefined ? undefined : resources.aws_launch_template?.[name];
}

function rootVolume(instance: Block, template: Block | undefined): { type: string; sizeGb: number } | undefined {
  const direct = instance.root_block_device as Block | readonly Block[] | undefined;
  const fromInstance = Array.isArray(direct) ? (direct[0] as Block | undefined) : (direct as Block | undefined);
  const mappings = template?.block_device_mappings as readonly Block[] | undefined;
  const fromTemplate = mappings?.[0]?.ebs as Block | undefined;
  const device = fromInstance ?? fromTemplate;
  const size = Number(device?.volume_size);
  if (device === undefined || !Number.isFinite(size) || size <= 0) return undefined;
  // Unset, the AMI's own mapping decides the type: not guessed.
  return { type: stringField(device.volume_type) ?? "(set by the AMI)", sizeGb: size };
}

function stringField(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Per stack and in total, for the preview's output. */
export function formatIdleCosts(costs: readonly StackIdleCost[]): string {
  const money = (n: number): string => `$${n.toFixed(2)}`;
  const out: string[] = [
    `Idle monthly cost (fixed charges of what a first apply creates; ${PRICE_TABLE.currency}, ${PRICE_TABLE.region} on-demand prices of ${PRICE_TABLE.date}, cli/preview/price-table.ts):`,
  ];
  const width = Math.max(...costs.map((c) => c.stack.length), 5);
  for (const c of costs) {
    const items = c.lines.map((l) => `${l.count > 1 ? `${l.count} × ` : ""}${l.what} ${money(l.monthly)}`).join(", ");
    out.push(`  ${c.stack.padEnd(width)}  ${money(c.total).padStart(8)}${items ? `  ${items}` : ""}`);
    if (c.perUse.length > 0) out.push(`  ${"".padEnd(width)}  ${"".padStart(8)}  per use: ${c.perUse.join("; ")}`);
    for (const u of c.unpriced) out.push(`  ${"".padEnd(width)}  ${"".padStart(8)}  NOT PRICED: ${u}`);
  }
  const total = costs.reduce((sum, c) => sum + c.total, 0);
  out.push(`  ${"total".padEnd(width)}  ${money(total).padStart(8)}  per month while idle, before usage, tax and free tiers`);
  return `${out.join("\n")}\n`;
}
