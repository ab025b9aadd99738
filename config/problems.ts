/** A config mistake a user can fix, located in their file. */
export interface Problem {
  /** File as the user would type it, relative to the repository root. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** Dotted field path inside the file (e.g. organizational_units.nonprod.parent). */
  readonly field: string;
  /** What is wrong, then in parentheses what to do. */
  readonly message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}  ${p.field}: ${p.message}`;
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.field.localeCompare(b.field));
}

/** Thrown by the loader with every problem found, so the user fixes them in one pass. */
export class ConfigError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const sorted = sortProblems(problems);
    const count = sorted.length === 1 ? "1 problem" : `${sorted.length} problems`;
    super(`config has ${count}:\n${sorted.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = sorted;
  }

  /** The problems as the user sees them, one line each. */
  get lines(): string[] {
    return this.problems.map(formatProblem);
  }
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, seg) => {
    if (typeof seg === "number") return `${acc}[${seg}]`;
    return acc ? `${acc}.${String(seg)}` : String(seg);
  }, "");
}
