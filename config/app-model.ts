/**
 * The application as the app stacks see it (app/): one entry per
 * environment of organization.yaml, every knob resolved (defaults, then the
 * environment's overrides). Built by the loader from config/app.yaml.
 */

export interface AppSettings {
  readonly lambdaMemoryMb: number;
  /** Absent: no concurrency reserved. */
  readonly lambdaReservedConcurrency?: number;
  readonly logRetentionDays: number;
  /** Point-in-time recovery, deletion protection, prevent_destroy. */
  readonly tableProtection: boolean;
  readonly alarmEmail: string;
}

export interface AppEnvironment extends AppSettings {
  /** The environment's name in organization.yaml. */
  readonly environment: string;
  /** The account its stack deploys into. */
  readonly account: string;
  /** The environment's delegated zone (dev.example.com), created by the dns stack in that account. */
  readonly zoneName: string;
  /** The API's custom domain: api.<zone>. */
  readonly apiDomain: string;
}

export interface AppConfig {
  /** In organization.yaml's environment order. */
  readonly environments: readonly AppEnvironment[];
}

/** The API's name in the environment's zone. */
export function apiDomainName(zoneName: string): string {
  return `api.${zoneName}`;
}
