// Part 5 of the evaluation suites; the parts and the gate they share are in evalParts.ts.
import { describeEvalPart } from './evalParts.ts';

describeEvalPart(5);
