/** The organization's root-email pattern: aws-{name}@example.com. */

/** The pattern with every {name} replaced: aws-{name}@example.com -> aws-prod@example.com. */
export function emailFromPattern(pattern: string, name: string): string {
  return pattern.replaceAll("{name}", name);
}
