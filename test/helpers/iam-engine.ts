/**
 * AWS's policy evaluation over synthesized documents, through the
 * iam-simulate engine: one request, the policies that apply to it, and
 * whether AWS would allow it. Tests state attacks and rights as requests.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";

type Json = Record<string, any>;

export interface IamRequest {
  /** The calling principal's ARN. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** The account that owns the resource; default the principal's. */
  readonly resourceAccount?: string;
  /** Request context keys beyond those set here (aws:PrincipalArn and aws:PrincipalAccount from the principal, aws:RequestedRegion from the resource). */
  readonly context?: Readonly<Record<string, string | string[]>>;
}

export interface IamPolicies {
  /** The principal's identity policies. */
  readonly identity: readonly Json[];
  /** The principal's permissions boundary. */
  readonly boundary?: Json;
  /** SCPs by level, root first, each level a list of documents. */
  readonly scps?: readonly (readonly Json[])[];
  readonly resourcePolicy?: Json;
}

export type IamDecision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

export async function decide(request: IamRequest, policies: IamPolicies): Promise<IamDecision> {
  const principalAccount = request.principal.split(":")[4]!;
  // A regional resource's region is its ARN's; global ones (IAM, Route 53) are served from us-east-1.
  const region = request.resource.split(":")[3] || "us-east-1";
  const response = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount ?? principalAccount },
        contextVariables: { "aws:PrincipalArn": request.principal, "aws:PrincipalAccount": principalAccount, "aws:SecureTransport": "true", "aws:RequestedRegion": region, ...request.context },
      },
      identityPolicies: policies.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
      serviceControlPolicies: (policies.scps ?? []).map((level, i) => ({ orgIdentifier: `level-${i}`, policies: level.map((policy, j) => ({ name: `scp-${i}-${j}`, policy })) })),
      resourceControlPolicies: [],
      ...(policies.resourcePolicy && { resourcePolicy: policies.resourcePolicy }),
      ...(policies.boundary && { permissionBoundaryPolicies: [{ name: "boundary", policy: policies.boundary }] }),
    },
    {},
  );
  if (response.resultType === "error") throw new Error(`iam-simulate could not evaluate ${request.action} on ${request.resource}: ${JSON.stringify(response.errors)}`);
  return response.overallResult as IamDecision;
}

export async function isAllowed(request: IamRequest, policies: IamPolicies): Promise<boolean> {
  return (await decide(request, policies)) === "Allowed";
}
