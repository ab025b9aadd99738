import { Instance } from "@cdktf/provider-aws/lib/instance";
import { describe, expect, it } from "vitest";
import { instance, launchTemplate } from "./ec2.fixture.ts";
import { synthErrors } from "./helpers.ts";

describe("ec2-imdsv2", () => {
  it("passes an instance requiring session tokens, and one inheriting them from its launch template", () => {
    expect(synthErrors((s) => instance(s))).toEqual([]);
    expect(
      synthErrors((s) => {
        const template = launchTemplate(s);
        new Instance(s, "vpn-instance", { launchTemplate: { id: template.id, version: "$Latest" } });
      }),
    ).toEqual([]);
  });

  it("fails an instance and a launch template that allow IMDSv1", () => {
    const fix = `allows IMDSv1, so any SSRF can read the instance's credentials (set metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" })`;
    expect(
      synthErrors((s) => {
        instance(s, { metadataOptions: { httpTokens: "optional" } });
        launchTemplate(s, { metadataOptions: { httpEndpoint: "enabled" } });
      }),
    ).toEqual([`[test/bastion] [ec2-imdsv2] aws_instance.bastion: ${fix}`, `[test/vpn] [ec2-imdsv2] aws_launch_template.vpn: ${fix}`]);
  });

  it("fails an instance launched from a launch template whose metadata options allow IMDSv1", () => {
    const fix = `allows IMDSv1, so any SSRF can read the instance's credentials (set metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" })`;
    expect(
      synthErrors((s) => {
        const template = launchTemplate(s, { metadataOptions: { httpTokens: "optional", httpEndpoint: "enabled" } });
        new Instance(s, "vpn-instance", { launchTemplate: { id: template.id, version: "$Latest" } });
      }),
    ).toEqual([`[test/vpn] [ec2-imdsv2] aws_launch_template.vpn: ${fix}`, `[test/vpn-instance] [ec2-imdsv2] aws_instance.vpn-instance: ${fix}`]);
  });

  it("passes an instance with the metadata service off, and fails one with no metadata options and no launch template", () => {
    const fix = `allows IMDSv1, so any SSRF can read the instance's credentials (set metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" })`;
    expect(synthErrors((s) => instance(s, { metadataOptions: { httpEndpoint: "disabled" } }))).toEqual([]);
    expect(synthErrors((s) => instance(s, { metadataOptions: undefined }))).toEqual([`[test/bastion] [ec2-imdsv2] aws_instance.bastion: ${fix}`]);
  });

  it("fails an instance whose own metadata options allow IMDSv1, even launched from a template that requires tokens: its own win", () => {
    const fix = `allows IMDSv1, so any SSRF can read the instance's credentials (set metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" })`;
    expect(
      synthErrors((s) => {
        const template = launchTemplate(s);
        new Instance(s, "vpn-instance", { launchTemplate: { id: template.id, version: "$Latest" }, metadataOptions: { httpTokens: "optional" } });
      }),
    ).toEqual([`[test/vpn-instance] [ec2-imdsv2] aws_instance.vpn-instance: ${fix}`]);
  });
});
