// Stop 49 (helper A): "go back to where we started" undoes the conversation's stage moves as one move; where the stage
// went to coordinates, the start is asked, never guessed.
import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { backToStart } from '../../../src/agent/acquisitionLanguage/stageStart.ts';

const idle = (text: string, earlier: { tool: string; args: Record<string, unknown> }[]) => routeMicroscopeRequest(text, { acquisitionRunning: false, earlier });

describe('the stage back to where it started', () => {
  it('is every relative move of the conversation undone', () => {
    const earlier = [{ tool: 'move_stage', args: { xUm: -200, relative: true } }, { tool: 'move_stage', args: { yUm: 50, relative: true } }];
    expect(backToStart('now go back to where we started', earlier)).toEqual({ xUm: 200, yUm: -50, zUm: 0 });
    expect(idle('return the stage to its starting point', earlier)).toEqual({ tool: 'move_stage', args: { xUm: 200, yUm: -50, relative: true }, sure: true });
  });
  it('is asked when a move went to coordinates, or said when nothing moved', () => {
    expect(backToStart('go back to where we started', [{ tool: 'move_stage', args: { xUm: 1000, yUm: 2000 } }])).toMatchObject({ ask: expect.stringMatching(/do not know where it started/) });
    expect(backToStart('go back to the starting position', [])).toMatchObject({ ask: expect.stringMatching(/has not moved/) });
    expect(backToStart('go back to every 5 min', [])).toBeUndefined();
  });
});
