/** The drift schedule: one cron in config, as EventBridge and GitHub Actions both read it. */
import { describe, expect, it } from "vitest";
import { cronProblem, eventBridgeSchedule } from "../../config/tools-schema.ts";

describe("drift_schedule", () => {
  it.each([
    ["0 6 * * *", "cron(0 6 * * ? *)"],
    ["30 2 * * MON-FRI", "cron(30 2 ? * MON-FRI *)"],
    ["0 */6 * * *", "cron(0 */6 * * ? *)"],
    ["15 4 1 * *", "cron(15 4 1 * ? *)"],
    ["0 0 * * SAT,SUN", "cron(0 0 ? * SAT,SUN *)"],
  ])("%s is EventBridge's %s", (cron, expected) => {
    expect(cronProblem(cron)).toBeUndefined();
    expect(eventBridgeSchedule(cron)).toBe(expected);
  });

  it.each([
    ["0 6 * *", 'is not five cron fields (give minute hour day-of-month month weekday, in UTC, e.g. "0 6 * * *" for 06:00 every day)'],
    ["0 6 * * 1", 'has "1" as its weekday; use * or day names (MON-FRI, SAT,SUN): GitHub and EventBridge number the days differently'],
    ["0 6 1 * MON", "sets both a day of month and a weekday; EventBridge takes only one of them (set the other to *)"],
    ["x 6 * * *", 'has "x" as its minute; use *, numbers, ranges (1-5) or steps (*/6)'],
  ])("%s: %s", (cron, problem) => {
    expect(cronProblem(cron)).toBe(problem);
  });
});
