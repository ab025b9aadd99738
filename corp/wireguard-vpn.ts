/**
 * The WireGuard VPN: the company's way into IP-restricted resources of the
 * other accounts (their traffic leaves through this instance's Elastic IP).
 *
 * A small VPC with one public subnet and no NAT gateway; one ARM instance
 * from a launch template whose AMI is resolved from AWS's public SSM
 * parameter at launch (`resolve:ssm:`, no AMI lookup, so it plans offline);
 * an Elastic IP; a security group whose only inbound rule is the WireGuard
 * UDP port. No SSH: administration is SSM Session Manager, through the
 * instance profile. IMDSv2 only; the root volume is encrypted.
 *
 * Keys: the server's private key is generated on the instance at first boot
 * and kept in an SSM SecureString the instance writes itself (so a replaced
 * instance keeps the key the peers know); it is never in Terraform state,
 * config or this repository. The instance publishes the public key to an SSM
 * parameter that Terraform creates with a placeholder and then leaves alone.
 */
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import type { VpnConfig } from "../config/corp-model.ts";
import { policyDocument, policyJson } from "../stacks/policy-document.ts";

/** Amazon Linux 2023 for arm64, resolved by EC2 at launch: WireGuard is in its kernel, wireguard-tools in its repository. */
export const VPN_AMI = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

/**
 * What the SSM agent needs for Session Manager (and Run Command): the
 * session part of AWS's AmazonSSMManagedInstanceCore, written out as literal
 * JSON so the policy rules can read it, and without that policy's
 * ssm:GetParameter(s) on every parameter of the account. These actions take
 * no resource-level permissions, hence "*".
 */
export const SESSION_MANAGER_POLICY = policyDocument({
  Sid: "SessionManager",
  Effect: "Allow",
  Action: [
    "ssm:UpdateInstanceInformation",
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
    "ec2messages:AcknowledgeMessage",
    "ec2messages:DeleteMessage",
    "ec2messages:FailMessage",
    "ec2messages:GetEndpoint",
    "ec2messages:GetMessages",
    "ec2messages:SendReply",
  ],
  Resource: "*",
});

export interface WireguardVpnProps {
  readonly vpn: VpnConfig;
  /** Names the SSM parameters and the IAM role: `<organization>`. */
  readonly organization: string;
  readonly region: string;
  /** The account id (or its placeholder), for the parameters' ARNs. */
  readonly accountId: string;
}

export function vpnParameterNames(organization: string): { publicKey: string; privateKey: string } {
  return { publicKey: `/${organization}/corp/vpn/server-public-key`, privateKey: `/${organization}/corp/vpn/server-private-key` };
}

/** The instance's first-boot script: install WireGuard, make or reuse the key, publish the public key, configure the peers. */
export function wireguardUserData(vpn: VpnConfig, region: string, parameters: { publicKey: string; privateKey: string }): string {
  const prefix = vpn.tunnelCidr.split("/")[1];
  const peers = vpn.peers.flatMap((p) => ["", `# ${p.name}`, "[Peer]", `PublicKey = ${p.publicKey}`, `AllowedIPs = ${p.address}/32`]);
  return [
    "#!/bin/bash",
    "# WireGuard server: written by the corp stack (corp/wireguard-vpn.ts). Runs once, at first boot.",
    "set -euo pipefail",
    "dnf install -y wireguard-tools iptables-nft",
    `export AWS_REGION=${region}`,
    "umask 077",
    "mkdir -p /etc/wireguard",
    "# The private key never leaves this account: reuse the one an earlier instance stored, or make it here.",
    `if ! aws ssm get-parameter --name '${parameters.privateKey}' --with-decryption --query Parameter.Value --output text > /etc/wireguard/server.key 2>/dev/null; then`,
    "  wg genkey > /etc/wireguard/server.key",
    `  aws ssm put-parameter --name '${parameters.privateKey}' --type SecureString --value "$(cat /etc/wireguard/server.key)"`,
    "fi",
    `aws ssm put-parameter --name '${parameters.publicKey}' --type String --overwrite --value "$(wg pubkey < /etc/wireguard/server.key)"`,
    "cat > /etc/wireguard/wg0.conf <<'WG'",
    "[Interface]",
    `Address = ${vpn.serverAddress}/${prefix}`,
    `ListenPort = ${vpn.port}`,
    "PostUp = wg set %i private-key /etc/wireguard/server.key",
    "# Peers reach the other accounts from this instance's Elastic IP.",
    `PostUp = iptables -t nat -A POSTROUTING -s ${vpn.tunnelCidr} -o $(ip route show default | awk '{print $5}') -j MASQUERADE`,
    `PostDown = iptables -t nat -D POSTROUTING -s ${vpn.tunnelCidr} -o $(ip route show default | awk '{print $5}') -j MASQUERADE`,
    ...peers,
    "WG",
    "echo 'net.ipv4.ip_forward = 1' > /etc/sysctl.d/90-wireguard.conf",
    "sysctl --system",
    "systemctl enable --now wg-quick@wg0",
    "",
  ].join("\n");
}

export class WireguardVpn extends Construct {
  readonly eip: Eip;
  readonly securityGroup: SecurityGroup;
  readonly publicKeyParameter: SsmParameter;

  constructor(scope: Construct, id: string, props: WireguardVpnProps) {
    super(scope, id);
    const { vpn } = props;
    const names = vpnParameterNames(props.organization);

    const vpc = new Vpc(this, "vpc", { cidrBlock: vpn.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: "wireguard-vpn" } });
    const gateway = new InternetGateway(this, "internet-gateway", { vpcId: vpc.id });
    // One public subnet spanning the VPC; no NAT gateway: the instance has its own Elastic IP.
    const subnet = new Subnet(this, "public-subnet", { vpcId: vpc.id, cidrBlock: vpn.vpcCidr, mapPublicIpOnLaunch: false, tags: { Name: "wireguard-vpn-public" } });
    const routes = new RouteTable(this, "public-routes", { vpcId: vpc.id, route: [{ cidrBlock: "0.0.0.0/0", gatewayId: gateway.id }] });
    new RouteTableAssociation(this, "public-routes-subnet", { subnetId: subnet.id, routeTableId: routes.id });

    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: "wireguard-vpn",
      description: "WireGuard VPN: only the WireGuard UDP port comes in; no SSH (SSM Session Manager)",
      vpcId: vpc.id,
    });
    // The only inbound rule.
    new VpcSecurityGroupIngressRule(this, "wireguard-in", {
      securityGroupId: this.securityGroup.id,
      description: "WireGuard",
      ipProtocol: "udp",
      fromPort: vpn.port,
      toPort: vpn.port,
      cidrIpv4: "0.0.0.0/0",
    });
    // Out: package installs, SSM, and the peers' traffic to what they reach through the VPN.
    new VpcSecurityGroupEgressRule(this, "all-out", { securityGroupId: this.securityGroup.id, description: "Everything out", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" });

    this.publicKeyParameter = new SsmParameter(this, "server-public-key", {
      name: names.publicKey,
      description: "The VPN server's WireGuard public key, written by the instance at first boot",
      type: "String",
      value: "not written yet: the VPN instance writes its public key here at first boot",
      // The instance owns the value.
      lifecycle: { ignoreChanges: ["value"] },
    });

    const role = new IamRole(this, "instance-role", {
      name: `${props.organization}-wireguard-vpn`,
      description: "The WireGuard VPN instance: SSM Session Manager, and its own key parameters",
      assumeRolePolicy: policyJson(policyDocument({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" })),
    });
    new IamRolePolicy(this, "session-manager", { role: role.id, name: "session-manager", policy: policyJson(SESSION_MANAGER_POLICY) });
    const parameterArn = (name: string) => `arn:aws:ssm:${props.region}:${props.accountId}:parameter${name}`;
    new IamRolePolicy(this, "key-parameters", {
      role: role.id,
      name: "wireguard-key-parameters",
      policy: policyJson(
        policyDocument({
          Sid: "OwnKeyParameters",
          Effect: "Allow",
          Action: ["ssm:GetParameter", "ssm:PutParameter"],
          Resource: [parameterArn(names.publicKey), parameterArn(names.privateKey)],
        }),
      ),
    });
    const profile = new IamInstanceProfile(this, "instance-profile", { name: `${props.organization}-wireguard-vpn`, role: role.name });

    const template = new LaunchTemplate(this, "launch-template", {
      name: `${props.organization}-wireguard-vpn`,
      description: "WireGuard VPN server",
      imageId: VPN_AMI,
      instanceType: vpn.instanceType,
      iamInstanceProfile: { arn: profile.arn },
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
      userData: Buffer.from(wireguardUserData(vpn, props.region, names)).toString("base64"),
      updateDefaultVersion: true,
    });
    const instance = new Instance(this, "instance", {
      launchTemplate: { id: template.id, version: template.latestVersion.toString() },
      subnetId: subnet.id,
      vpcSecurityGroupIds: [this.securityGroup.id],
      // Traffic of the peers is forwarded, with their tunnel addresses until it is masqueraded.
      sourceDestCheck: false,
      // On the instance, not in the template's tag_specifications: tags the template puts on an instance are not in its config, and every plan would remove them.
      tags: { Name: "wireguard-vpn" },
    });
    this.eip = new Eip(this, "public-ip", { domain: "vpc", instance: instance.id, tags: { Name: "wireguard-vpn" } });
  }
}
