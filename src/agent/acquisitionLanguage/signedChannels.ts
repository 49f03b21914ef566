// Channels added and dropped by a sign, as people write a change of channels in a hurry:
// "+brightfield", "-dapi", "+Cy5 -DAPI", "+ BF, - hoechst". A plus or minus just before a
// channel name (at the start, or after a space, comma or semicolon) is "add" or "drop" it;
// a sign before a number ("+20%", "-10 ms") is a share or an amount and stays.
import { DEMO_CONFIG, type MicroscopeConfig } from '../../microscope/config.ts';
import { findChannels } from './words.ts';

const SIGN = /(^|[\s,;(])([+\-−–])\s?(?=[a-z\d])/gi;

/** The words with each signed channel written as "add X" / "drop X" (joined by "and" when several). */
export function withSignedChannels(text: string, config: MicroscopeConfig = DEMO_CONFIG): string {
  if (!/[+\-−–]/.test(text)) return text;
  const channels = findChannels(text, config);
  const edits: { from: number; to: number; words: string }[] = [];
  for (const m of text.matchAll(SIGN)) {
    const signAt = m.index! + m[1].length;
    const nameAt = m.index! + m[0].length;
    const channel = channels.find((c) => c.index === nameAt);
    if (!channel) continue;
    // ("- interval: 10 min\n- DAPI: off": a dash opening a line of a list, then a space, is a bullet)
    if (/\n/.test(text) && (signAt === 0 || text[signAt - 1] === '\n' || /\n\s*$/.test(text.slice(0, signAt))) && /\s/.test(text[signAt + 1] ?? '')) continue;
    edits.push({ from: signAt, to: nameAt, words: `${m[2] === '+' ? 'add' : 'drop'} ` });
  }
  if (!edits.length) return text;
  let out = text;
  for (const e of [...edits].reverse()) out = out.slice(0, e.from) + e.words + out.slice(e.to);
  // ("+Cy5 -DAPI": two commands side by side are two commands)
  return edits.length > 1 ? out.replace(/(\S)\s+(?=(?:add|drop) )/g, (whole, before: string) => (/[,;]/.test(before) ? whole : `${before} and `)) : out;
}
