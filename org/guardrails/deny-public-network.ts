import type { OrgConfig } from "../../config/model.ts";
import { policyDocument, type PolicyDocument } from "../../stacks/policy-document.ts";
import { breakGlassArns, exceptPrincipals } from "./principals.ts";

/**
 * No way in from the internet: no internet gateway, no Elastic IP, no
 * instance or network interface with a public address. For OUs whose
 * accounts serve nothing on the internet (the log archive). Not for the
 * core OU: the Corp account's WireGuard VPN has an Elastic IP; and not for
 * workloads until their stacks are known not to need a NAT gateway.
 */
export function denyPublicNetwork(config: OrgConfig): PolicyDocument {
  const breakGlass = exceptPrincipals(breakGlassArns(config));
  return policyDocument(
    {
      Sid: "DenyInternetGatewaysAndElasticIps",
      Effect: "Deny",
      Action: ["ec2:AllocateAddress", "ec2:AssociateAddress", "ec2:AttachInternetGateway", "ec2:CreateInternetGateway"],
      Resource: "*",
      ...breakGlass,
    },
    // Default VPCs come with an internet gateway: an instance launched there gets a public address unless asked not to.
    {
      Sid: "DenyPublicIpAddresses",
      Effect: "Deny",
      Action: "ec2:RunInstances",
      Resource: "arn:aws:ec2:*:*:network-interface/*",
      Condition: { Bool: { "ec2:AssociatePublicIpAddress": "true" }, ...(breakGlass.Condition ?? {}) },
    },
  );
}
