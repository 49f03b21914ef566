// "Are the cells moving in any particular direction?": the directions of the tracks' net displacements as
// circular statistics (src/analysis/directionality.ts), answered from the newest tracks with the test that says
// whether the direction is more than chance, never a mean distance or a per-step angle change.
import { directionalityOf, directionInWords } from '../../analysis/directionality.ts';
import type { Tracks } from '../../analysis/tracks.ts';
import { valueText } from './quantities.ts';
import { isYesNoForm } from './yesNo.ts';

/**
 * A question about where cells head: "which way do they go", "a preferred / particular / common direction", "directed
 * migration", "chemotaxis", "moving towards ...". Not the stage's drift, not TrackMate's directional change rate
 * (a turning speed), not the objects' orientation.
 */
const DIRECTION_ASKED = /\b(?:which|what|particular|preferred|preferential|same|one|common|any|overall|main|net|consistent|specific)\s+(?:\w+\s+)?(?:direction|way)s?\b|\b(?:directed|directional|biased|collective|oriented)\s+(?:cell\s+)?(?:migration|movement|motion|motility)\b|\bchemota\w*|\b(?:heading|head(?:ed)?|moving|migrating|going|drifting)\s+(?:towards?|in\s+the\s+direction)\b/i;
const NOT_MIGRATION = /\bdrift\b(?!ing\s+towards?)|\bstage\b|\bdirectional\s+change|\bturn(?:ing)?\s+rate|\borient\w*\s+of\s+the\s+(?:nuclei|cells|objects)|\blong\s+axis/i;


export function asksMigrationDirection(question: string): boolean {
  return DIRECTION_ASKED.test(question) && !NOT_MIGRATION.test(question);
}

/** The answer from the newest tracks, or undefined when the question is not about direction or no tracks are at hand. */
export function migrationDirectionAnswer(question: string, newest: () => { artifact: { id: string }; tracks: Tracks } | undefined): string | undefined {
  if (!asksMigrationDirection(question)) return undefined;
  const found = newest();
  if (!found) return undefined;
  const d = directionalityOf(found.tracks);
  if (!d) return `Too few moving cells to tell a direction: fewer than 3 paths in ${found.artifact.id} move from their first to their last position.`;
  const pixelSizeUm = found.tracks.pixelSizeUm;
  const unit = pixelSizeUm ? 'µm' : 'px';
  const length = (px: number) => `${valueText(px * (pixelSizeUm ?? 1))} ${unit}`;
  const stats = `mean resultant length R = ${valueText(d.meanResultantLength)} (0: every way, 1: all one way), Rayleigh test p = ${d.rayleighP < 0.001 ? '< 0.001' : valueText(d.rayleighP)}`;
  const where = `the mean direction is ${directionInWords(d.meanDirectionDeg)} (${Math.round(d.meanDirectionDeg)}° clockwise from the image's right, as shown with y down)`;
  const more = `forward migration index x ${valueText(d.forwardMigrationIndex.x)}, y ${valueText(d.forwardMigrationIndex.y)}; the centre of mass moved ${length(d.centreOfMassPx.dx)} along x and ${length(d.centreOfMassPx.dy)} along y${pixelSizeUm ? '' : ' (no calibration known)'}`;
  const of = `${d.paths} paths (each cell's net displacement between divisions) of ${found.artifact.id}`;
  return d.rayleighP < 0.05
    ? `${isYesNoForm(question) ? 'Yes: the' : 'The'} cells move in a preferred direction: ${where}; ${stats}, over ${of}; ${more}.`
    : `No clear preferred direction: ${stats} over ${of} (${where}, but not more than chance would give); ${more}.`;
}
