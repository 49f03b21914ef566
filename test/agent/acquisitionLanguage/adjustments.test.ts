// A signal said wrong, then the command that says how much (brief s31/B): the complaint is the reason, the command is
// read ("the red is way too dim, triple its exposure"); a complaint alone is still asked about.
import { describe, expect, it } from 'vitest';
import { parseAdjustment } from '../../../src/agent/acquisitionLanguage/adjustments.ts';
import { changes, start } from './runningAcquisition.ts';

describe('a complaint followed by a command', () => {
  it('reads the command after a comma, "so" or a dash, with the channel the complaint names', () => {
    expect(parseAdjustment('the far red is way too faint, quadruple its exposure')).toEqual([{ kind: 'exposureFactor', factor: 4, channel: 'Cy5' }]);
    expect(parseAdjustment('dapi looks really dim so double its power')).toEqual([{ kind: 'powerFactor', factor: 2, channel: 'DAPI' }]);
    expect(parseAdjustment('GFP is saturating - halve the exposure')).toEqual([{ kind: 'exposureFactor', factor: 0.5, channel: 'FITC' }]);
  });

  it('still asks how much when nothing says it', () => {
    expect(() => parseAdjustment('the far red is way too faint')).toThrow(/how much more light/i);
    expect(() => parseAdjustment('the far red is way too faint, fix it')).toThrow();
  });
});


// (brief s54/M: a position said not wanted, moved to where the stage is, or moved by an offset)
describe('a position said not wanted, or moved to where the stage is', () => {
  const four = start({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 }, stagePositions: [0, 1, 2, 3].map((i) => ({ name: `Pos${i}`, xUm: i * 768, yUm: 0 })) });
  it('drops it', () => {
    expect(changes('position 4 can go', four)).toEqual([{ kind: 'dropPosition', position: '4' }]);
    expect(changes("we don't need field 2 anymore", four)).toEqual([{ kind: 'dropPosition', position: '2' }]);
  });
  it('moves it by an offset in the plane, whatever the verb', () => {
    expect(changes('recenter position 2 50 um up', four)).toEqual([{ kind: 'moveStage', yUm: -50, relative: true, position: '2' }]);
    expect(changes('position 2 should be 30 µm further right', four)).toEqual([{ kind: 'moveStage', xUm: 30, relative: true, position: '2' }]);
  });
  it('drops it and adds the current place', () => {
    expect(changes('update position 2 to the current stage location', four)).toEqual([{ kind: 'dropPosition', position: '2' }, { kind: 'addPosition' }]);
  });
});

describe('going on said last after a pause (stop 55)', () => {
  it('resumes after the other changes', () => {
    expect(parseAdjustment('pause, then add a position here and carry on')).toEqual([{ kind: 'pause' }, { kind: 'addPosition' }, { kind: 'resume' }]);
    expect(parseAdjustment('pause, then drop DAPI and carry on')).toEqual([{ kind: 'pause' }, { kind: 'dropChannel', channel: 'DAPI' }, { kind: 'resume' }]);
  });
  it('is no resume without a pause, nor after a pause that ends by itself', () => {
    expect(parseAdjustment('carry on and drop DAPI')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
  });
});
