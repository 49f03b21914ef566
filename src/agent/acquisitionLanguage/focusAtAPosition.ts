// A focus problem said of one position of a running acquisition ("we lost focus on pos 1", "position 2 is out of
// focus", "the image is blurry at XY 2"): the one position named, taken out of the words so the rest can be read as
// a focus complaint. An autofocus cannot be run at one position alone, so the answer names the position and says the
// autofocus runs at every position.

/** "position 2", "pos 1", "XY 3", "field 4", "site 2", "point 3", "stage position 2", "Pos0". */
const ONE_POSITION = /\b(?:(?:at|on|in|for)\s+)?(?:the\s+)?(?:(?:stage\s+)?(?:position|pos|field|site|point|xy)\s*#?\s*(\d+)|pos(\d+))\b/g;

/** The position named and the words without it; undefined unless exactly one position is named. */
export function onePositionNamed(t: string): { position: string; rest: string } | undefined {
  const said = [...t.matchAll(ONE_POSITION)];
  if (said.length !== 1) return undefined;
  const position = said[0][1] ?? said[0][2];
  return { position, rest: t.replace(said[0][0], ' ').replace(/\s+/g, ' ').trim() };
}

/** The line said with the autofocus made for a focus problem at one position. */
export function focusAtAPositionNote(position: string, autofocusImages: number): string {
  return `read as a focus problem at position ${position}: one autofocus before the next time point, at every position (an autofocus cannot be run at position ${position} alone; it takes ${autofocusImages} images of its own at each); "autofocus every time point" keeps refocusing`;
}
