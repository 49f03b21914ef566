// A bound whose things are said to be left out after it ("tracks shorter than 10 frames were excluded", "anything under
// 30 px discarded", "tracks under 5 frames should be removed"): the things compared go, the others are kept. One reading
// for every reader of bounds (the arguments reader's min/max areas, filter_tracks' frames and speeds), so a methods
// sentence or a terse note is never read backwards as keeping what it drops.

const LEFT_OUT_PARTICIPLE = String.raw`(?:dropped|removed|discarded|excluded|ignored|deleted|rejected|omitted|eliminated|ditched|binned|tossed|filtered\s+out|left\s+out|thrown\s+(?:away|out)|got\s+rid\s+of)`;
const LEFT_OUT_VERB = String.raw`(?:drop|remove|discard|exclude|ignore|delete|reject|omit|eliminate|ditch|bin|toss|filter\s+out|leave\s+out|throw\s+(?:away|out)|go)`;

/** An exclusion said after the comparison, of the things it compared ("... under 20 px, throw them out", "... drop those"). */
const EXCLUDED_AFTER = /^[^.;]{0,30}?\b(?:(?:were|was|are|is|be|been|get|got)\s+(?:then\s+|all\s+)?(?:dropped|removed|discarded|excluded|ignored|deleted|rejected|filtered\s+out|thrown\s+(?:away|out))|throw\w*\s+(?:them|those|these|it)\s+(?:away|out)|(?:drop|remove|discard|exclude|ignore|delete|reject|toss|bin)\s+(?:them|those|these)|get\s+rid\s+of\s+(?:them|those|these))\b/i;

/** The passive of leaving out, at the end of the comparison's own clause ("... or touching the border were excluded"). */
const EXCLUDED_PASSIVE = /^[^.;,]{0,60}?\b(?:were|was|are|is|been)\s+(?:then\s+|all\s+|also\s+)?(?:dropped|removed|discarded|excluded|ignored|deleted|rejected|filtered\s+out|thrown\s+(?:away|out))\b/i;

/**
 * The leaving out said right after the bound's number and unit, bare or with a modal ("... under 5 frames discarded",
 * "... 30 px should be removed", "... can be ignored", "... get dropped", "... are to go"): up to three words of the
 * bound between ("frames long", "in area"), none that starts another clause.
 */
const LEFT_OUT_RIGHT_AFTER = new RegExp(
  String.raw`^\s*(?:(?!(?:and|then|but|or|so|to|with|without|keep|kept)\b)[\p{L}µ²]+\s+){0,3}?(?:(?:should|must|shall|will|can|could|may|might|need\s+to|needs\s+to|are\s+to|is\s+to|have\s+to|has\s+to|get|gets|got|were|was|are|is)\s+(?:then\s+|all\s+|also\s+|simply\s+|just\s+)?(?:be\s+|get\s+)?)?(?:${LEFT_OUT_PARTICIPLE}|(?<=(?:should|must|shall|will|can|could|may|might|to)\s+)${LEFT_OUT_VERB})\b`,
  'iu',
);

/** True when the words after a bound (from the end of its number and unit) say the things it compares are left out. */
export function leftOutSaidAfter(after: string): boolean {
  return EXCLUDED_AFTER.test(after.split(/[.;]/)[0]) || EXCLUDED_PASSIVE.test(after.split(/[.;,]/)[0]) || LEFT_OUT_RIGHT_AFTER.test(after.split(/[.;,]/)[0]);
}
