// The microscope: controller interface, simulated microscope, acquisition engine,
// self-driving rules, dose ledger, limits and the language of acquisition commands.
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
export * from './language.ts';
export * from './session.ts';
export * from './modelScore.ts';
