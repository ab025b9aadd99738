/**
 * Who the credentials terraform will run with belong to, asked before any
 * terraform step: a wrong or missing credential is one clear line at once,
 * instead of the provider's "No valid credential sources found ... EC2 IMDS
 * ... 403" after seconds of retries. The provider's allowed_account_ids stays
 * the last line of defence.
 *
 * The SDK's own credential chain is used (environment, profiles, SSO, web
 * identity, container and instance roles), so the answer is the one the
 * provider gets; endpoints follow AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL, so
 * the emulator answers for itself.
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type STSClientConfig } from "@aws-sdk/client-sts";
import { UserError } from "../errors.ts";

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
}

/** What a stack's provider will do with the credentials. */
export interface CredentialNeed {
  /** "org stack", "dns stack" */
  readonly label: string;
  /** The account the stack deploys into (unknown for a management account whose id is not in config yet), and where that is written. */
  readonly accountId?: string;
  readonly accountFile: string;
  /** For a member account's stack: the role the provider assumes there. */
  readonly assumeRoleArn?: string;
  readonly region: string;
}

/** Asks STS; tests replace it. Resolves with the identity, or rejects with a UserError saying what is wrong. */
export type CredentialCheck = (env: Readonly<Record<string, string | undefined>>, need: CredentialNeed) => Promise<CallerIdentity>;

function stsConfig(env: Readonly<Record<string, string | undefined>>, region: string): STSClientConfig {
  const endpoint = env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL;
  const key = env.AWS_ACCESS_KEY_ID;
  const secret = env.AWS_SECRET_ACCESS_KEY;
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? region,
    maxAttempts: 2,
    ...(endpoint && { endpoint }),
    // Static keys in the given environment are used as they are; otherwise the SDK's chain
    // (profiles, SSO, web identity, container and instance roles) finds them, as the provider does.
    ...(key && secret && { credentials: { accessKeyId: key, secretAccessKey: secret, ...(env.AWS_SESSION_TOKEN && { sessionToken: env.AWS_SESSION_TOKEN }) } }),
  };
}

function why(err: unknown): string {
  const e = err as { name?: string; message?: string };
  return `${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message ?? String(err)}`.replace(/\s+/g, " ").trim();
}

export const stsCredentialCheck: CredentialCheck = async (env, need) => {
  const sts = new STSClient(stsConfig(env, need.region));
  let identity: CallerIdentity;
  try {
    const answer = await sts.send(new GetCallerIdentityCommand({}));
    identity = { account: answer.Account ?? "", arn: answer.Arn ?? "" };
  } catch (err) {
    const name = (err as { name?: string }).name ?? "";
    if (name === "CredentialsProviderError" || /Could not load credentials/i.test(why(err))) {
      throw new UserError(
        `no AWS credentials found for the ${need.label} (set AWS_PROFILE to a profile of ${need.accountId === undefined ? "the management account" : `account ${need.accountId}`}, run aws sso login, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY); nothing was started`,
      );
    }
    throw new UserError(`the AWS credentials for the ${need.label} do not work: ${why(err)} (check them with: aws sts get-caller-identity); nothing was started`);
  } finally {
    sts.destroy();
  }
  if (need.assumeRoleArn === undefined) {
    if (need.accountId !== undefined && identity.account !== need.accountId) {
      throw new UserError(
        `the AWS credentials are of account ${identity.account} (${identity.arn}), but the ${need.label} deploys into account ${need.accountId} (${need.accountFile}): ` +
          `use credentials of that account; nothing was started`,
      );
    }
    return identity;
  }
  const assume = new STSClient(stsConfig(env, need.region));
  try {
    await assume.send(new AssumeRoleCommand({ RoleArn: need.assumeRoleArn, RoleSessionName: "devops-credential-check", DurationSeconds: 900 }));
  } catch (err) {
    throw new UserError(
      `the AWS credentials of ${identity.arn} cannot assume ${need.assumeRoleArn}, which the ${need.label} deploys through: ${why(err)} ` +
        `(use credentials of the management account, which can assume it); nothing was started`,
    );
  } finally {
    assume.destroy();
  }
  return identity;
};
