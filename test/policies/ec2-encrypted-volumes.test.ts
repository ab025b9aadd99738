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
});
