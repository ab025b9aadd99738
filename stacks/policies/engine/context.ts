/**
 * What the rules need to know about the stack they check, derived from config
 * in one place so every stack gets the same answers.
 */
import type { AccountConfig, OrgConfig } from "../../../config/model.ts";

/** The WireGuard VPN's default UDP port: the one inbound port that may be open to the internet (config can choose another). */
export const WIREGUARD_UDP_PORT = 51820;

export interface PolicyContext {
  readonly stackId: string;
  /**
   * Data stores (DynamoDB tables, KMS keys) must be recoverable and survive a
   * destroy. True for the account of a protected environment, and for
   * accounts that host no environment at all (org, dns, corp, tools,
   * security): those are the organization's own production. Only an
   * unprotected environment (dev) is lenient.
   */
  readonly protectedData: boolean;
  /** The bucket that holds every stack's Terraform state (config `state.bucket`). */
  readonly stateBucketName: string;
  readonly wireguardUdpPort: number;
}

export function policyContext(config: OrgConfig, account: AccountConfig, stackId: string): PolicyContext {
  const environments = config.environments.filter((e) => account.environments.includes(e.name));
  return {
    stackId,
    // Environments share an account only when none is protected (the loader refuses a mix).
    protectedData: environments.length === 0 ? true : environments.some((e) => e.protected),
    stateBucketName: config.state.bucket,
    // The corp stack's VPN listens on the port config gives (config/corp.yaml vpn.port, default 51820).
    wireguardUdpPort: config.corp?.vpn.port ?? WIREGUARD_UDP_PORT,
  };
}
