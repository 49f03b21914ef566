// The z-stack moved as a whole, up or down, by a distance ("raise the stack by 2 µm", "move the z range up 2 microns",
// "shift the stack centre 1.5 um deeper", "lower the focus range by 1 µm"): the focus the stack is taken around moves
// (a relative z move of the running plan), its range and step stay (brief s53/M, issue 11). Never the stack's new range:
// a distance said with a direction is no size.
import { DISTANCE_UNIT, unitMicrometres } from './words.ts';

/** The stack by its names ("the z-stack", "the focus range", "the stack's centre", "the slices"). */
const STACK = String.raw`(?:the\s+|my\s+|our\s+|this\s+|whole\s+|entire\s+)*(?:z[\s-]?stacks?|stacks?|z[\s-]?range|focus\s+range|focal\s+range|z[\s-]?series|z[\s-]?planes|slices|planes|sections)(?:'s)?(?:\s+(?:centre|center|middle|midpoint|position|window))?`;
/** A verb that moves the stack; raise and lower say the direction themselves. */
const MOVE_VERB = String.raw`(?:move|shift|nudge|push|bring|offset|slide|take|put|raise|lower|re-?cent(?:er|re))`;
const DIRECTION = String.raw`(?:up(?:wards?)?|down(?:wards?)?|higher|lower|deeper|shallower|further\s+(?:up|down|in)|into\s+the\s+(?:sample|cell|cells|dish))`;
const AMOUNT = String.raw`(?:by\s+)?(?:about\s+|around\s+|roughly\s+|~\s*)?(\d+(?:\.\d+)?)\s*(${DISTANCE_UNIT.slice(3, -1)})?(?![\w%])`;

const SAID = new RegExp(
  String.raw`\b(${MOVE_VERB})\s+(?:${STACK}|it)\s+(?:(${DIRECTION})\s+${AMOUNT}|${AMOUNT}\s*(${DIRECTION})?)`,
  'i',
);

/** How far the stack moves, µm (up is +), or undefined when the words do not move the stack by a distance. */
export function stackShiftUm(t: string): number | undefined {
  const m = SAID.exec(t);
  if (!m) return undefined;
  const verb = m[1].toLowerCase();
  const direction = (m[2] ?? m[7] ?? '').toLowerCase();
  const value = Number(m[3] ?? m[5]);
  const unit = m[4] ?? m[6];
  // ("raise", "lower" say their direction; "move the stack 2 µm" with none says no way to move)
  const up = /^(?:up|higher|shallower|further\s+up)/.test(direction) || (!direction && verb === 'raise');
  const down = /^(?:down|lower|deeper|further\s+(?:down|in)|into)/.test(direction) || (!direction && verb === 'lower');
  if (up === down || !(value > 0)) return undefined;
  // ("lower the z range by 2 µm", "raise the slices by 4": with no direction said, a range or a count raised or lowered is made
  // bigger or smaller, read elsewhere; only the stack itself is raised or lowered)
  if (!direction && /\b(?:range|slices|planes|sections|series)\b/i.test(m[0])) return undefined;
  // (a pronoun is the stack only when the stack is named in the words: "the stack is too low, move it up 3 um")
  if (!new RegExp(STACK, 'i').test(t)) return undefined;
  // (a bare number is µm, the one unit of z)
  const um = value * unitMicrometres(unit ?? 'µm');
  return up ? um : -um;
}
