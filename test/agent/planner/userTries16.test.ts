// Requests tried as a user on a real movie (stop 16) that went wrong: a kymograph asked with
// "make" was refused as outside what we do, and what cells do "during the movie" was answered
// from the file's header ("Z slices = 1, path = ...").
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('requests tried as a user', () => {
  it('a kymograph is ours whatever verb asks for it; a rowing pace is not', () => {
    // (the movie's size is not known here: the line is asked for, never refused)
    const kymograph = plan('make a kymograph along the middle row');
    expect(kymograph.reply ?? '').not.toMatch(/outside what I do/);
    expect(kymograph.reply ?? '').toMatch(/kymograph I need the line/);
    expect(plan('track my rowing pace').steps).toEqual([]);
  });

  it('what cells do during the movie is analysed, never read from the file', () => {
    const tools = plan('how many cells divide during the movie?').steps.map((s) => s.tool);
    expect(tools).toContain('detect_divisions');
    expect(tools).not.toContain('movie_info');
    expect(plan('how long is the movie?').steps.map((s) => s.tool)).toEqual(['movie_info']);
  });
});
