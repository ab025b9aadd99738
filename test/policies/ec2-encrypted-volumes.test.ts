import { EbsEncryptionByDefault } from "@cdktf/provider-aws/lib/ebs-encryption-by-default";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { describe, expect, it } from "vitest";
import { instance, launchTemplate } from "./ec2.fixture.ts";
import { synthErrors } from "./helpers.ts";

describe("ec2-encrypted-volumes", () => {
  it("passes encrypted root, EBS and standalone volumes, a launch template mapping encrypted volumes, and any volume once encryption is the account default", () => {
    expect(
      synthErrors((s) => {
        instance(s, { ebsBlockDevice: [{ deviceName: "/dev/sdf", encrypted: true, volumeSize: 10 }] });
        new EbsVolume(s, "data", { availabilityZone: "eu-west-1a", size: 10, encrypted: true });
        const template = launchTemplate(s);
        new Instance(s, "vpn-instance", { launchTemplate: { id: template.id, version: "$Latest" } });
      }),
    ).toEqual([]);
    expect(
      synthErrors((s) => {
        new EbsEncryptionByDefault(s, "default-encryption", { enabled: true });
        new EbsVolume(s, "data", { availabilityZone: "eu-west-1a", size: 10 });
      }),
    ).toEqual([]);
  });

  it("fails an unencrypted root volume, standalone volume and launch template mapping", () => {
    expect(
      synthErrors((s) => {
        instance(s, { rootBlockDevice: { volumeSize: 8 } });
        new EbsVolume(s, "data", { availabilityZone: "eu-west-1a", size: 10 });
        launchTemplate(s, { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8 } }] });
      }),
    ).toEqual([
      "[test/bastion] [ec2-encrypted-volumes] aws_instance.bastion: its root volume is not encrypted (set rootBlockDevice: { encrypted: true } and encrypted: true on every ebsBlockDevice, or launch it from an encrypting launch template)",
      "[test/data] [ec2-encrypted-volumes] aws_ebs_volume.data: the volume is not encrypted (set encrypted: true)",
      '[test/vpn] [ec2-encrypted-volumes] aws_launch_template.vpn: its block device mappings are not encrypted (map the root device with ebs: { encrypted: "true" })',
    ]);
  });

  it("fails an encrypted root beside an EBS device written unencrypted, and a volume when the account default is written but off", () => {
    expect(
      synthErrors((s) => {
        instance(s, {
          ebsBlockDevice: [
            { deviceName: "/dev/sdf", encrypted: true },
            { deviceName: "/dev/sdg", encrypted: false },
          ],
        });
        new EbsEncryptionByDefault(s, "default-encryption", { enabled: false });
        new EbsVolume(s, "data", { availabilityZone: "eu-west-1a", size: 10, encrypted: false });
      }),
    ).toEqual([
      "[test/bastion] [ec2-encrypted-volumes] aws_instance.bastion: an EBS block device is not encrypted (set rootBlockDevice: { encrypted: true } and encrypted: true on every ebsBlockDevice, or launch it from an encrypting launch template)",
      "[test/data] [ec2-encrypted-volumes] aws_ebs_volume.data: the volume is not encrypted (set encrypted: true)",
    ]);
  });

  it("judges every EBS mapping of a launch template and skips the ones without EBS; one with none leaves the root to the AMI", () => {
    const template = (mappings: { deviceName: string; ebs?: { encrypted?: string; volumeSize?: number }; virtualName?: string }[]) =>
      synthErrors((s) => launchTemplate(s, { blockDeviceMappings: mappings }));
    const line = '[test/vpn] [ec2-encrypted-volumes] aws_launch_template.vpn: its block device mappings are not encrypted (map the root device with ebs: { encrypted: "true" })';
    expect(
      template([
        { deviceName: "/dev/xvda", ebs: { encrypted: "true" } },
        { deviceName: "/dev/sdb", virtualName: "ephemeral0" },
      ]),
    ).toEqual([]);
    expect(
      template([
        { deviceName: "/dev/xvda", ebs: { encrypted: "true" } },
        { deviceName: "/dev/sdf", ebs: { volumeSize: 10 } },
      ]),
    ).toEqual([line]);
    expect(template([{ deviceName: "/dev/sdb", virtualName: "ephemeral0" }])).toEqual([line]);
  });

  it("takes the launch template's encryption only for an instance that sets no root device of its own", () => {
    const line =
      "[test/vpn-instance] [ec2-encrypted-volumes] aws_instance.vpn-instance: its root volume is not encrypted (set rootBlockDevice: { encrypted: true } and encrypted: true on every ebsBlockDevice, or launch it from an encrypting launch template)";
    expect(
      synthErrors((s) => {
        const t = launchTemplate(s);
        new Instance(s, "vpn-instance", { launchTemplate: { id: t.id, version: "$Latest" }, rootBlockDevice: { volumeSize: 8 } });
      }),
    ).toEqual([line]);
    expect(
      synthErrors((s) => {
        const t = launchTemplate(s, { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8 } }] });
        new Instance(s, "vpn-instance", { launchTemplate: { id: t.id, version: "$Latest" } });
      }).filter((l) => l.includes("aws_instance")),
    ).toEqual([line]);
    expect(synthErrors((s) => new Instance(s, "vpn-instance", { ami: "ami-0123456789abcdef0", instanceType: "t4g.nano", metadataOptions: { httpTokens: "required" } }))).toEqual([line]);
  });
});
