/**
 * Commercial AWS regions a stack may be placed in. Kept as data so a typo in
 * YAML ("eu-west-l") is caught at load time instead of at apply time, when
 * the provider would fail after half a plan.
 */
export const AWS_REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
] as const;

export type AwsRegion = (typeof AWS_REGIONS)[number];

/**
 * AWS's other partitions, by region prefix. Their regions are real, but an
 * organization, its accounts and its roles live in one partition: one made
 * in the commercial partition (aws) cannot place anything there.
 */
const OTHER_PARTITIONS: readonly { prefix: string; partition: string; name: string }[] = [
  { prefix: "us-gov-", partition: "aws-us-gov", name: "AWS GovCloud (US)" },
  { prefix: "cn-", partition: "aws-cn", name: "AWS China" },
  { prefix: "us-isob-", partition: "aws-iso-b", name: "AWS Secret Region" },
  { prefix: "us-iso-", partition: "aws-iso", name: "AWS Top Secret Region" },
  { prefix: "eu-isoe-", partition: "aws-iso-e", name: "AWS ISOE" },
  { prefix: "us-isof-", partition: "aws-iso-f", name: "AWS ISOF" },
  { prefix: "eusc-", partition: "aws-eusc", name: "AWS European Sovereign Cloud" },
];

/** The other partition a region name belongs to, or undefined. */
export function otherPartitionOf(region: string): { partition: string; name: string } | undefined {
  return OTHER_PARTITIONS.find((p) => /^[a-z]+(-[a-z]+)+-\d+$/.test(region) && region.startsWith(p.prefix));
}

export function isAwsRegion(value: string): value is AwsRegion {
  return (AWS_REGIONS as readonly string[]).includes(value);
}
