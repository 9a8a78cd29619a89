/**
 * Checking a schedule typed in chat before it is kept: a time of day or a cron expression, a real IANA
 * time zone, and no more than one run in any `minGapMs` (so one channel cannot make the bot poll its
 * feeds every minute).
 */
import { createTask, validate } from 'node-cron';

/** The runs looked at for the shortest gap: a cron is a product of sets, so its shortest gap shows early. */
const RUNS_CHECKED = 200;

export function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** "07:30" (or "7:30") as a daily cron; anything else is taken as cron as it is. */
export function cronOf(spec: string): string {
  const time = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(spec.trim());
  return time ? `${Number(time[2])} ${Number(time[1])} * * *` : spec.trim().replace(/\s+/g, ' ');
}

export type ScheduleProblem = 'invalid-cron' | 'invalid-timezone' | 'too-often';

/** Why the schedule cannot be kept, or null when it can. */
export function scheduleProblem(cron: string, timezone: string, minGapMs: number): ScheduleProblem | null {
  if (!validTimezone(timezone)) return 'invalid-timezone';
  let valid = false;
  try {
    valid = validate(cron);
  } catch {
    valid = false;
  }
  if (!valid) return 'invalid-cron';
  const task = createTask(cron, () => {}, { name: 'check', timezone });
  try {
    const runs = task.getNextRuns(RUNS_CHECKED);
    for (let i = 1; i < runs.length; i++)
      if ((runs[i]?.getTime() ?? 0) - (runs[i - 1]?.getTime() ?? 0) < minGapMs) return 'too-often';
    return null;
  } catch {
    return 'invalid-cron';
  } finally {
    void task.destroy();
  }
}
