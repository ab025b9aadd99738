import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AWS_PROVIDER_ADDRESS, defaultCliConfigDir, findProviderMirror, knownMirrorLocations, mirrorLayout, pluginCacheDir, repoRoot, writeTerraformCliConfig } from "../../engine/provider-mirror.ts";
import { tempDir } from "./helpers.ts";

describe("findProviderMirror", () => {
  let tmp: ReturnType<typeof tempDir>;
  let unpacked: string;
  let packed: string;
  let empty: string;
  beforeAll(() => {
    tmp = tempDir("offline-mirror");
    unpacked = join(tmp.dir, "unpacked");
    mkdirSync(join(unpacked, AWS_PROVIDER_ADDRESS, "5.100.0", "linux_amd64"), { recursive: true });
    packed = join(tmp.dir, "packed");
    mkdirSync(join(packed, AWS_PROVIDER_ADDRESS), { recursive: true });
    writeFileSync(join(packed, AWS_PROVIDER_ADDRESS, "terraform-provider-aws_5.100.0_linux_amd64.zip"), "");
    empty = join(tmp.dir, "empty");
    mkdirSync(empty);
  });
  afterAll(() => tmp?.remove());

  it("uses TF_PROVIDER_MIRROR when set", () => {
    expect(findProviderMirror({ TF_PROVIDER_MIRROR: unpacked }, [])).toBe(unpacked);
  });

  it("errors clearly when TF_PROVIDER_MIRROR is missing or holds no hashicorp/aws", () => {
    expect(() => findProviderMirror({ TF_PROVIDER_MIRROR: join(tmp.dir, "nope") }, [unpacked])).toThrow(/TF_PROVIDER_MIRROR=.*nope: no such directory/);
    expect(() => findProviderMirror({ TF_PROVIDER_MIRROR: empty }, [unpacked])).toThrow(/holds no registry\.terraform\.io\/hashicorp\/aws/);
  });

  it("otherwise takes the first candidate holding hashicorp/aws, or undefined", () => {
    expect(findProviderMirror({}, [join(tmp.dir, "nope"), empty, packed, unpacked])).toBe(packed);
    expect(findProviderMirror({}, [empty])).toBeUndefined();
  });

  it("knows the usual places, the machine's mirror first", () => {
    expect(knownMirrorLocations("/home/u")).toEqual([
      "/opt/tf-plugins",
      "/home/u/.terraform.d/plugins",
      "/home/u/.local/share/terraform/plugins",
      "/usr/local/share/terraform/plugins",
      "/usr/share/terraform/plugins",
    ]);
  });

  it("finds this machine's mirror (the offline plan tests need it)", () => {
    const mirror = findProviderMirror({ HOME: "/nonexistent" });
    expect(mirror, "no hashicorp/aws filesystem mirror on this machine: set TF_PROVIDER_MIRROR").toBeDefined();
  });

  it("tells packed from unpacked mirrors", () => {
    expect(mirrorLayout(unpacked)).toBe("unpacked");
    expect(mirrorLayout(packed)).toBe("packed");
  });

  it("writes a CLI config: the mirror for hashicorp/aws only, direct for the rest, no plugin cache for an unpacked mirror", () => {
    const file = writeTerraformCliConfig(unpacked, join(tmp.dir, "cli-unpacked"));
    expect(file).toBe(join(tmp.dir, "cli-unpacked", "terraformrc"));
    const text = readFileSync(file, "utf8");
    expect(text).toContain(`path    = "${unpacked}"`);
    expect(text).toContain(`include = ["${AWS_PROVIDER_ADDRESS}"]`);
    expect(text).toContain(`exclude = ["${AWS_PROVIDER_ADDRESS}"]`);
    expect(text).toContain("disable_checkpoint = true");
    expect(text).not.toContain("plugin_cache_dir");
  });

  it("adds a plugin cache for a packed mirror (one extraction instead of 675 MB per stack)", () => {
    const dir = join(tmp.dir, "cli-packed");
    const text = readFileSync(writeTerraformCliConfig(packed, dir), "utf8");
    expect(text).toContain(`plugin_cache_dir = "${pluginCacheDir(dir)}"`);
  });

  it("defaults to .terraform-cli/ at the repo root", () => {
    expect(defaultCliConfigDir()).toBe(join(repoRoot(), ".terraform-cli"));
    expect(readFileSync(join(repoRoot(), "package.json"), "utf8")).toContain('"cdktf"');
  });
});
