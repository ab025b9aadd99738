import { block, blocks, isTrue, type PolicyRule } from "../engine/rule.ts";
import type { ResourceView, StackView } from "../engine/view.ts";
import { launchTemplateOf } from "./ec2-imdsv2.ts";

function templateEncrypts(template: ResourceView): boolean {
  const ebs = blocks(template.config.block_device_mappings)
    .map((m) => block(m.ebs))
    .filter((e) => Object.keys(e).length > 0);
  return ebs.length > 0 && ebs.every((e) => isTrue(e.encrypted));
}

function unencrypted(resource: ResourceView, stack: StackView): string | undefined {
  switch (resource.type) {
    case "aws_ebs_volume":
      return isTrue(resource.config.encrypted) ? undefined : "the volume";
    case "aws_launch_template":
      return templateEncrypts(resource) ? undefined : "its block device mappings";
    default: {
      const root = block(resource.config.root_block_device);
      const template = launchTemplateOf(resource, stack);
      const rootOk = isTrue(root.encrypted) || (Object.keys(root).length === 0 && template !== undefined && templateEncrypts(template));
      if (!rootOk) return "its root volume";
      return blocks(resource.config.ebs_block_device).every((d) => isTrue(d.encrypted)) ? undefined : "an EBS block device";
    }
  }
}

/** EBS volumes of instances, launch templates and standalone volumes are encrypted. */
export const ec2EncryptedVolumes: PolicyRule = {
  id: "ec2-encrypted-volumes",
  description:
    "EBS volumes are encrypted: standalone volumes, every EBS mapping of a launch template, and an instance's root and EBS devices (or its launch template's); an aws_ebs_encryption_by_default in the stack covers all.",
  resourceTypes: ["aws_instance", "aws_launch_template", "aws_ebs_volume"],
  check(resource, stack) {
    if (stack.ofType("aws_ebs_encryption_by_default").some((d) => d.config.enabled !== false && d.config.enabled !== "false")) return undefined;
    const what = unencrypted(resource, stack);
    if (what === undefined) return undefined;
    const fix =
      resource.type === "aws_launch_template"
        ? 'map the root device with ebs: { encrypted: "true" }'
        : resource.type === "aws_ebs_volume"
          ? "set encrypted: true"
          : "set rootBlockDevice: { encrypted: true } and encrypted: true on every ebsBlockDevice, or launch it from an encrypting launch template";
    return `${what} ${what === "its block device mappings" ? "are" : "is"} not encrypted (${fix})`;
  },
};
