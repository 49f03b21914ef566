// When a drift table is too unsure to apply. Each frame's drift adds up every step before it, so a table
// whose steps were guessed, or pinned down by neither image registration nor the objects found, carries
// every step's error into every later row: such a table is declined (nothing applied, the answer says why)
// rather than applied as a guess.
//
// The rule comes from a sweep over generated movies (models/training/drift-sweep.ts: our simulator's static,
// moving and dividing cells at two densities and two SNRs, and five real movies, each with synthetic drift of
// 0-30 px added as a line, a random walk or jumps; 170 variants, 139 whose steps showed motion), chosen on a grid
// by the mean error it leaves over those 139 (the table's where applied, the drift's where declined). The rule as
// it stood (sure by less than 0.5 on average, agreement at under a quarter of the steps both estimates measured,
// judged only where both measured at least 3) left 5.47 px, applied 60 tables with an error over 2 px and declined
// 1 correctable one. Judging agreement among all steps (a step nothing confirmed counts as unconfirmed, rather than
// leaving the share unjudged where the objects pinned down only 2 steps, as on crops with a few large nuclei) at
// under a tenth of them leaves 4.68 px, applies 47 such tables and still declines 1 correctable one. Neighbours
// on the grid: a tenth to 0.15 of the steps and a mean of 0.4 or 0.5 leave 4.68-4.79 px; a quarter of the steps
// 4.77-5.05 px (43-45 such applications: fewer, but at the cost of declining tables that removed most of a large
// drift); any share of the steps both measured 5.19-5.47 px.

/** What the step checks found, for the decision. */
export interface StepEvidence {
  /** Frame-to-frame steps (frames - 1). */
  steps: number;
  /** Steps of confidence 0 (guessed: nothing measured them well enough). */
  unsureSteps: number;
  /** Mean confidence of the steps, 0 (guessed) to 1 (image registration confirmed by the objects). */
  meanStepConfidence: number;
  /** Steps both image registration and the objects measured precisely... */
  bothMeasured: number;
  /** ... and of those, the ones where the two agreed. */
  confirmedSteps: number;
}

export interface DeclineRule {
  /** Declined when more than this share of the steps were guessed. */
  mostGuessedShare: number;
  /** Declined when the steps are sure by less than this on average... */
  leastMeanStepConfidence: number;
  /** ... and image registration and the objects agreed at fewer than this share of the steps... */
  leastConfirmedShare: number;
  /** ... of all steps ('steps'), or of those both measured ('measured'; only judged where both measured at least 3). */
  confirmedShareOf: 'steps' | 'measured';
}

/** The rule applied (see the module comment for where the numbers come from). */
export const DECLINE_RULE: DeclineRule = { mostGuessedShare: 0.5, leastMeanStepConfidence: 0.5, leastConfirmedShare: 0.1, confirmedShareOf: 'steps' };

/** Whether a table with this evidence is too unsure to apply (tables of fewer than 3 steps are never declined: too few to judge). */
export function tooUnsure(evidence: StepEvidence, rule: DeclineRule = DECLINE_RULE): boolean {
  if (evidence.steps < 3) return false;
  const guessed = evidence.unsureSteps > rule.mostGuessedShare * evidence.steps;
  const judged = rule.confirmedShareOf === 'steps' ? evidence.steps : evidence.bothMeasured;
  const unconfirmed = judged >= 3 && evidence.confirmedSteps < rule.leastConfirmedShare * judged && evidence.meanStepConfidence < rule.leastMeanStepConfidence;
  return guessed || unconfirmed;
}
