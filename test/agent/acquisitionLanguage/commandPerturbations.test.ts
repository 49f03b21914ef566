// Microscope commands reworded as people write them keep their reading (commandPerturbations.ts):
// a floor per family on a sample, and no rewording ever stops the run or removes a rule that the
// command as written did not.
import { describe, expect, it } from 'vitest';
import { commandsReadRight, keepRates, reworded, runQuestions } from './commandPerturbations.ts';

// (every fifth channel command, and every command of time and the run: the whole sweep is
// node bin/run-ts.js on commandsReadRight(1); measured 2026-12-04, 980/987 kept, 893/987 before)
const commands = commandsReadRight(5);
let swept: ReturnType<typeof keepRates> | undefined;
const scores = () => (swept ??= keepRates(commands));

describe('microscope commands reworded', () => {
  it('are all read right as written, questions about the run included', () => {
    expect(commands.length).toBeGreaterThan(100);
    expect(commands.filter((c) => c.reading.tool === 'microscope_status').length).toBe(runQuestions().length);
  });

  it('keep their reading, family by family', () => {
    for (const s of scores()) {
      if (s.family === 'spelling') continue; // (no command of these families has a word spelt two ways)
      expect(s.applicable, s.family).toBeGreaterThan(0);
      // (a typo into another real word, "halve" as "have", "plane" as "plae" of "place" too, is no slip to read)
      const floor = s.family === 'typo' ? 0.95 : 1;
      expect(s.kept / s.applicable, `${s.family}: ${s.lost.join('\n')}`).toBeGreaterThanOrEqual(floor);
    }
  }, 120_000);

  it('never stop the run or remove a rule when the command as written did not', () => {
    for (const { family, lost } of scores()) expect(lost.filter((l) => /"tool":"(?:stop_acquisition|remove_rule)"/.test(l)), family).toEqual([]);
  }, 120_000);

  it('write a span in words, joined or shortened, and run two commands on', () => {
    expect(reworded('pause for 5 min', 'spanForms')).toMatch(/^pause for (?:five minutes|5 ?mins|5 minutes)$/);
    expect(reworded('set GFP to 5%', 'twoRunOn', 'change the interval to 5 min')).toBe('set GFP to 5% change the interval to 5 min');
  });
});
