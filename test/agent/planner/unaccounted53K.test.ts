// The safety net of accounted.ts (brief s53/K): a name of the field or a condition that nothing covered is named in
// one line in the person's words; fully applied requests, greetings and signatures get no such line. Plan-only.
import { beforeAll, describe, expect, it } from 'vitest';
import { uncoveredNames } from '../../../src/agent/planner/unaccounted.ts';
import { loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

const tracks = [...movieAndLabels, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
const NOT_APPLIED = /did not apply|not applied|not done|not run/i;

describe('names of the field', () => {
  it('reads names by their shape: capitals inside, acronyms, capitalised compounds, extensions, a capitalised word inside a sentence', () => {
    const names = uncoveredNames('fit it like IdentifyPrimaryObjects, save as HDF5 or .nd2 for Blender, a Kaplan-Meier curve', () => false).map((n) => n.text);
    expect(names).toEqual(['IdentifyPrimaryObjects', 'HDF5', '.nd2', 'Blender', 'Kaplan-Meier']);
    // (a shouted everyday word, an axis, a sentence's first word and a signature are no names)
    expect(uncoveredNames('Please do NOT track in XY. Kind regards, Margaret', () => false)).toEqual([]);
    expect(uncoveredNames('SEGMENT THE NUCLEI AND TRACK THEM WITH LAP', () => false)).toEqual([]);
  });

  it('reads names side by side as one, and a name before the things imaged as naming them', () => {
    const cells = (words: string) => /\bcells\b/.test(words);
    expect(uncoveredNames('make a report in MS Word', (name) => name === 'Word', cells, (name) => name === 'Word')).toEqual([]);
    expect(uncoveredNames('segment with Trainable Weka Segmentation', (name) => name === 'Segmentation').map((n) => n.text)).toEqual(['Trainable Weka Segmentation']);
    expect(uncoveredNames('The HeLa cells were imaged; track the U2OS H2B-GFP cells', (name) => name === 'H2B-GFP', cells)).toEqual([]);
    expect(uncoveredNames('detect them as Imaris spots', () => false, () => true).map((n) => n.text)).toEqual(['Imaris']);
  });

  it('names a program, statistic or format no running step declares', () => {
    expect(said('segment and track the cells, then make a survival (Kaplan-Meier) curve of track durations')).toMatch(/"Kaplan-Meier"/);
    expect(said('measure both channels per nucleus and compute the FRET ratio YFP/CFP for each cell', movieAndLabels)).toMatch(/"FRET"/);
  });

  it('adds no line for names a step declares or took, channels, or words of a step\'s declared phrases', () => {
    expect(said('plz plot speed vs time w/ 95% CI', tracks)).not.toMatch(NOT_APPLIED);
    expect(said('track the cells with LAP and export them as TrackMate XML for Fiji', movieAndLabels)).not.toMatch(NOT_APPLIED);
    expect(said('measure the H2B-GFP intensity per nucleus', movieAndLabels)).not.toMatch(NOT_APPLIED);
  });
});

describe('conditions on which things', () => {
  it('names a condition no argument applied, even when a step was made of its words', () => {
    expect(said('track the nuclei, only keeping the daughters of the first division', movieAndLabels)).toMatch(/only keeping the daughters/);
  });

  it('adds no line for a condition a step bounded, a channel or frames taken, or the things alone', () => {
    expect(said('I want that you keep only the tracks which are moving fast, more than 2 um per minute', tracks)).not.toMatch(NOT_APPLIED);
    expect(said('measure the nuclei only in channel 2', movieAndLabels)).not.toMatch(NOT_APPLIED);
    expect(said('segment only the nuclei', movieAndLabels)).not.toMatch(NOT_APPLIED);
  });
});

describe('cells named by their kind', () => {
  it('reads "neutrophils" as a thing imaged, so a request with a word from elsewhere is not refused', () => {
    expect(toolsOf('track the neutrophils and make me a rose plot of their directions', movieAndLabels)).toContain('track');
    expect(plan('track the neutrophils and make me a rose plot of their directions', movieAndLabels).steps.length).toBeGreaterThan(0);
  });
});
