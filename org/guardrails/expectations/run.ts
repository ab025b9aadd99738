/**
 * config/guardrail-expectations.yaml, checked: each expectation becomes one
 * request per account it names (every account of an OU, or a new account
 * placed in an empty OU), judged over that account's SCP chain. An
 * expectation passes only when every one of its requests gets the expected
 * answer; one the engine cannot judge fails.
 */
import type { GuardrailExpectation, OrgConfig } from "../../../config/model.ts";
import { accountNamed } from "../../../config/model.ts";
import { formatReport } from "./report.ts";
import { accountsUnder, scpChain, type Placement } from "./scp-chain.ts";
import { evaluateRequest, type GuardrailRequest, type Verdict } from "./simulate.ts";

export interface ExpectationCheck {
  readonly expectation: GuardrailExpectation;
  /** "prod", or "(new account in suspended)". */
  readonly account: string;
  readonly request: GuardrailRequest;
  readonly verdict: Verdict;
  readonly ok: boolean;
}

export interface GuardrailExpectationsResult {
  /** True when every check got the expected answer (and there was something to check). */
  readonly ok: boolean;
  /** The table npm run guardrails prints. */
  readonly report: string;
  readonly checks: readonly ExpectationCheck[];
}

/** Every expectation of the config, judged; `report` is what `npm run guardrails` prints. */
export async function runGuardrailExpectations(config: OrgConfig): Promise<GuardrailExpectationsResult> {
  const checks: ExpectationCheck[] = [];
  for (const expectation of config.guardrails.expectations) {
    for (const placement of placementsOf(config, expectation)) {
      const request = requestFor(config, expectation, placement);
      const verdict = await evaluateRequest(scpChain(config, placement), request);
      checks.push({ expectation, account: placementName(placement), request, verdict, ok: verdict.result === expectation.expect });
    }
  }
  const ok = checks.length > 0 && checks.every((c) => c.ok);
  return { ok, report: formatReport(checks), checks };
}

function placementsOf(config: OrgConfig, e: GuardrailExpectation): Placement[] {
  if (e.target.kind === "account") return [{ account: e.target.name }];
  const accounts = accountsUnder(config, e.target.name);
  return accounts.length > 0 ? accounts.map((account) => ({ account })) : [{ newAccountInOu: e.target.name }];
}

function placementName(p: Placement): string {
  return "account" in p ? p.account : `(new account in ${p.newAccountInOu})`;
}

/**
 * Accounts not created yet have no id: a stand-in id keeps the principal's
 * and the resource's account the same, which is all the guardrails look at.
 */
const PENDING_ACCOUNT_ID = "000000000000";

function requestFor(config: OrgConfig, e: GuardrailExpectation, p: Placement): GuardrailRequest {
  const account = "account" in p ? accountNamed(config, p.account) : undefined;
  const accountId = account?.accountId ?? PENDING_ACCOUNT_ID;
  const region = e.region ?? account?.region ?? config.defaultRegion;
  const principalArn = e.principal.kind === "root" ? `arn:aws:iam::${accountId}:root` : `arn:aws:iam::${accountId}:role/${e.principal.name}`;
  const resource = e.resource.replaceAll("{account}", accountId).replaceAll("{region}", region);
  return { principalArn, accountId, action: e.action, resource, region };
}
