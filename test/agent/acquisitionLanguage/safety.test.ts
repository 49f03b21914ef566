// No request that names a channel can stop the acquisition: the words drop a channel (or
// ask which was meant), and even a misread stop must pass the approval gate, which only a
// person can open. Swept over every channel name, wavelength and dye the microscope knows,
// crossed with the verbs people use for "stop" and the ways they phrase it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import type { ApprovalRequest } from '../../../src/agent/approval.ts';
import { Agent } from '../../../src/agent/loop.ts';
import { OfflineChatModel } from '../../../src/agent/planner/model.ts';
import { Session } from '../../../src/agent/session.ts';
import { DEMO_CONFIG } from '../../../src/microscope/config.ts';
import { MicroscopeSession } from '../../../src/microscope/session.ts';
import { RealClock } from '../../../src/microscope/clock.ts';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { smallConfig } from '../../microscope/fixtures.ts';

const VERBS = ['stop', 'stop imaging', 'stop acquiring', 'switch off', 'turn off', 'shut off', 'drop', 'remove', 'halt', 'end', 'kill', 'disable', 'cut', 'no more', 'get rid of', 'abort', 'cancel', 'exclude', 'skip', 'no need for', "that's enough", 'stop imagng', 'swich off', 'ditch', 'scrap', 'nix', "we've got enough of", 'forget about', 'lose', 'take out', 'take away', 'stop collecting', 'quit imaging', 'stpo'];
const TEMPLATES = ['{verb} the {ch}', '{verb} {ch}', 'please {verb} the {ch} channel', '{verb} the {ch} laser now', 'can you {verb} {ch}?', '{verb} the {ch} but keep going', '{verb} the {ch}, keep imaging the rest'];
const SPLIT_TEMPLATES = ['turn the {ch} off', 'switch {ch} off please', 'shut the {ch} laser off', '{ch} off', '{ch} out', 'the {ch} channel off now', "that's the {ch} done, stop it", 'stop the {ch} after this time point', 'stop {ch} after 10 frames'];
// (names that differ only by a space or a hyphen, "far red" / "far-red" / "farred", are one name to the reader: swept once)
const CHANNEL_WORDS = [...new Map(DEMO_CONFIG.channels.flatMap((c) => [c.name, ...c.aliases]).map((n) => [n.toLowerCase().replace(/[\s-]+/g, ''), n] as const)).values()];

function requests(): string[] {
  const out: string[] = [];
  for (const ch of CHANNEL_WORDS) {
    for (const verb of VERBS) for (const t of TEMPLATES) out.push(t.replace('{verb}', verb).replace('{ch}', ch));
    for (const t of SPLIT_TEMPLATES) out.push(t.replace('{ch}', ch));
  }
  return out;
}

describe('no request that names a channel stops the acquisition', () => {
  const all = requests();

  it(`the acquisition language never reads one as a stop (${all.length} requests)`, () => {
    const misread: string[] = [];
    for (const text of all) {
      const route = routeMicroscopeRequest(text, { acquisitionRunning: true });
      const changes = route?.tool === 'adjust_acquisition' ? (route.args.changes as { kind: string }[]) : [];
      if (route?.tool === 'stop_acquisition' || changes.some((c) => c.kind === 'stop' || c.kind === 'finish')) misread.push(text);
    }
    expect(misread).toEqual([]);
  }, 180_000);

  it('drops the named channel for the plain phrasings', () => {
    for (const [text, channel] of [['stop imaging the 488 channel', 'FITC'], ['switch off the 488', 'FITC'], ['drop GFP', 'FITC'], ['turn off mCherry', 'Rhodamine'], ['no more far red', 'Cy5'], ['stop the brightfield', 'Brightfield']]) {
      expect(routeMicroscopeRequest(text, { acquisitionRunning: true }), text).toEqual({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropChannel', channel }] } });
    }
  });
});

describe('no request that names a position stops the acquisition', () => {
  it('one position or several, by number or name, with any stop verb', () => {
    const positions = ['position 2', 'positions 2 and 3', 'pos 1', 'Pos1 and Pos2', 'the second field', 'fields 1, 2 and 4', 'pos 1 and 2'];
    const misread: string[] = [];
    for (const p of positions) {
      for (const verb of VERBS) {
        for (const text of [`${verb} ${p}`, `${verb} imaging ${p}`, `please ${verb} ${p}, keep the rest going`]) {
          const route = routeMicroscopeRequest(text, { acquisitionRunning: true });
          const changes = route?.tool === 'adjust_acquisition' ? (route.args.changes as { kind: string }[]) : [];
          if (route?.tool === 'stop_acquisition' || changes.some((c) => c.kind === 'stop' || c.kind === 'finish')) misread.push(text);
        }
      }
    }
    expect(misread).toEqual([]);
  });
});

describe('through the agent: a running acquisition, the offline planner and the approval gate', () => {
  const root = mkdtempSync(join(tmpdir(), 'cellpilot-safety-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function setup(approve: (r: ApprovalRequest) => Promise<boolean>) {
    const session = Session.create({ root, id: `safety-${Math.random().toString(36).slice(2, 8)}` });
    const microscope = new MicroscopeSession({ clock: new RealClock(), simulator: { config: smallConfig(64), sample: { cells: 4 } } });
    session.state.set('microscope', microscope);
    const agent = new Agent({ session, tools: ALL_TOOLS, model: new OfflineChatModel(), modelName: 'offline', approve });
    return { agent, microscope };
  }

  it('a sweep of channel requests never ends the run; a stop is asked for, and refused without a yes', async () => {
    const asked: ApprovalRequest[] = [];
    const { agent, microscope } = setup(async (r) => {
      asked.push(r);
      return false;
    });
    const start = await agent.ask('image GFP, DAPI, mCherry and Cy5 every 60 minutes for 12 hours');
    expect(start.toolCalls.map((c) => [c.tool, c.status])).toEqual([['start_acquisition', 'ok']]);
    // the answer is the plan in numbers (not "Done: start ... → movie-1")
    expect(start.answer).toMatch(/^Started: 1 position × 4 channels \(.*\) × 1 z plane × 13 time points = 52 images, every 1 h for 12 h\. First time point now \(\d\d:\d\d:\d\d\).*% of the [\d.]+ J\/cm² dose budget\. \(movie-\d+, table-\d+\)$/);
    // one request per channel word and verb (the full cross product runs above, on the parser)
    const sample = CHANNEL_WORDS.flatMap((ch, i) => [VERBS[i % VERBS.length], VERBS[(i * 7 + 3) % VERBS.length]].map((verb, k) => TEMPLATES[(i + k) % TEMPLATES.length].replace('{verb}', verb).replace('{ch}', ch)));
    for (const text of sample) {
      const turn = await agent.ask(text);
      for (const call of turn.toolCalls) {
        const stops = call.tool === 'stop_acquisition' || ((call.args.changes as { kind: string }[] | undefined) ?? []).some((c) => c.kind === 'stop' || c.kind === 'finish');
        expect(stops, `${text} -> ${call.tool} ${JSON.stringify(call.args)}`).toBe(false);
      }
      expect(microscope.running, text).toBe(true);
    }
    expect(asked).toEqual([]);

    // the acquisition itself: asked, refused, still running
    const refused = await agent.ask('stop the acquisition');
    expect(asked.map((r) => r.tool)).toEqual(['stop_acquisition']);
    expect(asked[0].action).toMatch(/stop the whole acquisition/);
    expect(refused.toolCalls[0].summary).toMatch(/not done: you declined to stop the whole acquisition/);
    // declined is not a failure: the answer says what was not done, and asks for nothing to change
    expect(refused.answer).toBe('Not done: you declined to stop the whole acquisition now (it cannot be resumed).');
    expect(microscope.running).toBe(true);
    microscope.acquisition!.stop('test over');
    await microscope.acquisition!.done;
  }, 180_000);

  it('a raise of the light said in people\'s words asks a person first; a cut does not', async () => {
    const asked: ApprovalRequest[] = [];
    const { agent, microscope } = setup(async (r) => {
      asked.push(r);
      return false;
    });
    await agent.ask('image GFP, DAPI and mCherry every 60 minutes for 12 hours');
    for (const text of ['max out the DAPI laser', 'crank up the gfp power to 50 percent', 'increase the 561 power tenfold']) {
      const before = asked.length;
      const turn = await agent.ask(text);
      expect(turn.toolCalls.map((c) => c.tool), text).toEqual(['adjust_acquisition']);
      expect(asked.length, text).toBe(before + 1);
      expect(turn.answer, text).toMatch(/^Not done: you declined/);
    }
    const before = asked.length;
    const cut = await agent.ask('drop the 488 to 2 percent, theyre bleaching');
    expect(cut.toolCalls.map((c) => [c.tool, c.status])).toEqual([['adjust_acquisition', 'ok']]);
    expect(asked.length).toBe(before);
    // "bump the laser" says no amount: asked back, nothing changed, no approval needed
    const vague = await agent.ask('bump the laser');
    expect(vague.toolCalls).toEqual([]);
    expect(vague.answer).toMatch(/how much more light/i);
    expect(microscope.running).toBe(true);
    microscope.acquisition!.stop('test over');
    await microscope.acquisition!.done;
  }, 180_000);

  it('the model\'s own confirm: true does not activate a rule; a person\'s yes does', async () => {
    let yes = false;
    const asked: ApprovalRequest[] = [];
    const { agent, microscope } = setup(async (r) => {
      asked.push(r);
      return yes;
    });
    const proposal = await agent.ask('when a cell divides, image every 30 s for 10 frames');
    expect(proposal.toolCalls.map((c) => [c.tool, c.args.confirm])).toEqual([['add_rule', false]]);
    expect(microscope.rules).toHaveLength(0);
    const declined = await agent.ask('yes');
    expect(declined.toolCalls[0]).toMatchObject({ tool: 'add_rule', status: 'error' });
    expect(asked[0].action).toMatch(/activate a self-driving rule .*When a cell divides, image every 30 s for 10 time point/);
    expect(microscope.rules).toHaveLength(0);
    yes = true;
    await agent.ask('when a cell divides, image every 30 s for 10 frames');
    const accepted = await agent.ask('yes');
    expect(accepted.toolCalls[0]).toMatchObject({ tool: 'add_rule', status: 'ok' });
    expect(microscope.rules).toHaveLength(1);
  }, 180_000);
});

describe('a relative change is relative, a question is no command', () => {
  const running = { acquisitionRunning: true };
  const changesOf = (text: string) => {
    const route = routeMicroscopeRequest(text, running);
    return route?.tool === 'adjust_acquisition' ? (route.args.changes as { kind: string; factor?: number }[]) : undefined;
  };
  it('an amount with a direction on the light is a factor for every channel, never an absolute value', () => {
    const wrong: string[] = [];
    for (const ch of ['488', 'GFP', 'mCherry', 'the 561', 'DAPI', 'far red']) {
      for (const pct of [10, 25, 50, 90]) {
        for (const [text, factor] of [
          [`turn the ${ch} down by ${pct} percent`, 1 - pct / 100],
          [`reduce ${ch} power by ${pct}%`, 1 - pct / 100],
          [`${ch} down ${pct}%`, 1 - pct / 100],
          [`lower the ${ch} exposure by ${pct}%`, 1 - pct / 100],
          [`increase the ${ch} power by ${pct}%`, 1 + pct / 100],
          [`${ch} up ${pct}%`, 1 + pct / 100],
        ] as [string, number][]) {
          const changes = changesOf(text);
          if (changes?.length !== 1 || !/Factor$/.test(changes[0].kind) || Math.abs((changes[0].factor ?? NaN) - factor) > 1e-6) wrong.push(`${text} → ${JSON.stringify(changes)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
  it('a question about the run never pauses, resumes or stops it', () => {
    const commands = ['pause', 'resume', 'stop'].map((c) => routeMicroscopeRequest(`${c} the acquisition`, running)?.tool);
    const wrong: string[] = [];
    for (const text of ['is it paused?', 'is the acquisition paused?', 'is it still running?', 'has it stopped?', 'is the run on hold?', 'how long has it been paused?', 'is it finished?', 'are we still acquiring?']) {
      const tool = routeMicroscopeRequest(text, running)?.tool;
      if (commands.includes(tool)) wrong.push(`${text} → ${tool}`);
    }
    expect(wrong).toEqual([]);
  });
});
