// The router's reading of the known misses by class, in words of no eval file.
import { describe, expect, it } from 'vitest';
import { parseRule, routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import type { EarlierStep } from '../../../src/agent/acquisitionLanguage/route.ts';
import { generatedCommands, generatedStarts, RUNNING_PLAN, startVerdictOf, verdictOf } from './commandFamilies.ts';

const started: EarlierStep[] = [{ tool: 'start_acquisition', args: { plan: RUNNING_PLAN } }];
const ruleAdded = (words: string, id: string): EarlierStep => {
  const { id: _id, ...rule } = parseRule(words);
  return { tool: 'add_rule', args: { rule, confirm: true }, values: { ruleId: id, confirmed: true } };
};
const withRules = [...started, ruleAdded('when a cell divides, image every 30 s for 5 min', 'rule-1'), ruleAdded('if the focus drops, autofocus', 'rule-2')];
const route = (text: string, earlier = started) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier });
const changesOf = (text: string) => (route(text) as unknown as { args: { changes: unknown[] } }).args.changes;

describe('channels named by sign and by filter band', () => {
  it('adds and drops channels written with a sign', () => {
    expect(changesOf('+trans')).toEqual([{ kind: 'addChannel', channel: 'Brightfield' }]);
    expect(changesOf('−hoechst')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
    expect(changesOf('+draq5 -tdtomato')).toEqual([{ kind: 'addChannel', channel: 'Cy5' }, { kind: 'dropChannel', channel: 'Rhodamine' }]);
  });
  it('reads a filter named by its band as the channel behind it', () => {
    expect(changesOf('bring the 535/30 down to 7%')).toEqual([{ kind: 'power', powerPercent: 7, channel: 'FITC' }]);
    expect(changesOf('switch on the 690/50')).toEqual([{ kind: 'addChannel', channel: 'Cy5' }]);
  });
});

describe('rules said to be no more', () => {
  it('removes every rule (a person approves each removal)', () => {
    for (const words of ['no more rules, thanks', 'rules off', 'enough with the rules', 'we want no rules any more']) {
      const r = route(words, withRules) as { tool: string; args: { ruleId: string }; then?: { args: { ruleId: string } }[] };
      expect(r.tool, words).toBe('remove_rule');
      expect([r.args.ruleId, ...(r.then ?? []).map((s) => s.args.ruleId)], words).toEqual(['rule-1', 'rule-2']);
    }
  });
});

describe('a count of frames asked while imaging', () => {
  it('is a question about the acquisition, never about a movie', () => {
    for (const words of ['how many frames have we got?', 'how many time points are left', 'how many stacks do we have now?']) expect(route(words)?.tool, words).toBe('microscope_status');
  });
});

describe('words joined by a hyphen', () => {
  it('read as the words apart when only that is a command', () => {
    expect(route('when is the next time-point due?')?.tool).toBe('microscope_status');
    expect(changesOf('slow the frame-rate down by half')).toEqual([{ kind: 'intervalFactor', factor: 2 }]);
    // (a run that images far red: a channel the run does not image is said back, stop 49)
    const withFarRed: EarlierStep[] = [{ tool: 'start_acquisition', args: { plan: { ...RUNNING_PLAN, channels: [...RUNNING_PLAN.channels, { config: 'Cy5' }] } } }];
    expect((route('drop far-red', withFarRed) as unknown as { args: { changes: unknown[] } }).args.changes).toEqual([{ kind: 'dropChannel', channel: 'Cy5' }]);
  });
});

describe('the command families swept', () => {
  // (every third command, to keep the test quick: models/training/microscope-families.ts sweeps them all)
  it('drop nothing in silence and change no other channel', () => {
    const bad = generatedCommands()
      .filter((_c, i) => i % 3 === 0)
      .map((c) => ({ c, v: verdictOf(c, route(c.text) as Parameters<typeof verdictOf>[1]) }))
      .filter(({ v }) => v.verdict === 'silentDrop' || v.verdict === 'wrongTarget' || v.verdict === 'unrouted');
    expect(bad.map(({ c, v }) => `${c.text}: ${v.verdict} ${v.why}`)).toEqual([]);
  });
});

describe('a plan to start or a picture to take', () => {
  const idle = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: false }) as { tool?: string; args: Record<string, unknown>; then?: { args: Record<string, unknown> }[]; notApplied?: string[] };
  it('takes a picture of each channel named', () => {
    const r = idle('grab one picture of venus, hoechst and DIC');
    expect([r.args.channel, ...(r.then ?? []).map((s) => s.args.channel)]).toEqual(['FITC', 'DAPI', 'Brightfield']);
  });
  it('names a filter band no channel images and a position given by number only', () => {
    expect(idle('acquire citrine and the 800/20 every 3 min for 90 min').notApplied?.join(' ')).toMatch(/"800\/20".*filter band/);
    expect(idle('record venus at site 3 every 2 min for 1 h').notApplied?.join(' ')).toMatch(/"site 3".*µm/);
  });
  it('says nothing more when every part is in the plan', () => {
    expect(idle('acquire citrine every 3 min for 90 min').notApplied).toBeUndefined();
  });
});

describe('a question with a condition in it', () => {
  it('is never a rule, "?" or not', () => {
    for (const words of ['would it bleach too much if we halved the interval', 'why is there a gap if nothing changed', 'what happens to the dose if I double the 561']) {
      const r = route(words);
      expect(r?.tool, words).not.toBe('add_rule');
      expect(r && 'ask' in r ? r.ask : '', words).not.toMatch(/rule/);
    }
  });
});

describe('the start and snap families swept', () => {
  it('leave no channel or scope out in silence', () => {
    const bad = generatedStarts()
      .filter((_c, i) => i % 2 === 0)
      .map((c) => ({ c, v: startVerdictOf(c, routeMicroscopeRequest(c.text, { acquisitionRunning: false }) as Parameters<typeof startVerdictOf>[1]) }))
      .filter(({ v }) => v.verdict === 'silentDrop' || v.verdict === 'wrongTarget' || v.verdict === 'unrouted');
    expect(bad.map(({ c, v }) => `${c.text}: ${v.verdict} ${v.why}`)).toEqual([]);
  });
});

describe('a channel chosen with no word of how', () => {
  it('asks whether to add it or image only it, changing nothing', () => {
    for (const words of ['go with the 595/40', 'let\'s use venus instead', 'select the far red laser']) {
      const r = route(words);
      expect(r?.tool, words).toBeUndefined();
      expect(r && 'ask' in r ? r.ask : '', words).toMatch(/"add .*"only .*Nothing was changed/);
    }
  });
});

describe('one amount said of both exposure and power', () => {
  it('changes each, never the power alone', () => {
    expect(changesOf('take the laser power and the exposure of venus down by a quarter')).toEqual([
      { kind: 'exposureFactor', factor: 0.75, channel: 'FITC' },
      { kind: 'powerFactor', factor: 0.75, channel: 'FITC' },
    ]);
    expect(changesOf('triple exposure plus intensity on the 405')).toEqual([
      { kind: 'exposureFactor', factor: 3, channel: 'DAPI' },
      { kind: 'powerFactor', factor: 3, channel: 'DAPI' },
    ]);
  });
});

describe('one image made of the data', () => {
  const idle = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: false, earlier: [] }) as { tool?: string } | undefined;
  it('is no picture to take', () => {
    for (const words of ['sum the frames into one image', 'collapse the stack to a single frame', 'average everything as one image']) expect(idle(words)?.tool, words).not.toBe('snap');
  });
  it('leaves a picture asked for to the microscope', () => {
    for (const words of ['take one image in GFP', 'snap a single image', 'grab a picture of DAPI']) expect(idle(words)?.tool, words).toBe('snap');
  });
});

describe('the same words read again', () => {
  it('give the same route, a copy: a caller changing it changes no later answer', () => {
    const first = changesOf('488 to 5%, interval 15 min');
    const again = changesOf('488 to 5%, interval 15 min');
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    first.push({ kind: 'stop' });
    expect(changesOf('488 to 5%, interval 15 min')).toEqual(again);
  });
  it('are read afresh when the steps before differ or imaging runs or not', () => {
    expect(route('remove the last one', withRules)).not.toEqual(route('remove the last one'));
    expect(routeMicroscopeRequest('interval 15 min', { acquisitionRunning: false })).toEqual(routeMicroscopeRequest('interval 15 min', { acquisitionRunning: false }));
    expect(routeMicroscopeRequest('interval 15 min', { acquisitionRunning: true })?.tool).toBeDefined();
  });
});
