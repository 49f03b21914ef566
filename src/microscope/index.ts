// The microscope: controller interface, simulated microscope, acquisition engine,
// self-driving rules, dose ledger and limits. (The language of acquisition commands is the
// agent's: src/agent/acquisitionLanguage.)
export * from './config.ts';
export * from './microscope.ts';
export * from './limits.ts';
export * from './dose.ts';
export * from './clock.ts';
export * from './sequence.ts';
export * from './events.ts';
export * from './timeline.ts';
export * from './adjustment.ts';
export * from './measures.ts';
export * from './autofocus.ts';
export * from './rules.ts';
export * from './sink.ts';
export * from './guard.ts';
export * from './simulated.ts';
export * from './engine.ts';
export * from './acquisition.ts';
export * from './runner.ts';
export * from './channelSettings.ts';
export * from './latestImages.ts';
export * from './microscopeEngine.ts';
export * from './planEdit.ts';
export * from './acquisitionStatus.ts';
export * from './signals.ts';
export * from './ruleSpec.ts';
export * from './session.ts';
export * from './modelScore.ts';
