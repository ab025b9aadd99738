/**
 * Where Terraform's AWS calls go. The synthesized stacks are the production
 * code in every case; only the environment terraform runs with differs:
 * - aws: the user's own credentials, against AWS;
 * - offline: fake keys and the loopback STS stand-in (the preview);
 * - emulator: fake keys and the moto emulator on loopback (the sandbox).
 */
export interface Target {
  readonly kind: "aws" | "offline" | "emulator";
  /** For messages: "AWS", "the AWS emulator at http://127.0.0.1:4566". */
  readonly description: string;
  /** The complete environment of a terraform child process. */
  env(): Record<string, string | undefined>;
  /**
   * Adapts a synthesized stack folder (in place) before terraform runs in it,
   * and says what it changed: the emulator leaves out what it cannot create.
   * Absent for AWS, which gets the stack as synthesized.
   */
  prepareStack?(stackDir: string): readonly { readonly address: string; readonly why: string }[];
}

/**
 * Inherited variables that are harmless and useful when terraform must not
 * see the user's AWS settings (locale, temp dir, terraform logging).
 */
export const PASS_THROUGH = /^(PATH|HOME|USER|LOGNAME|SHELL|TMPDIR|TEMP|TMP|TZ|LANG|LANGUAGE|LC_[A-Z]+|TERM|NO_COLOR|TF_LOG|TF_LOG_CORE|TF_LOG_PROVIDER|TF_LOG_PATH|SSL_CERT_FILE|SSL_CERT_DIR)$/;

/** The allow-listed part of an environment (never merged with the rest of it). */
export function passThrough(parent: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(parent)) {
    if (v !== undefined && PASS_THROUGH.test(k)) env[k] = v;
  }
  return env;
}
