// The one frame a question names, as its 1-based number: "frame 12", or an end of the movie ("the first frame", "the
// last frame", "the penultimate frame") once the movie's length is known. A step run on that frame alone answers it.
import type { QuestionScope } from './tableAnswers.ts';

/** The 1-based frame a question's scope names, or undefined when it names none or an end of a movie of unknown length. */
export function askedFrameNumber(scope: Pick<QuestionScope, 'frame' | 'beforeLast'>, frameCount?: number): number | undefined {
  if (typeof scope.frame === 'number') return scope.frame;
  if (scope.frame === 'first') return 1;
  return scope.frame === 'last' && frameCount !== undefined ? frameCount - (scope.beforeLast ?? 0) : undefined;
}
