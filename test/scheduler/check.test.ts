import { expect, test } from 'vitest';
import { cronOf, scheduleProblem } from '../../src/scheduler/check.js';

const QUARTER = 15 * 60_000;

test('a time of day becomes a daily cron; a cron stays as typed', () => {
  expect(cronOf('7:30')).toBe('30 7 * * *');
  expect(cronOf('23:05')).toBe('5 23 * * *');
  expect(cronOf(' 0  8 * * 1-5 ')).toBe('0 8 * * 1-5');
});

test('schedules that run too often, are not cron, or name no real zone are refused', () => {
  expect(scheduleProblem('0 8 * * *', 'Europe/London', QUARTER)).toBeNull();
  expect(scheduleProblem('*/15 * * * *', 'UTC', QUARTER)).toBeNull();
  expect(scheduleProblem('0 9 * * 1', 'America/New_York', QUARTER)).toBeNull();
  expect(scheduleProblem('*/5 * * * *', 'UTC', QUARTER)).toBe('too-often');
  expect(scheduleProblem('* * * * * *', 'UTC', QUARTER)).toBe('too-often');
  expect(scheduleProblem('0,10 8 * * *', 'UTC', QUARTER)).toBe('too-often');
  expect(scheduleProblem('61 8 * * *', 'UTC', QUARTER)).toBe('invalid-cron');
  expect(scheduleProblem('banana', 'UTC', QUARTER)).toBe('invalid-cron');
  expect(scheduleProblem('0 8 * * *', 'Mars/Olympus', QUARTER)).toBe('invalid-timezone');
});
