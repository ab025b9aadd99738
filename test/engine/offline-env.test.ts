import { describe, expect, it } from "vitest";
import { offlineTerraformEnv } from "../../engine/targets/offline-env.ts";
import { baseAccessKeyId } from "../../engine/targets/sts-stub.ts";

const parentEnv = {
  PATH: "/usr/bin",
  HOME: "/root",
  LANG: "C.UTF-8",
  TF_LOG: "DEBUG",
  AWS_PROFILE: "prod-admin",
  AWS_ACCESS_KEY_ID: "AKIAREALREALREAL0000",
  AWS_SECRET_ACCESS_KEY: "real-secret",
  AWS_SESSION_TOKEN: "real-token",
  AWS_ROLE_ARN: "arn:aws:iam::999999999999:role/ci",
  AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/token",
  AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://169.254.170.23/v1/credentials",
  AWS_ENDPOINT_URL_S3: "https://s3.example.com",
  TF_CLI_ARGS_plan: "-refresh=true",
  TF_DATA_DIR: "/elsewhere",
  TF_CLI_CONFIG_FILE: "/root/.terraformrc",
  HTTPS_PROXY: "http://corp-proxy:3128",
  GITHUB_TOKEN: "ghp_x",
};

describe("offlineTerraformEnv", () => {
  const env = offlineTerraformEnv({
    stubEndpoint: "http://127.0.0.1:40000",
    cliConfigFile: "/tmp/cli/terraformrc",
    region: "eu-west-1",
    clientTag: "S3",
    parentEnv,
  });

  it("sets fake credentials, the stub as STS and every other AWS endpoint, and the offline switches", () => {
    expect(env).toMatchObject({
      AWS_ACCESS_KEY_ID: baseAccessKeyId("S3"),
      AWS_ENDPOINT_URL_STS: "http://127.0.0.1:40000",
      AWS_ENDPOINT_URL: "http://127.0.0.1:40000",
      AWS_REGION: "eu-west-1",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_CLI_CONFIG_FILE: "/tmp/cli/terraformrc",
      HTTPS_PROXY: "http://S3:x@127.0.0.1:40000",
      NO_PROXY: "127.0.0.1,localhost,::1",
    });
    expect(env.AWS_SECRET_ACCESS_KEY).not.toBe("real-secret");
  });

  it("keeps PATH, HOME, locale and terraform logging from the parent", () => {
    expect(env).toMatchObject({ PATH: "/usr/bin", HOME: "/root", LANG: "C.UTF-8", TF_LOG: "DEBUG" });
  });

  it("drops everything else inherited: profiles, real credentials, web identity, container credentials, TF_CLI_ARGS, TF_DATA_DIR, proxies", () => {
    for (const k of [
      "AWS_PROFILE",
      "AWS_SESSION_TOKEN",
      "AWS_ROLE_ARN",
      "AWS_WEB_IDENTITY_TOKEN_FILE",
      "AWS_CONTAINER_CREDENTIALS_FULL_URI",
      "AWS_ENDPOINT_URL_S3",
      "TF_CLI_ARGS_plan",
      "TF_DATA_DIR",
      "GITHUB_TOKEN",
    ]) {
      expect(env, k).not.toHaveProperty(k);
    }
    expect(Object.values(env)).not.toContain("AKIAREALREALREAL0000");
    expect(Object.values(env)).not.toContain("http://corp-proxy:3128");
  });
});
