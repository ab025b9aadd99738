/** EC2 pieces that both EC2 rules accept unless told otherwise. */
import { Instance, type InstanceConfig } from "@cdktf/provider-aws/lib/instance";
import { LaunchTemplate, type LaunchTemplateConfig } from "@cdktf/provider-aws/lib/launch-template";
import type { PolicyTestStack } from "./helpers.ts";

export function launchTemplate(s: PolicyTestStack, changes: Partial<LaunchTemplateConfig> = {}): LaunchTemplate {
  return new LaunchTemplate(s, "vpn", {
    name: "vpn",
    imageId: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    instanceType: "t4g.nano",
    metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeSize: 8 } }],
    ...changes,
  });
}

export function instance(s: PolicyTestStack, changes: Partial<InstanceConfig> = {}): Instance {
  return new Instance(s, "bastion", {
    ami: "ami-0123456789abcdef0",
    instanceType: "t4g.nano",
    metadataOptions: { httpTokens: "required" },
    rootBlockDevice: { encrypted: true },
    ...changes,
  });
}
