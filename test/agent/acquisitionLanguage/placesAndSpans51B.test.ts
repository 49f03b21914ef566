// Stop 51 (helper B): positions, grids, spans and stage moves in words earlier stops did not cover, plan-only:
// a position kept out by its place ("all but the first one") or said as a well ("the third well": never a stop of the run);
// the stage's place said with no noun ("where I am now"); "the end" as the place a span goes (extend, no stop); rows by
// columns of fields are a grid, never that many positions; objective and focus in one move while idle; a start with no channel.
import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { idleStageMove } from '../../../src/agent/acquisitionLanguage/idleStageMove.ts';
import { parseGrid, positionCount } from '../../../src/agent/acquisitionLanguage/space.ts';
import { timeSpans } from '../../../src/agent/acquisitionLanguage/requests.ts';
import { spokenNumbers } from '../../../src/agent/acquisitionLanguage/words.ts';
import { changes, fourPositions, route, start, toolOf } from './runningAcquisition.ts';

const idle = (s: string) => routeMicroscopeRequest(s, { acquisitionRunning: false, earlier: [] }) as Record<string, unknown> | undefined;

describe('positions by their place in the run', () => {
  it('the one after "except" said by its order is kept out', () => {
    expect(changes('keep imaging all the positions except the first one', fourPositions)).toEqual([{ kind: 'dropPosition', position: '1' }]);
    expect(changes('image every position but the last', fourPositions)).toEqual([{ kind: 'dropPosition', position: '4' }]);
    expect(changes('image all positions but 2', fourPositions)).toEqual([{ kind: 'dropPosition', position: '2' }]);
  });
  it('a well by its order is a position of the run, never the whole run stopped', () => {
    expect(changes('stop imaging the third well, cells detached', fourPositions)).toEqual([{ kind: 'dropPosition', position: '3' }]);
    expect(toolOf('stop imaging the third well', fourPositions)).not.toBe('stop_acquisition');
  });
});

describe('the stage\'s place said with no noun', () => {
  it('"where I am now" is the current place added', () => {
    for (const s of ['add where I am now as a position', 'pls add where im now as a new point', 'add where we are at the moment too']) expect(changes(s, fourPositions), s).toEqual([{ kind: 'addPosition' }]);
  });
});

describe('"the end" as the place a span goes', () => {
  it('a span "at the end" is more time, never a stop', () => {
    expect(changes('give it another 45 minutes at the end')).toEqual([{ kind: 'extend', extraS: 2700 }]);
    expect(changes('add 20 min to the end of the run')).toEqual([{ kind: 'extend', extraS: 1200 }]);
  });
  it('an end with no span stays an end', () => {
    expect(toolOf('stop at the end of this timepoint')).toBe('stop_acquisition');
  });
});

describe('rows by columns of fields', () => {
  it('are a grid, never that many positions', () => {
    expect(positionCount('do 2 by 2 fields')).toBeUndefined();
    expect(positionCount('3x3 fields of view')).toBeUndefined();
    expect(positionCount('image 3 fields')).toBe(3);
    expect(changes('from now do 2 by 2 fields so I can stitch them')).toEqual([{ kind: 'grid', grid: { rows: 2, columns: 2, overlapPercent: 0 } }]);
  });
  it('"stitch N by M" is a grid', () => {
    expect(parseGrid('stitch 2 by 2')).toEqual({ rows: 2, columns: 2, overlapPercent: 0 });
    expect(parseGrid('stitch the images later')).toBeUndefined();
  });
});

describe('nothing running', () => {
  it('an objective and a focus move are one move of the stage tool, each as said', () => {
    expect(idle('switch to the 40x and focus down 2 um')).toMatchObject({ tool: 'move_stage', args: { objective: '40X', zUm: -2, relative: true } });
    expect(idleStageMove([{ kind: 'objective', objective: '20X' }, { kind: 'moveStage', xUm: 100, relative: true }])).toEqual({ xUm: 100, relative: true, objective: '20X' });
    // two moves of one axis are not joined
    expect(idleStageMove([{ kind: 'moveStage', zUm: 1, relative: true }, { kind: 'moveStage', zUm: 2, relative: true }])).toBeUndefined();
    expect(idleStageMove([{ kind: 'objective', objective: '20X' }, { kind: 'interval', intervalS: 5 }])).toBeUndefined();
  });
  it('a command to image with a whole time plan and no channel asks which channel, nothing started', () => {
    for (const s of ['image every 5 min for 2 h', 'image 4 positions every 5 min for 2 h with a 5-slice stack']) {
      const r = idle(s);
      expect(r?.tool, s).toBeUndefined();
      expect(String(r?.ask), s).toMatch(/which channel/i);
      expect(r?.start, s).toBe(true);
    }
  });
});

describe('z-stack planes at both ends', () => {
  it('"above and below", "on each side", "top and bottom" count at both ends of the stack', () => {
    const sevenPlanes = start({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 }, zPlan: { rangeUm: 6, stepUm: 1 } });
    expect(changes('add 2 planes above and below', sevenPlanes)).toEqual([{ kind: 'zPlan', zPlan: { planes: 11, stepUm: 1 } }]);
    expect(changes('put 3 extra slices on each side', sevenPlanes)).toEqual([{ kind: 'zPlan', zPlan: { planes: 13, stepUm: 1 } }]);
    expect(changes('remove 1 plane top and bottom', sevenPlanes)).toEqual([{ kind: 'zPlan', zPlan: { planes: 5, stepUm: 1 } }]);
    expect(changes('add 2 planes', sevenPlanes)).toEqual([{ kind: 'zPlan', zPlan: { planes: 9, stepUm: 1 } }]);
    // a stack of its own is no planes added
    expect(changes('add a z-stack of 5 planes, 1 um apart', sevenPlanes)).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 4, stepUm: 1 } }]);
  });
});

describe('spans in other forms', () => {
  it('a span before the run\'s noun is its length', () => {
    expect(timeSpans('set up a 2 h movie of mcherry, one frame a minute')).toEqual({ intervalS: 60, durationS: 7200 });
    expect(idle('set up a 2 h movie of mCherry, one frame a minute')).toMatchObject({ tool: 'start_acquisition', args: { plan: { timePlan: { intervalS: 60, durationS: 7200 } } } });
  });
  it('a fraction in figures before a unit is its decimal', () => {
    expect(spokenNumbers('make the interval 1/2 min')).toBe('make the interval 0.5 min');
    expect(spokenNumbers('on 12/05 at 3 pm')).toBe('on 12/05 at 3 pm');
    expect(changes('make the interval 1/2 min')).toEqual([{ kind: 'interval', intervalS: 30 }]);
  });
});

describe('stage moves in other words', () => {
  it('compass points are the stage\'s sides, north up', () => {
    expect(idle('move 100 um north')).toMatchObject({ tool: 'move_stage', args: { yUm: -100, relative: true } });
    expect(idle('go 50 µm west')).toMatchObject({ tool: 'move_stage', args: { xUm: -50, relative: true } });
  });
  it('a way with no distance is asked, never a guessed distance', () => {
    for (const s of ['focus up a bit', 'move the stage a little to the left', 'focus down slightly']) {
      const r = idle(s);
      expect(r?.tool, s).toBeUndefined();
      expect(String(r?.ask), s).toMatch(/how far/i);
    }
    // a light setting lowered a bit is not a move
    expect(String((route('lower the laser power a bit') as { ask?: string } | undefined)?.ask ?? '')).not.toMatch(/how far/i);
  });
});

describe('a share of the run\'s time', () => {
  it('is its length, never the light', () => {
    const sixHours = start({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 } });
    expect(changes('double the imaging time', sixHours)).toEqual([{ kind: 'duration', durationS: 43200 }]);
    expect(changes('double the duration', sixHours)).toEqual([{ kind: 'duration', durationS: 43200 }]);
    expect(toolOf('double the time', sixHours)).toBeUndefined();
  });
});
