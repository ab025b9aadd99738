/**
 * The shape of config/app.yaml: the application's knobs (app/). `defaults`
 * holds every knob once; `environments.<name>` overrides only what differs
 * in that environment, with the same fields, each optional. A field that is
 * not a knob, or a value AWS would refuse, fails here with its line.
 *
 * Checks that need organization.yaml (the environment exists, a protected
 * environment keeps its table protected) are in validate-app.ts.
 */
import { z } from "zod";
import { email } from "./schema.ts";

/** Lambda's memory range: 128 MB to 10,240 MB, in 1 MB steps. */
export const LAMBDA_MEMORY_MB = { min: 128, max: 10240 } as const;

/** The retention periods CloudWatch Logs offers (PutRetentionPolicy refuses any other). 0 (never expire) is left out: retention must be set. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/**
 * Reserved concurrency: AWS keeps at least 100 of an account's concurrent
 * executions unreserved, and the default quota is 1000, so 900 is the most a
 * function can reserve without a quota increase.
 */
export const MAX_RESERVED_CONCURRENCY = 900;

/** The retention periods either side of `days`, for the message. */
function nearestRetention(days: number): string {
  const below = [...LOG_RETENTION_DAYS].reverse().find((d) => d < days);
  const above = LOG_RETENTION_DAYS.find((d) => d > days);
  return [below, above].filter((d) => d !== undefined).join(" or ");
}

const wholeNumber = (example: number) => z.number({ error: `must be a number such as ${example}, without quotes` }).int({ error: `must be a whole number such as ${example}` });

const memory = wholeNumber(256)
  .min(LAMBDA_MEMORY_MB.min, { error: (iss) => `is ${String(iss.input)}; Lambda takes ${LAMBDA_MEMORY_MB.min} to ${LAMBDA_MEMORY_MB.max} MB (e.g. 256)` })
  .max(LAMBDA_MEMORY_MB.max, { error: (iss) => `is ${String(iss.input)}; Lambda takes ${LAMBDA_MEMORY_MB.min} to ${LAMBDA_MEMORY_MB.max} MB (e.g. 256)` })
  .describe(`The function's memory in MB (${LAMBDA_MEMORY_MB.min} to ${LAMBDA_MEMORY_MB.max}); CPU grows with it.`);

const concurrency = wholeNumber(10)
  .min(1, { error: (iss) => `is ${String(iss.input)}; 0 would stop the function from running (reserve 1 to ${MAX_RESERVED_CONCURRENCY}, or leave the field out for no reservation)` })
  .max(MAX_RESERVED_CONCURRENCY, {
    error: (iss) =>
      `is ${String(iss.input)}; AWS keeps 100 of an account's default 1000 concurrent executions unreserved, so at most ${MAX_RESERVED_CONCURRENCY} can be reserved (ask for a higher Lambda concurrency quota first)`,
  })
  .describe("Concurrent executions reserved for the function (and its ceiling); absent: none reserved.");

const retention = wholeNumber(30)
  .superRefine((days, ctx) => {
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(days)) {
      ctx.addIssue({
        code: "custom",
        message: `is ${days}; CloudWatch Logs keeps logs for ${LOG_RETENTION_DAYS.join(", ")} days only (the nearest: ${nearestRetention(days)})`,
      });
    }
  })
  .describe("Days CloudWatch Logs keeps the function's and the API's logs; one of the periods CloudWatch offers.");

const protection = z
  .boolean({ error: "must be true or false" })
  .describe("Point-in-time recovery, deletion protection and prevent_destroy on the table (and the alarm topic's key). Required in protected environments.");

const alarmEmail = email.describe("Who is mailed when the API answers with server errors (confirm the subscription from the first mail).");

const knobs = {
  lambda_memory_mb: memory,
  lambda_reserved_concurrency: concurrency.optional(),
  log_retention_days: retention,
  table_protection: protection,
  alarm_email: alarmEmail,
};

export const appDefaultsSchema = z.strictObject(knobs).describe("Every knob, for every environment.");

export const appOverridesSchema = z
  .strictObject({
    lambda_memory_mb: memory.optional(),
    lambda_reserved_concurrency: concurrency.optional(),
    log_retention_days: retention.optional(),
    table_protection: protection.optional(),
    alarm_email: alarmEmail.optional(),
  })
  .describe("What differs in this environment; every other knob comes from defaults.");

export const appFileSchema = z
  .strictObject({
    defaults: appDefaultsSchema,
    environments: z.record(z.string(), appOverridesSchema).default({}).describe("Overrides by environment name (an environment of organization.yaml); an environment not listed takes the defaults."),
  })
  .describe("The application in every environment: config/app.yaml.");

export type AppFile = z.infer<typeof appFileSchema>;
export type AppKnob = keyof typeof knobs;
