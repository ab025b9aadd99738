/**
 * One request judged against an account's SCP chain by iam-simulate
 * (@cloud-copilot/iam-simulate), a maintained implementation of AWS's policy
 * evaluation logic. The principal is given an identity policy that allows
 * everything, so the answer is what the guardrails alone allow: an
 * administrator in that account, or its root user.
 */
import { runSimulation, type RequestAnalysis, type RunSimulationResults, type SimulationErrors } from "@cloud-copilot/iam-simulate";
import type { PolicyDocument } from "../../../stacks/policy-document.ts";
import type { ScpLevel } from "./scp-chain.ts";

export interface GuardrailRequest {
  /** arn:aws:iam::<id>:role/<name>, or arn:aws:iam::<id>:root. */
  readonly principalArn: string;
  readonly accountId: string;
  readonly action: string;
  /** An ARN, or * for actions that take no resource. */
  readonly resource: string;
  readonly region: string;
}

export type Verdict =
  | { readonly result: "allowed" | "denied"; readonly decidedBy: string }
  /** The engine could not judge the request: never counted as a pass. */
  | { readonly result: "not evaluated"; readonly reason: string };

const ALLOW_EVERYTHING: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

export async function evaluateRequest(chain: readonly ScpLevel[], request: GuardrailRequest): Promise<Verdict> {
  const response = await runSimulation(
    {
      request: {
        principal: request.principalArn,
        action: request.action,
        resource: { resource: request.resource, accountId: request.accountId },
        // The keys AWS puts in every signed request that the guardrails test; the engine does not derive them.
        contextVariables: {
          "aws:PrincipalArn": request.principalArn,
          "aws:PrincipalAccount": request.accountId,
          "aws:RequestedRegion": request.region,
        },
      },
      identityPolicies: [{ name: "AllowEverything", policy: ALLOW_EVERYTHING }],
      serviceControlPolicies: chain.map((level) => ({
        orgIdentifier: level.target,
        policies: level.policies.map((p) => ({ name: p.name, policy: p.document })),
      })),
      resourceControlPolicies: [],
    },
    { simulationMode: "Strict" },
  );
  return verdictOf(response);
}

function verdictOf(response: RunSimulationResults): Verdict {
  if (response.resultType === "error") return { result: "not evaluated", reason: errorText(response.errors) };
  const analyses = response.resultType === "single" ? [response.result] : response.results;
  if (analyses.length === 0) {
    return { result: "not evaluated", reason: "no resource pattern to test (give resource: an ARN of what the action acts on)" };
  }
  const ignored = analyses.flatMap((a) => a.ignoredContextKeys ?? []);
  if (ignored.length > 0) {
    return { result: "not evaluated", reason: `the engine ignored the context keys ${ignored.join(", ")} for this action` };
  }
  if (response.overallResult === "Allowed") {
    return { result: "allowed", decidedBy: "FullAWSAccess (no guardrail denies it)" };
  }
  const decisive = analyses.find((a) => a.analysis.result === response.overallResult)!.analysis;
  return { result: "denied", decidedBy: denialOf(decisive) };
}

/** The first SCP statement that denies, from the root down; or the level where nothing allows. */
function denialOf(analysis: RequestAnalysis): string {
  for (const level of analysis.scpAnalysis?.ouAnalysis ?? []) {
    const deny = level.denyStatements[0];
    if (deny) return `${deny.policyId} ${deny.statement.sid() ?? `statement ${deny.statement.index()}`} (${level.orgIdentifier})`;
  }
  for (const level of analysis.scpAnalysis?.ouAnalysis ?? []) {
    if (level.result !== "Allowed") return `no SCP on ${level.orgIdentifier} allows it`;
  }
  return `not the SCPs (${analysis.result}; blocked by ${(analysis.blockedBy ?? []).join(", ") || "nothing allowing it"})`;
}

/** The engine's error codes, said as what to change in the expectation. */
const ERROR_ADVICE: Readonly<Record<string, string>> = {
  "invalid.service": "the engine knows no such service (check the part before the colon against the Service Authorization Reference)",
  "invalid.action": "the engine knows no such action of this service (check the spelling against the Service Authorization Reference)",
  "must.use.wildcard": "the action takes no resource ARN (write resource: * or leave resource out)",
  "no.resource.types": "the resource is not of a type this action acts on (give an ARN of what it acts on)",
  "multiple.resource.types": "the resource matches more than one resource type of this action (give a more specific ARN)",
  "invalid.principal": "the principal is not a valid ARN",
};

function errorText(errors: SimulationErrors): string {
  const details = Object.entries(errors)
    .filter(([key]) => key !== "message")
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  const advice = ERROR_ADVICE[errors.message];
  return [advice ? `${advice} [${errors.message}]` : errors.message, ...details].join("; ");
}
