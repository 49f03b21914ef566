// Commands said indirectly to a running acquisition, by families of our own: a signal said wrong ("GFP is way too
// bright", "the red signal is weak"), a channel imaged less often, a z-stack or a run made bigger or smaller without
// an amount, a channel or position no longer needed ("we won't need ..."), "go back to every N min". Each family x
// its phrasings x the channel's names (dye, colour, laser line) x lead-ins people use ("hmm,", "I think", "sorry,").
// A right reading makes the typed change, or asks how much on the right channel and says nothing was changed; none
// stops or finishes the run.
import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { RUNNING_PLAN } from './commandFamilies.ts';

const earlier = [{ tool: 'start_acquisition', args: { plan: RUNNING_PLAN } }];
/** The running plan's channels by the names people use: FITC, DAPI and Rhodamine are imaged. */
const NAMES: Record<string, string[]> = { FITC: ['GFP', 'the green', 'the 488'], DAPI: ['DAPI', 'Hoechst', 'the blue'], Rhodamine: ['mCherry', 'the red', 'the 561'] };
const LEADS = ['', 'hmm, ', 'I think ', 'sorry, ', 'ok so '];

interface Case {
  text: string;
  family: string;
  /** The right reading: a typed change (kind and fields), or a question back whose words match. */
  change?: Record<string, unknown>;
  ask?: RegExp;
}

function cases(): Case[] {
  const out: Case[] = [];
  let i = 0;
  const lead = () => LEADS[i++ % LEADS.length];
  for (const [preset, names] of Object.entries(NAMES))
    for (const name of names) {
      const bare = name.replace(/^the /, '');
      for (const s of [`${name} is way too bright`, `${bare} looks saturated`, `the ${bare} signal is blown out`, `too much light on ${name}, turn it down`])
        out.push({ text: lead() + s, family: 'too bright', ask: new RegExp(`less light on ${preset}\\b.*nothing was changed`) });
      for (const s of [`${name} is too dim`, `the ${bare} signal is weak`, `${bare} looks too faint`, `${name} is barely visible`])
        out.push({ text: lead() + s, family: 'too faint', ask: new RegExp(`more light on ${preset}\\b.*nothing was changed`) });
      for (const s of [`image ${name} less often`, `could you image ${name} less frequently`, `${bare} not as often please`])
        out.push({ text: lead() + s, family: 'channel less often', change: { kind: 'acquireEvery', channel: preset, every: 2 } });
      for (const s of [`we won't need ${name} anymore`, `we will not need ${bare} any more`])
        out.push({ text: lead() + s, family: 'no longer needed', change: { kind: 'dropChannel', channel: preset } });
    }
  for (const s of ["let's do fewer z slices", 'make the z stack thinner', 'finer z steps please', 'the stack could be shallower', 'can we have more planes', 'a thicker stack would be better'])
    out.push({ text: lead() + s, family: 'z without amount', ask: /z-stack is now 6 µm in 1 µm steps \(7 planes\).*nothing was changed/ });
  for (const s of ['make it run longer', 'keep going a bit longer', 'can we make the experiment shorter', 'let the time-lapse run longer'])
    out.push({ text: lead() + s, family: 'run length without amount', ask: /how much (?:longer|shorter)\b.*nothing was changed/i });
  for (const n of [2, 3]) out.push({ text: lead() + `we won't need position ${n} anymore`, family: 'no longer needed', change: { kind: 'dropPosition', position: String(n) } });
  for (const n of [5, 10, 15]) for (const s of [`go back to imaging every ${n} min`, `back to every ${n} minutes please`])
    out.push({ text: lead() + s, family: 'back to an interval', change: { kind: 'interval', intervalS: n * 60 } });
  return out;
}

function wrong(c: Case): string | undefined {
  const r = routeMicroscopeRequest(c.text, { acquisitionRunning: true, earlier }) as { tool?: string; args?: { changes?: Record<string, unknown>[] }; ask?: string } | undefined;
  if (!r) return 'not read as a command';
  const changes = r.args?.changes ?? [];
  if (/stop|finish/.test(r.tool ?? '') || changes.some((x) => x.kind === 'stop' || x.kind === 'finish')) return `stopped the run: ${r.tool}`;
  if (c.ask) return r.tool === undefined && c.ask.test(r.ask ?? '') ? undefined : `expected a question back, got ${r.tool ?? ''} ${JSON.stringify(r.args ?? r.ask)}`;
  const want = c.change!;
  return r.tool === 'adjust_acquisition' && changes.some((x) => Object.entries(want).every(([k, v]) => x[k] === v)) ? undefined : `expected ${JSON.stringify(want)}, got ${r.tool ?? 'a question'} ${JSON.stringify(r.args ?? r.ask)}`;
}

describe('indirect commands to a running acquisition, by family', () => {
  const all = cases();
  for (const family of [...new Set(all.map((c) => c.family))])
    it(`reads every phrasing of "${family}" to its change, or asks how much, never stopping the run`, () => {
      const failures = all.filter((c) => c.family === family).map((c) => ({ text: c.text, why: wrong(c) })).filter((f) => f.why);
      expect(failures).toEqual([]);
    });
});
