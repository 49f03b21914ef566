// An image-quality question (SNR, signal to background, how noisy) is answered as a ratio not measured, never with
// another value; commands that use the same words (denoise, simulate with an SNR) are no such question.
import { describe, expect, it } from 'vitest';
import { asksImageQuality, imageQualityReply } from '../../../src/agent/planner/imageQuality.ts';

describe('image-quality questions', () => {
  it('reads the ratio asked in many writings', () => {
    for (const q of ['SNR?', 'snr please', "what's the S/N of this movie?", 'how noisy are the frames?', 'signal-to-background?', 'Signal vs noise in channel 2?', 'is the image really grainy?', 'what is the noise level?', 'any idea of the contrast-to-noise ratio?']) expect(asksImageQuality(q), q).toBe(true);
  });
  it('leaves commands and settings that use the words alone', () => {
    for (const q of ['denoise it, it is noisy', 'simulate a movie with SNR 5', 'reduce the noise before segmenting', 'remove the background noise', 'train noise2void on it', 'segment the nuclei', 'the frames look grainy, can they be made smoother?', 'it is noisy, can you clean it up?']) expect(asksImageQuality(q), q).toBe(false);
  });
  it('names the ratio asked as not measured, with its definition, and gives no other quantity in its place', () => {
    const snr = imageQualityReply("what's the SNR?")!;
    expect(snr).toMatch(/no measured signal-to-noise ratio/);
    expect(snr).toMatch(/background SD/);
    expect(snr).not.toMatch(/\d+(?:\.\d+)?\s*grey levels/);
    expect(imageQualityReply('signal to background?')).toMatch(/signal-to-background ratio[\s\S]*mean signal \/ mean background/);
    expect(imageQualityReply('track the cells')).toBeUndefined();
  });
});
