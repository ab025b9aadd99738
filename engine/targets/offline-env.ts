/**
 * The environment of every offline terraform child process.
 *
 * Why: the synthesized provider blocks are the production ones; what makes
 * them harmless offline is only the environment. It is built from an
 * allowlist, not by deleting from the parent's environment, so no inherited
 * AWS_PROFILE, AWS_SESSION_TOKEN, AWS_ROLE_ARN/web identity, container
 * credential URI, TF_CLI_ARGS or TF_DATA_DIR can point the run at real AWS or
 * change what it does.
 *
 * Measured with aws 5.100.0: AWS_ENDPOINT_URL_STS reaches AssumeRole and
 * GetCallerIdentity; the global AWS_ENDPOINT_URL reaches every other service
 * (and the S3 backend of `terraform_remote_state`), so those calls land on the
 * stub and fail at once with a recorded AccessDenied. HTTP(S)_PROXY points at
 * the stub too as a backstop for anything that ignores endpoint settings (Go
 * never proxies loopback, so the stub itself stays reachable). AWS_MAX_ATTEMPTS
 * does not shorten the provider's retries (its max_retries default of 25
 * wins): a refused proxy CONNECT is retried for minutes, so verify-stacks stops
 * the run on the first such attempt.
 */
import { passThrough } from "./target.ts";
import { BASE_SECRET_ACCESS_KEY, baseAccessKeyId, proxyUrl } from "./sts-stub.ts";

export interface OfflineEnvOptions {
  /** The stub's endpoint (`http://127.0.0.1:<port>`). */
  stubEndpoint: string;
  /** TF_CLI_CONFIG_FILE: from writeTerraformCliConfig. */
  cliConfigFile: string;
  /** Default region when the provider block sets none. */
  region?: string;
  /** Tag (0-16 of [A-Z0-9]) the stub uses to attribute this process's calls. */
  clientTag?: string;
  /** The parent environment to take PATH/HOME/locale (and TF_LOG*) from. */
  parentEnv?: Record<string, string | undefined>;
}

/** A complete environment for an offline terraform process (pass as `env`, do not merge with process.env). */
export function offlineTerraformEnv(opts: OfflineEnvOptions): Record<string, string> {
  const parent = opts.parentEnv ?? process.env;
  const env = passThrough(parent);
  const tag = opts.clientTag ?? "";
  const proxy = proxyUrl(opts.stubEndpoint, tag);
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: baseAccessKeyId(tag),
    AWS_SECRET_ACCESS_KEY: BASE_SECRET_ACCESS_KEY,
    AWS_REGION: opts.region ?? "us-east-1",
    AWS_DEFAULT_REGION: opts.region ?? "us-east-1",
    AWS_ENDPOINT_URL_STS: opts.stubEndpoint,
    AWS_ENDPOINT_URL: opts.stubEndpoint,
    AWS_EC2_METADATA_DISABLED: "true",
    // No shared config/credentials files: profiles there could name real credentials.
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    HTTPS_PROXY: proxy,
    HTTP_PROXY: proxy,
    https_proxy: proxy,
    http_proxy: proxy,
    NO_PROXY: "127.0.0.1,localhost,::1",
    no_proxy: "127.0.0.1,localhost,::1",
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    TF_CLI_CONFIG_FILE: opts.cliConfigFile,
  });
  return env;
}
