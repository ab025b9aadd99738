import { block, type PolicyRule } from "../engine/rule.ts";
import type { ResourceView, StackView } from "../engine/view.ts";

function requiresTokens(metadataOptions: unknown): boolean {
  const options = block(metadataOptions);
  return options.http_tokens === "required" || options.http_endpoint === "disabled";
}

/** The launch template in this stack an instance is launched from, if any. */
export function launchTemplateOf(instance: ResourceView, stack: StackView): ResourceView | undefined {
  const template = block(instance.config.launch_template);
  const target = stack.referenced(template.id) ?? stack.referenced(template.name);
  return target?.type === "aws_launch_template" ? target : undefined;
}

/** EC2 instances and launch templates require IMDSv2 session tokens (or turn the metadata service off). */
export const ec2Imdsv2: PolicyRule = {
  id: "ec2-imdsv2",
  description: 'EC2 instances and launch templates set metadata_options http_tokens "required" (an instance may inherit it from its launch template).',
  resourceTypes: ["aws_instance", "aws_launch_template"],
  check(resource, stack) {
    if (requiresTokens(resource.config.metadata_options)) return undefined;
    if (resource.type === "aws_instance" && resource.config.metadata_options === undefined) {
      const template = launchTemplateOf(resource, stack);
      if (template !== undefined && requiresTokens(template.config.metadata_options)) return undefined;
    }
    return `allows IMDSv1, so any SSRF can read the instance's credentials (set metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" })`;
  },
};
