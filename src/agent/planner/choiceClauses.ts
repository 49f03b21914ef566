// "temporal upsampling x2 by frame interpolation, linear blend rather than the network": a clause that names only a value
// of a planned step's choice (its method, its kind) is that step's setting, said apart from its verb; never an errand
// from elsewhere dropped as "not something cellpilot does". The value turned down in it ("rather than the network") is not
// the one taken.
import { allowedValues, type Catalogue } from './catalogue.ts';
import { findEnumValue } from './enums.ts';
import { turnsDown } from './rejectedValues.ts';
import type { PlannedStep } from './types.ts';

export interface ChoiceSaid {
  step: PlannedStep;
  arg: string;
  value: string;
}

/** The value of a planned step's choice the words name (and do not turn down), with the step and the argument. */
export function choiceSaidAlone(words: string, steps: PlannedStep[], catalogue: Catalogue): ChoiceSaid | undefined {
  const spans = words.match(/[\p{L}\d][\p{L}\d'-]*(?:\s+[\p{L}\d][\p{L}\d'-]*)?/gu) ?? [];
  const single = words.match(/[\p{L}\d][\p{L}\d'-]*/gu) ?? [];
  for (const step of steps) {
    for (const [arg, p] of Object.entries(catalogue.get(step.tool)?.properties ?? {})) {
      if (allowedValues(p).filter((v) => typeof v === 'string').length < 2) continue;
      for (const said of [...single, ...spans]) {
        if (said.length < 3 || turnsDown(words, said)) continue;
        const value = findEnumValue(step.tool, arg, said, catalogue);
        // (the value by its own name, never a loose reading of everyday words: "book a table at the Thai place" is an errand)
        if (value && new RegExp(String.raw`(?:^|[^\p{L}])${value.replace(/[_-]/g, '[\\s_-]?')}(?:$|[^\p{L}])`, 'iu').test(said)) return { step, arg, value };
      }
    }
  }
  return undefined;
}
