// How a step was asked to run, said by an adverb of manner no setting takes (brief s48/C): named in one line, never
// dropped in silence; adverbs of the speaker, of a relative clause or of an adjective name nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, movieAndLabels, plan } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

const notes = (request: string, artifacts = movieAndLabels) => (plan(request, artifacts).notes ?? []).join(' ');

describe('an adverb of manner said of a step', () => {
  it('is named when it ends the step\'s words', () => {
    expect(notes('segment the nuclei carefully, they are quite dim')).toMatch(/Not applied: "carefully" — `segment`/);
    expect(notes('link the cells quite loosely? they move a lot')).toMatch(/Not applied: "loosely" — `track`/);
  });

  it('is named when it stands before the step\'s verb', () => {
    expect(notes('just roughly segment the cells for me')).toMatch(/Not applied: "roughly" — `segment`/);
  });

  it('is taken, not named, when the step\'s tool declares its word ("manually": the manual method)', () => {
    const p = plan('segment the nuclei manually');
    expect(p.steps[0].args.method).toBe('manual');
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });

  it('names nothing for an adverb of something else: a relative clause, an adjective, the speaker', () => {
    expect(notes('track the cells that move quickly')).not.toMatch(/quickly/);
    expect(notes('segment the nuclei, they are extremely dim')).not.toMatch(/extremely/);
    expect(notes('actually, segment the nuclei')).not.toMatch(/actually/);
  });
});
