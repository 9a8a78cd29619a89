import { expect, test } from 'vitest';
import { sameSite } from '../../src/sources/same-site.js';

test('one registrable domain is one site, whatever the subdomain, scheme or path', () => {
  expect(sameSite('https://www.bbc.co.uk/news/1', 'http://bbc.co.uk/news/1?amp')).toBe(true);
  expect(sameSite('https://edition.cnn.com/a', 'https://amp.cnn.com/b')).toBe(true);
});

test('different domains, sibling sites under a shared suffix and different IPs are not', () => {
  expect(sameSite('https://evil.example/a', 'https://news.example.org/a')).toBe(false);
  expect(sameSite('https://co.uk/a', 'https://bbc.co.uk/a')).toBe(false);
  expect(sameSite('https://alice.github.io/x', 'https://bob.github.io/x')).toBe(false);
  expect(sameSite('http://127.0.0.1:8080/a', 'http://127.0.0.2:8080/a')).toBe(false);
  expect(sameSite('http://127.0.0.1:8080/a', 'http://127.0.0.1:9090/b')).toBe(true);
  expect(sameSite('not a url', 'not a url')).toBe(false);
});
