// A count asked with no noun ("find the divisions and tell me how many") is of the things named before it; and "and"
// is no rate "a d(ay)" (the count of divisions was followed by "Not given per day").
import { beforeAll, describe, expect, it } from 'vitest';
import { withElidedCountNounSaid } from '../../../src/agent/planner/elidedCountNoun.ts';
import { withEventRate } from '../../../src/agent/planner/eventRate.ts';
import { loadAcquisitionWords, movieAndLabels, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a count asked with no noun', () => {
  it('takes the plural object named last before it', () => {
    expect(withElidedCountNounSaid('find the divisions and tell me how many')).toBe('find the divisions and tell me how many divisions');
    expect(withElidedCountNounSaid('segment the nuclei and tell me how many there are')).toBe('segment the nuclei and tell me how many nuclei there are');
    expect(withElidedCountNounSaid('track the dividing cells, how many?')).toBe('track the dividing cells, how many cells?');
  });
  it('leaves a count with its noun, or with nothing named before it', () => {
    for (const text of ['how many nuclei are there?', 'how many?', 'find the divisions; how many frames does the movie have?']) expect(withElidedCountNounSaid(text)).toBe(text);
  });
  it('answers the count of divisions, not of objects, with no measuring step added', () => {
    const tools = toolsOf(withElidedCountNounSaid('find the divisions and tell me how many'), [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }]);
    expect(tools).toEqual(['detect_divisions']);
  });
});

describe('a rate asked', () => {
  const conversation = { request: '', artifactsAtStart: [], earlier: [], current: [], earlierRequests: [] };
  it('is not read in "and" ("a" + "d")', () => {
    expect(withEventRate('find the divisions and tell me how many divisions', 'Divisions = 5', conversation, undefined)).toBe('Divisions = 5');
  });
  it('is read after "per", "an", "/"', () => {
    for (const q of ['how many divisions per hour?', 'divisions an hour?', 'how many divisions/h?']) expect(withEventRate(q, 'Divisions = 5', conversation, undefined), q).toMatch(/Not given per hour/);
  });
});
