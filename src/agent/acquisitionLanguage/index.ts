// The language of acquisitions: the one parser that turns a person's words about the
// microscope into the typed plans, adjustments and rules the microscope tools take.
export { AmbiguousCommand, parseAdjustment } from './adjustments.ts';
export { parseAcquisitionRequest, type ParsedRequest } from './requests.ts';
export { parseRule } from './rules.ts';
export { routeMicroscopeRequest, toolCarrying, type MicroscopeRoute } from './route.ts';
export { commandOfSentences, withStageMotionNamed } from './sentences.ts';
export { findChannels } from './words.ts';
export { runThingsAskedBack } from './runThingsNamed.ts';
export { runOnCommandApart } from './runOnClauses.ts';
export { describeRule } from '../../microscope/ruleSpec.ts';
export { describeAdjustment } from '../../microscope/adjustment.ts';
