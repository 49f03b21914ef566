import { afterEach, describe, expect, it } from 'vitest';
import { childEnv, envNote } from '../../bench/_harness.ts';

// The benchmark's children run without NODE_EXTRA_CA_CERTS (node parses that PEM bundle at
// every start: ~60 ms of CPU on the development machine that a user's command does not pay).
describe('benchmark children environment', () => {
  const saved = { ca: process.env.NODE_EXTRA_CA_CERTS, keep: process.env.BENCH_KEEP_CA_CERTS };
  afterEach(() => {
    for (const [name, value] of [['NODE_EXTRA_CA_CERTS', saved.ca], ['BENCH_KEEP_CA_CERTS', saved.keep]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("drops NODE_EXTRA_CA_CERTS and keeps the rest, the side's own variables on top", () => {
    process.env.NODE_EXTRA_CA_CERTS = '/tmp/some-bundle.pem';
    delete process.env.BENCH_KEEP_CA_CERTS;
    const env = childEnv({ CELLPILOT_CACHE_DIR: '/tmp/x' });
    expect(env.NODE_EXTRA_CA_CERTS).toBeUndefined();
    expect(env.CELLPILOT_CACHE_DIR).toBe('/tmp/x');
    expect(env.PATH).toBe(process.env.PATH);
    expect(process.env.NODE_EXTRA_CA_CERTS).toBe('/tmp/some-bundle.pem'); // this process untouched
    expect(envNote()).toMatch(/without NODE_EXTRA_CA_CERTS/);
  });

  it('keeps it with BENCH_KEEP_CA_CERTS=1 and says so', () => {
    process.env.NODE_EXTRA_CA_CERTS = '/tmp/some-bundle.pem';
    process.env.BENCH_KEEP_CA_CERTS = '1';
    expect(childEnv().NODE_EXTRA_CA_CERTS).toBe('/tmp/some-bundle.pem');
    expect(envNote()).toMatch(/keep NODE_EXTRA_CA_CERTS/);
  });
});
