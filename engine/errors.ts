/**
 * A failure the user can act on, raised below the command line (by the
 * Terraform driver, the targets). The commands print its message as it is
 * and exit with its code: 1 when something in the input, the config or the
 * cloud is wrong; 2 when something the command needs is not installed.
 */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = "UserError";
    this.exitCode = exitCode;
  }
}
