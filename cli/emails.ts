/**
 * Root email addresses: the retired alias, and
 * the checks a prompt runs on an answer before the loader sees the file.
 *
 * AWS compares root emails case-insensitively and otherwise literally, so
 * plus-addressing (root+prod@example.com) and Gmail's ignored dots
 * (a.ws@gmail.com vs aws@gmail.com) give distinct root emails that reach one
 * mailbox; both are accepted as they are, never normalized.
 */
import { email as emailSchema } from "../config/schema.ts";

/** What is wrong with an email, in the loader's words, or undefined when it is acceptable. */
export function emailProblem(value: string, others: ReadonlyMap<string, string>): string | undefined {
  const parsed = emailSchema.safeParse(value);
  if (!parsed.success) return `${value} ${parsed.error.issues[0]!.message}`;
  const owner = others.get(value.toLowerCase());
  if (owner !== undefined) {
    return `${value} is already the root email of ${owner} (every account needs its own address; plus-addressing such as root+name@... works)`;
  }
  return undefined;
}

/** Lower-cased email -> account name, for the duplicate check. */
export function emailOwners(accounts: Iterable<{ name: string; email: string | undefined }>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const a of accounts) if (a.email !== undefined) owners.set(a.email.toLowerCase(), a.name);
  return owners;
}

export const MAX_EMAIL_LENGTH = 64;
const RETIRED = /-retired-\d+$/;

/** True when the address already is a retired alias (…-retired-N@…). */
export function isRetiredAlias(address: string): boolean {
  const at = address.lastIndexOf("@");
  return at > 0 && RETIRED.test(address.slice(0, at));
}

/**
 * The address a retired account's root user moves to, so the original can
 * be given to a new account: aws-prod@example.com -> aws-prod-retired-1@example.com,
 * root+prod@example.com -> root+prod-retired-1@example.com; the next number
 * when one is taken (case-insensitively) by another account.
 */
export function retiredAlias(address: string, taken: ReadonlySet<string>): string {
  const at = address.lastIndexOf("@");
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  for (let n = 1; ; n++) {
    const candidate = `${local}-retired-${n}@${domain}`;
    if (candidate.length > MAX_EMAIL_LENGTH) {
      throw new Error(
        `the retired alias ${candidate} would be ${candidate.length} characters; AWS allows at most ${MAX_EMAIL_LENGTH} (choose a shorter address that receives mail with --retired-email)`,
      );
    }
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
