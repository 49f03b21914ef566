// A table's column said in words: the one place an answer turns a column's name into the
// quantity people say ("TOTAL_DISTANCE_TRAVELED" is "total distance travelled", "area_um2" is
// "area", "mean_intensity_c2" is "mean intensity (channel 2)"). The unit is not part of the
// words: the answer quotes it beside the value (unitOfColumn reads it from the name).

/** Where TrackMate's plain words mislead or stay terse, what the column is in a biologist's words. */
const SAID_OTHERWISE: [RegExp, string][] = [
  [/^TRACK_DISPLACEMENT$/i, 'net displacement (start to end)'],
  [/^NUMBER_SPOTS$/i, 'number of frames seen'],
  [/^TRACK_ID$/i, 'track number'],
  [/^NUMBER_SPLITS$/i, 'number of divisions'],
  [/^NUMBER_GAPS$/i, 'number of gaps'],
  [/^MAX_DISTANCE_TRAVELED$/i, 'largest distance from the start'],
  [/^MEAN_STRAIGHT_LINE_SPEED$/i, 'straight-line speed (net displacement over time)'],
  [/^LINEARITY_OF_FORWARD_PROGRESSION$/i, 'linearity of forward progression'],
  [/^MEAN_DIRECTIONAL_CHANGE_RATE$/i, 'mean turning rate'],
  [/^TRACK_START$/i, 'start time'],
  [/^TRACK_STOP$/i, 'end time'],
  [/^area_fraction_percent$/i, 'area covered (confluence)'],
  [/^objects_per_mm2$/i, 'density (objects per mm²)'],
];

/**
 * Unit suffixes of column names (area_um2, speed_um_per_min, perimeter_px, time_s, orientation_rad,
 * dose_j_per_cm2, exposure_ms, power_percent), the one list every reader of a column's unit uses.
 */
const UNIT_SUFFIX = /_(px2|um2|um3|voxels|px|um|um_per_[a-z]+|px_per_[a-z]+|j_per_cm2|ms|s|min|h|rad|percent)$/i;

/** The unit suffix of a column's name, in lower case ("um_per_min", "j_per_cm2"); undefined when it has none. */
export function unitSuffixOf(column: string): string | undefined {
  return UNIT_SUFFIX.exec(column)?.[1].toLowerCase();
}

/**
 * The quantity a column holds, in lower-case words without its unit: "TRACK_MEAN_SPEED" is "mean speed",
 * "TOTAL_DISTANCE_TRAVELED" "total distance travelled", "mean_intensity_c1" "mean intensity (channel 1)".
 * A name that is already words comes back as it is (lower case where it was all capitals).
 */
export function columnInWords(column: string): string {
  const said = SAID_OTHERWISE.find(([re]) => re.test(column));
  if (said) return said[1];
  if (!/_/.test(column) && !/^[A-Z0-9]+$/.test(column)) return column;
  const channel = /_c(\d+)$/i.exec(column);
  const bare = column.replace(/_c\d+$/i, '').replace(UNIT_SUFFIX, '');
  const words = bare
    .replace(/^TRACK_(?=\w)/, '')
    .replace(/^NUMBER_(\w+)$/i, 'number of $1')
    .split('_')
    .join(' ')
    .toLowerCase()
    .replace(/\btraveled\b/g, 'travelled')
    .replace(/\bstd\b/g, 'standard deviation of')
    .replace(/\bmax\b/g, 'maximum')
    .replace(/\bmin\b/g, 'minimum')
    .replace(/\bx location\b/, 'mean x position')
    .replace(/\by location\b/, 'mean y position')
    .replace(/\bz location\b/, 'mean z position')
    .replace(/\s+/g, ' ')
    .trim();
  return `${words || column.toLowerCase()}${channel ? ` (channel ${channel[1]})` : ''}`;
}

/**
 * A statistic of a column in words, said once: "mean" of TRACK_MEAN_SPEED is "mean speed", "Total" of
 * TOTAL_DISTANCE_TRAVELED "Total distance travelled", "mean" of area_um2 "mean area".
 */
export function statisticInWords(statistic: string, column: string): string {
  const said = columnInWords(column);
  return said.toLowerCase().startsWith(`${statistic.toLowerCase()} `) ? `${statistic}${said.slice(statistic.length)}` : `${statistic} ${said}`;
}
