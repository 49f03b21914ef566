// A move of the stage said in words, relative to where it is: "100 µm to the left", "by 50 um up", "0.5 mm right and
// 200 µm down", "300 microns in x". Left and right are -x and +x, up and down -y and +y (image rows grow downwards, as
// the stage's y does on the simulated microscope), as move_stage and the acquisition's positions read them.

const DIRECTIONS: Record<string, [number, number]> = { left: [-1, 0], west: [-1, 0], right: [1, 0], east: [1, 0], up: [0, -1], north: [0, -1], down: [0, 1], south: [0, 1] };
const LENGTH_UNIT = String.raw`(µm|um|microns?|micrometers?|micrometres?|mm|millimeters?|millimetres?)`;
const BY_DIRECTION = new RegExp(String.raw`(?<![\w.])(-?\d+(?:\.\d+)?)\s*${LENGTH_UNIT}?\s*(?:further\s+|more\s+)?(?:to\s+the\s+|towards?\s+the\s+|to\s+)?(left|right|up|down|north|south|east|west)\b`, 'gi');
const BY_AXIS = new RegExp(String.raw`(?<![\w.])([-+]?\d+(?:\.\d+)?)\s*${LENGTH_UNIT}?\s+(?:in|along)\s+([xy])\b`, 'gi');

function micrometres(value: string, unit: string | undefined): number {
  return Number(value) * (unit && /^m(?:m|ill)/i.test(unit) ? 1000 : 1);
}

/** The offset the words say, µm (summed over each part said), or undefined when they say none. */
export function stageOffsetSaid(text: string): { dxUm: number; dyUm: number } | undefined {
  let dxUm = 0;
  let dyUm = 0;
  let said = false;
  for (const m of text.matchAll(BY_DIRECTION)) {
    const [sx, sy] = DIRECTIONS[m[3].toLowerCase()];
    const d = micrometres(m[1], m[2]);
    dxUm += sx * d;
    dyUm += sy * d;
    said = true;
  }
  for (const m of text.matchAll(BY_AXIS)) {
    const d = micrometres(m[1], m[2]);
    if (m[3].toLowerCase() === 'x') dxUm += d;
    else dyUm += d;
    said = true;
  }
  return said ? { dxUm, dyUm } : undefined;
}
