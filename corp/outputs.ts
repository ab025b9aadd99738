/**
 * The corp stack's output contract: what other stacks (the app stacks, to
 * allow the VPN's address) and people read from its state. Published by
 * corp-stack.ts, read with readRemoteOutputs (stacks/remote-state.ts).
 * Renaming one is a type error in every reader.
 */
import { CORP_STACK_ID } from "../naming/names.ts";
import { outputContract } from "../stacks/output-contract.ts";

export const CORP_OUTPUTS = outputContract(CORP_STACK_ID, {
  vpnPublicIp: {
    name: "vpn_public_ip",
    kind: "string",
    description: "The WireGuard VPN's Elastic IP: the address IP-restricted resources allow",
    // TEST-NET-1 (RFC 5737): documentation only, never routed.
    placeholder: "192.0.2.1",
  },
  vpnServerPublicKeyParameter: {
    name: "vpn_server_public_key_parameter",
    kind: "string",
    description: "SSM parameter holding the VPN server's WireGuard public key, written by the instance at first boot",
    placeholder: "/placeholder/not-applied-yet",
  },
  websiteDistributionDomain: {
    name: "website_distribution_domain",
    kind: "string",
    description: "The website's CloudFront domain (the apex and www are aliases to it)",
    placeholder: "placeholder.cloudfront.invalid",
  },
});
