import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RequestVerifier, slackSignature } from './verify.js';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

describe('RequestVerifier', () => {
  // Slack's documented example: this body, timestamp and secret give this signature.
  const body =
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
  const ts = 1531420618;
  const signature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

  it('computes Slack’s documented example signature', () => {
    expect(slackSignature(SECRET, ts, body)).toBe(signature);
  });

  it('accepts it at its time, refuses it more than 5 minutes before or after, and refuses a replay', () => {
    const at = (seconds: number) => new RequestVerifier({ signingSecret: SECRET, now: () => seconds * 1000 });
    const headers = { signature, timestamp: String(ts) };
    const v = at(ts + 299);
    expect(v.verify(headers, Buffer.from(body))).toEqual({ ok: true });
    expect(v.verify(headers, Buffer.from(body))).toEqual({ ok: false, reason: 'replay' });
    expect(at(ts - 299).verify(headers, Buffer.from(body))).toEqual({ ok: true });
    expect(at(ts + 301).verify(headers, Buffer.from(body))).toEqual({ ok: false, reason: 'stale' });
    expect(at(ts - 301).verify(headers, Buffer.from(body))).toEqual({ ok: false, reason: 'stale' });
  });

  it('refuses missing headers, malformed timestamps and wrong signatures', () => {
    const v = new RequestVerifier({ signingSecret: SECRET, now: () => ts * 1000 });
    const b = Buffer.from(body);
    expect(v.verify({ signature: undefined, timestamp: String(ts) }, b).ok).toBe(false);
    expect(v.verify({ signature, timestamp: undefined }, b)).toEqual({
      ok: false,
      reason: 'missing_headers',
    });
    expect(v.verify({ signature, timestamp: '1e9' }, b)).toEqual({ ok: false, reason: 'bad_timestamp' });
    expect(v.verify({ signature, timestamp: `${ts}.5` }, b)).toEqual({ ok: false, reason: 'bad_timestamp' });
    expect(v.verify({ signature: signature.toUpperCase(), timestamp: String(ts) }, b).ok).toBe(false);
    expect(v.verify({ signature, timestamp: String(ts) }, Buffer.from(`${body}&x=1`))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const other = `v0=${createHmac('sha256', 'other').update(`v0:${ts}:${body}`).digest('hex')}`;
    expect(v.verify({ signature: other, timestamp: String(ts) }, b)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('forgets accepted signatures once they are too old to pass the time check anyway', () => {
    let now = ts * 1000;
    const v = new RequestVerifier({ signingSecret: SECRET, now: () => now });
    for (let i = 0; i < 50; i++) {
      const b = `n=${i}`;
      expect(
        v.verify({ signature: slackSignature(SECRET, ts, b), timestamp: String(ts) }, Buffer.from(b)).ok,
      ).toBe(true);
    }
    expect(v.remembered).toBe(50);
    now += 10 * 60 * 1000;
    const fresh = Math.floor(now / 1000);
    v.verify({ signature: slackSignature(SECRET, fresh, 'x'), timestamp: String(fresh) }, Buffer.from('x'));
    expect(v.remembered).toBe(1);
  });
});
