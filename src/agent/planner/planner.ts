// The offline planner: a request in a biologist's words → a plan of tool calls with
// symbolic references to earlier results, resolved step by step as results arrive.
// Deterministic and local: no network, no model weights.
import { withoutToldParts } from './toldParts.ts';
import { bareNumberSetting } from './bareNumberSetting.ts';
import { settingOfAStepRun } from './settingOfAStepRun.ts';
import { stepPutFirstPlan } from './stepPutFirst.ts';
import { asksWhatChanged, lastChangeAnswer } from './lastChangeAsked.ts';
import { withLackSupplied } from './toldLacks.ts';
import { pointsAtTheInput } from './inputPointedAt.ts';
import { statesWhatTheDataIs } from './dataStatements.ts';
import { withFeatureTables } from './featureTables.ts';
import { asksCountPerRegion } from './regionCounts.ts';
import { choiceSaidAlone } from './choiceClauses.ts';
import { otherFilesPlan } from './otherFiles.ts';
import { z } from 'zod';
import { ALL_TOOLS, findTool } from '../allTools.ts';
import { framesKeptRequest } from './framesKept.ts';
import type { ToolSelfDescription } from '../../../tools/types.ts';
import { acceptedInputs, adaptArgs, allowedValues, type Catalogue, type PropertyInfo, INPUT_TYPES, type InputType, isTruth, makerOf, producesOf, requiredInputs, rerunnerOf, selfOf, writesCopies } from './catalogue.ts';
import { choiceOfSetting, impliedChoices } from './impliedChoices.ts';
import { preparedFirst } from './preparedFirst.ts';
import { fallbackCut, fallbackNote, fallbackWay, wayAsSetting } from './fallbackStep.ts';
import { type Clause, toldDividing, asksForAStep, isAdviceQuestion, isContext, statesLabelling, isFrameScopeOnly, leftOutSpans, withoutImagingKind, withoutChannelScope, splitClauses, withoutOrderOpener, orderSteps, runsFirst, withoutContext, withoutFrameScope, withoutListMarkers, withoutReferenceAsides, withoutWishedEffects, withoutSampleLabels, withAbbreviationStopsBlanked, withVerbPhrasesApart, withoutTimeBudget } from './clauses.ts';
import { findEnumValue, withoutRejected } from './enums.ts';
import { namesMeasuredQuantity } from './measuredWords.ts';
import { fieldNamedLine } from './fieldNamed.ts';
import { nameWords, statedNumbers, statedNumbersScored, statedValues, valuesByName } from './arguments.ts';
import { notDoneNote, opensWithoutAnAction, unappliedWords, unmatchedAction } from './unapplied.ts';
import { asksForAnalysisUnnamed, whichAnalysis } from './vagueRequests.ts';
import { withOperationsDoneByItself } from './doneByItself.ts';
import { withoutQuestionAfterChange } from './questionAfterChange.ts';
import { maskRejected, OBJECT_NOUNS, objectsWithinObjectsNote, toolDeclares, unappliedConstraints, unappliedNote, withWords } from './constraints.ts';
import { withLetterFormsBlanked, withoutLetterForms } from './letterForms.ts';
import { normalisedRequest, withFaultOfTheTurnBefore } from './normalise.ts';
import { codeAsked, codeAskedReply } from './codeAsked.ts';
import { asksAPurchase, isOutOfScope, namesASubject, namesAThingImaged, picturesOfElsewhere } from './outOfScope.ts';
import { foreignClauses, foreignNote, withoutForeign } from './foreignClauses.ts';
import { fileOfAnotherRole } from './roleOfAFile.ts';
import { asksHowToUse } from './helpPlea.ts';
import { continuesALaterLook } from './ownLaterLook.ts';
import { leftToTheUser, userWillDo } from './leftToTheUser.ts';
import { mannerOfTheStepBefore } from './stepManner.ts';
import { withArgumentInitials } from './argumentInitials.ts';
import { withAntecedent } from './pronounObject.ts';
import { saysWhatIsSeen } from './faultConsequence.ts';
import { isASpansReason, whenGivesASpansReason } from './scopeReason.ts';
import { sentencesOfOwnWay } from './ownWayElsewhere.ts';
import { explainValues } from './valueMeanings.ts';
import { imageQualityReply } from './imageQuality.ts';
import { applyReferenceFrame } from './referenceFrame.ts';
import { stepDoneBefore } from './stepDoneBefore.ts';
import { askedMeanings, asksAValue, changesImagesReply, makesImages, measuredInstead, notMeasuredReply, onlyReports, reporterFor, resultHits, statesObjectMotion, statesObjectSize, unmeasuredQuantity } from './propertyQuestions.ts';
import { asksAboutFiles, asksForTheSteps, explainStep } from './explanations.ts';
import { settingAnswer } from './stepSettings.ts';
import { whyTheseUnits } from './unitReasons.ts';
import { aboutTheAnalysis, answerFromHeader, heldTableHasIt, namesOneAnalysedThing, pointsAtTheMovie, recordingQuestion } from './recordingQuestions.ts';
import { GENERIC_SPREAD, type Match, type ToolIndex } from './matcher.ts';
import { namesAnotherResult } from './elidedResult.ts';
import { withStepsAheadOfNamed } from './beforeNamedStep.ts';
import { isReportedAim, withAimsLast } from './aimLast.ts';
import { indexFor } from './toolIndex.ts';
import { channelRolesOf } from './channelRoles.ts';
import { isStopWord, meaning, normalizeWord, stopWords, type Token, type Tokens, tokenize } from './words.ts';
import { isEverydayWord } from './english.ts';
import { questionProductsAside } from './questionProducts.ts';
import type { Conversation, KnownArtifact } from './conversation.ts';
import { answerFromValues, composeAnswer, failureAnswer, movieIntervalS, notUnderstood, verbFor } from './answers.ts';
import { conditionalPlan, withConditionsDecided } from './conditionalSteps.ts';
import { eachCommandPlanned } from './microscopeCommandList.ts';
import { type RunTurnReaders, withRunThingsAskedBack } from './microscopeThingsNamed.ts';
import { withoutRepeatedSteps } from './repeatedSteps.ts';
import { contrastedValues } from './contrastedValues.ts';
import { unwrittenFileKinds, formatsOffered } from './fileKinds.ts';
import { namedTests, runsATest } from './untestedDifference.ts';
import { conditionAsQuestion, needDecidedBy, withConditionNamed, withNote } from './conditionForms.ts';
import { figureOfTheQuestion } from './questionFigure.ts';
import { answerFromTable, asksForAFigure, makesATableFirst, questionPartsOf, tableWithFeature, askedPart, askingAt, countAsQuestion, countAtFramesAsQuestion, asksTheMeanCount, countsEvents, significanceAskedAlone, countsDividingCells, countsMovingCells, countsWholeTracks, isNotQuantityWord, plainQuestion, asksAMeasuredQuantity, asksHowMuch, asksInUnits, asksForAnAnswer, asksTheData, countsAtAScope, countsThings, countsWithACondition, isAskedForm, measuringWords, opensWithAnExtreme, namesQuantity, questionClause, withoutScope, withoutUnits } from './tableAnswers.ts';
// (its own line: the objects a measured column keeps, edgeObjects.ts)
import { asksASizeAcross, keepsRowsByAColumn } from './tableAnswers.ts';
import { selectionAsked, selectionMisread, stepOnSelection } from './selectionAsked.ts';
import { buildArgs, clauseForTool, requestPixelSizeUm, sessionPixelSizeUm, withoutChannelOfTheMasks } from './builders.ts';
import { overwritesOfInput, rawDataKeptNote, withoutOverwrites } from './rawDataKept.ts';
import { FRACTION_SCOPE, excludedScopes, findArtifactIds, findChannel, findChannels, findFrames, findOutput, findPaths, isMoviePath, withoutExcludedScope } from './extract.ts';
import { sessionFrameCount } from './builders.ts';
import { numericArgumentsDescribed, relativeChanges, settingsUsed } from './relativeChanges.ts';
import { applyFrameScope, frameScopeTheTableMisses } from './frameScope.ts';
import { measuredAgainAfterCalibration } from './staleTables.ts';
import { applyZScope } from './zScope.ts';
import { withoutSettingClauses } from './settingClauses.ts';
import { colouredByAProperty, colouredByAPropertyLine, formatNumber, VAGUE_SIZE_LEFT_OUT } from '../../../tools/requestWords.ts';
import { programNamedIn } from '../../../tools/common.ts';
import { statedFrameIntervalS, toldCalibrationWords, withoutToldCalibration } from './askedUnits.ts';
import { trackEndsAsked } from './trackSpans.ts';
import { adviceOutsideNotes, asksAdvice } from './adviceQuestions.ts';
import { judgementAfterSteps, judgementAsked } from './judgementQuestions.ts';
import { areasInPixels, findQuantities, numberWordsAsDigits, statedCalibration, timesInFrames, withAppositiveValues, withShorthandNames, withBarePixelSizeInMicrons } from './quantities.ts';
import { isRef, type Action, type Plan, type PlannedStep, type Ref } from './types.ts';
import { withRangesNamed } from './rangesForOneValue.ts';
import { REGION, withRegionCut } from './regionScope.ts';
import { withSelectionFirst } from './selectionScope.ts';
import { opensWithTheStep, settingsForANamedStep } from './stepNamedAgain.ts';
import { edgeSubsetOf } from './edgeObjects.ts';
import { fittedInput } from './valueInputs.ts';
import { measuredFirstNote, measuredTableAsked, sideTableWritten } from './sideTable.ts';
import { namesWhatItMakes } from './namedResults.ts';
import { microscopeLanguage } from './microscopeLanguage.ts';
import { avoidTurnedDown, turnsDown } from './rejectedValues.ts';
import { frameCounts, matchingMovie, multiFrame, needsFrames } from './frames.ts';
import { keptAsPipeline } from './pipelineFrame.ts';
import { otherMovieNamed, repeatedRequestPlan } from './repeatedRequest.ts';
import { inputCorrectionPlan, withoutInsteadOfNothing } from './inputCorrection.ts';
import { complaintPlan } from './resultRemedies.ts';
import { savedPipelineHowTo, savedPipelineSettingPlan } from './savedPipeline.ts';
import { capabilityAnswer, featureAnswer, optionsAnswer } from './capabilityQuestions.ts';
import { readableFilesAnswer } from './readableFiles.ts';
import { optionAnswer } from './optionQuestions.ts';
import { withMagnitudeAsked } from './magnitudeAsked.ts';
import { answeredByAnAskedStep } from './askedOfAStep.ts';
import { accountForRequest, ownWordsOf, unknownThings } from './accounted.ts';
import { namesOnlyTheOrder } from './orderReference.ts';
import { namesHeldResultOnly } from './heldResultNamed.ts';
import { stepsARerunCovers } from './rerunCovers.ts';
import { restatesStepBefore } from './restatedStep.ts';
import { withoutRowScope } from './rowScope.ts';
import { memoCopiedForStep } from './stepMemo.ts';
import { onlyAnInputPhrase, preparedInClause, preparesMovie, wordsBesideInput } from './preparedInput.ts';
import { measuredFaultAsQuestion } from './measuredFault.ts';
import { measuredOnlyForAQuestion, writesAResult } from './measuredOnly.ts';
import { eachOfNothingDone } from './eachReferent.ts';
import { askedDeclaredResult, type DeclaringTool } from './declaredResults.ts';
import { countedThings, unmeasuredCountedDoing, unmeasuredCountReply } from './unmeasuredCounts.ts';
import { mitosisDurationAsked, mitosisDurationReply } from './mitosisDuration.ts';
import { compartmentRatioAsked, compartmentRatioNote, withoutCompartmentRatio } from './compartmentRatio.ts';
import { repeatsAChoice } from './parallelClause.ts';
import { framesLeftOutByKind } from './framesLeftOutByKind.ts';
import { comparesOnly } from './comparisonClause.ts';

export type { Action, Plan, PlannedStep, Ref } from './types.ts';
export { indexFor } from './toolIndex.ts';
export { answerFromValues, composeAnswer, notUnderstood } from './answers.ts';

export interface Mention {
  tool: string;
  /** Start of the clause that asks for it (its words run to the next mention). */
  start: number;
  end: number;
  /** Where its clause sits in the order the request asks for. */
  order: number;
}

export interface Understanding {
  mentions: Mention[];
  /** Tools the request says not to run ("but don't track them"). */
  excluded: string[];
  /** Where the clauses that say so are: no step reads its arguments from them. */
  excludedSpans?: { start: number; end: number }[];
  /** Switches that write a result, turned off by a clause that turns the result down ("correct the drift, no new movie": correct_drift's writeMovie). */
  resultsOff?: { tool: string; arg: string }[];
  /** Clauses that tell something does not happen ("these cells don't divide"): the switches on by default that look for it are off. */
  toldNot?: { start: number; end: number }[];
  /** What a step makes, turned down where it cannot be left out ("segment the nuclei, no label image"): named as not applied. */
  resultsKept?: { tool: string; text: string }[];
  /** Headings over listed steps ("my boss wants the tracks as CSV: segment, track, export"): their words are the arguments of the listed step of their tool, no other's. */
  headings?: { start: number; end: number; tool: string }[];
  /** Clauses that say only where the steps run ("only the first half of the movie:"): their frames apply to the steps that take frames. */
  scopes?: { start: number; end: number }[];
  /** Channels or frames a clause of its own leaves out of the step before ("..., except the first channel"), no step excluded. */
  scopesLeftOut?: { tool: string; text: string }[];
  /** Clauses that tell how the objects are labelled ("they're outlined by a membrane marker"), or point at results already made ("use the masks we have"): no constraint left. */
  labelling?: { start: number; end: number }[];
  /** Actions asked that no tool does ("invert it"), each named in the answer as not done; and the steps left out that would have used their result. */
  notDone?: { verb: string; clause: string; dropped?: string }[];
}

/**
 * Words of a tool's arguments (names and allowed values, and with `described` their
 * descriptions): "with drift and noise" describes a simulation, "the cells move up to
 * 12 px" the tracker's largest move.
 */
function argumentMeanings(tool: string, catalogue: Catalogue, described = false): Set<string> {
  const props = catalogue.get(tool)?.properties ?? {};
  const words = Object.entries(props).flatMap(([name, p]) => [
    name.replace(/(Px|Um|S|Ms|Percent|Frames)$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
    ...((p.enum ?? []) as unknown[]).map(String),
    ...(described && p.description ? [p.description.split(/[;(]/)[0]] : []),
  ]);
  return new Set(tokenize(words.join(' ')).map((t) => meaning(t.stem)));
}

const ARGUMENT_NAMES = new WeakMap<Catalogue, Set<string>>();

/**
 * A participle of how the sample was handled or recorded, with how, when or how often, joined to a sentence of context
 * ("The cells were treated with nocodazole and imaged every 10 min", "..., then fixed at 48 h"): more of that context,
 * no step ("imaged" is no picture to make). Never a verb of analysis ("and segmented with Otsu" is a methods line).
 */
/**
 * A bare phrase of when, after a sentence of context ("because the cells migrate faster | after stimulation"): the time
 * of what the context tells, no step (a gerund, "after correcting the drift", is a step and not this).
 */
const WHEN_TOLD = /^(?:after|before|following|upon|once|during|under)\s+(?!\S+ing\b)(?:the\s+|a\s+|an\s+|our\s+|my\s+|their\s+)?(?:[\p{L}\d-]+\s*){1,3}[.!]*$/iu;
const TOLD_FURTHER = /^(?:(?:and|,|then|and\s+then)\s+)*(?:already\s+|also\s+|both\s+|subsequently\s+|later\s+)?(?:imaged|recorded|acquired|filmed|treated|fixed|stained|transfected|incubated|plated|seeded|grown|cultured|starved|washed|kept|left|followed|monitored|observed|stimulated|infected|exposed|synchroni[sz]ed|released|arrested|mounted|labell?ed)\b(?!\s+(?:and|then)\s+(?:segment|track|measur|plot|count|quantif|analy[sz]))[^.;!?]*$/i;

/** Every argument name of the catalogue's tools ("minAreaPx", "excludeBorder"). */
function argumentNamesOf(catalogue: Catalogue): Set<string> {
  let names = ARGUMENT_NAMES.get(catalogue);
  if (!names) {
    names = new Set([...catalogue.values()].flatMap((info) => Object.keys(info.properties)));
    ARGUMENT_NAMES.set(catalogue, names);
  }
  return names;
}

/**
 * A clause that only says how a thing of the data is, by a verb of being and one adjective ("the pixels are too big", "the
 * rest is empty", "the nuclei look really dim"): beside a part that asks for a step, it is the reason for that step, no step
 * of its own (a fault it names is still the one a later "fix it" points back at).
 */
const HOW_THINGS_ARE = /^(?:(?:and|but|so|because|as|since)[,\s]+)?(?:the|my|our|this|these|those|its|their|all\s+the)\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+\s+(?:is|are|was|were|looks?|seems?|gets?|got|appears?)\s+(?:(?:too|very|really|so|quite|rather|pretty|a\s+bit|a\s+little|kind\s+of|sort\s+of|way|far|all|just|mostly|completely|totally|almost|basically)\s+)*[\p{L}]+\s*[.!]*$/iu;
function saysHowThingsAre(text: string): boolean {
  return HOW_THINGS_ARE.test(text.trim()) && !/\b(?:done|finished|ready|complete|completed|made|there)\s*[.!]*$/i.test(text.trim());
}
/** A part that asks for something: "can you ...", "please ...", "I'd like / need ...", or a verb opening it with its object. */
const ASKS_FOR_A_STEP = /\b(?:can|could|would|will)\s+you\b|\bplease\b|\b(?:i|we)(?:'d|\s+would)?\s+(?:like|want|need)\b|^\s*(?:(?:so|and|then|now|just)\s+)*(?!(?:the|my|our|this|these|those|it|they|there|its|their|i|we|you|is|are|was|were|do|does|did|how|what|which|why|when|where|who|if)\b)[a-z]+\s+(?:out\s+|up\s+)?(?:the|it|them|this|my|all|each|every|a|an|just|only)\b/i;

/** A result said to be one image: "into one image", "as a single picture", "to a single frame". */
const ONE_IMAGE = /\b(?:into|to|as|in|onto)\s+(?:just\s+|only\s+)?(?:one|a\s+single|a|1|single)\s+(?:single\s+|still\s+|2d\s+|flat\s+)?(?:image|picture|frame|plane|snapshot)\b/i;

/** The tool writes a single frame, always or for some of its arguments (a projection over time). */
function writesOneFrame(tool: string, catalogue: Catalogue): boolean {
  const out = selfOf(tool, catalogue)?.framesOut;
  return out === 'one' || typeof out === 'function';
}

/** The tools a request asks for, one per clause, in the order it asks for them; and those it excludes. */
export function understand(original: string, catalogue: Catalogue = new Map()): Understanding {
  // (read several times per planning step: stepMemo.ts)
  return memoCopiedForStep(catalogue, 'understand', original, () => understandNow(original, catalogue));
}

function understandNow(original: string, catalogue: Catalogue): Understanding {
  const text = maskNames(original);
  const index = indexFor(catalogue);
  // "how many frames and channels does it have?": one question, not two steps
  const clauses = isOneQuestion(text) ? [{ text: text.trim(), start: text.length - text.trimStart().length, end: text.trimEnd().length, negated: false, joiner: '', sentence: 0 }] : withVerbPhrasesApart(splitClauses(text), index, (tool) => runsMicroscope(tool, catalogue));
  // (`at`: where in its clause a step's words start, when a clause asks for two steps: "... of each track as a csv")
  // (`first`: a step said inside another's clause as what prepares its movie runs before it, preparedInput.ts)
  const picked: { clause: number; tool: string; at?: number; weak?: boolean; named?: boolean; writes?: boolean; first?: boolean }[] = [];
  const excluded: string[] = [];
  const excludedSpans: { start: number; end: number }[] = [];
  const resultsOff: { tool: string; arg: string }[] = [];
  const resultsKept: { tool: string; text: string }[] = [];
  const scopesLeftOut: { tool: string; text: string }[] = [];
  const notDone: { verb: string; clause: string; at: number; dropped?: string }[] = [];
  const scopes: { start: number; end: number }[] = [];
  const labelling: { start: number; end: number }[] = [];
  const headings: { start: number; end: number; tool: string }[] = [];
  const restrictions: { clause: number; start: number; end: number; sentence: number }[] = [];
  // the negated clauses that excluded a step, and whether they named it (see keptAfterAll)
  const negations: { clause: number; tool: string; named: boolean; matched: string[] }[] = [];
  // the step a sentence of context describes a problem for ("the stage drifted a lot"), for a later "fix that"
  let described: Match | undefined;
  let describedAt = -1;
  // "cells divide a lot in this movie, track them" / "these cells don't divide, track them": whether the objects divide,
  // told, is for the step that links them (its splitting switch) and, when they do, the step that finds the divisions
  let dividing: { clause: number; told: 'yes' | 'no'; tool?: string } | undefined;
  const toldNot: { start: number; end: number }[] = [];
  // ("Normally I'd do this in TrackMate and export the spots. Could you just track them?": the person's own way, ownWayElsewhere.ts)
  const ownWay = sentencesOfOwnWay(new Map(clauses.map((c) => [c.sentence, text.slice(clauses.find((d) => d.sentence === c.sentence)!.start, clauses.findLast((d) => d.sentence === c.sentence)!.end)])));
  clauses.forEach((clause, i) => {
    const divides = clause.heading ? undefined : toldDividing(clause.text);
    if (divides) {
      dividing = { clause: i, told: divides, tool: bestMatch(index.match(clause.text), clause.text, catalogue)?.tool };
      if (divides === 'no') toldNot.push({ start: clause.start, end: clause.end });
      return;
    }
    // ("they're outlined by a membrane marker": how the objects are labelled is the finding step's, no step)
    if (!clause.negated && statesLabelling(clause.text)) { labelling.push({ start: clause.start, end: clause.end }); return; }
    // "Hi! I have a time-lapse of HeLa cells": what the data is, not a step
    // ("The nuclei are already segmented and tracked.": a participle joined to a sentence of context tells more of it)
    // (the clause it is joined to: "Hi, the movie ... needs to be segmented in channel 3 and tracked" joins "tracked" to a step, not to the greeting)
    const opener = i > 0 && clauses[i - 1].sentence === clause.sentence ? clauses[i - 1] : clauses.find((c) => c.sentence === clause.sentence);
    if (isContext(clause.text) || (!clause.negated && (saysHowThingsAre(clause.text) || (statesWhatTheDataIs(clause.text) && !selfOf(bestMatch(index.match(clause.text), clause.text, catalogue)?.tool ?? '', catalogue)?.removes?.length)) && clauses.some((c) => c !== clause && c.sentence >= clause.sentence - 1 && c.sentence <= clause.sentence + 1 && ASKS_FOR_A_STEP.test(c.text) && !saysHowThingsAre(c.text))) || (opener !== clause && opener && isContext(opener.text) && ['and', ','].includes(clause.joiner) && (/^(?:(?:and|,)\s+)?(?:already\s+|also\s+|both\s+)?(?:[\w-]+ed|done|made)\s*[.!]*$/i.test(clause.text) || TOLD_FURTHER.test(clause.text))) || (opener !== clause && opener && isContext(opener.text) && WHEN_TOLD.test(clause.text)) || (opener !== clause && opener && continuesALaterLook(opener.text, clause.text)) || (!clause.negated && ownWay.has(clause.sentence)) || (i > 0 && clauses[i - 1].sentence === clause.sentence && isASpansReason(clauses[i - 1].text, clause.text))) {
      const said = bestMatch(index.match(clause.text), clause.text, catalogue);
      if (said) [described, describedAt] = [said, i];
      return;
    }
    // ("use the masks we have", "with the labels we already have", "use the existing tracks": results already made, pointed
    // at, ask for no step that makes them again; the steps after them take them)
    if (!clause.negated && (pointsAtResultsHeld(clause.text, index, catalogue) || pointsAtTheInput(clause.text))) { labelling.push({ start: clause.start, end: clause.end }); return; }
    // "threshold with Li but run a 2 px median over it beforehand": a clause said to run first, after a step in its sentence,
    // that no tool's words match but that names a value of one preparing tool's choices ("median" of denoise's method), is that step
    const before0 = picked.at(-1);
    // ("segment, smoothing with sigma 1.5 px first": a participle after a step, naming a setting that step declares, is how it runs, no step)
    if (!clause.negated && before0 && clauses[before0.clause].sentence === clause.sentence && mannerOfTheStepBefore(clause.text, index.match(clause.text), before0.tool)) return;
    // ("find the nuclei and outline them": the pronoun read as the nuclei, the words name the step before again, pronounObject.ts)
    if (!clause.negated && before0 && clauses[before0.clause].sentence === clause.sentence && restatesTheStepBefore(clause.text, clauses[before0.clause].text, before0.tool, catalogue)) return;
    if (!clause.negated && before0 && runsFirst(clause) && !index.match(clause.text).some((m) => !m.byArgument) && clauses[before0.clause].sentence === clause.sentence) {
      const valued = [...catalogue.keys()].filter((t) => t !== before0.tool && preparesMovie(t, catalogue) && tokenize(clause.text).some((w) => valuesOfTool(t, catalogue).has(w.word.toLowerCase())));
      if (valued.length === 1) {
        picked.push({ clause: i, tool: valued[0] });
        return;
      }
    }
    // "the nuclei are about 10 px across, how many in frame 2?": how big the objects are is a setting of the step that finds them, no step
    if (!clause.negated && statesObjectSize(clause.text)) return;
    // "hardly any cell moves more than 12 px per frame; track them": how far the objects move is a setting of the step that links them, no step
    if (!clause.negated && statesObjectMotion(clause.text)) return;
    // "measure the speed, for each track", "- per cell -": a distributive scope over the things an earlier step makes is how
    // that step reports, no step of its own (never a second tracking)
    if (!clause.negated && picked.length > 0 && EACH_SCOPE.test(clause.text)) return;
    // a negated clause names what not to run; elsewhere "instead of Otsu" names no step
    // ("start by registering the frames", "end with a max projection": words of order, no acquisition to start or stop)
    // ("Cells were tracked over 48 h (n = 4 independent experiments)": a sentence of a methods paragraph tells what was done
    // to data already recorded, so it asks for no microscope step)
    const told = pastPassive(original.slice(clauses.find((c) => c.sentence === clause.sentence)!.start, clauses.findLast((c) => c.sentence === clause.sentence)!.end));
    // ("net displacement for each track as a CSV": a measured quantity's scope over the tracks asks for no tracking)
    const words = clause.negated ? clause.text : withoutRejected(withoutShorthandAtSentenceEnd(clause, text, index));
    const unscopedWords = withoutRowScope(words, true);
    const ranked = index.match(withoutConditions(withoutTimeBudget(withoutChannelScope(withoutImagingKind(withoutFrameScope(withoutOrderOpener(unscopedWords !== words && asksAMeasuredQuantity(unscopedWords) ? unscopedWords : words))))))).filter((m) => !told || !runsMicroscope(m.tool, catalogue));
    let best = bestMatch(ranked, clause.text, catalogue) ?? (POINTS_BACK.test(clause.text) ? described : undefined);
    // "on the denoised movie, count the cells", "track the nuclei, but on a gaussian-smoothed copy": a clause that only
    // names the movie a step reads by how it was made is that step's input, no step of its own and no action left undone
    // (the step that reads it makes it first when nothing has: addInputs)
    if (!clause.negated && !clause.heading && onlyAnInputPhrase(clause.text) && producersNamed(original.slice(clause.start, clause.end), catalogue)?.every((p) => p !== '(input)' && preparesMovie(p, catalogue)) && clauses.some((c, k) => k !== i && c.sentence === clause.sentence)) return;
    // "count the nuclei on channel 2's max projection": a step asked on a movie named by how it was made ("max projection"),
    // where that maker's words won the clause, is the step the rest of the clause names (its input made first by addInputs)
    const beside = best && !clause.negated && !best.named ? wordsBesideInput(clause.text) : undefined;
    if (beside && producersNamed(original.slice(clause.start + beside.input[0], clause.start + beside.input[1]), catalogue)?.includes(best!.tool) && preparesMovie(best!.tool, catalogue)) {
      const rest = clause.text.slice(...beside.rest);
      const other = bestMatch(index.match(withoutFrameScope(rest)), rest, catalogue);
      if (other && other.tool !== best!.tool && (selfOf(other.tool, catalogue)?.consumes ?? []).includes('movie')) best = other;
    }
    // "average all the frames into one image": a result said to be one image is made by a tool that declares it writes one
    // frame (`framesOut`), never by one that writes as many frames as it reads (a drift correction whose reference is a mean)
    if (best && !best.named && !clause.negated && ONE_IMAGE.test(clause.text) && selfOf(best.tool, catalogue)?.framesOut === 'same') {
      const one = ranked.find((m) => m !== best && !m.byArgument && writesOneFrame(m.tool, catalogue));
      if (one) best = one;
    }
    // "analyse the nuclear signal over time", "follow each nucleus through the whole movie": a tool matched by the time
    // scope alone ("over time" of a projection's
    // description) gives way to one the words name a thing of (the intensity measured): the scope is the frames a
    // quantity is followed over, not a step of its own
    // (the words as stems: "across" is "acros", "frames" is "fram")
    // ("over the course of the movie", "during the course of the recording": the course of a span is that span)
    const byTimeScope = (m: Match) => !m.named && m.matched.length > 0 && m.matched.every((w) => /^(?:over|through|throughout|acros+|along|during) (?:cours )?(?:tim|movi|fram|record|sequenc)/.test(w));
    // (the quantity followed over time names its step, however many tools' words hold it: never a setting of the step before)
    // ("how many divisions across the movie?", "how many cells across the time-lapse?": the rarer "across" weighs the
    // scope about twice what "over" does, so another tool is followed from a third of its score, a quarter by its name word)
    // (never a tool whose words are the span's own, "movie" of simulate_movie)
    const spanOnly = (m: Match) => m.matched.every((w) => w.split(' ').every((x) => /^(?:over|through|throughout|acros+|along|during|cours|whole|entir|full|tim|movi|fram|record|sequenc|laps|video|film)/.test(x)));
    const followed = best && !clause.negated && byTimeScope(best) ? ranked.find((m) => !byTimeScope(m) && !spanOnly(m) && !m.byArgument && m.score >= (m.nameWord ? 0.25 : 0.33) * best!.score) : undefined;
    if (followed) best = { ...followed, nameWord: true };
    // "give me the tracks in format of trackmate": a clause whose words before a file format another tool writes only name
    // a result ("the tracks"), with no verb of its tool, asks for that file, not for the result made again
    const fileAsked = best && !best.named && !clause.negated ? fileFormatOfAnother(clause.text, best.tool, catalogue) : undefined;
    if (best && fileAsked && !opensWithOwnWord(clause.text, best.tool, catalogue)) {
      const before = new Set(index.meanings(tokenize(clause.text.slice(0, fileAsked.at))));
      const said = best.matched.flatMap((m) => m.split(' ')).filter((w) => before.has(w));
      // ("export the track statistics (speed, straightness) as csv": a clause opening with the file tool's own verb writes what it names)
      if (said.every((w) => INPUT_MEANINGS.has(w)) || opensWithOwnWord(clause.text, fileAsked.tool, catalogue)) best = ranked.find((m) => m.tool === fileAsked.tool) ?? best;
    }
    // "track, ignore divisions", "so turn off splitting", "ignore mitoses when tracking": a step whose words are all what a
    // verb leaves out or switches off is not run (excluded); the clause's other words may still name one ("... when tracking")
    // (not things found left out, "ignore nuclei smaller than 30 px": a filter on the objects, read below)
    if (best && !clause.negated && !best.named && !best.nameWord && VAGUE_SIZE_LEFT_OUT.test(clause.text) && leftOutSpans(clause.text).length) return;
    if (best && !clause.negated && !best.named) {
      const leftOut = leftOutSpans(clause.text).filter((s) => s.text && !OBJECT_WORDS.test(s.text));
      const saidOf = new Set(leftOut.flatMap((s) => tokenize(s.text).map((t) => meaning(t.stem))));
      if (leftOut.length && best.matched.every((m) => m.split(' ').every((w) => saidOf.has(w)))) {
        excluded.push(best.tool);
        excludedSpans.push(...leftOut.map((s) => ({ start: clause.start + s.start, end: clause.start + s.end })));
        const rest = leftOut.reduce((t, s) => t.slice(0, s.start) + ' '.repeat(s.end - s.start) + t.slice(s.end), clause.text);
        const other = bestMatch(index.match(withoutFrameScope(withoutRejected(rest))), rest, catalogue);
        if (!other || other.tool === best.tool || (!other.named && !other.nameWord && other.matched.every((m) => m.split(' ').every((w) => index.spread(w) >= GENERIC_SPREAD)))) return;
        best = other;
      }
    }
    // "... and divisions were scored": a tool that needs a thing the words do not give (evaluate's ground-truth folder, no
    // path said) gives way to a close one the words name by its own name word ("divisions")
    if (best && !best.named && lacksRequired(best.tool, original, catalogue)) {
      const named = ranked.find((m) => m !== best && (m.named || m.nameWord) && m.score >= 0.8 * best!.score && !lacksRequired(m.tool, original, catalogue));
      if (named) best = named;
    }
    // "the stage drifted overnight; fix it in the movie": a step named by the problem a sentence before described, whatever
    // words many tools use ("movie") the clause also has
    if (best && described && !best.named && POINTS_BACK.test(clause.text) && best.matched.every((m) => m.split(' ').every((stem) => index.spread(stem) >= GENERIC_SPREAD))) best = described;
    // "masks -> TIFF": of tools that read the words equally (opening a TIFF, writing one), the one that takes what the step before makes
    const lastPick = picked.at(-1);
    if (best && lastPick && !clause.negated && ranked[1] && ranked[1].score >= 0.99 * ranked[0].score) {
      const made = producesOf(lastPick.tool, catalogue);
      const takes = (m: Match) => (selfOf(m.tool, catalogue)?.consumes ?? []).some((t) => t !== 'movie' && made.includes(t));
      if (!takes(best)) best = ranked.filter((m) => m.score >= 0.99 * ranked[0].score).find(takes) ?? best;
    }
    // "both the min and the max projection": a value said before "and" shares the noun said after it; of tools that
    // read the words equally, the one the next clause names
    const following = clauses[i + 1];
    if (best && !clause.negated && ranked[1] && ranked[1].score >= 0.99 * ranked[0].score && following && following.sentence === clause.sentence && ['and', 'or'].includes(following.joiner)) {
      const shared = index.match(following.text)[0]?.tool;
      const tied = ranked.find((m) => m.tool === shared && m.score >= 0.99 * ranked[0].score);
      if (tied) best = tied;
    }
    // "my PI needs the tracks in TrackMate format": a tool's result named as a thing ("the tracks"), not its verb, beside
    // the words of a tool that takes that result, asks for that tool
    // ("tracks csv pls": the result's plural opening a clause with no verb is the thing too)
    const verbOf = best?.tool.split('_')[0] ?? '';
    const asThing = !!best && (new RegExp(`\\b(?:the|these|those|my|our|its|their)\\s+${verbOf}s\\b`, 'i').test(clause.text) || (new RegExp(`^${verbOf}s\\b`, 'i').test(clause.text) && !unmatchedAction(clause.text, index)))
      && !new RegExp(`^(?:\\w+\\s+){0,3}?${verbOf}(?:ing|ed)?\\b`, 'i').test(clause.text);
    if (best && asThing && (!best.named || new RegExp(`^${verbOf}s\\b`, 'i').test(clause.text)) && !clause.negated && ranked[1] && ranked[1].score >= 0.75 * best.score && (selfOf(ranked[1].tool, catalogue)?.consumes ?? []).some((type) => producesOf(best!.tool, catalogue).includes(type))) best = ranked[1];
    // "the longest 10 tracks", "top 5 tracks by total distance", "tracks that start in the first frame": things a tool selects,
    // as the clause's object with a rule its own reader reads, ask for that selection (selectionAsked.ts)
    const selection = !clause.negated ? selectionAsked(withoutRejected(clause.text), best, index, catalogue) : undefined;
    if (selection) best = selection;
    // ("how long do the tracks last, in minutes?": a question read as the selector with no rule is the next reading's)
    else if (!clause.negated && selectionMisread(clause.text, best, catalogue)) best = ranked.find((m) => m.tool !== best!.tool);
    // ("plot the 10 longest tracks": a step that reads the things, said with their selection, is that step on the selection)
    else if (!clause.negated) best = stepOnSelection(clause.text, best, ranked, index, catalogue, (tool, words) => namesAValueOf(tool, words, catalogue)) ?? best;
    // "Image analysis. Time-lapse stacks were ...": a sentence of a word or two that only an argument's name has, with
    // more sentences after it, is a title over them, no step
    if (best?.byArgument && !best.named && !best.nameWord && !/\d/.test(clause.text) && tokenize(clause.text).length <= 2 && clauses.some((c) => c.sentence > clause.sentence) && !clauses.some((c) => c !== clause && c.sentence === clause.sentence)) return;
    // "segment with a 2 pixel blur": a step named before "with", and another tool's word after it in a phrase that holds a
    // number, is how the named step runs (its setting), not a step of its own
    // ("segment using median smoothing, sigma 2": "using" and "via" say how as "with" does)
    const withAt = clause.text.search(/\b(?:with|using|via)\b/i);
    const namedBeforeWith = withAt >= 0 && best && !best.named && !clause.negated ? ranked.find((m) => m.named && m.at < withAt) : undefined;
    // (the number may follow, "with heavier blurring (sigma 4)"; or the words name a setting of the named step, "with a weaker blur")
    const withPhrase = withAt >= 0 ? clause.text.slice(withAt).split(/[,;]|\b(?:then|and|before|after)\b/i)[0] : '';
    if (namedBeforeWith && best && best.at > withAt && best.at < withAt + withPhrase.length && (/\d/.test(withPhrase) || namesASettingOf(namedBeforeWith.tool, withPhrase, catalogue))) best = namedBeforeWith;
    // ("TrackMate with the LoG detector": a step named by its own name or word before "with", and after it the words of the
    // step that makes its input, is the clause's step; its input's maker, added before it, reads the same words)
    const consumerBeforeWith = withAt >= 0 && best && !best.named && !best.nameWord && !clause.negated && best.at > withAt && best.at < withAt + withPhrase.length
      ? ranked.find((m) => (m.named || m.nameWord) && m.at < withAt && m.tool !== best!.tool && (selfOf(m.tool, catalogue)?.consumes ?? []).some((type) => producesOf(best!.tool, catalogue).includes(type)))
      : undefined;
    if (consumerBeforeWith) best = consumerBeforeWith;
    // "px 0.65 um", "650 nm pixels", "2 min/frame", "30 fps": numbers whose units say they calibrate the movie (a length per
    // pixel, a time per frame) are the calibration's, whatever the words around them, unless the clause names its own step
    // "Nuclei were tracked ... of 15 µm (pixel size 0.5 µm)": a step named in the clause, with a calibration said beside it, is
    // that step (the calibration is set first from the whole request's words)
    const namedStep = ranked.find((m) => m.named && !clause.negated && selfOf(m.tool, catalogue)?.appliesToLaterSteps !== true);
    if (best && namedStep && !best.named && selfOf(best.tool, catalogue)?.appliesToLaterSteps === true && namedStep.score >= 0.5 * best.score) best = namedStep;
    const calibrator = calibrates(text, clause, original, catalogue);
    // ("pixel size: 0.65 um": the words before the colon head the value after it)
    const next = clauses[i + 1];
    if (clause.heading && !/\d/.test(clause.text) && next && next.sentence === clause.sentence && calibrates(text, next, original, catalogue)) return;
    if (calibrator && !clause.negated && (!best || (!best.named && best.tool !== calibrator))) best = { tool: calibrator, score: best?.score ?? 1, at: 0, matched: best?.matched ?? [] };
    // "ignore nuclei smaller than 30 µm²", "drop objects touching the border": things found left out, with no step named before,
    // ask for the step that finds them (with its rule), not for a measurement of their size
    const finder = makerOf('labels', catalogue);
    // ("nuclei between 50 and 500 px in area please": things found, bounded by a size, with no verb: the same step with its size rule)
    if (finder && !best?.named && !clause.negated && picked.length === 0 && (LEFT_OUT_OBJECTS.test(leavingOutAsDrop(clause.text)) || sizedObjectsOnly(clause.text)) && (best || sizedObjectsOnly(clause.text))) best = { tool: finder, score: best?.score ?? 1, at: 0, matched: best?.matched ?? [] };
    // "flip the movie horizontally": a verb no tool knows, and only words many tools use ("movie") matched: no step of theirs
    // ("turn the movie upside down": a verb some tool knows elsewhere, "turn on the light", but not among the words matched here)
    const action = best && !best.named && !clause.negated ? unmatchedAction(clause.text, index) : undefined;
    const actionToken = action ? tokenize(action)[0] : undefined;
    const actionStem = actionToken ? meaning(actionToken.stem) : undefined;
    if (best && action && actionStem && (unmatchedAction(clause.text, index, true) || (index.spread(actionStem!) <= 2 && !best.matched.some((m) => m.split(' ').includes(actionStem!)) && !ranked.slice(0, 3).some((m) => declaresWord(m.tool, actionStem!, catalogue)))) && best.matched.every((m) => m.split(' ').every((stem) => index.spread(stem) >= GENERIC_SPREAD))) best = undefined;
    // "merge the two channels and then segment": an action matched only through an argument's description ("allow two tracks
    // to merge"), done to a thing neither that tool's words nor its arguments' descriptions name ("channels"), is an operation
    // of its own that no tool does: named as not done, never that tool's setting
    if (best?.byArgument && !best.named && !best.nameWord && action && !clause.negated && actsOnAThingNotItsOwn(clause.text, action, best, catalogue)) best = undefined;
    // "subtract the background, then segment": an action on a thing only an argument of a tool names (correct_bleach's
    // background), asked first and with no value, is an operation of its own that no tool does, named as not done
    if (best?.byArgument && !best.named && !best.nameWord && action && picked.length === 0 && !clause.negated && !/\d/.test(clause.text) && !best.matched.some((m) => m.split(' ').includes(actionStem ?? '')) && !ownWords(best.tool, catalogue).has(actionStem ?? '')) best = undefined;
    // "segment and track the nuclei, excluding those cut off at the image border", "..., and don't split nuclei that touch":
    // a clause that says the whole name of a yes/no argument of a step asked earlier in the sentence, and names no step
    // of its own, sets that step's switch (read as a heading's words are), whatever other tool its words also touch
    // (not a clause that opens with a step's own verb: "and save the aligned stack as a tiff" is the export, whatever correct_drift's writeMovie says)
    const switched = ranked.some((m) => m.named) || (best && !best.byArgument && opensWithOwnWord(clause.text, best.tool, catalogue)) ? undefined : earlierSwitch(clause, picked.map((p) => ({ tool: p.tool, sentence: clauses[p.clause].sentence })), catalogue);
    if (switched) {
      headings.push({ start: clause.start, end: clause.end, tool: switched });
      return;
    }
    // "I'll do the stats in R", "they need to go into QuPath": no tool's words, a program a tool writes files for
    if (!best && !clause.negated) best = writerForProgram(clause.text, catalogue);
    // "put the table in results/counts.csv", "dump the outputs into a folder named run1": a verb no tool's words know, with a
    // file or folder as where its things go, is the step that writes copies of results there
    if (!best && !clause.negated) best = writerForOutput(original.slice(clause.start, clause.end), clause.text, index, catalogue);
    // "Temporal-Color Code of the movie, like in Fiji": a clause that only compares the step before with a program's way is
    // how that step runs (read as its own words), never a file written for that program (comparisonClause.ts)
    if (!clause.negated && picked.length > 0 && clauses[picked.at(-1)!.clause].sentence === clause.sentence && comparesOnly(clause.text)) {
      headings.push({ start: clause.start, end: clause.end, tool: picked.at(-1)!.tool });
      return;
    }
    // "drop the blurry frames, then segment": frames left out by their kind restrict the step beside them; a tool's word
    // saying the kind ("blurry" of a blur) names no step of its own (framesLeftOutByKind.ts)
    if (!clause.negated && !clause.heading && !best?.named && framesLeftOutByKind(clause.text)) {
      restrictions.push({ clause: i, start: clause.start, end: clause.end, sentence: clause.sentence });
      return;
    }
    if (!best) {
      // "only the first half of the movie: segment ...": a scope for the steps, no step
      // (frames said by what happens in them, "skip frames where nothing happens", are no frames a range can say: a restriction, below)
      if (!clause.negated && isFrameScopeOnly(clause.text) && !(LEAVES_OUT_CLAUSE.test(clause.text) && !/\d|\b(?:first|last|final|initial|half|middle|odd|even|one|two|three|four|five|ten)\b/i.test(clause.text))) {
        scopes.push({ start: clause.start, end: clause.end });
        return;
      }
      // "skip frames where nothing happens and segment", "segment, and avoid the edges": a clause that only leaves some things
      // out, with no step of its own, restricts the step said beside it in the sentence (applied or named there, never dropped)
      if (!clause.negated && !clause.heading && (LEAVES_OUT_CLAUSE.test(clause.text) || LEAVES_SOME_OUT.test(clause.text))) {
        restrictions.push({ clause: i, start: clause.start, end: clause.end, sentence: clause.sentence });
        return;
      }
      // "invert it and ...": an action no tool does is named as not done, never dropped
      const verb = clause.negated ? undefined : unmatchedAction(clause.text, index);
      if (verb) notDone.push({ verb, clause: original.slice(clause.start, clause.end).replace(/^\s*(?:and|then|,)\s+/i, '').trim(), at: i });
      // "BaSiC shading correction, then segment", "then do a deconvolution": an operation named as a noun that no tool's words match
      const operation = verb || clause.negated || clause.heading || isQuestion(clause.text) ? undefined : NAMED_OPERATION.exec(original.slice(clause.start, clause.end));
      if (operation) notDone.push({ verb: `do ${operation[1]}`, clause: operation[1], at: i });
      return;
    }
    // "invert it and write it to inverted.tif": "it" is the result of the action no tool did, so the step would write something else
    const undone = notDone.find((n) => n.at === i - 1 && clauses[i - 1].sentence === clause.sentence);
    if (undone && !best.named && /\b(?:it|them|that|this|the result|the output)\b/i.test(clause.text)) {
      undone.dropped = best.tool;
      return;
    }
    // "segment and track the nuclei, ignoring cells that touch the edge": words of an argument of a step asked earlier in the
    // sentence, not the last one: that step's arguments, no other's (read as a heading's are), never a second segment after the tracking
    // (unless the last step takes such words too: "denoise channel 1 with a gaussian, sigma 1.5" keeps them)
    if (best.byArgument && picked.length > 0 && picked.at(-1)!.tool !== best.tool && !ranked.some((m) => m.tool === picked.at(-1)!.tool) && picked.some((p) => p.tool === best.tool && clauses[p.clause].sentence === clause.sentence)) {
      headings.push({ start: clause.start, end: clause.end, tool: best.tool });
      return;
    }
    // "export the tracks as csv, only tracks longer than 10 frames": a clause that only says which of the things the step
    // before works on (no verb of its own) is that step's restriction, applied or named there, never a step of its own
    // ("denoise it but keep the edges sharp": what the step before must keep is how it runs, never a step of its own;
    // "..., keeping the brightest pixel" names a value of its own tool's choice: a step said by how it runs)
    if (picked.length > 0 && !clause.negated && (ONLY_SOME.test(clause.text) || (KEPT_AS_IS.test(clause.text) && !best.named && !namesAValueOf(best.tool, clause.text, catalogue))) && clauses[picked.at(-1)!.clause].sentence === clause.sentence) {
      headings.push({ start: clause.start, end: clause.end, tool: picked.at(-1)!.tool });
      return;
    }
    // "track the cells; only the sparse regions though", "measure them, just the crowded parts": a clause that opens with a word
    // of scope, names no step (a tool matched only by a noun, "regions" of crop) and has no verb of its own, said right after
    // a step, is that step's scope: applied or named there, never a step of its own that asks where to crop and drops the rest
    if (picked.length > 0 && !clause.negated && !best.named && !best.nameWord && SCOPE_OPENER.test(clause.text) && picked.at(-1)!.clause === i - 1 && clause.sentence - clauses[i - 1].sentence <= 1 && !unmatchedAction(clause.text.replace(SCOPE_OPENER, ''), index)) {
      headings.push({ start: clause.start, end: clause.end, tool: picked.at(-1)!.tool });
      return;
    }
    // "correct the drift, excluding cells touching the border", "..., except the dim ones", "..., ignoring the debris": a clause
    // that opens with a word leaving some things out, names no step and has no verb of its own, restricts the step before in
    // the sentence; that step applies it or the answer names it, and no other step is made for it (a step not asked for)
    if (picked.length > 0 && !clause.negated && !best.named && !best.nameWord && LEAVES_SOME_OUT.test(clause.text) && clauses[picked.at(-1)!.clause].sentence === clause.sentence && !unmatchedAction(clause.text.replace(LEAVES_SOME_OUT_OPENER, ''), index)) {
      headings.push({ start: clause.start, end: clause.end, tool: picked.at(-1)!.tool });
      return;
    }
    // "no gap closing", ", excluding cells cut by the border": words of an argument say how a step runs, they neither exclude nor repeat it
    if (best.byArgument && (clause.negated || picked.at(-1)?.tool === best.tool)) return;
    // "segment; the nuclei are roughly 8 px in radius": words of an argument the step before also takes
    if (best.byArgument && picked.length > 0 && ranked.some((m) => m.tool === picked.at(-1)!.tool)) return;
    // "segmentation w/ triangle, no watershed": a negated word of the step just asked for says how it runs, it does not take it back
    // ("denoise the movie; no gaussian please": a value of its choices turned down a sentence later too, read by avoidTurnedDown)
    if (clause.negated && !best.named && picked.at(-1)?.tool === best.tool && (clauses[picked.at(-1)!.clause].sentence === clause.sentence
      || (clause.sentence - clauses[picked.at(-1)!.clause].sentence === 1 && namesAValueOf(best.tool, clause.text, catalogue)))) return;
    // "export everything: CSV, TrackMate and CTC": a short item of a list after a step, a value of that step other than the one
    // it took already, is that step again (whatever tool's name the value shares a word with)
    if (picked.length > 0 && !clause.negated && ['', ',', 'and', 'or'].includes(clause.joiner) && clauses[picked.at(-1)!.clause].sentence === clause.sentence
      && tokenize(clause.text).filter((t) => !t.part).length > 0 && tokenize(clause.text).filter((t) => !t.part).every((t) => valuesOfTool(picked.at(-1)!.tool, catalogue).has(t.word))
      && namesAnotherValue(picked.at(-1)!.tool, original.slice(clauses[picked.at(-1)!.clause].start, clause.start), clause.text, catalogue)
      // (not a value said with its argument's name, "measure objects, kind links": that sets the step's argument)
      && Object.keys(valuesByName(picked.at(-1)!.tool, clause.text, catalogue)).length === 0) {
      picked.push({ clause: i, tool: picked.at(-1)!.tool });
      return;
    }
    // "plot the area as a histogram and the speed as a histogram": a clause with no verb of its own that says the same choice
    // of the step before's tool as that step's clause (the same figure again, of another thing) is that step again (parallelClause.ts)
    if (picked.length > 0 && !clause.negated && ['', ',', 'and'].includes(clause.joiner) && clauses[picked.at(-1)!.clause].sentence === clause.sentence && !opensWithAnAction(clause.text)
      && repeatsAChoice(picked.at(-1)!.tool, clauses[picked.at(-1)!.clause].text, clause.text, catalogue)
      // (no verb of another step in it: "..., LAP tracking, export to TrackMate XML" is the export)
      && !(clause.text.match(/\p{L}+/gu) ?? []).some((w) => (index.stepVerb(w.toLowerCase())?.tools ?? [picked.at(-1)!.tool]).every((t) => t !== picked.at(-1)!.tool))) {
      picked.push({ clause: i, tool: picked.at(-1)!.tool });
      return;
    }
    // "full pipeline: drift, bleach, segment": a heading over the steps listed after its colon names none itself
    // (a heading that names a step and lists its settings after the colon: the settings are that step's, "Registration: phase correlation, bicubic interpolation")
    const heading = [...picked].reverse().find((p) => clauses[p.clause].heading && clauses[p.clause].sentence === clause.sentence);
    if (heading && !clause.heading && !clause.negated && !best.named && !(best.nameWord && best.tool !== heading.tool) && describesArguments(heading.tool, clause.text, catalogue)) return;
    // ("make this a reusable pipeline: drift correction then segmentation": a heading that is an imperative on the whole asks for its step too)
    const imperative = /^(?:please\s+|pls\s+|now\s+)?(?:make|turn|save|store|keep|build|create|put|wrap|package)\s+(?:this|it|that|these|them|everything|all(?:\s+of\s+it)?)\b/i.test(clause.text);
    // ("segment with li, track, then export everything: CSV, TrackMate": steps said with their own verbs before the last
    // clause of a heading are steps, not the heading; "do the usual pipeline except tracking:" heads them as one)
    const firstWord = /^(?:\s*(?:and|then|also|please|pls|now|next|first|,)\b\s*)*([\p{L}-]+)/iu.exec(clause.text)?.[1];
    const stepBeforeHeading = clauses[i + 1]?.heading && clauses[i + 1].sentence === clause.sentence && !!firstWord && index.match(firstWord)[0]?.tool === best.tool;
    if (clause.heading && !clause.negated && !imperative && !stepBeforeHeading && headsSteps(clauses, i, best.tool, index, catalogue)) {
      headings.push({ start: clause.start, end: clause.end, tool: best.tool });
      return;
    }
    // "segment the nuclei but don't split the touching ones": words of the step before's own arguments say how it runs, they exclude no other step
    const before = picked.at(-1);
    const sameSentence = !!before && clauses[before.clause].sentence === clause.sentence;
    if (clause.negated && before && !best.named && clause.sentence - clauses[before.clause].sentence <= 1) {
      // (or of a step made to feed it: "track the nuclei; skip anything that touches the edge" is the segmentation's border rule,
      // a sentence later too)
      const feeders = (selfOf(before.tool, catalogue)?.consumes ?? []).filter((t): t is InputType => ['labels', 'tracks', 'table'].includes(t)).map((t) => makerOf(t, catalogue)).filter((t): t is string => !!t && !picked.some((p) => p.tool === t));
      const args = new Set([...(sameSentence ? argumentMeanings(before.tool, catalogue) : []), ...feeders.flatMap((t) => [...argumentMeanings(t, catalogue)])]);
      if (index.meanings(tokenize(clause.text)).some((w) => args.has(w) && !INPUT_MEANINGS.has(w))) return;
    }
    // "correct the drift, no new movie": a negated clause whose only tool words name a kind of result (movie, labels, table)
    // turns off the step before's switch that writes that result (writeMovie); it excludes no tool that opens or makes one
    if (clause.negated && before && !best.named && best.matched.every((m) => m.split(' ').every((w) => INPUT_MEANINGS.has(w)))) {
      const arg = resultSwitch(before.tool, best.matched, catalogue);
      if (arg) {
        resultsOff.push({ tool: before.tool, arg });
        return;
      }
    }
    // "segment the nuclei, no label image": the step just asked, turned down in the same sentence by what it makes, still runs
    // (it cannot leave out what it is for); the words are named as not applied, never a silent exclusion of the step
    // ("there's a bit of bleaching but don't correct it": a verb of putting a fault right, turned down, takes the step back)
    if (clause.negated && before && sameSentence && best.tool === before.tool && !clause.heading && !(selfOf(best.tool, catalogue)?.removes?.length && ACTS_ON_A_FAULT.test(clause.text))) {
      const arg = resultSwitch(before.tool, index.meanings(tokenize(clause.text)), catalogue);
      if (arg) resultsOff.push({ tool: before.tool, arg });
      else resultsKept.push({ tool: before.tool, text: clause.text });
      return;
    }
    // "segment with li; skip the watershed": words of the step before's own arguments, turned down a sentence later, say how it runs
    if (clause.negated && before && (best.byArgument || (!best.named && !best.nameWord)) && best.tool === before.tool && clause.sentence - clauses[before.clause].sentence <= 1) return;
    // "please don't separate touching nuclei", said with no step before it in its sentence: a negation of a yes/no setting
    // that is on by default, its whole name said, asks for the step that owns it with the setting off (the tool's own
    // reading of the negation turns it off), never for leaving that step out (before a value of the step said beside it, "nuclei" of its target, is read as turned down)
    const switchedOff = clause.negated && !picked.some((p) => clauses[p.clause].sentence === clause.sentence) ? defaultOnSwitchOwner(clause, ranked.map((m) => m.tool), catalogue) : undefined;
    if (switchedOff) {
      picked.push({ clause: i, tool: switchedOff });
      return;
    }
    // "Please don't use the U-Net, just threshold the nuclei with triangle": a negated clause that names only a value of a
    // tool's choices (not the tool) turns that value down (avoidTurnedDown), it excludes no step
    if (clause.negated && !best.named && !best.nameWord && namesAValueOf(best.tool, clause.text, catalogue)) return;
    // ("correct the bleaching, except the first channel": a scope left out of the step before, no step; named as not applied)
    if (clause.negated && before && isOnlyAnExcludedScope(clause.text) && !(runsMicroscope(best.tool, catalogue) && runsMicroscope(before.tool, catalogue))) {
      scopesLeftOut.push({ tool: before.tool, text: excludedScopes(clause.text)[0] });
      return;
    }
    // ("ignore the tiny stuff", "drop the big clumps": things left out by a vague size word, no step; the finding step's own
    // reading applies the size bound it chooses from the movie and says so)
    if (clause.negated && !best.named && !best.nameWord && VAGUE_SIZE_LEFT_OUT.test(clause.text)) return;
    // ("measure the intensity over time; I'll make the figure in GraphPad": the person's work in a program they name is
    // theirs, done there; the file that program opens is written instead of the step)
    const theirsElsewhere = !clause.negated && !best.byArgument && userWillDo(clause.text) ? writerForProgram(clause.text, catalogue) ?? writerForProgramWorkedIn(clause.text, catalogue) : undefined;
    if (theirsElsewhere && theirsElsewhere.tool !== best.tool) {
      picked.push({ clause: i, tool: theirsElsewhere.tool, writes: true });
      return;
    }
    if (clause.negated) {
      excluded.push(best.tool);
      negations.push({ clause: i, tool: best.tool, named: !!best.named || !!best.nameWord, matched: best.matched });
      // ("track the nuclei, I will plot them myself in R": the person's own work in a program needs the file it opens, as
      // "I'll do the stats in R" does; the step they do themselves is not run; the writer reads the clause's program)
      const writer = leftToTheUser(clause.text) ? writerForProgram(clause.text, catalogue) : undefined;
      if (writer && writer.tool !== best.tool) picked.push({ clause: i, tool: writer.tool, writes: true });
      else excludedSpans.push({ start: clause.start, end: clause.end });
      return;
    }
    const previous = picked.at(-1);
    // "segment the nuclei with a median filter first": the step asked and the one that prepares its movie, both run, in order
    const prepared = !clause.negated && !clause.heading ? preparedInClause(clause.text, index, (r, w) => bestMatch(r, w, catalogue), catalogue) : undefined;
    if (prepared) {
      picked.push({ clause: i, tool: prepared.main.tool, ...(prepared.main.named ? { named: true } : {}) });
      picked.push({ clause: i, tool: prepared.prepare.tool, at: clause.start + prepared.at, first: true });
      // (its "first" orders the preparing step before the one it prepares, not the clause before the steps said earlier:
      // "correct the drift, then segment with a gaussian blur first" still corrects the drift first)
      clauses[i] = { ...clause, text: clause.text.slice(0, prepared.at).trimEnd() };
      return;
    }
    // "threshold with Li but run a 2 px median over it beforehand": a clause of a preparing step said to run first, after the
    // step it prepares, is that step (ordered first by orderSteps), never a setting of the step before
    if (previous && previous.tool !== best.tool && !best.byArgument && runsFirst(clause) && preparesMovie(best.tool, catalogue) && !preparesMovie(previous.tool, catalogue) && clauses[previous.clause].sentence === clause.sentence) {
      picked.push({ clause: i, tool: best.tool });
      return;
    }
    // "simulate a movie with drift and noise": a noun after "and" that goes on a "with" list of the step before, in words
    // of that step's own description or arguments, is what that step's result has (its setting), no step of its own
    if (previous && previous.tool !== best.tool && !best.named && !clause.negated && ['and', ','].includes(clause.joiner) && clauses[previous.clause].sentence === clause.sentence
      && /\b(?:with|containing|including|having)\b/i.test(original.slice(clauses[previous.clause].start, clauses[previous.clause].end)) && tokenize(clause.text).length <= 3 && !unmatchedAction(clause.text, index)
      && !/^(?:and\s+|,\s*)?(?:then\s+)?[\p{L}-]+\s+(?:the|it|them|this|that|my|our|a|an)\b/iu.test(clause.text) && describesArguments(previous.tool, clause.text, catalogue)) return;
    // "correct the drift but keep the original file": only words many tools use ("file") are too little to add a step; named as not applied with the step before
    // ("..., then save it as tiff": a clause that opens with a verb the tool declares as its own is that step, however many tools write files)
    const ownVerb = opensWithOwnWord(clause.text, best.tool, catalogue);
    // ("..., then a gif of the corrected stack", "and then an animated gif": a kind of file no tool writes is made by no
    // other tool's output either; the clause makes no step, and the answer names it, fileKinds.ts)
    if (!clause.negated && !best.named && unwrittenFileKinds(clause.text, catalogue).length > 0 && !namesAFormatOffered(clause.text, catalogue)) return;
    // ("plot the area, then save it as svg": the file asked is of the step before's result, which the writer found does not
    // take (a figure is no table, track or movie): no other file is made in its place, and the answer names the kind)
    const asWritten = original.slice(clause.start, clause.end);
    if (!clause.negated && previous && previous.tool !== best.tool && unwrittenFileKinds(asWritten, catalogue).length > 0 && !namesAFormatOffered(asWritten, catalogue)
      && OF_THE_RESULT_BEFORE.test(asWritten) && !takesResultOf(best.tool, previous.tool, catalogue)) return;
    // ("..., and compare the halves with a Mann-Whitney U test", "then do a paired t-test"): a statistical test asked by name
    // that the tool the words found does not run makes no step of that tool (it would run without the test, or fail); the
    // answer names the test, untestedDifference.ts
    if (!clause.negated && !best.named && !ownVerb && namedTests(clause.text).length > 0 && !runsATest(best.tool, catalogue)) return;
    // "export the tracks to a.csv and the masks to b.tif": the verb left out, another file of the step before's
    const said = (c: Clause) => original.slice(c.start, c.end);
    // "write tracks.csv and masks.tif": a file name alone after "and" is another file of the step before, which writes one too
    // (a name is blanked in the text read: the clause's words as written run to the next clause)
    const whole = (k: number) => original.slice(clauses[k].start, clauses[k + 1]?.start ?? original.length).replace(/[\s,;.]+$/, '');
    const pathsSaid = findPaths(whole(i));
    // ("save masks to masks.tif, tracks to tracks.xml and the speeds to speeds.csv": "<thing> to <file>" with the verb left out, too)
    const elided = pathsSaid.length === 1 && new RegExp(String.raw`^\s*(?:and|,)?\s*(?:also\s+)?(?:the\s+|my\s+|our\s+|all\s+(?:the\s+)?)?[\p{L}-]+\s+(?:to|as|into|in)\s+["'\x60]?${pathsSaid[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["'\x60]?\s*$`, 'iu').test(whole(i));
    if (previous && ['and', ','].includes(clause.joiner) && pathsSaid.length === 1 && 'output' in (catalogue.get(previous.tool)?.properties ?? {}) && (selfOf(previous.tool, catalogue)?.consumes ?? []).length >= 3
      && (elided || whole(i).replace(pathsSaid[0], ' ').replace(/^\s*(?:and|,)\s*(?:also\s+)?(?:as\s+|to\s+|into\s+)?/i, '').trim() === '') && namesAnotherFile(whole(previous.clause), whole(i))) {
      // (two files named make the step before telling, whatever words named it: "write")
      delete previous.weak;
      picked.push({ clause: i, tool: previous.tool });
      return;
    }
    if (previous && previous.tool !== best.tool && !best.named && !ownVerb && ['and', ','].includes(clause.joiner) && /^(?:and\s+)?(?:the|my|our|its|their|those|these|all)\b/i.test(clause.text)
      && 'output' in (catalogue.get(previous.tool)?.properties ?? { output: true }) && namesAnotherFile(said(clauses[previous.clause]), said(clause))) {
      picked.push({ clause: i, tool: previous.tool });
      return;
    }
    // ("save the masks and the tracks": the writer's verb said once for two results, the writer again on the second)
    if (previous && previous.tool !== best.tool && !best.named && !clause.negated && clause.joiner === 'and' && clauses[previous.clause].sentence === clause.sentence
      && namesAnotherResult(clauses[previous.clause].text, clause.text, previous.tool, index, catalogue)) {
      picked.push({ clause: i, tool: previous.tool });
      return;
    }
    // (a phrase of the tool's own of two words or more, "count nuclei", is telling however common its words)
    // ("blur ahead of the segmentation", "..., before the tracking": a step named as a noun after a word of order is that step)
    const orderedByName = /^(?:before|after|ahead\s+of|prior\s+to)\s+(?:the\s+|any\s+)?[\w-]+(?:\s+(?:of|on)\s+(?:the|my|our|these|those|all\s+the)\s+[\w-]+|\s+(?:the|my|our|these|those|them|it)(?:\s+[\w-]+)?)?\s*$/i.test(clause.text) && tokenize(clause.text).some((t) => t.stem === best!.tool.split('_')[0]);
    // ("area + intensity csv AND a histogram": a clause that only adds to the step before, "+ intensity csv", but names a file
    // format another tool writes, asks for that file: the writer is picked, never lost with the words the step before takes)
    const absorbed = !!previous && (previous.tool === best.tool || (!best.named && !best.nameWord && !ownVerb && best.matched.every((m) => !m.includes(' ') && index.spread(m) >= GENERIC_SPREAD)));
    const writerAfter = absorbed && !clause.negated ? fileFormatOfAnother(clause.text, previous!.tool, catalogue) : undefined;
    if (writerAfter && !picked.some((p) => p.tool === writerAfter.tool && clauses[p.clause].sentence === clause.sentence)) {
      // ("track them and give me the mean speed per track as CSV": the quantity said before the format is what is written, so
      // the writer reads the whole clause, never the format alone, and the quantity is measured for it)
      const quantityBefore = asksAMeasuredQuantity(clause.text.slice(0, writerAfter.at));
      picked.push({ clause: i, tool: writerAfter.tool, ...(quantityBefore ? {} : { at: clause.start + writerAfter.at }), writes: true });
      return;
    }
    // ("set the pixel size to 0.65 µm and recompute the areas": after a step that only sets what later steps read, a clause
    // opening with a verb of action asks for an analysis of its own, however common its words)
    const afterASetting = !!previous && selfOf(previous.tool, catalogue)?.appliesToLaterSteps === true && opensWithAnAction(clause.text);
    // ("correct the drift, then a movie of the corrected stack for my presentation": after a step that makes a movie, a clause
    // whose only tool word names that kind of result, read by the tool that opens one, asks for the result itself: the
    // writer of that kind (a tool with a file format that reads it) writes it, never a silent drop)
    if (previous && !best.named && !clause.negated && plays(best.tool, 'open', catalogue) && best.matched.every((m) => !m.includes(' '))) {
      const kind = producesOf(previous.tool, catalogue)[0];
      const writer = kind && producesOf(best.tool, catalogue).includes(kind) ? [...catalogue.keys()].find((t) => t !== best!.tool && 'format' in (catalogue.get(t)?.properties ?? {}) && (selfOf(t, catalogue)?.consumes ?? []).includes(kind as InputType)) : undefined;
      if (writer && !picked.some((p) => p.tool === writer && clauses[p.clause].sentence === clause.sentence)) {
        picked.push({ clause: i, tool: writer, writes: true });
        return;
      }
    }
    // ("..., I want the nuclear intensity per frame", "then give me the areas": a result wished for is a step of its own)
    const wished = picked.length > 0 && /^(?:(?:and|then|also|so|but)\s+)?(?:(?:i|we)\s+(?:(?:also|really|just)\s+)?(?:want|need|would\s+like|'d\s+like)|(?:give|get|show)\s+me)\b/i.test(clause.text);
    // ("correct the drift then count": a clause of one word, after a word of order, that names one tool alone is that step
    // asked, however many tools' texts use the word; no word of the step before, nor a weak word beside a telling one)
    const loneOwnWord = /^(?:then|and\s+then|and|after\s+that|afterwards|next|finally)\s+[\p{L}-]+\s*[.!]*$/iu.test(clause.text.trim()) && tokenize(clause.text).length === 1 && !best.byArgument && ranked.filter((m) => !m.byArgument).length === 1;
    if (previous && !afterASetting && !wished && !loneOwnWord && !best.named && !best.nameWord && !ownVerb && !orderedByName && !namesWhatItMakes(best.tool, clause.text, catalogue) && best.matched.every((m) => !m.includes(' ') && index.spread(m) >= GENERIC_SPREAD)) return;
    // "segment the nuclei, they're about 10 µm across", "..., seeds at least 6 px apart": a number the step before reads, said in words
    // that are only another tool's argument or value words (not its name, nor its own verb), says how the step before runs
    // (in the sentence after too, when the clause is a statement with no verb of its own: "denoise it; the sigma should be 2 px")
    // (or a setting in shorthand, a few words and their number: "min size 25 px", "max gap: 2 frames")
    // ("cells don't move more than 20 px per frame", "they move at most 15 px between frames": what the things do, said of them)
    const statement = (/^(?:and\s+)?(?:the|its|their|a|an)\s/i.test(clause.text) || /^(?:and\s+)?(?:cells|nuclei|objects|spots|blobs|they)\s+(?:(?:don'?t|do\s+not|never|rarely|usually|typically|normally|hardly|barely|mostly|generally|only)\s+)?[a-z]+s?\b(?:(?!\b(?:and|then)\b).)*\d/i.test(clause.text) || /^(?:and\s+)?[\p{L}-]+(?:\s+[\p{L}-]+){0,2}\s*[:=]?\s*\d[\d.,]*\s*[\p{L}µ²]*\s*[.!]?$/u.test(clause.text)) && !unmatchedAction(clause.text, index);
    // (a statement has no verb: a word of another tool's name in it is a noun, "the drift should be 2 px" of a simulation)
    if (previous && previous.tool !== best.tool && !best.named && (!best.nameWord || statement) && !ownVerb && /\d/.test(clause.text) && (clauses[previous.clause].sentence === clause.sentence || (statement && clauses[previous.clause].sentence === clause.sentence - 1))
      // (the step before's own reading takes it with the words it declares for it: "LAP tracker, search radius 9 px" is no simulated nucleus radius)
      && (readsANumber(previous.tool, clause.text, catalogue) >= Math.max(0.5, readsANumber(best.tool, clause.text, catalogue)) || (best.byArgument && ownReadingTakesANumber(previous.tool, clause.text, catalogue)))) return;
    // "bleach correction, subtract a background of 100 first": a number the tool matched cannot read at all, which the step
    // before reads by the words it declares for it (backgroundIntensity: name and value), in the same sentence after a comma,
    // is the step before's, even where the words name the other tool
    if (previous && previous.tool !== best.tool && /\d/.test(clause.text) && clauses[previous.clause].sentence === clause.sentence && [',', 'with', ''].includes(clause.joiner)
      && readsANumber(best.tool, clause.text, catalogue) === 0 && Object.values(statedNumbersScored(previous.tool, clause.text, catalogue)).some((s) => s.score >= 2)) return;
    // "embed the features, linkage average": an argument of the step before named with its value, not a step
    // ("measure the objects. I want links for the kind.": in the sentence after too, when the clause is that value and name alone)
    const valueSentence = clause.sentence - clauses[previous?.clause ?? i].sentence === 1 && clauses.filter((c) => c.sentence === clause.sentence).length === 1 && !unmatchedAction(clause.text, index);
    if (previous && previous.tool !== best.tool && !ownVerb && ((clauses[previous.clause].sentence === clause.sentence && [',', 'with', ''].includes(clause.joiner)) || valueSentence)
      && Object.keys(valuesByName(previous.tool, clause.text, catalogue)).length > 0 && Object.keys(valuesByName(best.tool, clause.text, catalogue)).length === 0) return;
    // "test Granger causality between area and intensity, up to 5 lags": a number of the same step after a comma, no verb of its own
    if (previous && previous.tool === best.tool && !best.named && !ownVerb && [',', 'with', ''].includes(clause.joiner) && /\d/.test(clause.text) && clauses[previous.clause].sentence === clause.sentence
      && !/^(?:and|then|also)\b/i.test(clause.text) && readsANumber(best.tool, clause.text, catalogue) > 0) return;
    // "..., keep only those with circularity above 0.8": a filter on the previous step's objects, applied or named there, not a step
    // (not where the tool matched selects the things the step before made: "track them, then keep only tracks of 10+ frames" is
    // filter_tracks, a step of its own that writes the kept tracks)
    const selectsMade = previous !== undefined && selectsWhatIsMade(best.tool, previous.tool, catalogue);
    if (previous && !selectsMade && FILTERS_EARLIER.test(leavingOutAsDrop(clause.text))) return;
    // ("segment nuclei with circularity above 0.8", "..., whose mean intensity is over 300": a condition on the things the step
    // before finds, with no verb of its own, is a filter applied or named there, never a step of its own)
    if (previous && !selectsMade && !best.named && !ownVerb && ['with', ','].includes(clause.joiner) && CONDITION_ON_THINGS.test(clause.text)) return;
    // "measure area and intensity": one step; "as CSV and TrackMate XML": two, one per value
    // ("the tracks to a.csv and the masks to b.tif": two files named, two steps)
    if (previous && previous.tool === best.tool && !namesAnotherValue(best.tool, clauses[previous.clause].text, clause.text, catalogue) && !namesAnotherFile(said(clauses[previous.clause]), said(clause))) return;
    // ", with a min overlap of 1", ", using the Li method": a phrase that says how the previous step runs
    if (previous && !best.named && /^(?:with|using|via|by)\b/i.test(clause.text) && /,\s*$/.test(text.slice(0, clause.start)) && clauses[previous.clause].sentence === clause.sentence) return;
    if (previous && previous.tool !== best.tool && !best.named && ['and', 'with', ','].includes(clause.joiner) && clauses[previous.clause].sentence === clause.sentence) {
      const own = index.meanings(tokenize(clause.text));
      // "quantify size and brightness over time": the previous step's own words are here too, about as strongly
      const again = ranked.find((m) => m.tool === previous.tool);
      // (unless a telling word of its own, one the previous step's words lack, names the new step: "... and give me a picture of the paths drawn over the movie")
      // (or a phrase of its own words, two words or more, telling however common each word: "... and make a movie of the tracks")
      const ownPhrases = new Set((selfOf(best.tool, catalogue)?.words ?? []).filter((x) => x.includes(' ')).map((x) => tokenize(x).map((t) => meaning(t.stem)).join(' ')));
      const ownTelling = best.matched.some((w) => !again?.matched.includes(w) && (w.includes(' ') ? ownPhrases.has(w) : index.spread(w) < GENERIC_SPREAD && tokenize((selfOf(best.tool, catalogue)?.words ?? []).filter((x) => !x.includes(' ')).join(' ')).some((t) => meaning(t.stem) === w)));
      // (nor a file in a format that only the new step writes: "track them with LAP and give me a trackmate file")
      const fileOfItsOwn = fileFormatOfAnother(clause.text, previous.tool, catalogue)?.tool === best.tool;
      if (again && again.score >= 0.5 * best.score && !ownTelling && !fileOfItsOwn && !(ownVerb && !opensWithOwnWord(clause.text, previous.tool, catalogue))) {
        // "export the tracks in both csv and trackmate formats": the previous step again, with another value
        if (namesAnotherValue(previous.tool, clauses[previous.clause].text, clause.text, catalogue) || namesAnotherFile(original.slice(clauses[previous.clause].start, clauses[previous.clause].end), original.slice(clause.start, clause.end))) picked.push({ clause: i, tool: previous.tool });
        return;
      }
      // "simulate a movie with drift and noise": words of the previous step's arguments, not a new step
      const args = argumentMeanings(previous.tool, catalogue);
      // (not a clause with a verb of its own in a methods paragraph: "... and divisions were scored" is a step)
      // (nor a clause that opens with the new step's own verb and says its name word: "before you track, register the frames" registers,
      // whatever track's drift argument says; "save it as corrected.tif" stays the previous step's output)
      if (own.length > 0 && best.matched.every((m) => m.split(' ').every((w) => args.has(w))) && args.has(own[0]) && !pastPassive(clause.text) && !(best.nameWord && opensWithOwnWord(clause.text, best.tool, catalogue))) return;
      // "..., excluding cells cut by the image border": more words of the previous step's arguments than of the tool matched
      const overlap = new Set(own.filter((w) => args.has(w)));
      // (not a clause opening with the new step's own verb, on its object or on a question: "and quantify how bright each nucleus is in frame 7")
      if (overlap.size >= 2 && overlap.size > best.matched.length && !ownVerb && !opensWithOwnWord(clause.text, best.tool, catalogue, true)) return;
      // a number or a file for the previous step, in words its arguments' descriptions use
      const described = argumentMeanings(previous.tool, catalogue, true);
      if (!ownVerb && !selectsMade && (/\d|_{3,}/.test(clause.text) || findPaths(original.slice(clause.start, clause.end)).length > 0) && best.matched.every((m) => m.split(' ').every((w) => described.has(w)))) return;
    }
    // "mean and std projections": a value said before "and" shares the telling noun said after it, so it is no weak step
    const prior = picked.at(-1);
    if (prior?.weak && prior.tool === best.tool && ['and', 'or', ','].includes(clause.joiner) && clauses[prior.clause].sentence === clause.sentence && namesAnotherValue(best.tool, clauses[prior.clause].text, clause.text, catalogue)) delete prior.weak;
    // (a step named only by words many tools use, "a picture of all the frames stacked", is weak: it gives way to a telling one said beside it)
    // ("..., then make a table of their areas": a clause naming the result the tool makes asks for it, and is no weak step)
    picked.push({ clause: i, tool: best.tool, ...(best.named ? { named: true } : {}), ...(!best.named && !ownVerb && !wished && !orderedByName && !loneOwnWord && !namesWhatItMakes(best.tool, clause.text, catalogue) && best.matched.every((m) => !m.includes(' ') && index.spread(m) >= GENERIC_SPREAD && (!best.nameWord || inToolNames(m, catalogue) >= 2)) ? { weak: true } : {}) });
    // "the mean speed of each track as a csv": a file format the step has no choice of, but a tool that writes files offers, is that step after it
    const writer = fileFormatOfAnother(clause.text, best.tool, catalogue);
    if (writer && !clause.negated) picked.push({ clause: i, tool: writer.tool, at: clause.start + writer.at, writes: true });
  });
  // (what finds the events told joins the plan after the step that makes what it reads: "cells divide a lot, track them"
  // tracks with splitting on, its default, and the divisions are found and reported, as TrackMate's splitting does;
  // a request with no such step gets nothing from the words)
  if (dividing?.told === 'yes' && dividing.tool && !picked.some((p) => p.tool === dividing!.tool) && !excluded.includes(dividing.tool)) {
    const reads = selfOf(dividing.tool, catalogue)?.consumes ?? [];
    const maker = picked.findLast((p) => !p.writes && producesOf(p.tool, catalogue).some((t) => t !== 'movie' && reads[0] === t));
    if (maker) picked.push({ clause: maker.clause, tool: dividing.tool, at: clauses[maker.clause].start });
  }
  // (a file format's writer picked beside a step tells no analysis: "area + intensity csv" keeps the measurement it writes)
  if (picked.some((p) => !p.weak && !p.writes)) {
    // ("set the pixel size to 0.65 µm and recompute the areas": a step that only sets what later steps read, the calibration,
    // tells no analysis, so a weakly matched step beside it, its clause opening with a verb of action, is the analysis asked, kept)
    const onlySettings = picked.every((q) => q.weak || q.writes || selfOf(q.tool, catalogue)?.appliesToLaterSteps === true);
    const telling = picked.find((q) => !q.weak && !q.writes)!;
    // ("track them and measure the speed - for the tracking use 15 px": a clause giving the settings of a step said before is kept, and folded into it)
    const namedAgain = (p: (typeof picked)[number]) => picked.some((q) => q !== p && q.tool === p.tool && q.clause < p.clause && !q.weak) && opensWithTheStep(clauses[p.clause].text, p.tool, catalogue);
    // ("nuclei in the red channel. segment them": a sentence with no verb that says where the objects are is read by
    // the steps that find them (channelRoles.ts), no weak step of its own: crop "keeps a channel" by the same word)
    const saysWhereObjectsAre = (p: (typeof picked)[number]) => !OPENING_VERB.test(clauses[p.clause].text) && channelRolesOf(clauses[p.clause].text).objects !== undefined;
    // ("show me the tracks, then plot the speed over time": a weak step of the telling step's own tool, naming another value of
    // it, is a second figure asked for, never dropped)
    // (said with a verb of its own, even one of showing: "Step one:" names no second measurement)
    const saidWithAVerb = (text: string) => OPENING_VERB.test(text) || /^\s*(?:(?:and|then|also|please|pls|now|next|finally)\s+)*(?:show|give|send|draw|plot)\s+(?:me|us)\b/i.test(text);
    const anotherOfTheSame = (p: (typeof picked)[number]) => saidWithAVerb(clauses[p.clause].text) && picked.some((q) => q !== p && !q.weak && !q.writes && q.tool === p.tool && namesAnotherValue(p.tool, clauses[p.clause].text, clauses[q.clause].text, catalogue));
    const kept = picked.filter((p) => !p.weak || (clauses[p.clause].sentence !== clauses[telling.clause].sentence && !saysWhereObjectsAre(p)) || (onlySettings && opensWithAnAction(clauses[p.clause].text)) || namedAgain(p) || anotherOfTheSame(p));
    // ("average the channels together and then segment": a weak step of its own, with its own verb and a clause of its
    // own, is an action asked for; given way to the telling step, it is named as not done, never dropped in silence)
    for (const p of picked) {
      if (kept.some((q) => q.clause === p.clause)) continue;
      const verb = OPENING_VERB.exec(clauses[p.clause].text)?.[1];
      if (verb && !NOT_AN_ACTION_VERB.test(verb) && !opensWithoutAnAction(verb)) notDone.push({ verb: verb.toLowerCase(), clause: original.slice(clauses[p.clause].start, clauses[p.clause].end).replace(/^\s*(?:and|then|,)\s+/i, '').trim(), at: p.clause });
    }
    picked.splice(0, picked.length, ...kept);
  }
  // "I'd like to follow each nucleus over time. Can you denoise and then track them?": the aim, then the steps that reach it
  // (not where the later step names another value of one of its choices: "I want the nuclei segmented ... Also segment the whole cells" is two)
  const asked = picked.filter((p, k) => !(AIM.test(clauses[p.clause].text) && picked.slice(k + 1).some((q) => q.tool === p.tool && clauses[q.clause].sentence > clauses[p.clause].sentence && !namesAnotherValue(p.tool, clauses[p.clause].text, clauses[q.clause].text, catalogue))));
  picked.splice(0, picked.length, ...asked);
  // ("there's jitter and some photobleaching - can you deal with all of that before measuring?": a fault told, with no verb
  // of acting in its clause, gives way to the same tool asked later in the request: the fault is put right once, where asked)
  const told = picked.filter((p, k) => !(selfOf(p.tool, catalogue)?.removes?.length && !ACTS_ON_A_FAULT.test(clauses[p.clause].text) && picked.slice(k + 1).some((q) => q.tool === p.tool && q.clause !== p.clause && ACTS_ON_A_FAULT.test(clauses[q.clause].text))));
  picked.splice(0, picked.length, ...told);
  for (const kept of keptAfterAll(negations, picked, clauses, catalogue)) excluded.splice(excluded.indexOf(kept), 1);
  // ("it's too noisy to see anything", "my movie shimmers": a fault of the recording told alone, no question and nothing
  // else asked, is told to have it put right; the step that takes that fault away runs, never "I did not understand")
  // ("help, the cells are bleaching": a plea said beside the fault asks for no advice, the fault's step runs)
  const plea = (p: (typeof picked)[number]) => plays(p.tool, 'advice', catalogue) && asksHowToUse(clauses[p.clause].text);
  // ("help! everything drifts": beside a step asked, the plea is no question for the adviser)
  if (picked.some((p) => !plea(p))) picked.splice(0, picked.length, ...picked.filter((p) => !plea(p)));
  // ("the images are super noisy, I can barely see anything": the fault's consequence, faultConsequence.ts)
  if (picked.length > 0 && picked.every((p) => saysWhatIsSeen(clauses[p.clause].text)) && excluded.length === 0 && described && describedAt >= 0 && !isQuestion(text) && toldAFault(described, clauses[describedAt].text, catalogue)) picked.splice(0, picked.length);
  const onlyPleas = picked.every(plea);
  if (onlyPleas && excluded.length === 0 && described && describedAt >= 0 && !/\?/.test(text) && !isQuestion(text) && toldAFault(described, clauses[describedAt].text, catalogue)) {
    picked.splice(0, picked.length, { clause: describedAt, tool: described.tool });
  }
  // ("track them, but prior to tracking subtract the background": the step said under "before <doing a step>" runs ahead of that step)
  // ("I want to quantify migration. Could you correct the drift, segment and track?": the aim's step after the steps that reach it)
  const order = withAimsLast(withStepsAheadOfNamed(orderSteps(clauses, picked.map((p) => p.clause)), picked, clauses, (gerund) => index.match(gerund).find((m) => !m.byArgument)?.tool), picked, clauses, (t) => AIM.test(t) || isReportedAim(t), (aim, later) => producesOf(later, catalogue).some((type) => type !== 'movie' && (selfOf(aim, catalogue)?.consumes ?? []).includes(type as InputType)));
  const mentions = picked
    .filter((p) => !excluded.includes(p.tool))
    .map((p) => ({ tool: p.tool, start: p.at ?? clauses[p.clause].start, end: clauses[p.clause].end, order: order.indexOf(p.clause) + (p.first ? -0.25 : p.at !== undefined ? 0.5 : 0) }));
  // (a restriction with no step of its own goes to the step before it in its sentence, else the one after it)
  for (const r of restrictions) {
    const same = picked.filter((p) => clauses[p.clause].sentence === r.sentence);
    const step = same.filter((p) => p.clause < r.clause).at(-1) ?? same.find((p) => p.clause > r.clause);
    if (step) headings.push({ start: r.start, end: r.end, tool: step.tool });
    // ("get rid of the blurry frames" alone: no step to restrict, and no step judges each frame's look: named as not done)
    else if (framesLeftOutByKind(clauses[r.clause].text)) notDone.push({ verb: 'leave out frames by how they look', clause: original.slice(r.start, r.end).replace(/^\s*(?:and|then|,)\s+/i, '').trim(), at: r.clause });
  }
  return { mentions, excluded: [...new Set(excluded)], excludedSpans, ...(scopesLeftOut.length ? { scopesLeftOut } : {}), ...(resultsOff.length ? { resultsOff } : {}), ...(toldNot.length ? { toldNot } : {}), ...(resultsKept.length ? { resultsKept } : {}), ...(scopes.length ? { scopes } : {}), ...(labelling.length ? { labelling } : {}), ...(headings.length ? { headings } : {}), ...(notDone.length ? { notDone: notDone.map(({ at: _at, ...n }) => n) } : {}) };
}

/** The clause, its pronoun read as the things the step before named, names that step first, and alone names another. */
function restatesTheStepBefore(clause: string, before: string, tool: string, catalogue: Catalogue): boolean {
  const read = withAntecedent(clause, before);
  if (!read) return false;
  const index = indexFor(catalogue);
  const alone = bestMatch(index.match(clause), clause, catalogue)?.tool;
  return alone !== undefined && alone !== tool && bestMatch(index.match(read), read, catalogue)?.tool === tool;
}

/**
 * The clause tells a fault the tool declares it `removes`, by the fault's word or its form ("noisy" of noise, "shimmers"
 * of shimmer), not said to be small or left alone ("the drift is minor", "a bit of noise but fine").
 */
function toldAFault(match: Match, text: string, catalogue: Catalogue): boolean {
  const faults = (selfOf(match.tool, catalogue)?.removes ?? []).map((r) => tokenize(r).map((t) => meaning(t.stem)));
  if (faults.length === 0 || FAULT_SAID_SMALL.test(text)) return false;
  // ("noisy", "grainy", "shaky": the adjective of a fault is the fault)
  const said = tokenize(text).flatMap((t) => [meaning(t.stem), ...(/y$/i.test(t.word) && t.word.length > 4 ? [t.word.slice(0, -1), `${t.word.slice(0, -1)}e`].flatMap((w) => tokenize(w).map((x) => meaning(x.stem))) : [])]);
  return faults.some((f) => f.length > 0 && f.every((stem) => said.includes(stem)));
}
const FAULT_SAID_SMALL = /\b(?:no|not|n't|never|hardly|barely|little|slight(?:ly)?|minor|minimal|negligible|fine|ok(?:ay)?|acceptable|anyway|regardless|ignore|leave)\b/i;

/**
 * The self-driving rule the acquisition language reads in the whole request, said with its condition ("when a cell divides
 * switch to 1 minute intervals for 30 minutes", "stop the run if the focus is lost"); undefined otherwise.
 */
function microscopeRuleIn(request: string, catalogue: Catalogue): PlannedStep | undefined {
  if (!/^\s*(?:once|upon|on)\b|\b(?:when(?:ever)?|if|as soon as|each time|every time)\b/i.test(request)) return undefined;
  // ("measure from time point 12 on, when the stimulus starts": the span's reason, scopeReason.ts)
  if (whenGivesASpansReason(request)) return undefined;
  const routed = microscopeLanguage().routeMicroscopeRequest(request, { acquisitionRunning: false });
  return routed?.tool !== undefined && plays(routed.tool, 'rule', catalogue) ? { tool: routed.tool, args: routed.args, clause: request } : undefined;
}

/** The tool's name or its own words hold the meaning ("set" of set_calibration, "describe" of movie_info's words). */
/** The meanings of a tool's name, words and examples (not its description, which tells how it works). */
/** The first noun after a clause's opening verb ("merge the two channels" → "channels"): determiners, numbers and adjectives of count skipped. */
const OBJECT_AFTER_VERB = /^(?:(?:the|these|those|my|our|its|their|both|all|each|every|two|three|four|\d+|of|fluorescence|fluorescent|colour|color|different|separate)\s+)*([\p{L}-]+)/iu;

/** True when the clause's verb acts on a thing that neither the tool's own words nor the descriptions of the arguments it matched name. */
function actsOnAThingNotItsOwn(text: string, verb: string, match: Match, catalogue: Catalogue): boolean {
  const tool = match.tool;
  const at = text.toLowerCase().indexOf(verb.toLowerCase());
  if (at < 0) return false;
  const object = OBJECT_AFTER_VERB.exec(text.slice(at + verb.length).trim())?.[1];
  const objectToken = object ? tokenize(object)[0] : undefined;
  if (!objectToken || isStopWord(objectToken.word)) return false;
  const matchedStems = new Set(match.matched.flatMap((m) => m.split(' ')));
  const described = Object.values(catalogue.get(tool)?.properties ?? {}).map((p) => p.description ?? '')
    .filter((d) => tokenize(d).some((t) => matchedStems.has(meaning(t.stem)))).join(' ');
  const known = new Set([...ownWords(tool, catalogue), ...tokenize(described).map((t) => meaning(t.stem))]);
  return !known.has(meaning(objectToken.stem));
}

/** Results named as already there: "the masks we have", "our existing labels", "the tracks you made", "the current segmentation". */
const HELD_RESULT = /^(?:(?:and|but|so|then|please|pls|just|ok(?:ay)?)[,\s]+)*(?:(?:re-?)?use|take|keep|start\s+from|work\s+(?:on|with|from)|go\s+(?:on|ahead)\s+with|with|from|on)\s+(?:the\s+|our\s+|my\s+|those\s+|these\s+)?(?:(existing|current|available|previous|earlier|old|same|ready-?made)\s+)?([\p{L}-]+)(?:\s+(?:(?:that|which)\s+)?(?:we|i|you)(?:'ve|\s+have|\s+had)?\s+(?:already\s+)?(?:have|had|got|made|did|done|produced|already))?/iu;

/** True when the clause only points at results a step makes that the words say exist already (its whole text). */
function pointsAtResultsHeld(text: string, index: ToolIndex, catalogue: Catalogue): boolean {
  const m = HELD_RESULT.exec(text.trim());
  if (!m) return false;
  const rest = text.trim().slice(m[0].length).replace(/[\s.,;!?]+$/, '');
  // ("use the masks we have" but not "use the masks to measure" nor "with the masks, track": the clause ends there, and it says they exist)
  const saysHeld = !!m[1] || /\b(?:we|i|you)\b/i.test(m[0].slice(m[0].indexOf(m[2]) + m[2].length));
  if (!saysHeld || rest.length > 0) return false;
  const maker = index.match(m[2])[0]?.tool;
  return !!maker && producesOf(maker, catalogue).some((t) => t !== 'movie');
}

function ownWords(tool: string, catalogue: Catalogue): Set<string> {
  const self = selfOf(tool, catalogue);
  return new Set(tokenize([tool.replace(/_/g, ' '), ...(self?.words ?? []), ...(self?.examples ?? [])].join(' ')).map((t) => meaning(t.stem)));
}

function declaresWord(tool: string, stem: string, catalogue: Catalogue): boolean {
  const self = selfOf(tool, catalogue);
  return tokenize([tool.replace(/_/g, ' '), ...(self?.words ?? []), ...(self?.examples ?? []), catalogue.get(tool)?.description ?? ''].join(' ')).some((t) => meaning(t.stem) === stem);
}

/** The words name a numeric setting of the tool by the noun phrase its description opens with ("blur" of segment's sigmaPx). */
function namesASettingOf(tool: string, words: string, catalogue: Catalogue): boolean {
  return numericArgumentsDescribed(catalogue.get(tool)?.properties ?? {}, tokenize(words).map((t) => meaning(t.stem))).length > 0;
}

/** The clause opens with a verb that asks for an action ("compute the areas"), not one of saying or giving ("show them"). */
function opensWithAnAction(clause: string): boolean {
  const verb = OPENING_VERB.exec(clause)?.[1];
  return !!verb && !NOT_AN_ACTION_VERB.test(verb);
}

/** Opening words that ask for no action of their own ("give the numbers", "show them", "make it"). */
const NOT_AN_ACTION_VERB = /^(?:give|show|list|make|get|do|tell|let|see|use|keep|need|want|like|try|have|put|be|is|are|can|could|would|will|should|please|and|then|also|now|next|finally)$/i;
const OPENING_JOINERS = String.raw`^(?:\s*(?:and|then|also|please|pls|now|next|finally|after that|afterwards|,)\b\s*)*`;
const OPENING_VERB = new RegExp(OPENING_JOINERS + String.raw`([a-z][a-z'-]*)\s+(?:it|them|this|that|these|those|the|my|our|all|everything|out|[a-z]{3,}s)\b`, 'i');
const OPENING_VERB_ON_A_QUESTION = new RegExp(OPENING_JOINERS + String.raw`([a-z][a-z'-]*)\s+(?:how|which|what|whether)\b`, 'i');

/**
 * The clause opens, after joiners ("and", "then", "please"), with a verb the tool declares as
 * its own (`words`) acting on something: "then save it as tiff" opens with the export's verb.
 */
function opensWithOwnWord(clause: string, tool: string, catalogue: Catalogue, onAQuestion = false): boolean {
  // a verb acting on something: the word is followed by a pronoun or an article ("save it", "write the result")
  // (or a bare plural: "then save masks to masks.tif"); or, asked for, on a question ("quantify how bright ...")
  const m = (onAQuestion ? OPENING_VERB_ON_A_QUESTION : OPENING_VERB).exec(clause);
  const first = m ? tokenize(m[1]).find((t) => !t.part) : undefined;
  if (!first) return false;
  // (before a bare plural, a value of some tool's is no verb: "and trackmate formats")
  const object = m![0].trim().split(/\s+/).at(-1) ?? '';
  if (!/^(?:it|them|this|that|these|those|the|my|our|all|everything|out)$/i.test(object) && enumValuesOf(catalogue).has(m![1].toLowerCase())) return false;
  const own = new Set(tokenize((selfOf(tool, catalogue)?.words ?? []).filter((w) => !w.includes(' ')).join(' ')).map((t) => meaning(t.stem)));
  return own.has(meaning(first.stem));
}

/** The words open with the verb the tool's name opens with ("segment the ..." for segment, "track them" for track). */
function opensWithNameOf(clause: string, tool: string): boolean {
  const first = tokenize(clause).find((t) => !t.part && !isStopWord(t.word) && !/^(?:please|pls|kindly|now|then|so|and|ok|okay)$/i.test(t.word));
  return !!first && meaning(first.stem) === meaning(normalizeWord(tool.split('_')[0]));
}

/** A negated clause names a value of one of the tool's choices after its negation ("no gaussian please", "don't use the U-Net"). */
function namesAValueOf(tool: string, negated: string, catalogue: Catalogue): boolean {
  const after = negated.replace(/^.*?\b(?:not|don'?t|never|without|no|w\/o)\s+(?:(?:use|using|with|as)\s+)?/i, '');
  return Object.keys(catalogue.get(tool)?.properties ?? {}).some((arg) => findEnumValue(tool, arg, after, catalogue));
}

/** The allowed values of a tool's own arguments, lower case ("csv", "trackmate" of export). */
const TOOL_VALUES = new WeakMap<Catalogue, Map<string, Set<string>>>();

function valuesOfTool(tool: string, catalogue: Catalogue): Set<string> {
  let byTool = TOOL_VALUES.get(catalogue);
  if (!byTool) TOOL_VALUES.set(catalogue, (byTool = new Map()));
  let values = byTool.get(tool);
  if (!values) byTool.set(tool, (values = valuesOfToolOnce(tool, catalogue)));
  return values;
}

function valuesOfToolOnce(tool: string, catalogue: Catalogue): Set<string> {
  return new Set(Object.values(catalogue.get(tool)?.properties ?? {}).flatMap((p) => allowedValues(p).map((v) => v.toLowerCase())));
}

const ENUM_VALUES = new WeakMap<Catalogue, Set<string>>();

/** Every allowed value of every tool's arguments, lower case ("trackmate", "otsu"): the union of each tool's own. */
function enumValuesOf(catalogue: Catalogue): Set<string> {
  let values = ENUM_VALUES.get(catalogue);
  if (!values) ENUM_VALUES.set(catalogue, (values = new Set([...catalogue.keys()].flatMap((tool) => [...valuesOfTool(tool, catalogue)]))));
  return values;
}

/** True when two or more clauses after a heading's colon (in its sentence) ask for steps of other tools than the heading's. */
function headsSteps(clauses: Clause[], at: number, tool: string, index: ReturnType<typeof indexFor>, catalogue: Catalogue = new Map()): boolean {
  const listed = new Set<string>();
  for (const c of clauses.slice(at + 1)) {
    if (c.sentence !== clauses[at].sentence) break;
    const m = index.match(c.text)[0];
    // ("Registration: phase correlation, reference = first frame": the heading's own settings, no steps; "..., segment, track": steps by name)
    if (catalogue.size && !(m && (m.named || m.nameWord) && m.tool !== tool) && describesArguments(tool, c.text, catalogue)) continue;
    if (m && !m.byArgument && m.tool !== tool && !c.negated) listed.add(m.tool);
  }
  return listed.size >= 2;
}

/**
 * The words are a setting of the tool: a value said with its argument's name ("reference = first
 * frame", "bicubic interpolation"), or only words of its own description and arguments ("phase
 * correlation" of correct_drift, which "estimates the drift by phase correlation").
 */
function describesArguments(tool: string, text: string, catalogue: Catalogue): boolean {
  if (Object.keys(valuesByName(tool, text, catalogue)).length > 0) return true;
  const info = catalogue.get(tool);
  if (!info) return false;
  const own = new Set([...argumentMeanings(tool, catalogue, true), ...tokenize(info.description ?? '').map((t) => meaning(t.stem))]);
  // ("noisy", "grainy", "shaky": the adjective of a fault is the fault)
  const said = tokenize(text).flatMap((t) => [meaning(t.stem), ...(/y$/i.test(t.word) && t.word.length > 4 ? [t.word.slice(0, -1), `${t.word.slice(0, -1)}e`].flatMap((w) => tokenize(w).map((x) => meaning(x.stem))) : [])]);
  return said.length > 0 && said.every((w) => own.has(w));
}

/** The words of artifact inputs ("tracks", "labels"): an argument named after one says which input, not how a step runs. */
const INPUT_MEANINGS = new Set(tokenize('movie labels tracks table output').map((t) => meaning(t.stem)));

const EXCLUDE_WORD_MEANING = meaning(normalizeWord('exclude'));

/**
 * The clause with its opening verb of leaving out written "drop" when the thesaurus reads it so ("toss the mitotic ones",
 * "ditch the tiny cells"), so that the patterns of filters read every such verb, not only the ones they list.
 */
function leavingOutAsDrop(text: string): string {
  const m = /^((?:(?:and|but|then|please|pls|also)\s+)*)([a-z]+)\b/i.exec(text);
  if (!m || /^(?:without|except|leave|leaving|skip|skipping)$/i.test(m[2])) return text;
  return meaning(normalizeWord(m[2])) === EXCLUDE_WORD_MEANING ? `${m[1]}drop${text.slice(m[0].length)}` : text;
}

/** A clause that keeps or drops some of what the step before found ("keep only those with ...", "but only the ones that ..."). */
const FILTERS_EARLIER = /^(?:and\s+|but\s+|then\s+)?(?:only\s+(?:for|of|in|on|with)\s+(?:the\s+)?[\w-]+\s+(?:that|which|with|whose|where|lasting|longer|shorter|bigger|smaller|larger|above|below|over|under|of\s+at\s+least)\b|(?:keep|retain|leave)\s+only|only\s+(?:keep|retain|the\s+ones|those|ones)|(?:keep|retain|exclude|drop|remove|discard|ignore)\s+(?:just\s+|only\s+)?(?:those|the\s+ones|ones|any)\s+(?:that|which|with|whose|where|above|below|bigger|smaller|larger|longer|shorter)|(?:exclude|drop|remove|discard|ignore|skip|omit|reject)\s+(?:all\s+|any\s+|the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:cells|nuclei|objects|ones|spots|blobs|particles)\s*$)\b/i;

/** The tool keeps some of the things another step makes, by its own declaration (`selects`: filter_tracks of the tracker's tracks). */
function selectsWhatIsMade(tool: string, maker: string, catalogue: Catalogue): boolean {
  const type = selfOf(tool, catalogue)?.selects;
  return tool !== maker && type !== undefined && producesOf(maker, catalogue).includes(type);
}

/** A quantity compared with a number, said of the things found: "circularity above 0.8", "area is under 50", "a mean intensity > 300". */
const COMPARED_QUANTITY = String.raw`(?:(?:an?|the|their|its)\s+)?(?:[\p{L}-]+\s+){1,2}(?:(?:is|are|of)\s+)?(?:(?:more|less|greater|smaller|larger|bigger|longer|shorter|higher|lower|fewer)\s+than|above|below|over|under|exceeding|at\s+(?:least|most)|[<>≥≤]=?)\s*\d[\d.,]*`;

/** A condition on a quantity of the things found, and nothing else: "(with) circularity above 0.8", "whose area is under 50 px", "a mean intensity > 300". */
const CONDITION_ON_THINGS = new RegExp(String.raw`^(?:(?:with|whose|where|having|that\s+have|which\s+have)\s+)?${COMPARED_QUANTITY}\s*[\p{L}µ²%/]*\s*$`, 'iu');

/** The same condition inside a clause, after the things it is on ("segment nuclei with circularity above 0.8"). */
const CONDITION_INSIDE = new RegExp(String.raw`\b(?:with|whose|where|having)\s+${COMPARED_QUANTITY}(?:\s*(?:%|px²?|pixels?|µm²?|um2?))?(?=\s*(?:[,;.!?]|$))`, 'giu');

/**
 * The words without a condition on the things found ("with circularity above 0.8"): which step the clause asks for is
 * read without it (the quantity it names is no measuring step); the condition stays in the step's words, applied or named.
 */
function withoutConditions(text: string): string {
  return text.replace(CONDITION_INSIDE, (m) => ' '.repeat(m.length));
}

/** Words for the things a step finds ("cells", "nuclei", "anything"): leaving them out filters objects, it excludes no step. */
const OBJECT_WORDS = /\b(?:cells?|nuclei|nucleus|objects?|ones|blobs?|spots?|particles?|debris|anything|everything|(?:those|any)\s+(?:that|which|who|with|where|whose|smaller|bigger|larger|under|over|below|above|touching|at|on|near|cut|in)|frames?|time\s?points?|timepoints?|channels?|tracks?\s+(?:shorter|longer|that|which|with|under|below|of))\b/i;

/** The tool needs an argument that is no input made by another step and has no default, and the request names no path for it. */
function lacksRequired(tool: string, request: string, catalogue: Catalogue): boolean {
  const info = catalogue.get(tool);
  if (!info || findPaths(request).length > 0 || /\/\w|\w\//.test(request)) return false;
  return info.required.some((arg) => !INPUT_ARGS.has(arg) && !['result', 'tracks', 'labels', 'movie', 'table'].includes(arg) && info.properties[arg]?.type === 'string' && info.properties[arg]?.default === undefined);
}

/**
 * Turns off each yes/no setting of the step, on by default and not set by the words, whose description names the thing
 * in two words or fewer ("Detect divisions") and shares a telling word with what a clause turned down or left out
 * ("disregard mitotic events": mitosis is division).
 */
function offByExclusion(step: PlannedStep, spans: { start: number; end: number }[], text: string, catalogue: Catalogue, overriding = false): void {
  const said = new Set(spans.flatMap((s) => tokenize(text.slice(s.start, s.end)).map((t) => meaning(t.stem))).filter((w) => w !== EXCLUDE_MEANING && !INPUT_MEANINGS.has(w)));
  if (said.size === 0) return;
  for (const [arg, p] of Object.entries(catalogue.get(step.tool)?.properties ?? {})) {
    if (!isSwitch(p) || p.default !== true || (step.args[arg] !== undefined && !(overriding && step.args[arg] === true))) continue;
    const head = (p.description ?? '').replace(/^[\p{L}\d ]{1,20}:\s+/u, '').split(/[(.;:,]/)[0];
    const words = tokenize(head).filter((t) => !isStopWord(t.word)).map((t) => meaning(t.stem));
    // (a statement may say it by the other name the description gives in brackets: "never split", "Detect divisions (track splitting)")
    const aside = overriding ? /^[^(.;:]*\(([^)]*)\)/.exec((p.description ?? '').replace(/^[\p{L}\d ]{1,20}:\s+/u, ''))?.[1] ?? '' : '';
    const alsoSaid = tokenize(aside).filter((t) => !isStopWord(t.word)).map((t) => meaning(t.stem)).filter((w) => !ownWords(step.tool, catalogue).has(w));
    if (words.length === 0 || words.length > 2 || ![...words, ...alsoSaid].some((w) => said.has(w))) continue;
    step.args[arg] = false;
  }
}

/** Some of the things only, by a property: "only tracks longer than 10 frames", "just the cells with ...", "only nuclei over 50 px". */
/**
 * A clause that says what must stay as it is ("but keep the edges sharp", "while preserving the fine structure"): a wish
 * on the step before. ("keep the result" saves it: only "keep" with how the thing stays.)
 */
const KEPT_AS_IS = /^\W*(?:(?:and|but|while|whilst|yet)\s+)?(?:still\s+)?(?:(?:preserv(?:e|ing)|retain(?:ing)?|maintain(?:ing)?)\s+(?:the|its|their|all|any|fine|small|sharp)\b|keep(?:ing)?\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:[\p{L}-]+\s+){1,3}(?:sharp|crisp|intact|clear|visible|detailed|unchanged|untouched|the\s+same|as\s+(?:they\s+are|it\s+is|is))\b)/iu;

/** A clause whose verb leaves some things out ("skip frames where ...", "avoid the edges", "ignore the debris"). */
const LEAVES_OUT_CLAUSE = /^\W*(?:(?:and|but|then|please|pls|also|just|so)\s+)*(?:skip\w*|ignor\w*|avoid\w*|exclud\w*|drop\w*|discard\w*|omit\w*|disregard\w*|leav\w*\s+out|throw\w*\s+(?:out|away)|get\s+rid\s+of|don'?t\s+(?:count|include|use))\s+\S/i;

/** A clause opening with a word that leaves some things out ("excluding", "except (for)", "apart from", "ignoring", "leaving out", "without", "but not"). */
const LEAVES_SOME_OUT_OPENER = /^\W*(?:(?:and|but|while)\s+)?(?:excluding|except(?:\s+for)?|excepting|apart\s+from|other\s+than|aside\s+from|ignoring|disregarding|leaving\s+out|omitting|skipping|minus|without|not\s+counting|but\s+not|not)\s+/i;
/** ... followed by things found or kept ("cells", "the ones", "anything", "those", a kind of them). */
const LEAVES_SOME_OUT = new RegExp(LEAVES_SOME_OUT_OPENER.source + String.raw`(?:(?:the|any|all|those|these|ones?|anything|everything|objects?|cells?|nuclei|nucleus|spots?|blobs?|particles?|tracks?|debris)\b|[\p{L}-]+\s+(?:cells?|nuclei|nucleus|objects?|ones|spots?|blobs?|particles?|tracks?)\b)`, 'iu');

/** A clause opened by a word of scope and the things or place it picks ("only the ...", "just those ...", "only in ..."), after its joiners. */
const SCOPE_OPENER = /^\W*(?:(?:and|but|then|though)\s+)?(?:only|just|solely|exclusively)\s+(?=(?:the|those|these|in|on|at|within|inside|near|around|where|across|over)\b)/i;
const ONLY_SOME = /^\W*(?:(?:and|but|then)\s+)?(?:only|just|solely)\s+(?:(?:the\s+|those\s+)?(?:tracks|cells|nuclei|objects|ones|spots|blobs|trajectories)|those|the\s+ones)\s+(?:that|which|with|without|longer|shorter|bigger|larger|smaller|over|under|above|below|more|less|fewer|faster|slower|lasting|spanning|touching|inside|outside|present|moving|migrating|of)\b/i;

/** A sentence in the past passive, as a methods paragraph writes ("Nuclei were segmented ...", "divisions were scored"). */
function pastPassive(sentence: string): boolean {
  return /\b(?:was|were)\s+(?:(?:then|first|subsequently|next|finally|also|initially|additionally|further|afterwards|automatically|manually)\s+)?[\p{L}-]+(?:ed|en)\b/iu.test(sentence);
}

/** Things found left out, as a request of its own ("ignore nuclei smaller than 30 µm²", "discard the objects on the border"). */
const LEFT_OUT_OBJECTS = /^(?:(?:and|then|please|pls|also)\s+)*(?:ignore|exclude|drop|discard|remove|skip|omit|reject|filter\s+out|leave\s+out|throw\s+(?:away|out)|get\s+rid\s+of)\s+(?:all\s+|any\s+|the\s+)?(?:[\w-]+\s+)?(?:cells|nuclei|objects|blobs|spots|particles|debris)\b/i;

/** Things found, then a size with its unit ("nuclei between 50 and 500 px in area", "cells of at least 20 µm²"). */
const SIZED_OBJECTS = /^(?:(?:and|then|please|pls|also|only|just|keep|so)\s+)*(?:(?:all|any|the|only)\s+)?(?:cells|nuclei|nucleus|objects|blobs|spots|particles)\b[^.;?]*?\d[\d.]*\s*(?:px|pixels?|µm|um|microns?)\b/i;
/** Words of motion: a size bound on how things move is no size of the things found. */
const MOTION_WORDS = /\b(?:mov\w*|travel\w*|migrat\w*|drift\w*|speed\w*|fast\w*|slow\w*|displac\w*|per\s+(?:frame|min\w*|s|sec\w*|h\w*)|\/\s*(?:frame|min|s|h))\b/i;

/** A clause with no verb that only names the things found and bounds their size: a request for the step that finds them, with its size rule. */
function sizedObjectsOnly(clause: string): boolean {
  return SIZED_OBJECTS.test(clause) && !MOTION_WORDS.test(clause) && !isQuestion(clause);
}

/** An operation named by its noun, with no verb or a light one ("shading correction", "then do a deconvolution", "background subtraction"). */
// ("... after drug treatment", "during the starvation": a phrase of when or under what, opened by its preposition, names no operation)
const NAMED_OPERATION = /^(?:\s*(?:and|then|and then|also|please|pls|now|next|first|finally|after that|,)\b\s*)*(?:(?:do|run|apply|perform|add)\s+(?:an?\s+|the\s+|some\s+)?)?(?!(?:after|before|during|following|upon|since|until|till|under|with|without|from|in|on|at|for|by|over|through|throughout)\s)((?:[\p{L}\d-]+\s+){0,3}[\p{L}-]{3,}(?:tion|sion|ment|al|sis))\s*[.!]?\s*$/iu;

/** A sentence that states the aim ("I'd like to track the cells", "the goal is to measure ..."), not yet the steps. */
// ("we're comparing migration between conditions": what the person is doing, in the progressive, is the aim too)
/** A verb of acting on a fault or an image (its stem): a clause without one only tells of the fault ("the stage drifts"). */
const ACTS_ON_A_FAULT = /\b(?:correct|fix|remov|eliminat|undo|reduc|suppress|compensat|subtract|normali[sz]|get\s+rid|take\s+(?:out|away|care)|sort|deal\s+with|stabili[sz]|regist|align|denois|clean|flatten|even\s+out|smooth|filter|account\s+for|handle|address|tackle|solve|kill|ditch|strip)/i;
const AIM = /^(?:so\s+)?(?:i'd like|i would like|i want|i need|we want|we need|we'd like|we would like|my goal is|our goal is|the goal is|the aim is|(?:i'm|we're|i am|we are)\s+(?:\w+ly\s+)?\w+ing)\b/i;

/** A clause that is only a distributive scope: "for each track", "per cell", "for every nucleus, in µm". */
const EACH_SCOPE = /^(?:(?:and|,|-|–|—)\s*)*(?:for\s+(?:each|every|all(?:\s+the)?)|per|in\s+each|of\s+each|on\s+each|each)\s+(?:single\s+|individual\s+|one\s+of\s+the\s+)?[\p{L}-]+\s*(?:(?:,\s*)?(?:in|as)\s+[\p{L}µμ²/\s,]+)?[.!]?$/iu;

/** "could you sort that out", "fix it": a step named only by the problem a sentence before described. */
const POINTS_BACK = /\b(?:fix|sort|deal\s+with|correct|handle|take\s+care\s+of|get\s+rid\s+of|remove)\b(?:\s+\w+)?\s+(?:that|this|it)\b|\b(?:sort|fix)\s+(?:that|this|it)\s+out\b/i;

/**
 * The tool that sets what every later step reads (it declares `appliesToLaterSteps`: the
 * calibration) when the clause states a length per pixel or a time per frame, and the request
 * is no microscope command ("image DAPI, 1 frame every 2 min" sets the acquisition's interval).
 */
function calibrates(text: string, clause: Clause, request: string, catalogue: Catalogue): string | undefined {
  // (the quantities read in the whole text: "pixel size: 0.65 um" says what the number after the colon is)
  if (!/\d|\b(?:one|a|an)\s+(?:frame|image|time ?point|picture|snap)/i.test(clause.text) || !findQuantities(text).some((q) => q.per !== undefined && q.start >= clause.start && q.start < clause.end)) return undefined;
  const tool = [...catalogue.keys()].find((t) => selfOf(t, catalogue)?.appliesToLaterSteps === true);
  return tool && !microscopeOnlyWords(request) ? tool : undefined;
}

/**
 * The best match, where two score about the same preferring the tool whose arguments the
 * clause's numbers state ("the pixel size is 0.65 microns": set_calibration takes it, movie_info does not).
 */
function bestMatch(ranked: Match[], clause: string, catalogue: Catalogue): Match | undefined {
  const top = ranked[0];
  if (!top || !ranked[1] || ranked[1].score < 0.8 * top.score || !/\d/.test(clause)) return top;
  const near = ranked.filter((m) => m.score >= 0.8 * top.score);
  // ("the MSD up to lag 15": "lag", said with the number, names an argument of the MSD's tool too, so it tells nothing
  // against it; "MSD" is its own) (a tool named by its name keeps it: "draw a kymograph" is no plot of kind kymograph)
  const hasOwnWord = (m: Match) => (m.named || m.nameWord || m.matched.some((w) => !near.some((o) => o !== m && w.split(' ').every((x) => argumentMeanings(o.tool, catalogue).has(x)))) ? 1 : 0);
  const stated = (m: Match) => Object.keys(statedNumbers(m.tool, clause, catalogue)).length;
  // ("track with a max displacement of 6 microns per frame": the tool named whose own reading takes the number, over one whose words only describe it)
  const reads = (m: Match) => (m.named ? readsANumber(m.tool, clause, catalogue) : 0);
  // ("measure the speed of the 5 fastest tracks", "plot the 10 longest tracks": the tool named by the clause's opening verb is
  // the step; a number another tool takes as a count of things ranked is that step's scope, selectionScope.ts)
  const opener = near.find((m) => m.named && openedBy(m, clause));
  if (opener && countOfThings(clause)) return opener;
  return near.sort((a, b) => stated(b) - stated(a) || reads(b) - reads(a) || hasOwnWord(b) - hasOwnWord(a) || b.score - a.score)[0];
}

/** The match's words open the clause (after words of politeness and order): "measure the ...", "please plot ...". */
function openedBy(m: Match, clause: string): boolean {
  const lead = /^\s*(?:(?:and|then|also|please|pls|now|next|finally|just|can\s+you|could\s+you)\s+)*/i.exec(clause)?.[0].length ?? 0;
  return m.at <= lead;
}

/** A count of things ranked, said in the clause: "the 5 fastest tracks", "top 10 tracks", "the 3 most motile cells". */
function countOfThings(clause: string): boolean {
  return RANKED_COUNT.test(clause);
}
const RANKED_COUNT = /\b(?:top\s+\d+|\d+\s+(?:most\s+[\p{L}-]+|least\s+[\p{L}-]+|[\p{L}]+est))\s+(?:tracks?|trajectories|paths|cells|nuclei|objects)\b/iu;

/**
 * How well the tool takes a number from the words: the score of the argument's name words by
 * it (2 a word), else 1 when the tool's own reading takes one, else 0.
 */
function readsANumber(tool: string, clause: string, catalogue: Catalogue): number {
  const scored = Object.values(statedNumbersScored(tool, clause, catalogue));
  if (scored.length > 0) return Math.max(0.5, ...scored.map((s) => s.score));
  return ownReadingTakesANumber(tool, clause, catalogue) ? 1 : 0;
}

/** The tool's own reading (its `fromRequest`) takes a number from the words ("search radius 9 px" of the tracker). */
function ownReadingTakesANumber(tool: string, clause: string, catalogue: Catalogue): boolean {
  const none: Conversation = { request: clause, artifactsAtStart: [], earlier: [], current: [], earlierRequests: [] };
  const args = buildArgs(tool, { clause, text: clause, conversation: none, catalogue, single: true });
  return Object.entries(args).some(([k, v]) => k !== 'channel' && !k.startsWith('$') && typeof v === 'number') || typeof args.$note === 'string';
}

/**
 * A file format said after "as"/"in"/"to" ("as a csv", "in TrackMate format") that the step's own
 * tool has no value for, and another tool's `format` argument does: that tool (the writer) and
 * where the words start in the clause.
 */
function fileFormatOfAnother(clause: string, tool: string, catalogue: Catalogue): { tool: string; at: number } | undefined {
  const hasValue = (name: string, value: string) => Object.values(catalogue.get(name)?.properties ?? {}).some((p) => [...(p.enum ?? []), ...(p.anyOf ?? []).flatMap((a) => a.enum ?? [])].includes(value));
  for (const [name, info] of catalogue) {
    if (name === tool || !info.properties.format) continue;
    // ("I'll analyse the tracks in R", "the masks go into QuPath": a program the tool declares it writes files for)
    const forDeclared = selfOf(tool, catalogue)?.opensIn ? undefined : programAsDestination(clause, name, catalogue);
    if (forDeclared) return { tool: name, at: forDeclared.at };
    // ("as a csv", "to TrackMate XML", "in CTC format", "in format of trackmate", "a trackmate file"; "like in Fiji", "as in the paper" compare, they write nothing)
    // ("something I can open in TrackMate", "a file to load into Fiji", "files for Prism": a program the file is for, named by
    // what the person will do with it, is the format it reads, however many tools' words hold its name)
    const forProgram = /\b(?:(?:open|load|import|read|view|drop|drag|put|go|goes|going|send|bring|feed|check|inspect|look\s+at|explore|analy[sz]e|plot|graph)\w*(?:\s+(?:it|them|this|that|these|those|everything|the\s+[\p{L}-]+))?\s+(?:in|into|with|on)|(?:files?|something|anything|output|outputs|export|version|copy)\s+(?:for|to\s+use\s+in|readable\s+(?:in|by))|(?:readable|openable)\s+(?:in|by))\s+(?:an?\s+|the\s+)?([\p{L}][\p{L}\d-]*)\b/iu.exec(clause);
    const program = forProgram ? findEnumValue(name, 'format', forProgram[1], catalogue) : undefined;
    if (forProgram && program && !hasValue(tool, program) && !findEnumValue(tool, 'format', forProgram[1], catalogue)) return { tool: name, at: forProgram.index + forProgram[0].lastIndexOf(forProgram[1]) };
    const m = /(?<!\b(?:like|as|just|same)\s)\b(?:(?:as|into|to)\s+(?:an?\s+|the\s+)?(?:(?:supplementary|separate|new|plain|standard|proper|\d+-bit)\s+)?([\p{L}\d-]+)(?:\s+(?:file|files|table|format|sheet|spreadsheet|folder|stack|movie))?|in\s+(?:an?\s+|the\s+)?([\p{L}\d-]+)\s+(?:file|files|format)|in\s+(?:an?|one)\s+([\p{L}\d-]+)|in\s+(?:the\s+)?format\s+(?:of\s+)?([\p{L}\d-]+)|(?:an?|one)\s+([\p{L}\d-]+)\s+files?)\s*(?=$|[.,;!?)]|\s+(?:and|please|pls|for|by|so|too|if)\b)/iu.exec(clause);
    // ("CSV of circularity", "a csv with the speeds": a format's name opening the clause before what it holds; "area +
    // intensity csv": closing a clause of nouns after what it holds, never a method named after a verb, "track them with trackmate")
    const bare = m ? undefined : /^(?:(?:and|also|plus|then|\+|&)\s+)*(?:an?\s+|the\s+)?([\p{L}\d-]+)(?:\s+(?:file|files|export))?\s+(?:of|with|for|listing|containing)\s+\S/iu.exec(clause) ?? (opensWithAnAction(clause) ? null : /(?<!\b(?:with|using|via|by|like|in|from|of)\s)\b([\p{L}\d-]+)(?:\s+(?:file|files|please|pls|too|as\s+well))?\s*[.!]?\s*$/iu.exec(clause));
    if (!m && !bare) continue;
    // ("TrackMate with the LoG detector": a name the step's own words hold names the step, no file of another; nor a name
    // another tool declares as its own word, a method: "TrackMate with the LoG detector, then LAP tracking" is track's;
    // "the speed as a graph" is plot's own word, no shortened "GraphPad")
    const ownWordOf = (t: string, word: Token) => (selfOf(t, catalogue)?.words ?? []).some((w) => !w.includes(' ') && meaning(normalizeWord(w)) === meaning(word.stem));
    const anotherToolsWord = (word: Token) => ownWordOf(tool, word) || [...catalogue.keys()].some((t) => t !== name && ownWordOf(t, word));
    if (!m && bare) {
      const word = tokenize(bare[1])[0];
      const value = findEnumValue(name, 'format', bare[1], catalogue);
      if (!word || indexFor(catalogue).spread(meaning(word.stem)) >= GENERIC_SPREAD || !value || hasValue(tool, value) || findEnumValue(tool, 'format', bare[1], catalogue)) continue;
      if (anotherToolsWord(word)) continue;
      return { tool: name, at: bare.index + bare[0].indexOf(bare[1]) };
    }
    if (!m) continue;
    const value = findEnumValue(name, 'format', m[0], catalogue);
    // (a format's own name, "csv", "tiff", not a word many tools use: "into a single image" writes nothing)
    const said = tokenize(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '')[0];
    if (!said || indexFor(catalogue).spread(meaning(said.stem)) >= GENERIC_SPREAD || (!value?.toLowerCase().includes(said.word.toLowerCase()) && anotherToolsWord(said))) continue;
    if (value && !hasValue(tool, value) && !findEnumValue(tool, 'format', m[0], catalogue)) return { tool: name, at: m.index };
  }
  return undefined;
}

/**
 * "I'll do the stats in R", "they need to go into QuPath": a clause that no tool's words name, naming a program some
 * tool declares it writes files for (`opensIn`): that tool, which chooses the format the program opens.
 */
function writerForProgram(clause: string, catalogue: Catalogue): Match | undefined {
  const names = catalogue.size ? [...catalogue.keys()] : ALL_TOOLS.map((t) => t.name);
  for (const tool of names) {
    const named = programAsDestination(clause, tool, catalogue);
    // (the program's name is the word matched: a telling word, no word many tools use)
    if (named) return { tool, score: 1, at: named.at, matched: [named.program.toLowerCase()] };
  }
  return undefined;
}

/** The writer for a program said as where the person works ("... in GraphPad", "... with Fiji"), whatever their verb. */
function writerForProgramWorkedIn(clause: string, catalogue: Catalogue): Match | undefined {
  for (const tool of catalogue.keys()) {
    const named = programNamedIn(clause, selfOf(tool, catalogue)?.opensIn);
    if (named && /\b(?:in|into|with|using)\s+(?:an?\s+|the\s+)?$/i.test(clause.slice(0, named.at))) return { tool, score: 1, at: named.at, matched: [named.program.toLowerCase()] };
  }
  return undefined;
}

/** The tool that writes copies of results (`writesCopies`) for a clause whose own verb no tool knows and that names a file or folder to put things in. */
function writerForOutput(said: string, masked: string, index: ToolIndex, catalogue: Catalogue): Match | undefined {
  const output = findOutput(said);
  if (!output || !unmatchedAction(masked, index)) return undefined;
  const writer = [...catalogue.keys()].find((t) => writesCopies(t, catalogue));
  return writer ? { tool: writer, score: 1, at: Math.max(0, said.indexOf(output)), matched: [output.toLowerCase()] } : undefined;
}

/**
 * A program the tool declares it writes files for (`opensIn`), said as where the file goes: "in/into/to/for PROGRAM"
 * ("they need to go into QuPath", "I'll do the stats in R"); "like in Fiji" compares, "with TrackMate" names a method.
 */
function programAsDestination(clause: string, tool: string, catalogue: Catalogue): { program: string; at: number } | undefined {
  const named = programNamedIn(clause, selfOf(tool, catalogue)?.opensIn);
  if (!named) return undefined;
  const before = clause.slice(0, named.at);
  // (a verb of taking the file there or working on it there, or a wish: "Images were background-subtracted in ImageJ"
  // tells where a step was done, no file to write)
  const takenThere = /\b(?:open|load|import|read|view|drop|drag|put|go|goes|going|send|bring|feed|check|inspect|look|explore|analy[sz]e|plot|graph|do|use|get|need|want|end\s+up|paste|copy|export|save|write|annotate|edit|curate|show|stats?|statistics)\w*\b/i.test(before);
  const toldDone = /\b(?:was|were|been|had)\b/i.test(before);
  // ("do what Correct 3D Drift does in Fiji", "as StackReg did in ImageJ": a method's own doing there, said in the third person
  // or the past, is where the method comes from, no file the person takes there)
  const methodsHome = /\b(?:does|did)\s+(?:(?:it|this|that|them)\s+)?(?:in|with)\s+(?:an?\s+|the\s+)?$/i.test(before);
  return takenThere && !toldDone && !methodsHome && /\b(?:in|into|to|for)\s+(?:an?\s+|the\s+)?$/i.test(before) && !/\b(?:like|as|just|same)\s+(?:in|for)\s+(?:an?\s+|the\s+)?$/i.test(before) ? named : undefined;
}

/** True when each of two clauses names a file to write, and not the same one ("the tracks to a.csv and the masks to b.tif"). */
function namesAnotherFile(first: string, second: string): boolean {
  // ("write tracks.csv and masks.tif": a file named with no "to" before it is a file to write too)
  const a = findOutput(first) ?? findPaths(first)[0];
  const b = findOutput(second) ?? findPaths(second)[0];
  return !!a && !!b && a !== b && findPaths(second).length > 0;
}

/** How many tools' names hold the meaning ("movie": load_movie, simulate_movie). */
function inToolNames(stem: string, catalogue: Catalogue): number {
  const names = catalogue.size ? [...catalogue.keys()] : ALL_TOOLS.map((t) => t.name);
  return names.filter((n) => tokenize(n.replace(/_/g, ' ')).some((t) => meaning(t.stem) === stem)).length;
}

/** True when two clauses name different values of the same enum argument of the tool. */
function namesAnotherValue(tool: string, first: string, second: string, catalogue: Catalogue): boolean {
  const props = catalogue.get(tool)?.properties ?? {};
  const args = Object.keys(props).length ? Object.keys(props) : Object.keys(selfOf(tool, catalogue)?.valueWords ?? {});
  // ("smooth the traces, Savitzky Golay, ...": a verb before its object is the step's action, no value said of it; the value
  // named after it is how that step runs, never the step again)
  const said = first.replace(/^\W*(?:(?:please|pls|and|then|now|can you|could you)\s+)*[a-z-]+\s+(?=(?:the|my|our|these|those|all|each|every|its|their|this|that)\s)/i, '');
  return args.some((arg) => {
    const a = findEnumValue(tool, arg, said, catalogue);
    const b = findEnumValue(tool, arg, second, catalogue);
    return a !== undefined && b !== undefined && a !== b;
  }) || (!LEFT_OUT_PHRASE.test(said) && !LEFT_OUT_PHRASE.test(second) && contrastedValues(tool, said, second, catalogue) !== undefined);
}

/** A phrase that leaves things out ("leaving out cells touching the border, segment the nuclei"): its objects are no second step's. */
const LEFT_OUT_PHRASE = /^\W*(?:leav\w*\s+out|exclud\w*|except(?:\s+for)?|ignor\w*|without|minus|apart\s+from|other\s+than|not|skip\w*|omit\w*|disregard\w*|drop\w*|discard\w*)\b/i;

/** Tool mentions in written order (kept for callers that only need the tools). */
export function findMentions(original: string, catalogue: Catalogue = new Map()): Mention[] {
  return understand(original, catalogue).mentions;
}

/** What a name is given to in "call it X", "name the model as X" (the words between the naming verb and the name). */
const NAMED_THING = String.raw`(?:it|them|the\s+(?:model|result|output))(?:\s+as)?`;
/** "call it n2v-hela": the naming words and the name, all asking for nothing. */
const CALL_IT_NAME = new RegExp(String.raw`\bcall\s+${NAMED_THING}\s+[\w-]+`, 'gi');
/** "called X", "named X", "name it X": the naming words (group 1) and the name (group 2), a file name whole ("called clean.tif"). */
const NAMED_AS = new RegExp(String.raw`\b((?:called|named|name\s+${NAMED_THING})\s+)([\w-]+(?:\.[\w-]+)*)`, 'gi');
/** The name said for what a step makes (group 1), quoted or not. */
const GIVEN_NAME = new RegExp(String.raw`\b(?:called|named|(?:name|call)\s+${NAMED_THING})\s+["'\`]?([A-Za-z0-9][\w-]*)`, 'i');

/** Brackets that only say how the movie was imaged: "(phase contrast)", "(brightfield, 20x)", "(DIC)". */
const MODALITY_ASIDE = /\((?:\s*(?:phase[\s-]*contrast|bright[\s-]*field|dark[\s-]*field|dic|widefield|wide[\s-]field|confocal|spinning[\s-]disk|epi-?fluorescence|fluorescence|tirf|light[\s-]sheet|live|fixed|\d+\s*x(?:\s+objective)?|\d+(?:\.\d+)?\s*(?:µm|um)\s*\/\s*px)\s*(?:images?|movies?|microscopy|imaging)?[\s,;/]*(?:and\s+)?)+\)/gi;

/**
 * Blanks out names, quoted strings and file paths (same length, so positions hold):
 * "a pipeline called nuclei-tracking" must not ask for tracking.
 */
export function maskNames(text: string): string {
  const blank = (m: string) => m.replace(/[^\s]/g, '_');
  return text
    // a quoted name; an apostrophe inside a word ("I'd", "Li's") is no quote
    // (four words or more in quotes, not after "called"/"named"/"as", are words reported: 'the reviewer asks "please provide the tracks as CSV"')
    .replace(/(^|[\s(])(["'`])[^"'`]*\2(?=$|[\s.,;:!?)])/g, (m, lead: string, _q: string, at: number, all: string) => (m.slice(lead.length + 1, -1).trim().split(/\s+/).length >= 4 && !/\b(?:called|named|name\s+it|as|titled|label(?:l?ed)?)\s*$/i.test(all.slice(0, at + lead.length)) ? m : lead + blank(m.slice(lead.length))))
    // ("tracking was performed in cellpilot": this program's own name asks for nothing)
    .replace(/\bcellpilot\b/gi, blank)
    // ("segment the cells, they're darker than the background (phase contrast)": how the movie was imaged, in brackets, asks for nothing)
    .replace(MODALITY_ASIDE, (m) => `(${blank(m.slice(1, -1))})`)
    // ("and call it n2v-hela": the naming words too, which ask for nothing)
    .replace(CALL_IT_NAME, blank)
    .replace(NAMED_AS, (_m, lead: string, name: string) => lead + blank(name))
    .replace(/\b((?:pipeline|workflow|recipe|protocol|steps|this|that|it|everything)\s+as\s+)(?!(?:a|an|the|pipeline|workflow|recipe|protocol|macro|yaml)\b)([\w-]+)/gi, (_m, lead: string, name: string) => lead + blank(name))
    // ("save pipeline: li-seg-2": a name after the noun and a colon asks for nothing)
    .replace(/\b((?:pipeline|workflow|recipe|protocol|macro)s?\s*[:=]\s*["'`]?)([a-z]*[-_\d][\w-]*)(?=["'`]?\s*(?:[.;!?]|$))/gi, (_m, lead: string, name: string) => lead + blank(name))
    .replace(/\b((?:run|apply|use|reuse|execute)\s+(?:the\s+|my\s+|our\s+)?(?:saved\s+)?)([\w-]+)(?=\s+(?:pipeline|workflow|recipe)\b)/gi, (_m, lead: string, name: string) => lead + blank(name))
    .replace(/\b((?:pipeline|workflow|recipe)\s+)([a-z0-9][\w-]*)(?=\s+(?:on|to|for)\b|\s*$)/gi, (_m, lead: string, name: string) => (/^(on|to|for|the|it)$/i.test(name) ? lead + name : lead + blank(name)))
    .replace(/(?:~|\.{1,2})?\/?(?:[\w.@+-]+\/)+[\w.@+{}:-]*|[\w@+-]+(?:\.[\w-]+)*\.(?:ome\.tiff?|tiff?|czi|nd2|lif|png|csv|json|xml|ya?ml)\b/gi, (m, at: number, all: string) => (!/\.\w+$|\/$|^[~./]/.test(m) && (m.match(/\//g)?.length ?? 0) < 2 ? m /* "dF/F0" is not a path */ : /\b(?:to|into|as|under)\s+$/i.test(all.slice(Math.max(0, at - 8), at)) ? blank(m) /* an output */ : asNoun(m)))
    // "for figure 2", "for Fig. S3b": which figure of a paper the result is for, no plot asked
    .replace(/\bfor\s+(?:the\s+|my\s+|our\s+)?(?:supp(?:lementary|l)?\.?\s+)?(?:fig(?:ure)?s?\.?|panel)\s*S?\d+[a-z]?\b/gi, (m) => m.replace(/[^\s]/g, '_'))
    // ("now segment the other file too": another of the person's movies, by its place, is a reference, no file to write)
    .replace(/\b(the\s+)((?:other|second|2nd|third|3rd|next|remaining)\s+(?:movie|file|stack|recording|video|time-?lapse|dataset))\b/gi, (_m, lead: string, words: string) => lead + blank(words))
    // "the denoised one", "the drift-corrected movie": references, not requests
    // ("I'd like the nuclei segmented", "get the movie drift-corrected": a participle after its noun, closing the phrase, asks for the step)
    .replace(/\b((?:the|that|this|those|these|my|our)\s+(?:\w+\s+)?)((?:de-?noised|drift[- ]corrected|bleach[- ]corrected|registered|stabili[sz]ed|projected|segmented|tracked|simulated|super[- ]?resolved|interpolated))\b/gi, (m: string, lead: string, word: string, at: number, all: string) =>
      (/\s\w+\s+$/.test(lead) && !/\w+ly\s+$/.test(lead) && /^\s*(?:$|[,.;:!?]|and\b|but\b|then\b|first\b|please\b|for me\b|before\b|after\b)/i.test(all.slice(at + m.length)) && /\b(?:like|want|need|get|have|see|would|'d)\b[^,.;]*$/i.test(all.slice(0, at)) ? m : lead + blank(word)));
}

/**
 * A file path read as the noun for its kind ("what is in data/run3.tif" → "what is in
 * file", "run pipelines/seg.yaml" → "run pipeline"), padded to the same length.
 */
function asNoun(path: string): string {
  const noun = /\.ya?ml$/i.test(path) ? 'pipeline' : /\.(?:csv|json|xml)$/i.test(path) ? '' : 'file';
  return noun && path.length >= noun.length ? noun + ' '.repeat(path.length - noun.length) : path.replace(/[^\s]/g, '_');
}

const QUESTION_START = /^(?:so\s+|and\s+|ok(?:ay)?[,\s]+|now\s+)?(?:(?:at|in|on|from|by|for|during|after|before|until|till|up\s+to)\s+(?=(?:which|what|how)\b))?(?:how|what|which|was|were|is|are|were|when|where|who|can you tell|tell me|give me the number|any idea|(?:did|does)\s+(?:i|you|we|they|it|these|those|any|all|most)\b|do\s+(?:i|you|we|they|these|those|any|all|most)\b)\b/i;
const MICROSCOPE_CUE = /\bevery\b|\blaser\b|\bpower\b|\bexposure\b|z-?stack|\bzoom\b|\binterval\b|\bfaster\b|\bslower\b|\bchannel\b|\bacquisition\b|\bmicroscope\b|\bstage\b|\bimaging\b|\btime-?lapse\b|\bobjective\b|\bacquir\w*/i;

/** The same words, but for the joining words and punctuation around them (", which one is fastest?" and "which one is fastest"). */
function sameWords(a: string, b: string): boolean {
  const bare = (t: string) => t.replace(/^[\s,;:.!]*(?:(?:and|then|also|so)\s+)*/i, '').replace(/[\s?.!,;:]+$/, '').toLowerCase();
  return bare(a) === bare(b);
}

/** A single question sentence ("what is the mean area and the count?"): asked as one. */
function isOneQuestion(text: string): boolean {
  const t = text.trim();
  return /\?$/.test(t) && !/[.;!?]\s/.test(t) && /^(?:so\s+|and\s+|ok(?:ay)?,?\s+)?(?:how|what|which|where|when|who|is|are|was|were|does|do|did|can you tell)\b/i.test(t) && !isAdviceQuestion(t);
}

/** A tool that declares it plays this part in a conversation (tools/types.ts, `role`). */
function plays(tool: string | undefined, role: ToolSelfDescription['role'], catalogue?: Catalogue): boolean {
  return !!tool && selfOf(tool, catalogue)?.role === role;
}

/** The first tool that declares it plays this part. */
function playing(role: ToolSelfDescription['role'], catalogue: Catalogue): string | undefined {
  const names = catalogue.size ? [...catalogue.keys()] : ALL_TOOLS.map((t) => t.name);
  return names.find((name) => plays(name, role, catalogue));
}

/** A microscope tool that makes new images from nothing it reads (a snapshot, an acquisition). */
function makesImagesFromNothing(tool: string, catalogue: Catalogue): boolean {
  return runsMicroscope(tool, catalogue) && (selfOf(tool, catalogue)?.consumes ?? []).length === 0 && producesOf(tool, catalogue).includes('movie');
}

/** The acquisition language read a start with no time plan and was not sure of it ("a timelapse of GFP for me": "image FITC once"). */
function startsWithoutTimePlan(routed: { tool?: string; args?: Record<string, unknown>; sure?: boolean }): boolean {
  const plan = routed.args?.plan as { timePlan?: unknown } | undefined;
  return routed.sure !== true && plan?.timePlan === undefined;
}

/** A tool that declares it runs the microscope. */
function runsMicroscope(tool: string, catalogue: Catalogue): boolean {
  return selfOf(tool, catalogue)?.domain === 'microscope';
}

/** A question about the data, not a polite ask for steps ("can you segment and track?" asks for steps; "how many cells?" asks about the data). */
function asksAboutData(text: string): boolean {
  return isQuestion(text) && !asksForAStep(text);
}

export function isQuestion(text: string): boolean {
  const t = text.trim();
  // "when you export, use the TrackMate format": a condition, then the request (no question mark)
  if (!/\?\s*$/.test(t) && /^(?:when|whenever|once|if)\s+[^,?]+,\s*\p{L}/iu.test(t)) return false;
  return /\?\s*$/.test(t) || QUESTION_START.test(t);
}

/**
 * Steps planned for two parts of a question, each once: a step of the same tool whose settings
 * agree with one before (none set to another value, the same kind) is that step, with the
 * settings of both ("how much do they move, and how many divide?": one tracking, with splitting).
 */
/**
 * "These are stem cells, whole-cell GFP. Segment the cells and track them": a step read from words that describe the sample,
 * with no verb of action, and a later step of the same tool asked with its verb are one step, the later one with the
 * settings the description gave (target cells, channel GFP), never two segmentations. Settings said both ways differently
 * keep both steps.
 */
function describedThenAsked(steps: PlannedStep[]): void {
  const settings = (step: PlannedStep) => Object.entries(step.args).filter(([k, v]) => !isRef(v) && !k.startsWith('$'));
  for (let i = 0; i < steps.length; i++) {
    const described = steps[i];
    if (opensWithAnAction(described.clause) || OPENING_VERB.test(described.clause)) continue;
    const asked = steps.findIndex((st, j) => j > i && st.tool === described.tool && opensWithAnAction(st.clause));
    if (asked < 0) continue;
    const later = steps[asked];
    if (settings(described).some(([k, v]) => k in later.args && JSON.stringify(later.args[k]) !== JSON.stringify(v))) continue;
    later.args = { ...later.args, ...Object.fromEntries(settings(described).filter(([k]) => !(k in later.args))) };
    steps.splice(i, 1);
    i--;
  }
}

/**
 * "The nuclei are in the second channel, track them": the step added to find the objects the asked step reads takes the
 * objects' channel said anywhere in the request (channelRoles.ts), as a step asked by name does.
 */
function objectsChannelSaidElsewhere(maker: string, makerArgs: Record<string, unknown>, conversation: Conversation, catalogue: Catalogue): void {
  if (makerArgs.channel !== undefined || !('channel' in (catalogue.get(maker)?.properties ?? {})) || !producesOf(maker, catalogue).includes('labels')) return;
  const movieChannels = conversation.artifactsAtStart.filter((a) => a.type === 'movie').at(-1)?.channelNames ?? [];
  const { objects } = channelRolesOf(conversation.request, movieChannels);
  if (objects !== undefined) makerArgs.channel = objects;
}

function sameStepsOnce(steps: PlannedStep[]): PlannedStep[] {
  const settings = (step: PlannedStep) => Object.entries(step.args).filter(([, v]) => !isRef(v));
  const agree = (a: PlannedStep, b: PlannedStep) => a.tool === b.tool && a.args.kind === b.args.kind && settings(b).every(([k, v]) => !(k in a.args) || JSON.stringify(a.args[k]) === JSON.stringify(v));
  const out: PlannedStep[] = [];
  for (const step of steps) {
    const same = out.findIndex((o) => agree(o, step));
    if (same < 0) out.push(step);
    else out[same] = { ...out[same], args: { ...out[same].args, ...Object.fromEntries(settings(step)) } };
  }
  return out;
}

/** Builds the plan for the current request. */
/** A list's number at the start of a line or after a bullet ("2. track them", "- 3) measure"): a marker, no setting. */
const LINE_NUMBER = /(^|\n|[-–•*]\s)([^\S\n]*(?:[-–•*][^\S\n]*)?)(\d{1,2}[.)])(?=[^\S\n]+\p{L})/gu;

/** The text with the numbers that mark a list's lines blanked (same length): "- 2. track them" reads no 2 as a radius. */
export function withListNumbersBlanked(text: string): string {
  // (a list numbered 1, 2, 3 ... is read as one by the clause splitter, its markers included)
  const numbers = [...text.matchAll(/(?:^|\s)\(?(\d{1,2})[.)](?=\s)/g)].map((m) => parseInt(m[1], 10));
  if (numbers.length >= 2 && numbers.every((n, k) => n === k + 1)) return text;
  return text.replace(LINE_NUMBER, (_m, start: string, bullet: string, marker: string) => start + bullet + ' '.repeat(marker.length));
}

/**
 * The plan for the request: its steps, a question to answer, or a reply; then every part of the request
 * accounted for (accounted.ts): a method, a negation or a thing to show that the plan neither applied nor
 * named gets one line of its own, never a silent "Done".
 */
export function planRequest(asked: Conversation, catalogue: Catalogue): Plan {
  // ("is it bleaching?" then "correct for that": the fault the turn before told, normalise.ts)
  const faultNamed = acquisitionRunning(asked) ? asked.request : withFaultOfTheTurnBefore(asked.request, asked.earlierRequests?.at(-1), catalogue);
  const conversation = faultNamed === asked.request ? asked : { ...asked, request: faultNamed };
  // (only the whole request's plan: a part planned inside it, planRequestOnce, keeps its lines where its caller takes them)
  const once = planRequestOnce(conversation, catalogue);
  // ("pause, snap a brightfield image, then carry on": while imaging, each command of a list is carried out, microscopeCommandList.ts)
  const listed = acquisitionRunning(conversation)
    ? eachCommandPlanned(conversation.request, once, (words) => planRequestOnce({ ...conversation, request: words }, catalogue), {
        isMicroscopeTool: (tool) => runsMicroscope(tool, catalogue),
        endsTheRun: (tool) => plays(tool, 'stop', catalogue),
        changesNothing: (tool) => plays(tool, 'status', catalogue) || (makesImagesFromNothing(tool, catalogue) && !plays(tool, 'start', catalogue)),
      })
    : once;
  // ("the 488 channel", "change the interval" while imaging: asked back what to change, never a crop or the help, microscopeThingsNamed.ts)
  const heard = acquisitionRunning(conversation) ? withRunThingsAskedBack(listed, conversation.request, runTurnReaders(conversation, catalogue)) : listed;
  // ("tell me whether they migrate one way. Could you follow them and plot their paths?": one tracking, repeatedSteps.ts)
  return withNothingLeftUnsaid(withoutRepeatedSteps(heard, catalogue), conversation.request, catalogue);
}

/**
 * Never a silent drop, whichever reader planned it: a line a step's argument reader left for the answer (\`$note\`) is said,
 * and things counted inside other things ("how many puncta per cell on average?") are named as not applied by the step
 * that counts, where no line said them yet.
 */
function withNothingLeftUnsaid(plan: Plan, request: string, catalogue: Catalogue): Plan {
  if (plan.reply || plan.steps.length === 0) return plan;
  const notes = [...(plan.notes ?? [])];
  for (const step of plan.steps) {
    if (typeof step.args.$note === 'string' && !notes.some((n) => n.includes(step.args.$note as string))) notes.push(step.args.$note);
    delete step.args.$note;
  }
  // (the step that makes the objects or their table: its counts are of one kind of object)
  const counting = [...plan.steps].reverse().find((s) => (selfOf(s.tool, catalogue)?.produces ?? []).some((p) => p === 'labels' || p === 'table'));
  const related = counting && !notes.some((n) => /relates one kind of object/.test(n)) ? objectsWithinObjectsNote(request, counting.tool) : undefined;
  if (related) notes.push(related);
  return notes.length ? { ...plan, notes } : plan;
}

function planRequestOnce(conversation: Conversation, catalogue: Catalogue): Plan {
  // ("how big is the shift between the first and last frame?", "correct the drift; how large was it?": a size asked of a
  // length a step reports is how much of it, the whole request read so before any part of it, magnitudeAsked.ts)
  // ("what did you just change?", "which settings have you changed?": the last change, from the record, lastChangeAsked.ts)
  if (conversation.current.length === 0 && asksWhatChanged(conversation.request)) return { steps: [], reply: lastChangeAnswer(conversation.earlier, (c) => microscopeLanguage().describeAdjustment(c as never), (tool) => runsMicroscope(tool, catalogue)) };
  const magnitude = acquisitionRunning(conversation) ? conversation.request : withMagnitudeAsked(conversation.request, catalogue);
  if (magnitude !== conversation.request) return planRequestOnce({ ...conversation, request: magnitude }, catalogue);
  // ("how does the number of nuclei change over time? show me a graph": the figure is of what the question asks, questionFigure.ts)
  const figured = acquisitionRunning(conversation) ? undefined : figureOfTheQuestion(conversation.request);
  if (figured) {
    const drawn = planRequestOnce({ ...conversation, request: figured }, catalogue);
    return drawn.reply ? drawn : { ...drawn, question: drawn.question ?? figured };
  }
  // "how long does mitosis take?" (asked or told: "find out how long mitosis takes"): the length of a division's stages,
  // which no step detects, said so (mitosisDuration.ts)
  const stage = acquisitionRunning(conversation) ? undefined : mitosisDurationAsked(conversation.request);
  if (stage) return { steps: [], reply: mitosisDurationReply(stage) };
  // ("analyse my movie", "do the usual": analysis asked with no step named is asked back in one question, nothing guessed, vagueRequests.ts)
  if (conversation.current.length === 0 && !acquisitionRunning(conversation) && asksForAnalysisUnnamed(conversation.request)) return { steps: [], reply: whichAnalysis(conversation.request, catalogue) };
  // ("split the channels", declined, then "save each as a tiff": "each" is of the request before, which ran nothing, eachReferent.ts)
  const eachOfNothing = conversation.current.length === 0 ? eachOfNothingDone(conversation.request, conversation.earlierRequests?.at(-1), (before) => planRequestOnce({ ...conversation, request: normalisedRequest(before, catalogue), earlierRequests: (conversation.earlierRequests ?? []).slice(0, -1) }, catalogue)) : undefined;
  if (eachOfNothing) return { steps: [], reply: eachOfNothing };
  // ("do the same for the other movie", "again but skip the drift correction": the request before, on another movie or without one of its steps, repeatedRequest.ts)
  const repeated = acquisitionRunning(conversation) ? undefined : repeatedRequestPlan(conversation, catalogue, (asked) => planRequestOnce({ ...asked, request: normalisedRequest(asked.request, catalogue) }, catalogue));
  if (repeated) return repeated;
  // ("not that one, the drift-corrected one", "use the original instead of the denoised one": the last step that read a
  // movie run again on the movie the words point at, inputCorrection.ts)
  // (a step named by its own verb, "segment the original movie instead", is a step of its own on that movie)
  const stepsNamed = (words: string) => [...understand(words, catalogue).mentions.map((m) => m.tool), ...[...catalogue.keys()].filter((t) => opensWithOwnWord(words.trim(), t, catalogue))];
  // ("how do I run my pipeline headless?": the command, nothing run; "change the tracking gap in the pipeline to 3": the step
  // again with it, and the pipeline saved again, savedPipeline.ts)
  const howTo = acquisitionRunning(conversation) ? undefined : savedPipelineHowTo(conversation, catalogue);
  if (howTo) return { steps: [], reply: howTo };
  const pipelineChanged = acquisitionRunning(conversation) ? undefined : savedPipelineSettingPlan(conversation, catalogue, (words) => planRequestOnce({ ...conversation, request: normalisedRequest(words, catalogue) }, catalogue));
  if (pipelineChanged) return pipelineChanged;
  const plain = acquisitionRunning(conversation) ? undefined : withoutInsteadOfNothing(conversation, catalogue, (words) => understand(words, catalogue).mentions.map((m) => m.tool), (words, tool) => selfOf(tool, catalogue)?.domain !== 'microscope' && opensWithNameOf(words, tool));
  if (plain) return planRequestOnce({ ...conversation, request: plain }, catalogue);
  // ("too many cells are merged", "the tracks jump between cells": a fault of an earlier result, which the tool declares, put
  // right by running it again with the settings that answer it, resultRemedies.ts)
  const complaint = acquisitionRunning(conversation) ? undefined : complaintPlan(conversation, catalogue, () => planRequestAsSaid(conversation, catalogue));
  if (complaint) return complaint;
  const corrected = acquisitionRunning(conversation) ? undefined : inputCorrectionPlan(conversation, catalogue, (words) => producersNamed(words, catalogue), stepsNamed);
  if (corrected) return corrected;
  // ("wait, before that correct the drift", "denoise it first": a movie-making step put ahead of the work done, which runs again on its result, stepPutFirst.ts)
  const putFirst = acquisitionRunning(conversation) ? undefined : stepPutFirstPlan(conversation, catalogue, (words) => planRequestOnce({ ...conversation, request: normalisedRequest(words, catalogue) }, catalogue));
  if (putFirst) return putFirst;
  // ("segment with Li; if that looks bad, try Otsu": the step runs as first asked, the fallback named as not run, fallbackStep.ts)
  const fallback = acquisitionRunning(conversation) ? undefined : fallbackCut(conversation.request);
  if (fallback) {
    const first = planRequestOnce({ ...conversation, request: fallback.rest }, catalogue);
    const alone = planRequestOnce({ ...conversation, request: fallbackWay(fallback.said), current: [] }, catalogue).steps.map((st) => st.tool);
    // ("switch to the model" plans nothing alone: said as a setting of the steps asked, it changes one of them)
    const joined = alone.length ? [] : planRequestOnce({ ...conversation, request: `${fallback.rest}, ${wayAsSetting(fallbackWay(fallback.said))}`, current: [] }, catalogue).steps;
    const changed = joined.length === first.steps.length && joined.every((st, k) => st.tool === first.steps[k].tool) ? joined.filter((st, k) => JSON.stringify(st.args) !== JSON.stringify(first.steps[k].args)).map((st) => st.tool) : [];
    const other = alone.length ? alone : changed;
    // (only a second way of a step asked: "otherwise leave it" or "if it fails, tell me" is no fallback of a step)
    if (first.steps.length > 0 && !first.reply && other.length > 0 && other.every((t) => first.steps.some((st) => st.tool === t))) return withNote(first, fallbackNote(fallback.said, [...new Set(first.steps.filter((st) => other.includes(st.tool)).map((st) => st.tool))]));
  }
  // ("is there photobleaching? if so, correct it": the correction runs only if the answer is yes, conditionalSteps.ts;
  // each part planned as at the start of the turn, so that the plan stays the same while its steps run)
  const planOfWords = (request: string) => planRequestOnce({ ...conversation, request, current: [] }, catalogue);
  const decidesNeed = (tool: string) => selfOf(tool, catalogue)?.decidesNeed;
  const conditional = acquisitionRunning(conversation) ? undefined : conditionalPlan(conversation.request, planOfWords, decidesNeed);
  if (conditional && !conditional.steps.some((st) => runsMicroscope(st.tool, catalogue))) return conditional;
  // ("if the cells drift, correct it", "denoise only if it is noisy", "correct the drift if needed": read as the question
  // and its action, conditionForms.ts; a step that tells by itself whether it is needed runs, and the answer says how)
  // ("when a cell divides switch to 1 minute intervals for 30 minutes": a condition the microscope watches and an action on
  // it is a self-driving rule, never an analysis asked on a condition, nor "1 minute intervals" a calibration)
  const rule = acquisitionRunning(conversation) || conditional ? undefined : microscopeRuleIn(conversation.request, catalogue);
  if (rule) return { steps: [rule] };
  const condition = acquisitionRunning(conversation) || conditional ? undefined : conditionAsQuestion(conversation.request, needDecidedBy(catalogue, (action) => planOfWords(action).steps.map((st) => st.tool)));
  const asSaid = (c: NonNullable<typeof condition>) => planRequestOnce({ ...conversation, request: c.request }, catalogue);
  const readAsCondition = condition && (condition.note ? withNote(asSaid(condition), condition.note) : condition.said ? asSaid(condition) : withStepsAfterCondition(conditionalPlan(condition.request, planOfWords, decidesNeed), condition.then, planOfWords));
  if (readAsCondition && readAsCondition.steps.length > 0 && !readAsCondition.steps.some((st) => runsMicroscope(st.tool, catalogue))) return readAsCondition;
  // ("build me a pipeline that ...; save it as p.yaml": the steps described, then kept as a pipeline, pipelineFrame.ts)
  // ("threshold with otsu and fill holes": an operation the step always does is said as applied, never as not done)
  // ("is there drift?": the correcting step measures, and writes no corrected result nobody asked for, measuredOnly.ts)
  const text = conversation.request;
  // (a condition that could not be planned as a question is named, never dropped: conditionForms.ts)
  // ("the area over time and a histogram of the speed": a figure of a quantity the table before it lacks gets its table first, featureTables.ts)
  const featured = withFeatureTables(withLackSupplied(planRequestAsSaid(conversation, catalogue), text, catalogue), catalogue, planOfWords);
  const planned = withConditionNamed(withOperationsDoneByItself(keptAsPipeline(featured, conversation, catalogue), catalogue, conversation.request), condition?.condition, (tool) => selfOf(tool, catalogue)?.carriesOut?.includes('proposeRule') === true);
  // (a part that opens with the tool's own verb, or the verb its name opens with: "correct the drift?" asks for correct_drift)
  const verbOfName = (tool: string) => meaning(normalizeWord(tool.split("_")[0]));
  const opensWithNameVerb = (part: string, tool: string) => {
    const first = tokenize(part).find((t) => !t.part && !isStopWord(t.word) && !/^(?:please|pls|kindly|now|then|so|and|ok|okay)$/i.test(t.word));
    return !!first && meaning(first.stem) === verbOfName(tool);
  };
  // ("quantify the drift (in µm)" is the question how much drift there is: measuredFault.ts)
  // (read without a calibration told beside it: "quantify the drift in um, pixel size 0.5 um")
  const asked = measuredFaultAsQuestion(withoutToldCalibration(text), catalogue) ?? text;
  const askedForStep = (tool: string) => asked.split(/(?<=[.;!?])\s+|,\s*/).some((part) => opensWithOwnWord(part.trim(), tool, catalogue) || opensWithNameVerb(part.trim(), tool));
  // ("correct the drift and tell me whether it bleaches": a question asked after the steps, about what a step the steps
  // before it never name measures: that step only measures, as for a question said alone; "correct" of the drift's clause
  // asks for no bleach correction)
  const tail = askedPart(asked);
  const head = tail && tail.from > 0 && !isQuestion(asked) ? asked.slice(0, tail.from) : undefined;
  const namedBefore = (tool: string) => head !== undefined && findMentions(head, catalogue).some((m) => m.tool === tool);
  const askedAfterSteps = head !== undefined && planned.steps.length > 1 && !namedBefore(planned.steps.at(-1)!.tool);
  if (askedAfterSteps && !acquisitionRunning(conversation)) return measuredOnlyForAQuestion(planned, true, namedBefore, catalogue);
  return acquisitionRunning(conversation) ? planned : measuredOnlyForAQuestion(planned, isQuestion(asked) && !asksForAStep(asked), askedForStep, catalogue);
}

/** Words that point back at the result just made ("it", "that", "the plot"). */
const OF_THE_RESULT_BEFORE = /\b(?:it|that|this|them|those|these|the\s+(?:plot|figure|graph|chart|histogram|picture|image))\b/i;

/** Does the tool take what the other one makes (its main product among the tool's declared inputs)? */
function takesResultOf(tool: string, before: string, catalogue: Catalogue): boolean {
  const made = producesOf(before, catalogue)[0];
  return made === undefined || (selfOf(tool, catalogue)?.consumes ?? []).includes(made as never);
}

/** The clause names a format a tool writes as well ("as a tiff, or a gif if you can"): that one is asked too. */
function namesAFormatOffered(text: string, catalogue: Catalogue): boolean {
  return formatsOffered(catalogue).some((f) => f.length >= 3 && new RegExp(`\\b${f}s?\\b`, 'i').test(text));
}

/**
 * A conditional plan with the steps said after the condition's clause ("if it's a z-stack, do a max projection first,
 * then segment"): those run whatever the answer, after the conditional ones, on the newest movie there is then.
 */
function withStepsAfterCondition(plan: Plan | undefined, then: string | undefined, planOf: (words: string) => Plan): Plan | undefined {
  if (!plan || !then) return plan;
  const after = planOf(then);
  if (after.reply || after.steps.length === 0) return undefined;
  const notes = [...new Set([...(plan.notes ?? []), ...(after.notes ?? [])])];
  return { ...plan, steps: [...plan.steps, ...after.steps], ...(notes.length ? { notes } : {}) };
}

/** The steps a request says, before a pipeline it asks to make of them is added. */
function planRequestAsSaid(conversation: Conversation, catalogue: Catalogue): Plan {
  // "correct the drift and overwrite the original": the raw data is kept, said in one line, the rest planned without those words
  const overwrites = overwritesOfInput(conversation.request);
  if (overwrites.length) {
    const rest = planRequestOnce({ ...conversation, request: withoutOverwrites(conversation.request, overwrites) }, catalogue);
    return rest.reply ? { ...rest, reply: `${rawDataKeptNote(overwrites)} ${rest.steps.length ? rest.reply : ''}`.trim() } : { ...rest, notes: [rawDataKeptNote(overwrites), ...(rest.notes ?? [])] };
  }
  // "N/C ratio per cell", "segment and give me the nuclear-to-cytoplasmic ratio": a ratio between compartments is named as not
  // measured, the rest planned as if asked alone (compartmentRatio.ts)
  const ratio = acquisitionRunning(conversation) ? undefined : compartmentRatioAsked(conversation.request);
  if (ratio) {
    const note = compartmentRatioNote(ratio.phrase, makerOf('table', catalogue));
    const { rest, anythingLeft } = withoutCompartmentRatio(conversation.request, ratio);
    if (!anythingLeft) return { steps: [], reply: note };
    const planned = planRequestOnce({ ...conversation, request: rest }, catalogue);
    return planned.reply ? { ...planned, reply: `${note} ${planned.reply}` } : { ...planned, notes: [note, ...(planned.notes ?? [])] };
  }
  const index = indexFor(catalogue);
  // "buy milk and then track the nuclei": the errand from elsewhere is named in one line, the rest planned as if asked alone
  // (not while imaging, nor in words the acquisition language reads whole: "acquire gfp and rfp q10min x 24hrs")
  let foreign = acquisitionRunning(conversation) ? [] : foreignClauses(withLetterFormsBlanked(conversation.request), index, { outside: (words) => outOfScope(words, catalogue), namesAChannel: (words) => microscopeLanguage().findChannels(words).length > 0 });
  const whole = planRequestWhole(conversation, catalogue, index);
  // ("frame interpolation, linear blend rather than the network": a clause naming a value of a planned step's choice is that step's setting, choiceClauses.ts)
  const choices = foreign.map((f) => choiceSaidAlone(f.said, whole.steps, catalogue));
  for (const c of choices) if (c && c.step.args[c.arg] === undefined) c.step.args[c.arg] = c.value;
  foreign = foreign.filter((_, i) => !choices[i]);
  if (foreign.length === 0) return whole;
  // ("stitch the tiles together then segment": an operation we lack, already named as not done by its verb, keeps that line)
  const said = [...(whole.notes ?? []), whole.reply ?? ''].join(' ');
  // (unless that line cost every step: "fix the leaky tap and train a model on this movie" dropped the training as if it
  // used the tap's result; the errand named and the rest run, as asked alone)
  if (whole.steps.length > 0 && foreign.every((f) => !f.everyday && /\bno tool (?:to|for)\b/.test(said) && said.includes(f.said.split(/\s+/)[0]))) return whole;
  const rest = planRequestOnce({ ...conversation, request: withoutForeign(conversation.request, foreign) }, catalogue);
  if (rest.steps.some((s) => selfOf(s.tool, catalogue)?.domain === 'microscope')) return whole;
  if (rest.steps.length) return { ...rest, notes: [foreignNote(foreign), ...(rest.notes ?? [])] };
  if (rest.reply && !/outside what I do/.test(rest.reply)) return { ...rest, reply: `${foreignNote(foreign)} ${rest.reply}` };
  return whole;
}

/** The request planned as it stands, every part of it accounted for. */
function planRequestWhole(conversation: Conversation, catalogue: Catalogue, index: ToolIndex): Plan {
  // ("track only the last 6 frames": the frames go to the step, or to the step its input comes from, or are named)
  // ("a linking distance of 10 to 15 px": a range for a setting that takes one value is named, neither end applied)
  // ("correct the drift, then tell me the largest shift": what a step asked before the question reports answers it, askedOfAStep.ts)
  // ("is the signal bleaching? make a mean projection too": a question of its own sentence is answered, whatever the others ask)
  // ("is there drift? Track the cells.": the movie made to answer the question is no input of the steps asked after it)
  // ("segment and track the nuclei, and is the drift more than 3 px?": the step whose declared result answers the question
  // asked after the steps runs too, to measure: withAskedResultStep)
  // ("segment only the top half": a region said as a step's scope is cut out first, regionScope.ts)
  // ("measure the speeds, but only for tracks of 10 frames or more": a selection said as a step's scope runs first, selectionScope.ts)
  let planned = planWithStepsAfterQuestion(conversation, catalogue);
  // ("..., and for the tracking use a max distance of 15 px": settings of a step named again by its noun, stepNamedAgain.ts)
  planned = settingsForANamedStep(planned, catalogue);
  planned = withQuestionSentencesPlanned(planned, conversation, catalogue);
  planned = askedOfResultsHeld(planned, conversation, catalogue);
  planned = applyFrameScope(planned, conversation, catalogue);
  // ("save the table as csv" after the pixel size was told: the table measured before it is measured again first, staleTables.ts)
  planned = measuredAgainAfterCalibration(planned, conversation, catalogue);
  planned = applyZScope(planned, catalogue);
  planned = withRangesNamed(planned, catalogue);
  planned = answeredByAnAskedStep(planned, conversation.request, catalogue, index);
  planned = withAskedResultStep(planned, conversation, catalogue);
  planned = settingsFirst(planned, catalogue);
  planned = withRegionCut(planned, conversation, catalogue);
  planned = withSelectionFirst(planned, conversation, catalogue);
  const plan = questionProductsAside(planned, catalogue);
  const isSubject = (words: string) => namesAThingImaged(words, index);
  // "draw the lineage tree for cell 4": a thing no tool makes, and nothing else asked: said, nothing run
  // (a microscope command is read whole by the acquisition language, its words its own: "make the grid 5x5")
  const commandsMicroscope = plan.steps.some((s) => selfOf(s.tool, catalogue)?.domain === 'microscope');
  const things = plan.steps.length && !plan.question && !commandsMicroscope ? unknownThings(conversation.request, index, isSubject, ownWordsOf(plan.steps, catalogue, index)) : [];
  if (things.length) {
    const rest = things.reduce((t, s) => t.slice(0, s.start) + ' '.repeat(s.end - s.start) + t.slice(s.end), conversation.request);
    if (planOnce({ ...conversation, request: rest }, catalogue).steps.length === 0) {
      const offer = /\bI can\b.*$/.exec(notUnderstood(conversation.request, catalogue))?.[0] ?? '';
      return { steps: [], reply: `I have no tool that makes ${things.map((t) => `"${t.phrase}"`).join(' or ')}, so nothing was run. ${offer}`.trim() };
    }
  }
  // (the reference frame first, its lines after: "against frame 1" set as reference first is a number taken, numberLedger.ts)
  const referenceLines = applyReferenceFrame(plan.steps, conversation.request, catalogue, plan.notes);
  const lines = [...accountForRequest(conversation.request, plan, catalogue, index, isSubject), ...referenceLines];
  // (a step left out as asked may leave nothing to run: the lines are the reply)
  if (lines.length && plan.steps.length === 0) return { steps: [], reply: [...(plan.notes ?? []), ...lines].join(' ') };
  return lines.length ? { ...plan, notes: [...(plan.notes ?? []), ...lines] } : plan;
}

/**
 * A question asked after the steps that, asked alone, is answered by steps of its own, none of them among the steps said
 * ("segment and track the nuclei, and is the drift more than 3 px?": correct_drift's estimate of the drift): those steps
 * run too, after the steps said, the last only to measure (its result-writing switch off, measuredOnly.ts), so the answer
 * is their value, never a column of the objects' table that shares a word or a unit with the question. A question whose
 * own steps share a tool with the steps said, or whose words point back at what they made ("how big each one is"), is about
 * their results, and results held that answer it plan nothing more.
 */
function withAskedResultStep(plan: Plan, conversation: Conversation, catalogue: Catalogue): Plan {
  if (plan.reply || plan.steps.length === 0 || acquisitionRunning(conversation)) return plan;
  const asked = askedPart(conversation.request);
  // (a question that points back at what the steps made, "how big each one is", "are they round?", is about their results)
  // (a question said as one, by its verb or its mark: "cross-correlate area and mean intensity" asks for no mean intensity)
  if (!asked) return plan;
  const saidAsAQuestion = /^(?:is|are|was|were|do|does|did|has|have|had|how|what|which|when|where|why|who|whether)\b/i.test(asked.text.trim()) || /\?\s*$/.test(asked.text);
  if (!saidAsAQuestion || /\b(?:they|them|their|it|its|each(?:\s+one)?|those|these|ones?)\b/i.test(asked.text)) return plan;
  const own = planRequestOnce({ ...conversation, request: asked.text, current: [] }, catalogue);
  if (own.reply || !own.question || own.steps.length === 0 || own.steps.some((st) => st.onlyIf !== undefined || plan.steps.some((p) => p.tool === st.tool))) return plan;
  if (own.steps.some((st) => runsMicroscope(st.tool, catalogue))) return plan;
  // (a step the whole reading planned only for the question's first reading goes: "segment and track the nuclei, and is
  // the drift more than 3 px?" measured the objects, to answer "perimeter > 3 px", before correct_drift answered it)
  const saidText = (conversation.request.slice(0, asked.from) + conversation.request.slice(asked.end)).replace(/[\s,;:-]*(?:\b(?:and|but|also|then|so|plus)\s*)*$/i, '');
  // (only when the question's own step declares what is asked: "the mean confinement ratio per frame" is measure's, not movie_info's)
  const answersItself = own.steps.some((st) => resultHits(st.tool, askedMeanings(asked.text, catalogue), catalogue) >= 1);
  const said = answersItself && saidText.length > 2 ? planRequestOnce({ ...conversation, request: saidText, current: [] }, catalogue) : undefined;
  const saidTools = new Set(said && !said.reply ? said.steps.map((st) => st.tool) : plan.steps.map((st) => st.tool));
  const kept = plan.steps.filter((st) => saidTools.has(st.tool));
  return { ...plan, steps: [...(kept.length > 0 ? kept : plan.steps), ...own.steps], question: own.question };
}

/**
 * A step whose tool applies to the later steps (set_calibration) runs before the analysis steps, wherever its words
 * stood ("track them; what's their speed in µm/min? pixel size is 1.2 µm"): measured before it, the tables had no units.
 */
function settingsFirst(plan: Plan, catalogue: Catalogue): Plan {
  const setting = (st: Plan['steps'][number]) => selfOf(st.tool, catalogue)?.appliesToLaterSteps === true && !Object.values(st.args).some(isRef);
  const first = plan.steps.findIndex((st) => !setting(st));
  if (first < 0 || !plan.steps.slice(first).some(setting) || plan.steps.some((st) => runsMicroscope(st.tool, catalogue))) return plan;
  return { ...plan, steps: [...plan.steps.filter(setting), ...plan.steps.filter((st) => !setting(st))] };
}


/** An excluded scope that is a channel ("not channel 2", "except DAPI"), not frames. */
function isChannelScope(phrase: string): boolean {
  return !/\b(?:frames?|time ?points?|timepoints?)\b/i.test(phrase);
}

/** The line for channels or frames a step was asked to leave out, which no tool does ("denoise, but not the first channel"). */
function scopeNotLeftOut(tool: string, phrase: string): string {
  return `Not applied: "${phrase}" — \`${tool}\` cannot leave a channel or frames out; name the channel or frames to use instead.`;
}

/** A clause that only leaves channels or frames out ("except the first channel", "don't touch channel 2"). */
function isOnlyAnExcludedScope(text: string): boolean {
  return excludedScopes(text).length > 0 && !/[a-z]{3,}/i.test(withoutExcludedScope(text).replace(/\b(?:but|and|please|pls|just|only|though)\b/gi, ''));
}

/** A sentence that says only how the answer should come ("quick number.", "a rough figure is fine", "just yes or no please"). */
const ANSWER_FORM_ONLY = /^(?:(?:just|only|a|an|the|quick|rough|short|brief|ballpark|simple|single|one|approximate)\s+)*(?:numbers?|figures?|estimates?|answers?|values?|percentages?|yes\s+or\s+no|yes\/no|summary|guess)(?:\s+(?:please|pls|is\s+fine|is\s+enough|will\s+do|is\s+ok(?:ay)?|thanks))*[\s.!]*$/i;

/** The step's switches that write its result, as set ("writeMovie: false"). */
function writeSwitches(step: PlannedStep): Record<string, unknown> {
  return Object.fromEntries(Object.entries(step.args).filter(([name, v]) => /^write[A-Z]/.test(name) && typeof v === 'boolean'));
}

/** A step run only to measure: a switch that writes its result turned off. */
function measuresOnly(step: PlannedStep): boolean {
  return Object.values(writeSwitches(step)).includes(false);
}

/** A sentence worded as a command: it opens with a verb, not a subject ("denoise it and then segment", not "the cells fade"). */
function isImperative(sentence: string): boolean {
  return /^\s*(?:(?:please|pls|now|then|also|and|so|ok(?:ay)?|next|first|finally|after\s+that)[,\s]+)*(?!(?:the|a|an|this|that|these|those|it|they|there|i|we|my|our|its|their|he|she|you|what|which|how|why|when|where|who|is|are|was|were|do|does|did|can|could|would|will|should|has|have)\b)[a-z]+\b/i.test(sentence);
}

/** The words name one of the tool's own declared words ("gets dimmer" of correct_bleach), not only its values' words. */
function saysOwnWords(tool: string, words: string, catalogue: Catalogue): boolean {
  const said = new Set(tokenize(words).map((t) => meaning(t.stem)));
  return (selfOf(tool, catalogue)?.words ?? []).some((w) => { const own = tokenize(w).map((t) => meaning(t.stem)); return own.length > 0 && own.every((x) => said.has(x)); });
}

/**
 * A request of several sentences, one a question about the data ("is the signal bleaching? make a mean projection
 * too"): when the whole reading planned none of the steps that question needs asked alone, they run first, and the
 * answer answers it (else the question was dropped in silence, the projection alone reported).
 */
function withQuestionSentencesPlanned(plan: Plan, conversation: Conversation, catalogue: Catalogue): Plan {
  // (a plan of no steps answers from the tables at hand: nothing was lost)
  if (plan.reply || plan.steps.length === 0 || acquisitionRunning(conversation)) return plan;
  // (a question is its own sentence after a statement too: "export the masks. how many nuclei are there?")
  const sentences = conversation.request.split(/(?<=\?)\s+|(?<=[a-z]\.)\s+(?=\S[^.!?]*\?\s*$)/i).map((s) => s.trim()).filter(Boolean);
  if (sentences.length < 2) return plan;
  let steps = plan.steps;
  const asked: string[] = [];
  const dataQuestion = sentences.map((sentence) => sentence.endsWith('?') && questionsTheData(sentence, conversation));
  // (and a request of its own sentence after a question: "how bright are the nuclei? also project the movie over time")
  const asksData = dataQuestion.some(Boolean);
  for (const [i, sentence] of sentences.entries()) {
    const question = sentence.endsWith('?');
    if (question ? !dataQuestion[i] : !asksData) continue;
    // ("the cells get dimmer over time, is that bad? can you fix it": a question that a later sentence asks to fix is its context)
    if (question && sentences.slice(i + 1).some((later) => POINTS_BACK.test(later))) continue;
    const alone = planOnce({ ...conversation, request: sentence, current: [] }, catalogue);
    const readsHeld = (tool: string) => heldAlready(tool, conversation, catalogue);
    // ("how many nuclei per frame? a graph would be nice" with labels made: the question, asked alone, reads the labels held,
    // so a segmentation read from its words was a misreading, whatever else the other sentences ask)
    if (question && !alone.reply) steps = steps.filter((st) => !(readsHeld(st.tool) && sentence.includes(st.clause.trim()) && !alone.steps.some((a) => a.tool === st.tool)));
    // ("is the signal bleaching? make a mean projection too": the question's step, read from its own sentence, runs as the
    // question alone plans it, only to measure, its result-writing switch off)
    if (question && !alone.reply) steps = steps.map((p) => { const own = alone.steps.find((a) => a.tool === p.tool && measuresOnly(a)); return own && sentence.includes(p.clause.trim()) ? { ...p, args: { ...p.args, ...writeSwitches(own) } } : p; });
    if (alone.reply || alone.steps.length === 0 || alone.steps.some((st) => steps.some((p) => p.tool === st.tool))) continue;
    // ("Bleaching? Quick number.", "just a rough figure is fine": a sentence that only says the form of the answer asks no step)
    if (!question && ANSWER_FORM_ONLY.test(sentence)) continue;
    // (a question is lost only when it needs a measurement the plan does not make: "can the tracker bridge gaps?" is not)
    if (question && !alone.steps.some((st) => makesATableFirst(st.tool, catalogue))) continue;
    // (an image step read from the question's own words, that the question asked alone does not run, was a misreading:
    // "is the signal bleaching?" asks for no bleach correction)
    // (nor is a step whose results the session holds already, that the question alone reads instead: "how many nuclei
    // are there? also export the masks" with labels made counts those labels, and segments nothing again)
    if (question) steps = steps.filter((st) => !((makesImages(st.tool, catalogue) || readsHeld(st.tool)) && sentence.includes(st.clause.trim()) && !alone.steps.some((a) => a.tool === st.tool)));
    steps = question ? [...alone.steps, ...steps] : [...steps, ...alone.steps];
    if (question) asked.push(sentence);
  }
  if (steps === plan.steps) return plan;
  const question = plan.question ?? (asked.length ? asked.join(' ') : undefined);
  return { ...plan, steps: sameStepsOnce(steps), ...(question ? { question } : {}) };
}

/**
 * "export the label images as tiff, and tell me the number of nuclei too": the part asked after the steps, with no
 * question mark, is read as asked alone. A step read from its words that it alone does not run, whose results the
 * session holds already (segment, labels made), was a misreading: the asked part reads those results instead.
 */
function askedOfResultsHeld(plan: Plan, conversation: Conversation, catalogue: Catalogue): Plan {
  if (plan.reply || plan.steps.length === 0 || acquisitionRunning(conversation)) return plan;
  const asked = askedPart(conversation.request);
  if (!asked) return plan;
  const words = conversation.request.slice(asked.from, asked.end).replace(/^[\s,;.]*(?:(?:and|also|then|please)\s+)*/i, '').trim();
  const own = (clause: string) => {
    const c = clause.trim().replace(/^(?:(?:and|also|then|please)[,\s]+)*/i, '');
    return c.length > 0 && (words.includes(c) || c.includes(words));
  };
  const misread = plan.steps.filter((st) => own(st.clause) && heldAlready(st.tool, conversation, catalogue));
  if (misread.length === 0) return plan;
  const alone = planOnce({ ...conversation, request: words, current: [] }, catalogue);
  if (alone.reply || alone.steps.length === 0 || misread.some((st) => alone.steps.some((a) => a.tool === st.tool))) return plan;
  const kept = plan.steps.filter((st) => !misread.includes(st));
  const added = alone.steps.filter((a) => !kept.some((k) => k.tool === a.tool));
  return { ...plan, steps: sameStepsOnce([...added, ...kept]), question: plan.question ?? alone.question ?? words };
}

/** The session holds the tool's main result already, made by it before this turn (labels made by segment). */
function heldAlready(tool: string, conversation: Conversation, catalogue: Catalogue): boolean {
  const main = producesOf(tool, catalogue)[0];
  return main !== undefined && conversation.artifactsAtStart.some((a) => a.type === main && a.producedBy === tool && !isTruth(a));
}

/**
 * "outline the cells, report their mean area, and save the masks": a step asked after the question is planned
 * after the steps and the question before it, each part as if asked alone (else the question's steps were lost).
 */
function planWithStepsAfterQuestion(conversation: Conversation, catalogue: Catalogue): Plan {
  const whole = planOnce(conversation, catalogue);
  const asked = acquisitionRunning(conversation) ? undefined : askedPart(conversation.request);
  if (!asked || asked.end >= conversation.request.length - 2 || whole.reply) return whole;
  const tail = conversation.request.slice(asked.end).replace(/^[\s,;.!?]*(?:(?:and|then|also|finally|after\s+that|please)\s+)*/i, '');
  if (understand(tail, catalogue).mentions.length === 0) return whole;
  const head = planOnce({ ...conversation, request: conversation.request.slice(0, asked.end) }, catalogue);
  // (the tail's inputs are the head's results: a step it adds to make them, the head has run already)
  const alone = planOnce({ ...conversation, request: tail }, catalogue);
  const after = { ...alone, steps: alone.steps.filter((st) => !head.steps.some((h) => h.tool === st.tool)) };
  if (head.reply || after.reply || head.steps.length === 0 || after.steps.length === 0 || after.question) return whole;
  // (only when the whole reading lost a step the question needs: the parts plan more)
  const tools = (p: Plan) => p.steps.map((st) => st.tool);
  if (tools(head).concat(tools(after)).every((t) => tools(whole).includes(t))) return whole;
  return { ...head, steps: [...head.steps, ...after.steps], notes: [...(head.notes ?? []), ...(after.notes ?? [])], question: head.question ?? whole.question };
}

function planOnce(conversation: Conversation, catalogue: Catalogue): Plan {
  // "drop anything smaller than 10 µm²": an area in µm² is counted in px² at the pixel size known, and said so
  // (a question is answered in the units it asks: "how many are bigger than 100 µm²?" compares µm²)
  // "segment, r=8px, minArea=50": lab shorthand for a setting, as its words ("radius 8px, min area 50")
  // "bg sub rb 50": a setting by the initials of its described words, "rolling ball radius 50" (argumentInitials.ts)
  // "thirty seconds apart", "channel three", "zero point five microns": numbers said in words, as digits
  // "(Reviewer 1, point 4)", "(see Fig. 2)": a reference to a document, whose numbers are no settings
  // "track w/o divisions", "segment w/ otsu": the abbreviations as their words
  // ("Dear cellpilot, ... Many thanks, Tom": the forms of a letter around the request are no part of it)
  // ("segment nuclei over 20 µm² (pixel size 0.5)": a pixel size with no unit is in µm, never a radius or an area)
  const named = withBarePixelSizeInMicrons(numberWordsAsDigits(withShorthandNames(withoutWishedEffects(withoutReferenceAsides(withAbbreviationStopsBlanked(withAgainVerbsPlain(withArgumentInitials(withAbbreviationsWritten(withoutLetterForms(withListNumbersBlanked(conversation.request))), catalogue), catalogue)))), argumentNamesOf(catalogue))));
  // "for experiment 12 (day 3), track the nuclei", "segment the nuclei in well A3, replicate 2": labels of which data, when
  // without them the request asks for analysis steps only (a well to image is the microscope's)
  const unlabelled = acquisitionRunning(conversation) ? named : withoutSampleLabels(named);
  // (and the request with them asked for an analysis step already: "move to well C4" moves the stage)
  const analysisOnly = (t: string) => { const m = understand(t, catalogue).mentions; return m.length > 0 && m.every((x) => !runsMicroscope(x.tool, catalogue)); };
  const request = unlabelled !== named && understand(named, catalogue).mentions.some((m) => !runsMicroscope(m.tool, catalogue)) && analysisOnly(unlabelled) ? unlabelled : named;
  // ("we imaged every 5 min. Can you segment the first hour?": a polite ask for steps is a request, its spans, areas and
  // calibration read as a request's; a question about the data keeps its own readers)
  const sized = asksAboutData(request) ? { text: request, notes: [] } : areasInPixels(request, requestPixelSizeUm(conversation, catalogue));
  // "one frame per minute; track the nuclei during the first 20 minutes": a stretch said in times is the frames it covers
  // (the interval told in an earlier turn, "the frame interval is 5 min", as the session knows it: a later "between 60 and 120 min" is frames too)
  const timed = asksAboutData(request) ? { text: sized.text, notes: [] } : timesInFrames(sized.text, statedFrameIntervalS(request) ?? movieIntervalS(conversation));
  const areas = { text: timed.text, notes: [...sized.notes, ...timed.notes] };
  const said = questionAfterContext(slashedSteps(areas.text.replace(/\s+/g, ' ').trim(), catalogue));
  // "The stage keeps creeping. Clean that up.": motion told in a sentence of its own is the drift the command is about, never a stage move
  const text = said && !acquisitionRunning(conversation) ? microscopeLanguage().withStageMotionNamed(said) : said;
  if (!text) return { steps: [], reply: 'Ask me to do something with a movie, e.g. "correct the drift, then segment and track the nuclei".' };
  // "how long would 120 frames of DAPI every 1 min take?": a question about a plan not started is answered by the acquisition
  // language from the plan it says (nothing started), never read as a question about the movie's tracks (planQuestions.ts)
  // ("measure from time point 12 on, when the stimulus starts": a span's reason is no rule to read, scopeReason.ts)
  const planAnswered = acquisitionRunning(conversation) || whenGivesASpansReason(conversation.request) ? undefined : microscopeLanguage().routeMicroscopeRequest(microscopeWords(conversation.request, conversation), { acquisitionRunning: false });
  if (planAnswered?.tool === undefined && planAnswered?.answered) return { steps: [], reply: planAnswered.ask };
  // "with 1.2 µm pixels, what is the mean cell area in µm²?", "how fast do they move in µm/min? frames are 5 min apart": a
  // calibration told with a question about the analysis is set first, as in a request (the one reader, statedCalibration),
  // and the question is planned without it; answered from the tables at hand, the answer applies it (brief s18/Q)
  // ("speed of each track in µm/min, 0.65 µm/px and 5 min between frames": a question without a question word, its calibration told after it)
  const told = (isQuestion(text) || isAskedForm(withoutToldCalibration(text))) && !acquisitionRunning(conversation) && !microscopeOnlyWords(text) ? statedCalibration(text) : {};
  const bare = Object.keys(told).length ? withoutToldCalibration(text) : text;
  const setter = [...catalogue.keys()].find((t) => selfOf(t, catalogue)?.appliesToLaterSteps === true);
  // "the interval is 2 minutes", "frames were 30 s apart": a calibration told alone of a movie at hand sets it (while no
  // acquisition runs, whose settings the same words could name)
  if (setter && !acquisitionRunning(conversation) && conversation.artifactsAtStart.some((a) => a.type === 'movie') && onlyTellsCalibration(text)) return { steps: [{ tool: setter, args: buildArgs(setter, { clause: text, text, conversation, catalogue }), clause: text }] };
  if (bare !== text && bare.length > 0 && setter && Object.keys(told).every((k) => k in (catalogue.get(setter)?.properties ?? {})) && isAskedForm(bare) && aboutTheAnalysis(bare, catalogue)) {
    const inner = planOnce({ ...conversation, request: bare }, catalogue);
    // ("... in µm/h? pixels are 0.65 um and frames 3 min apart": the rest of the calibration is a setting step of its own, which takes the told values too)
    const setting = inner.steps.find((st) => st.tool === setter);
    if (setting && !inner.steps.some((st) => runsMicroscope(st.tool, catalogue))) for (const [k, v] of Object.entries(told)) setting.args[k] ??= v;
    if (inner.reply || inner.steps.length === 0 || setting || inner.steps.some((st) => runsMicroscope(st.tool, catalogue))) return { ...inner, ...(inner.question ? { question: text } : {}) };
    return { ...inner, steps: [{ tool: setter, args: { ...told }, clause: text }, ...inner.steps], question: text };
  }
  // ("GFP is bleaching fast. Take it down to 2%." while imaging is a command, no question about bleach correction)
  // "what does this number mean?" after an answer: the numbers the last step reported, each with what it is and its unit
  const meant = explainValues(text, conversation.earlier);
  if (meant) return { steps: [], reply: meant };
  // "what's the SNR?", "how noisy is it?": an image-quality ratio no step measures, said so (never another value as if it were it)
  const quality = acquisitionRunning(conversation) ? undefined : imageQualityReply(text);
  if (quality) return { steps: [], reply: quality };
  // "is that significant?" with no comparison before it (one before is completed into its test: completedFollowUp)
  const untested = acquisitionRunning(conversation) ? undefined : significanceAskedAlone(text, conversation.earlierRequests);
  if (untested) return { steps: [], reply: untested };
  const why = !isQuestion(text) && commandWhileImaging(text, conversation) ? undefined : explainChoice(text, conversation, catalogue);
  if (why) return { steps: [], reply: why };
  // ("can you do cellpose?", "is stardist available?": whether a method is here, from the tools' declarations, capabilityQuestions.ts)
  const capability = acquisitionRunning(conversation) ? undefined : readableFilesAnswer(text, catalogue) ?? capabilityAnswer(text, catalogue) ?? featureAnswer(text, catalogue) ?? optionAnswer(text, catalogue, (tool) => conversation.earlier.some((r) => r.ok && r.tool === tool)) ?? optionsAnswer(text, catalogue, (words) => indexFor(catalogue).match(words).filter((m) => !m.byArgument).map((m) => m.tool));
  if (capability) return { steps: [], reply: capability };
  // "what Gaussian blur did the segmentation apply?": a setting of a step that ran, from its record or said as not recorded (stepSettings.ts)
  const setting = (isQuestion(text) || isAskedForm(text)) && !acquisitionRunning(conversation) ? settingAnswer(text, conversation.earlier, indexFor(catalogue), (tool) => catalogue.get(tool)?.properties ?? {}) : undefined;
  if (setting) return { steps: [], reply: setting };
  // "run it on all the tif files in this folder": the steps so far saved as a pipeline and the batch command named (otherFiles.ts)
  const otherFiles = acquisitionRunning(conversation) ? undefined : otherFilesPlan(conversation, catalogue);
  if (otherFiles) return otherFiles;
  // "how many cells are there once the background is subtracted?": a step named as done before the question runs first,
  // then the question on its movie (stepDoneBefore.ts); never read as a question about the step, never dropped
  const doneBefore = acquisitionRunning(conversation) || !(isQuestion(text) || isAskedForm(text)) ? undefined : stepDoneBeforePlan(text, conversation, catalogue);
  if (doneBefore) return doneBefore;
  // "when should I change the medium?": advice that neither the data nor the adviser's notes hold, said so, nothing run
  const imaging = acquisitionRunning(conversation) || commandWhileImaging(text, conversation);
  const outside = imaging ? undefined : adviceOutsideNotes(text);
  if (outside) return { steps: [], reply: outside };
  // "are these cells healthy?", "is the focus ok?": a verdict no value gives, answered by the measured question that
  // stands in for it, with a line that the judgement is the person's (never "not understood")
  // ("segment and track them; are they healthy?": the steps, then the measured question in the judgement's place)
  const judgedAlone = imaging ? undefined : judgementAsked(text);
  const judged = imaging ? undefined : judgedAlone ? { request: judgedAlone.measured, say: judgedAlone.say } : judgementAfterSteps(text);
  const judgedPlan = judged ? planOnce({ ...conversation, request: judged.request }, catalogue) : undefined;
  // ("is the movie in focus?": nothing measures it, so the stand-in is answered only from tables held; no step runs for it)
  if (judgedAlone?.sayUnmeasured && judgedPlan && judgedPlan.steps.length > 0) return { steps: [], reply: judgedAlone.sayUnmeasured };
  if (judged && judgedPlan && !judgedPlan.reply) return { ...judgedPlan, notes: [...(judgedPlan.notes ?? []), judged.say] };
  // "quantify how many cells divide", "count the cell divisions": the question it asks, planned and answered as that question (brief s18/Q)
  const labelled = conversation.artifactsAtStart.some((a) => a.type === 'labels' && !isTruth(a));
  // ("quantify the drift in um, pixel size 0.5 um": a calibration told beside it changes nothing of what is asked; the
  // request is read without it, and the question it asks is told it again after its mark, where the question's own
  // reader of a told calibration sets it first)
  const toldWords = acquisitionRunning(conversation) ? '' : toldCalibrationWords(text);
  const unTold = toldWords ? withoutToldCalibration(text) : text;
  const withTold = (question: string) => (toldWords ? `${question} ${toldWords}` : question);
  const counted = countAsQuestion(unTold) ?? (labelled ? countAtFramesAsQuestion(unTold) : undefined);
  if (counted && withTold(counted) !== conversation.request) return planOnce({ ...conversation, request: withTold(counted) }, catalogue);
  // "quantify the drift (in µm)": how much of a fault a tool removes, asked as that question (measuredFault.ts)
  const faultAsked = measuredFaultAsQuestion(unTold, catalogue);
  if (faultAsked && withTold(faultAsked) !== conversation.request) return planOnce({ ...conversation, request: withTold(faultAsked) }, catalogue);
  // "have a look at the last 6 frames", "check frames 3 to 8": a scope of frames with a verb no tool owns asks which steps
  // to run on those frames, never runs one that only an argument's or a value's word matched
  // ("keep frames 5 to 15 only", "the first 20 frames as a new movie": frames kept alone are a cut of the movie, framesKept.ts)
  const kept = acquisitionRunning(conversation) ? undefined : framesKeptRequest(text, catalogue, (words) => onlyArgumentWords(words, catalogue));
  if (kept && kept !== conversation.request) return planOnce({ ...conversation, request: kept }, catalogue);
  if (scopeWithoutStep(text, conversation, catalogue)) return { steps: [], reply: notUnderstood(text, catalogue) };
  const understood = understand(text, catalogue);
  // ("with a drift of 7 px, simulate ...": a clause stating another step's setting alone is no step)
  let mentions = withoutSettingClauses(understood.mentions, text, catalogue);
  // ("which region has the most cells?": parts of the field counted are the question's scope; the tool that cuts a region out is not asked for)
  if (asksCountPerRegion(text)) mentions = mentions.filter((m) => !selfOf(m.tool, catalogue)?.cutsRegion);
  // a yes to a proposed rule confirms it (before anything else reads "yes, activate it")
  const proposal = conversation.earlier.at(-1);
  if (proposal && plays(proposal.tool, 'rule', catalogue) && (proposal.values.confirmed === false || (proposal.values.confirmed === undefined && proposal.args.confirm !== true)) && AFFIRMATIVE.test(text)) {
    // the rule itself goes along with its id: a later process (`ask --session`) no longer holds the proposal; a person approves the activation
    const args = { ...(typeof proposal.values.ruleId === 'string' ? { ruleId: proposal.values.ruleId } : {}), ...(proposal.args.rule ? { rule: proposal.args.rule } : {}), confirm: true };
    return { steps: [{ tool: proposal.tool, args, clause: text }] };
  }
  // "they are dark" after segment stopped to ask: the step asked again with the setting, before its words match other tools
  const answered = answerToFailedStep(text, conversation, catalogue);
  if (answered) return answered;
  // "how many cells leave the field of view?": a count of things doing what no step measures is said so, never the total (unmeasuredCounts.ts)
  const undone = isQuestion(text) && !acquisitionRunning(conversation) ? unmeasuredCountedDoing(text) : undefined;
  if (undone) return { steps: [], reply: unmeasuredCountReply(undone, countedThings(text)) };
  // "how long is the movie?", "is there more than one channel?": the recording's own properties, from its header
  const recording = recordingPlan(text, conversation, catalogue);
  if (recording) return recording;
  // about things analysed ("which frame contains the fewest cells?", "describe the distribution of areas"): never the file's reporter, whatever of its words ("contain", "describe") it uses
  const analysed = aboutTheAnalysis(text, catalogue);
  if (analysed) mentions = mentions.filter((m) => !onlyReports(m.tool, catalogue));
  // "how fast do they move and how big are they?": each part planned as a question of its own (as at the start of the
  // turn, so that the plan stays the same while its steps run), their steps once each; the answer answers each (brief s19/Q)
  // ("track the cells and tell me their mean speed and how many divide": the parts of the words asked after the steps)
  const parts = !acquisitionRunning(conversation) ? questionPartsOf(text) ?? partsAfterSteps(text) : undefined;
  if (parts) {
    const plans = parts.map((part) => planOnce({ ...conversation, request: part, current: [] }, catalogue));
    // (the steps asked before the question run first: "correct drift then track the cells; how many ... and what's ...?")
    const askedFrom = askedPart(text)?.from ?? 0;
    const head = askedFrom > 0 ? planOnce({ ...conversation, request: text.slice(0, askedFrom), current: [] }, catalogue) : undefined;
    if (head && !head.reply) plans.unshift(head);
    if (plans.every((p) => !p.reply)) return { steps: sameStepsOnce(plans.flatMap((p) => p.steps)), question: text, ...(plans.some((p) => p.notes?.length) ? { notes: [...new Set(plans.flatMap((p) => p.notes ?? []))] } : {}) };
  }
  // a value a step declares, asked by its own words ("what's the bleaching half-life?", "how fast does it fade?"): that step
  // runs and its value answers, never a measurement of the objects (declaredResults.ts)
  const declared = isQuestion(text) && !acquisitionRunning(conversation) && !mentions.some((m) => runsMicroscope(m.tool, catalogue)) ? declaredResultPlan(text, conversation, catalogue) : undefined;
  if (declared) return declared;
  // a question about the data at a scope that the session's tables answer: answered from them, whatever
  // tool words it has ("how many trajectories last under 4 min?"), its context first ("I expect ... - are there more cells at the end?")
  const askedOfData = questionClause(text);
  // (only before this turn's first step: a step run for the question answers it as planned)
  // (nor when a figure, an export or a saved file is asked beside it: "plot each cell's brightness; which one gets brightest?" draws too)
  if (conversation.current.length === 0 && !acquisitionRunning(conversation) && !asksForAFigure(text) && !outputAskedBeside(text, askedOfData, mentions, catalogue) && (asksTheData(askedOfData) || asksInUnits(askedOfData)) && (answerFromTable(askedOfData, conversation) || (countsAtAScope(askedOfData) && answerFromValues(withoutUnits(askedOfData), conversation, [...conversation.earlier], catalogue)))) return { steps: [], question: askedOfData };
  // (a picture of everyday life is no picture the microscope takes: "take a picture of my cat")
  // (nor is buying one: "purchase a 40x objective for the scope", "buy us more DAPI" name the microscope's things and buy them)
  // ("write me a python script to segment cells": no code is written, and no step runs in its place)
  if (codeAsked(text) && !acquisitionRunning(conversation)) return { steps: [], reply: codeAskedReply(text) };
  if ((asksAPurchase(maskNames(text)) && !commandWhileImaging(text, conversation)) || (outOfScope(text, catalogue) && !commandWhileImaging(text, conversation) && !pointsIntoTheMovieOpen(text, conversation) && (!microscopeOnlyWords(text) || picturesOfElsewhere(maskNames(text), indexFor(catalogue), catalogue)))) {
    // (what was asked is named, so the person sees which words were turned down: "quantify the bands on my western blot")
    const asked = text.trim().replace(/[\s.!?]+$/, '');
    const named = asked.length <= 90 ? ` Not done: "${asked}".` : '';
    return { steps: [], reply: `That is outside what I do: I analyse live-cell microscopy movies and run the microscope, so I ran nothing.${named} ${notUnderstood(text, catalogue).replace(/^I (?:did not understand|understood)[^.]*\.\s*/, '')}` };
  }

  // "is there photobleaching?", "what's the SNR?": a question about the data measures; a step that changes images runs only when asked for
  const measuring = imageStepsQuestioned(text, mentions, conversation, catalogue);
  if (measuring) return measuring;
  // (a step asked for in words of its own before the question runs: "denoise it first, then track them; which is fastest?")
  const askedFrom = askedPart(text)?.from ?? 0;
  // (and one inside a sentence that itself asks a quantity the measuring step measures: "what's the average intensity of
  // the cells over time? show me a plot" asks for no mean projection, whichever sentence is the asking one)
  // (read only when a step that makes images is named: the sentences' questions are no concern of the others)
  const measurer = makerOf('table', catalogue);
  const measuredWords = measurer ? `${catalogue.get(measurer)?.description ?? ''} ${(selfOf(measurer, catalogue)?.words ?? []).join(' ')}` : '';
  // (the asking words of a sentence that is not the whole request: "denoise, then segment; what is ...? plot it" keeps the denoising)
  const dataQuestions = !mentions.some((m) => makesImages(m.tool, catalogue)) ? [] : [...text.matchAll(/[^?.!]+\?/g)]
    .filter((q) => q[0].trim() !== text.trim() && questionsTheData(q[0].trim(), conversation) && asksAMeasuredQuantity(q[0].trim()) && namesQuantity(q[0], measuredWords))
    .map((q) => ({ start: (q.index ?? 0) + (askedPart(q[0])?.from ?? 0), end: (q.index ?? 0) + q[0].length }));
  // (a step its own words name is asked for: "the cells get dimmer and dimmer over time, is that bad? can you fix it")
  const inADataQuestion = (m: Mention) => dataQuestions.some((q) => m.start >= q.start && m.end <= q.end && !saysOwnWords(m.tool, text.slice(q.start, q.end), catalogue));
  const wholeAsks = questionsTheData(text, conversation);
  // (a step named in a sentence of its own that asks for it is no question's: "is it noisy? denoise it and then segment the nuclei")
  const commandSentences = [...text.matchAll(/[^.?!]+(?:[.!]+|$)/g)].filter((q) => text.slice((q.index ?? 0) + q[0].length).trim() !== '' || /[?.!]\s*$/.test(text.slice(0, q.index ?? 0)))
    .filter((q) => (q.index ?? 0) > 0 && !/\?\s*$/.test(q[0]) && isImperative(q[0]))
    .map((q) => ({ start: q.index ?? 0, end: (q.index ?? 0) + q[0].length }));
  const inACommand = (m: Mention) => commandSentences.some((q) => (m.start >= q.start && m.end <= q.end) || saysOwnWords(m.tool, text.slice(q.start, q.end), catalogue));
  const questioned = (m: Mention) => makesImages(m.tool, catalogue) && ((wholeAsks && m.end > askedFrom && !inACommand(m)) || inADataQuestion(m));
  const imageStep = mentions.find(questioned)?.tool;
  if (imageStep) mentions = mentions.filter((m) => !questioned(m));

  // "squash the stack into one picture": the words act on the recording at hand, so a
  // microscope step that makes new images from nothing is not what they ask for
  const onTheRecording = pointsAtTheRecording(text, conversation);
  // (only a step that makes images: "ok, continue the time-lapse" still resumes it)
  if (onTheRecording) mentions = mentions.filter((m) => !makesImagesFromNothing(m.tool, catalogue));

  // "how long till it finishes?": a question about the run's progress names no command to stop, start or change it
  const runReporter = playing('status', catalogue);
  // (not with steps of analysis said too: "find the nuclei and track them. are they bigger at the end than at the start?" asks of the data)
  if (runReporter && questionAboutTheRun(text) && mentions.some((m) => runsMicroscope(m.tool, catalogue) && (['stop', 'start', 'change'] as const).some((role) => plays(m.tool, role, catalogue))) && mentions.every((m) => runsMicroscope(m.tool, catalogue))) mentions = [{ tool: runReporter, start: 0, end: text.length, order: 0 }];
  // "do any cells stop moving?": a question about the data, with no acquisition running, never stops, starts or changes one
  // (and a question about things analysed, "which time point holds the most nuclei?", "how fast are they going in um/h", asks no microscope command, nor its report for a measured quantity)
  // (nor a question about one thing found, "when does track 2 start?": no run's start, whatever its verb)
  const notTheMicroscopes = (tool: string) => !acquisitionRunning(conversation) && runsMicroscope(tool, catalogue) && ((isQuestion(text) && namesOneAnalysedThing(text)) || (analysed && (isQuestion(text) || isAskedForm(text)) && !microscopeOnlyWords(text)
    // (nor for a count of things analysed: "how many cells divide during the experiment?"; nor of the events a table of tracks
    // counts: "how many mitoses over the whole experiment?")
    ? !(['status', 'list'] as const).some((role) => plays(tool, role, catalogue)) || asksAMeasuredQuantity(text) || countsThings(text) || countsDividingCells(text) || countsEvents(text)
    : asksAboutTheData(text) && (['stop', 'start', 'change'] as const).some((role) => plays(tool, role, catalogue))));
  // ("how many tracks end in a division?": "end", said of the tracks asked about, is no command to the microscope; the tool
  // the clause's words name next, nearly as strongly and by a telling word of its own, is the one asked: detect_divisions by
  // "division". Never a step whose results the session holds: "when does track 2 start?" tracks nothing again)
  const inPlaceOfTheMicroscope = (list: Mention[], words: string): Mention[] => list.flatMap((m, i) => {
    if (!notTheMicroscopes(m.tool)) return [m];
    const index = indexFor(catalogue);
    const clause = clauseOf(words, list, i);
    const nextOf = (ranked: Match[]) => ranked.find((r) => !runsMicroscope(r.tool, catalogue) && !list.some((o) => o.tool === r.tool));
    const telling = (r: Match | undefined) => !!r && (r.nameWord === true || r.matched.some((w) => w.split(' ').every((stem) => index.spread(stem) < GENERIC_SPREAD))) && !heldAlready(r.tool, conversation, catalogue);
    // ("how many cells divide during the experiment?": a microscope reading of the words of the question's time span
    // alone, "experiment", is no reading at all; the tool the rest names is the one asked)
    const unscoped = index.match(withoutScope(clause));
    const rest = nextOf(unscoped);
    if (!unscoped.some((r) => runsMicroscope(r.tool, catalogue)) && telling(rest)) return [{ ...m, tool: rest!.tool }];
    const ranked = index.match(clause);
    // (the microscope's best reading of the words: the run's reporter stands in for "end" in a question, stop_acquisition read it)
    const dropped = ranked.find((r) => runsMicroscope(r.tool, catalogue));
    const next = nextOf(ranked);
    return next && dropped && telling(next) && next.score >= NEARLY_AS_NAMED * dropped.score ? [{ ...m, tool: next.tool }] : [];
  });
  mentions = inPlaceOfTheMicroscope(mentions, text);
  // a rule for the microscope absorbs the actions it names ("when a cell divides, image every 10 s")
  const rule = mentions.find((m) => plays(m.tool, 'rule', catalogue));
  if (rule) mentions = [{ ...rule, start: 0 }];
  // advice questions go to help alone
  // advice questions go to help alone: help's own words (a phrase such as "should I") in a question
  const adviser = playing('advice', catalogue);
  // ("what can you do?", "what are you able to do": a plea for help in general, whatever tool its question word also matches)
  const advice = !!adviser && (isAdviceQuestion(text) || asksHowToUse(text) || (isQuestion(text) && indexFor(catalogue).match(text).some((m) => m.tool === adviser && m.matched.some((w) => w.includes(' ')))));
  // ("could you please stop acquiring the mCherry?" while imaging is a polite command, not a question for help)
  if (adviser && advice && !mentions.some((m) => m.tool === adviser) && !commandWhileImaging(text, conversation)) mentions = [{ tool: adviser, start: 0, end: text.length, order: 0 }];
  // while imaging, words the acquisition language reads as a command are one, whatever help's words match ("..., the rest is fine")
  // (an advice question the microscope would only answer with a report, "what interval should I use to catch mitosis?", is the adviser's)
  const help = commandWhileImaging(text, conversation) && !adviceOverReport(text, conversation, catalogue) ? undefined : mentions.find((m) => plays(m.tool, 'advice', catalogue));
  if (help) mentions = [{ ...help, start: 0 }];
  // undo and rerun act on earlier steps: without any, their words ("instead", "go back") mean something else
  // ("redo the tracking with gap closing off" with nothing run before: the step the words name, run now)
  if (!conversation.earlier.some((r) => r.ok && (selfOf(r.tool, catalogue)?.consumes ?? []).length > 0)) {
    const actorsWithNothing: string[] = [];
    mentions = mentions.flatMap((m, i) => {
      if (!actsOnEarlierSteps(m.tool, catalogue)) return [m];
      const index = indexFor(catalogue);
      // (a step the words name by its own name, "redo the segmentation with less smoothing", before one a setting's words match: smoothing)
      const namedIn = (words: string) => {
        // (or one whose results the session holds: "update the areas" with a table of measurements open runs the measuring again)
        const found = index.match(words).filter((r) => !actsOnEarlierSteps(r.tool, catalogue) && (r.named || r.nameWord || r.matched.some((w) => w.split(' ').every((stem) => index.spread(stem) < GENERIC_SPREAD)) || heldAlready(r.tool, conversation, catalogue)) && !mentions.some((o) => o.tool === r.tool));
        return found.find((r) => r.named || r.nameWord) ?? found[0];
      };
      // (the step its own clause names first: "run the tracking again ..., with a bigger search radius" is the tracking, whatever the rest names)
      const own = namedIn(text.slice(m.start, m.end));
      const named = own?.named || own?.nameWord ? own : namedIn(clauseOf(text, mentions, i));
      if (!named) actorsWithNothing.push(m.tool);
      return named ? [{ ...m, tool: named.tool }] : [];
    });
    // ("undo that" as the first words of a session: no step to act on, said so, never "not understood")
    if (mentions.length === 0 && actorsWithNothing.length > 0 && conversation.earlier.length === 0 && !readsAsMicroscope(text, conversation)) return { steps: [], reply: `Nothing was done: no analysis step has run in this session yet, so \`${actorsWithNothing[0]}\` has no earlier step to act on. Tell me the steps to run first (e.g. "segment and track the nuclei").` };
  }
  // "open"/"load" only counts with a file to open; else its clause asks for the next tool its words name ("open these tracks in TrackMate")
  mentions = mentions.flatMap((m, i) => {
    const clause = clauseOf(text, mentions, i);
    if (!plays(m.tool, 'open', catalogue) || findPaths(clause).length > 0) return [m];
    // not a tool that would make again what the words point at ("these tracks" are to open, not to track)
    const remakes = (tool: string) => producesOf(tool, catalogue).some((type) => new RegExp(`\\b(?:these|those|the|my|our)\\s+${type.replace(/s$/, '')}s?\\b`, 'i').test(clause));
    // and only on a telling word of its own ("trackmate"), not a word most tools use ("file")
    const telling = (r: Match) => r.matched.some((w) => w.split(' ').every((stem) => indexFor(catalogue).spread(stem) < GENERIC_SPREAD));
    const next = indexFor(catalogue).match(withoutRejected(clause)).find((r) => !plays(r.tool, 'open', catalogue) && !remakes(r.tool) && telling(r) && !mentions.some((o) => o.tool === r.tool));
    // ("load my movie", "how do I open a file?": opening alone, with no file, asks which file, its reader says how)
    // (an opening verb said: "keep going with the timelapse" matched the opener by "timelapse" alone)
    const opensAlone = mentions.length === 1 && /\b(?:open|load|import)\b/i.test(clause) && !isQuestion(clause.replace(/^\s*how\s+(?:do|can|could|should|would)\s+(?:i|we|one)\b/i, ''));
    return next ? [{ ...m, tool: next.tool }] : opensAlone ? [m] : [];
  });
  // microscope status or dose questions stand alone
  if (mentions.some((m) => plays(m.tool, 'status', catalogue)) && mentions.every((m) => runsMicroscope(m.tool, catalogue))) {
    mentions = mentions.filter((m, i) => i === mentions.findIndex((n) => n.tool === m.tool));
  }
  // "start imaging ... every 5 min" is one acquisition, not also an adjustment
  if (mentions.some((m) => plays(m.tool, 'start', catalogue))) mentions = mentions.filter((m) => !plays(m.tool, 'change', catalogue));

  // (a request that also asks to be told something, "count them per frame and tell me which has the most", is answered from the data too)
  const question = (isQuestion(text) || asksForAnAnswer(text)) && !help ? text : undefined;
  // "which timepoint is the most crowded?": words about the data at hand ("crowded", "dividing") ask for no new movie made from nothing (brief s18/Q)
  const aboutTheData = !!question && conversation.artifactsAtStart.some((a) => a.type === 'movie') && asksTheData(askedPart(text)?.text ?? questionClause(text));
  const simulates = (tool: string) => aboutTheData && !runsMicroscope(tool, catalogue) && (selfOf(tool, catalogue)?.consumes ?? []).length === 0 && producesOf(tool, catalogue).includes('movie');
  mentions = mentions.filter((m) => !simulates(m.tool));
  // "find the nuclei and say which timepoint is the most crowded": the words of a question asked after the steps name no step
  // of their own ("crowded" is no simulation, "first vs last" no plot) beyond those the question alone would run (brief s18/Q)
  // (planned as at the start of the turn, so that the plan stays the same while its steps run)
  const askedAfter = question ? askedPart(text) : undefined;
  if (askedAfter && asksTheData(askedAfter.text) && mentions.some((m) => m.end <= askedAfter.start)) {
    const alone = new Set(planOnce({ ...conversation, request: askedAfter.text, current: [] }, catalogue).steps.map((s) => s.tool));
    // (a mention reaching into the asked words is theirs: "then give me the number in the first vs the last frame" is no plot)
    // (nor a step said before it again: "segment and track them; how many nuclei per frame?" counts the first segmentation's objects)
    const before = new Set(mentions.filter((m) => m.end <= askedAfter.start).map((m) => m.tool));
    // (a step asked after the question is a step: "..., report their mean area, and save the masks")
    mentions = mentions.filter((m) => m.end <= askedAfter.start || m.start >= askedAfter.end || (alone.has(m.tool) && !before.has(m.tool)));
  }
  // a question about the data at a scope (a frame, a cell, an extreme, a comparison): the tables answer it, or the steps that make one run first
  if (!help) {
    // a quantity no tool measures ("what's the solidity of the nuclei?"): said, nothing run
    // (about cells, or in a session that has things to measure: "what is the weather like" is no quantity)
    const aboutSomething = namesASubject(text, indexFor(catalogue)) || conversation.artifactsAtStart.some((a) => a.type !== 'movie');
    const aboutTheMicroscope = acquisitionRunning(conversation) || mentions.some((m) => runsMicroscope(m.tool, catalogue));
    const unmeasured = (isQuestion(text) || isAskedForm(text)) && aboutSomething && !aboutTheMicroscope && !findChannels(text).length ? unmeasuredQuantity(text, catalogue) : undefined;
    if (unmeasured && !answerFromTable(text, conversation) && !answerFromValues(text, conversation, [...conversation.earlier], catalogue)) return { steps: [], reply: notMeasuredReply(unmeasured, catalogue) };
    const maker = makerOf('table', catalogue);
    const feeding = new Set([maker, ...(selfOf(maker ?? '', catalogue)?.consumes ?? []).map((t) => makerOf(t as InputType, catalogue))]);
    // the tools the question names apart from its scope ("the first frame" is no baseline to normalise to)
    const named = inPlaceOfTheMicroscope(understand(withoutScope(text), catalogue).mentions, withoutScope(text)).filter((m) => !(analysed && onlyReports(m.tool, catalogue)) && !simulates(m.tool) && !(asksCountPerRegion(text) && selfOf(m.tool, catalogue)?.cutsRegion));
    const asked = named.every((m) => feeding.has(m.tool) || runsMicroscope(m.tool, catalogue)) ? dataQuestionPlan(text, conversation, catalogue, named.some((m) => runsMicroscope(m.tool, catalogue)) || (named.length === 0 && mentions.some((m) => runsMicroscope(m.tool, catalogue)) && readsAsMicroscope(text, conversation)) || commandWhileImaging(text, conversation)) : undefined;
    if (asked) return asked;
    const reported = reportedQuantityPlan(text, mentions.map((m) => m.tool), conversation, catalogue);
    if (reported) return reported;
  }
  // "now the same for channel 2": the last analysis step again (the microscope's "the same for Rhodamine" is its router's)
  const lastStep = conversation.earlier.at(-1);
  if (mentions.length === 0 && (REPEAT.test(text) || (SAME_FOR.test(text) && lastStep && selfOf(lastStep.tool, catalogue)?.domain !== 'microscope'))) {
    const repeated = repeatPlan(text, conversation, catalogue);
    if (repeated) return repeated;
  }
  // ("also allow a max frame gap of 2" after a tracking: a setting of a step that ran, though a stray word named another tool, settingOfAStepRun.ts)
  const rerunner = rerunnerOf(catalogue);
  const ranBefore = [...new Set([...conversation.earlier].reverse().filter((r) => r.ok && r.tool !== rerunner && selfOf(r.tool, catalogue)?.domain !== 'microscope' && (selfOf(r.tool, catalogue)?.consumes ?? []).length > 0).map((r) => r.tool))];
  const setAgain = rerunner && !question && !acquisitionRunning(conversation) && findQuantities(text).length > 0 && !REPEAT.test(text) && !SAME_FOR.test(text)
    ? settingOfAStepRun(text, [...new Set(mentions.map((m) => m.tool))], ranBefore, { settingsOf: (tool, words) => settingsSaid(tool, words, text, conversation, catalogue), namesItself: (tool, words) => opensWithOwnWord(words.trim(), tool, catalogue) || mentions.some((m) => m.tool === tool && opensWithOwnWord(words.slice(m.start, m.end).trim(), tool, catalogue)) })
    : undefined;
  if (setAgain && rerunner) return { steps: [{ tool: rerunner, args: { tool: setAgain.tool, changes: adaptArgs(setAgain.changes, catalogue.get(setAgain.tool)) }, clause: text }] };
  const changed = settingAlonePlan(text, mentions, conversation, catalogue);
  if (changed) return changed;
  // the microscope engineer's router knows the acquisition language best
  // (only when no tool words matched: our own matches are more specific)
  // the microscope engineer's router knows the acquisition language best: it decides when the
  // request is about the microscope (a rule, a channel or timing, or a microscope tool the matcher saw too)
  const heard = help ? undefined : microscopeLanguage().routeMicroscopeRequest(microscopeWords(text, conversation), { acquisitionRunning: acquisitionRunning(conversation), earlier: conversation.earlier.filter((r) => r.ok).map((r) => ({ tool: r.tool, args: r.args, values: r.values })) });
  // words about the recording at hand still pause, resume, stop or extend a run ("right, keep going with the time-lapse"),
  // never make new images nor ask what to image
  const routed = onTheRecording && (heard?.tool === undefined || makesImagesFromNothing(heard.tool, catalogue)) ? undefined : heard;
  if (routed) {
    const cue = MICROSCOPE_CUE.test(text) || findChannels(text).length > 0 || microscopeLanguage().findChannels(text).length > 0;
    const take = plays(routed.tool, 'rule', catalogue)
      // the word "rule" matched the tool that adds one, but the acquisition language read removing or listing them ("get rid of that division rule")
      || (routed.tool !== undefined && runsMicroscope(routed.tool, catalogue) && mentions.length > 0 && mentions.every((m) => plays(m.tool, 'rule', catalogue)))
      // a question about the run in microscope words that the acquisition language read as one ("is it still imaging?", whose
      // "still imag..." the matcher also finds in a plot's "still image")
      || (cue && plays(routed.tool, 'status', catalogue) && !('fallback' in routed && routed.fallback) && questionAboutTheRun(text))
      // no tool's words matched, and the acquisition language heard a command to the microscope that it must ask about
      // ("turn off all the rules" with none set up): its line, never "I did not understand"
      || (mentions.length === 0 && routed.tool === undefined && routed.command === true)
      // words only the microscope has a meaning for ("move 200 µm to the right", "switch to the 40x")
      || (routed.tool !== undefined && routed.sure === true)
      // a microscope step the words name, but the acquisition language must ask something first (a part it could not read)
      || (routed.tool === undefined && mentions.some((m) => runsMicroscope(m.tool, catalogue)))
      // a plan to start (channels, an interval and a duration) that the acquisition language must ask about: never another tool's step
      || (routed.tool === undefined && routed.start === true)
      || (mentions.length === 0 && cue)
      || (cue && mentions.some((m) => m.tool === routed.tool))
      || (mentions.length > 0 && mentions.every((m) => runsMicroscope(m.tool, catalogue)) && mentions.some((m) => m.tool === routed.tool))
      // a channel with microscope words: the acquisition language decides ("stop imaging the 488" drops a channel, never stops)
      || (cue && mentions.length > 0 && mentions.every((m) => runsMicroscope(m.tool, catalogue)))
      // a word like "stop" never ends the acquisition when the acquisition language read the request otherwise
      || (!plays(routed.tool, 'stop', catalogue) && mentions.some((m) => plays(m.tool, 'stop', catalogue)))
      // while an acquisition runs, words the acquisition language reads as a change (or a question to ask back) are about it
      || (acquisitionRunning(conversation) && !(plays(routed.tool, 'status', catalogue) && 'fallback' in routed && routed.fallback))
      // channels, an interval and a duration with an imaging verb: an acquisition to start (not a channel and "a timelapse"
      // with no time plan nor imaging verb beside analysis steps: "I've got a timelapse of H2B-GFP ... get a CSV for excel"
      // is the recording at hand, the steps are its analysis)
      || (plays(routed.tool, 'start', catalogue) && cue && !(startsWithoutTimePlan(routed) && mentions.some((m) => !runsMicroscope(m.tool, catalogue))));
    if (take) {
      if (routed.tool === undefined) return { steps: [], reply: routed.ask };
      // "how long till it finishes?", "when will it stop?": a question about the acquisition's progress, never a command to end or change it
      const reporter = playing('status', catalogue);
      // (never a change the acquisition language read beside the question: "switch off DAPI. how much longer?" makes both)
      const changes = Array.isArray(routed.args.changes) ? (routed.args.changes as { kind?: string }[]) : [];
      const changeAndQuestion = changes.some((c) => c.kind === 'status') && changes.some((c) => c.kind !== 'status');
      if (reporter && !changeAndQuestion && questionAboutTheRun(text) && ['stop', 'start', 'change'].some((role) => plays(routed.tool, role as ToolSelfDescription['role'], catalogue))) return { steps: [{ tool: reporter, args: {}, clause: text }] };
      // (a part of the words no argument uses is named in the answer: the acquisition language's coverage check)
      // (a report the acquisition language routes without arguments takes the scope its own reader finds: "how much light did position 2 get?")
      const scoped = plays(routed.tool, 'status', catalogue) ? { ...(selfOf(routed.tool, catalogue)?.fromRequest?.(clauseForTool(routed.tool, text, conversation, catalogue)) ?? {}), ...routed.args } : routed.args;
      return { steps: [{ tool: routed.tool, args: scoped, clause: text }, ...('then' in routed && routed.then ? routed.then.map((s) => ({ tool: s.tool, args: s.args, clause: text })) : [])], ...(routed.notApplied?.length ? { notes: routed.notApplied } : {}) };
    }
  }
  const notDone = (understood.notDone ?? []).map(notDoneNote);
  if (mentions.length === 0 && notDone.length) {
    // (and what can be done instead: the "I can ..." of the answer for words not understood)
    // (and the numbers, channels or files that were understood, so none is passed over in silence)
    const whole = notUnderstood(text, catalogue);
    const heard = /^I understood (?:[^."]|"[^"]*")*\./.exec(whole)?.[0];
    const offer = /\bI can\b.*$/.exec(whole)?.[0];
    return { steps: [], reply: [...notDone, heard, offer].filter(Boolean).join(' ') };
  }
  if (mentions.length === 0) {
    // "what's the SNR?": only a step that changes images has the words, and nothing measures it: said, nothing run
    if (imageStep) {
      const plan = questionPlan(text, conversation, catalogue);
      return plan.steps.length || !plan.reply ? plan : { steps: [], reply: changesImagesReply(imageStep, text, catalogue) };
    }
    // ("cells per frame pls": a thing at a scope asked with no question mark, the politeness word after it)
    if (question || isAskedForm(text)) return questionPlan(text, conversation, catalogue);
    return { steps: [], reply: notUnderstood(text, catalogue) };
  }
  // "how much did it drift?", "what was the TRA score?": answer from earlier results when they have it
  // ("can you graph the intensity across frames?" asks for the figure, not for the numbers it shows)
  // ("I was hoping you could tell me how many tracks you got": asked indirectly, with no question mark)
  // ("plot each cell's brightness over time; which one gets brightest?": a figure, an export or a saved file asked beside
  // the question is made too, whatever the tables at hand answer; the steps then run in the order said)
  if (question && (isQuestion(text) || isAskedForm(text)) && !help && !asksForAStep(text) && !asksForAFigure(text) && mentions.every((m) => !runsMicroscope(m.tool, catalogue)) && !outputAskedBeside(text, text, mentions, catalogue)) {
    // (from the results held when the turn began: "correct the drift, then segment and track, and is the drift more than
    // 3 px?" is answerable from the drift table once correct_drift has run, and the steps said after it were dropped)
    const atStart = { ...conversation, current: [] };
    if (aboutTheSession(text) || answerFromTable(text, atStart) || answerFromValues(text, atStart, [...conversation.earlier], catalogue)) return { steps: [], question: text };
  }

  const steps: PlannedStep[] = [];
  // "..., then segment and measure intensities, no tracking please": the words that exclude a step are no argument of another
  // (unless they use words of its arguments: "but don't split the touching ones", "with no divisions")
  const spared = (tool: string) => (understood.excludedSpans ?? [])
    .filter((s) => !tokenize(text.slice(s.start, s.end)).some((t) => argumentMeanings(tool, catalogue).has(meaning(t.stem)) && !INPUT_MEANINGS.has(meaning(t.stem))))
    .reduce((t, s) => t.slice(0, s.start) + ' '.repeat(s.end - s.start) + t.slice(s.end), text);
  for (let i = 0; i < mentions.length; i++) {
    let clause = clauseOf(spared(mentions[i].tool), mentions, i).replace(/[\s,;]+$/, '');
    // a heading's words are its own tool's, said before the list: "the tracks as CSV" is the export's format, not the segmentation's
    for (const h of understood.headings ?? []) {
      const heading = text.slice(h.start, h.end);
      const at = clause.indexOf(heading);
      const own = h.tool === mentions[i].tool && mentions.filter((m) => m.tool === h.tool).length === 1;
      // (a heading of this step's said after its own words stays where it was said: "segment, drop edge objects and anything
      // under 15 px" keeps "drop" before the bound it governs)
      if (at >= 0 && own && h.start > mentions[i].start) continue;
      // (a heading said after the step's own words, "segment and track the nuclei, excluding those at the border", leaves them)
      if (at >= 0) clause = h.start > mentions[i].start ? `${clause.slice(0, at)}${clause.slice(at + heading.length)}`.replace(/[\s,;:]+(?:and|but|,)?\s*$/i, '') : clause.slice(at + heading.length).replace(/^[\s:,;]+/, '');
      if (own) clause = `${heading}: ${clause}`;
    }
    const args = buildArgs(mentions[i].tool, { clause, text, conversation, catalogue, previous: steps.at(-1), single: mentions.length === 1 });
    // "only the first half of the movie: segment ...": a clause of scope alone sets the frames of every step that takes them
    if (args.frames === undefined && 'frames' in (catalogue.get(mentions[i].tool)?.properties ?? {})) {
      const scoped = (understood.scopes ?? []).map((s) => findFrames(text.slice(s.start, s.end), sessionFrameCount(conversation))).find(Boolean);
      if (scoped) args.frames = scoped;
    }
    // "measure the area over time and plot it": a step said only as a verb on "it" is described by the words of the step that made it
    if (i > 0 && POINTS_AT_RESULT.test(clause)) Object.assign(args, valuesFromEarlierWords(mentions[i].tool, args, steps[i - 1], catalogue));
    // (how the objects are labelled was read by the tool from the request; those words are no constraint left to name)
    for (const l of understood.labelling ?? []) clause = clause.replace(text.slice(l.start, l.end), ' ').replace(/\s+/g, ' ').trim();
    // ("segment the nuclei, then segment the cells": a value said by its own name beside another's is that value, contrastedValues.ts)
    const sameTool = steps.findLast((st) => st.tool === mentions[i].tool);
    const told = sameTool ? contrastedValues(mentions[i].tool, sameTool.clause ?? '', clause, catalogue) : undefined;
    if (sameTool && told && args[told.arg] === undefined) args[told.arg] = told.second;
    if (sameTool && told && sameTool.args[told.arg] === undefined) sameTool.args[told.arg] = told.first;
    steps.push({ tool: mentions[i].tool, args, clause });
  }
  settingClausesToTheStepBefore(steps, text, conversation, catalogue);
  // the order the words ask for ("segment, but first correct the drift")
  const order = mentions.map((m, i) => ({ m, i })).sort((a, b) => a.m.order - b.m.order).map(({ i }) => i);
  const orderedSteps = order.map((i) => steps[i]);
  // "segment and measure the area, pixel size 0.65 µm": what every later step reads (the calibration) goes first, wherever it was said
  const first = orderedSteps.filter((st) => selfOf(st.tool, catalogue)?.appliesToLaterSteps === true);
  // "make this a reusable pipeline: drift correction then segmentation": a step that keeps the session's steps (it reads
  // no result, it makes a pipeline of them) comes after the steps asked with it, wherever it was said
  const keepsSteps = (st: PlannedStep) => producesOf(st.tool, catalogue)[0] === 'pipeline' && (selfOf(st.tool, catalogue)?.consumes ?? []).length === 0 && orderedSteps.some((o) => o !== st && producesOf(o.tool, catalogue)[0] !== 'pipeline');
  const last = orderedSteps.filter(keepsSteps);
  steps.splice(0, steps.length, ...first, ...orderedSteps.filter((st) => !first.includes(st) && !last.includes(st)), ...last);
  // ("segment the nuclei and correct the drift": a step that puts right the recording runs before the analysis of it, preparedFirst.ts)
  const prepared = preparedFirst(steps, (st) => mentions[orderedSteps.indexOf(st) < 0 ? -1 : order[orderedSteps.indexOf(st)]], text, (type) => conversation.artifactsAtStart.some((a) => a.type === type), catalogue);
  steps.splice(0, steps.length, ...prepared.steps);
  describedThenAsked(steps);
  // "track the nuclei, one frame every 5 min": a calibration told inside another step's words sets it (the number reader's
  // time per frame or length per pixel), first; the other steps' words no longer hold it (it was named as not applied)
  // (while an acquisition runs, "interval: 10 min" is its setting, never the recording's calibration)
  const toldCalibration = asksAboutData(text) || microscopeOnlyWords(text) || acquisitionRunning(conversation) ? {} : statedCalibration(text);
  const toldSteps = new WeakSet<PlannedStep>();
  const calibrator = [...catalogue.keys()].find((t) => selfOf(t, catalogue)?.appliesToLaterSteps === true);
  // a step whose own schema takes that value keeps it ("simulate a movie with a pixel size of 2.5 µm")
  const takenByAStep = steps.some((st) => Object.keys(toldCalibration).some((k) => k in (catalogue.get(st.tool)?.properties ?? {})));
  if (calibrator && Object.keys(toldCalibration).length > 0 && steps.length > 0 && !takenByAStep && !steps.some((st) => st.tool === calibrator) && !steps.some((st) => runsMicroscope(st.tool, catalogue)) && Object.keys(toldCalibration).every((k) => k in (catalogue.get(calibrator)?.properties ?? {}))) {
    for (const st of steps) st.clause = withoutToldCalibration(st.clause);
    steps.unshift({ tool: calibrator, args: { ...toldCalibration }, clause: text });
    toldSteps.add(steps[0]);
  }
  // "Time-lapse movies (5 min interval, 0.32 µm/px) were denoised ...": a calibration step asked for by some of the told
  // values takes the others said elsewhere in the request too; the other steps' words no longer hold them
  const calibrating = calibrator && !steps.some((st) => toldSteps.has(st)) ? steps.find((st) => st.tool === calibrator) : undefined;
  const missing = Object.entries(toldCalibration).filter(([k]) => calibrating && calibrating.args[k] === undefined && k in (catalogue.get(calibrator!)?.properties ?? {}));
  if (calibrating && missing.length && !steps.some((st) => st !== calibrating && missing.some(([k]) => k in (catalogue.get(st.tool)?.properties ?? {})))) {
    for (const [k, v] of missing) calibrating.args[k] = v;
    for (const st of steps) if (st !== calibrating) st.clause = withoutToldCalibration(st.clause);
  }
  // "denoise channels 1 and 3", "measure intensity in channels 1 and 2": a step that takes one channel, once per channel named
  // ("both channels" too, unless the tool's default is every channel already)
  for (let k = 0; k < steps.length; k++) {
    const channel = catalogue.get(steps[k].tool)?.properties.channel;
    if (!channel) continue;
    const listed = severalChannels(steps[k].clause, /default\s+all\s+channels/i.test(channel.description ?? ''));
    if (listed.length < 2) continue;
    const copies = listed.map((c) => ({ ...steps[k], args: { ...steps[k].args, channel: c } }));
    steps.splice(k, 1, ...copies);
    k += copies.length - 1;
  }
  // "segment the nuclei with Li and give me the median area": a measured quantity asked after the steps named is measured
  // (a step whose table comes with its movie, the drift or bleach curve of a correction, measures no objects: "correct the
  // drift, then track them; which one covered the most ground?" measures the tracks)
  // after them (their own summaries hold no areas or speeds: the answer came from another value, "Frames = 48")
  const tableMaker = makerOf('table', catalogue);
  // (only where the asking is said in words of its own: "can you segment the nuclei?" asks for the step alone)
  const askedAt = question ? askingAt(question) : -1;
  const asked = question && askedAt > 0 ? question.slice(askedAt) : undefined;
  // the measuring steps run for the question, with the words for what they measure (their scope and extremes are the answer's)
  const measuredFor = new WeakMap<PlannedStep, string>();
  // "find and track the nuclei, which cell is the fastest": a measuring step found in the question's own words is read from the
  // words for measuring what it asks ("speed"), as one added for it is: "fastest" or "the first half" is no setting of it
  if (asked && tableMaker) {
    for (const [k, step] of steps.entries()) {
      if (step.tool !== tableMaker || !(sameWords(step.clause, asked) || (askedAfter && sameWords(step.clause, text.slice(askedAfter.from))))) continue;
      const measuring = measuringWords(asked);
      step.args = buildArgs(tableMaker, { clause: measuring, text: measuring, conversation, catalogue, previous: steps[k - 1], single: true });
      measuredFor.set(step, measuring);
    }
  }
  // (nor when the question's own words planned a step that writes a table of what is asked: "segment and track them - how far
  // did the sample drift?" is the drift correction's table, no distance of the tracks)
  const answeredByItsStep = asked !== undefined && steps.some((st) => st.tool !== tableMaker && producesOf(st.tool, catalogue).includes('table') && sameWords(st.clause, asked));
  if (asked && tableMaker && asksAMeasuredQuantity(asked) && !answeredByItsStep && !steps.some((st) => makesATableFirst(st.tool, catalogue)) && steps.some((st) => (selfOf(tableMaker, catalogue)?.consumes ?? []).some((t) => producesOf(st.tool, catalogue).includes(t)))) {
    // the words from the asking on ("give me the median area") are the measuring step's, not the steps' before it
    for (const step of steps) if (step.clause.includes(asked)) step.clause = step.clause.replace(asked, ' ').replace(/[\s,;:]+(?:and|then|,)?\s*$/i, '');
    // (its words with the quantity its adjectives stand for: "the fastest one" is a speed)
    const measuring = measuringWords(asked);
    steps.push({ tool: tableMaker, args: buildArgs(tableMaker, { clause: measuring, text: measuring, conversation, catalogue, previous: steps.at(-1), single: true }), clause: asked });
    measuredFor.set(steps.at(-1)!, measuring);
  } else if (asked && tableMaker && asksAMeasuredQuantity(asked) && steps.some((st) => st.tool === tableMaker)) {
    // ("measure the circularity of each nucleus and tell me the roundest": the asking is the answer's, no words of the measuring step)
    for (const step of steps) if (step.clause.includes(asked) && step.clause.trim() !== asked.trim()) step.clause = step.clause.replace(asked, ' ').replace(/[\s,;:]+(?:and|then|,)?\s*$/i, '');
  }
  // "outline the nuclei and tell me which timepoint has the least nuclei": the question after the steps, its asking words
  // too, is the answer's, no words of the steps before it ("Not applied: tell, least nuclei") (brief s18/Q)
  const askingWords = askedAfter && asksTheData(askedAfter.text) ? text.slice(askedAfter.from).trim() : undefined;
  if (askingWords) for (const step of steps) if (step.clause.includes(askingWords) && step.clause.trim() !== askingWords) step.clause = step.clause.replace(askingWords, ' ').replace(/[\s,;:]+(?:and|then|,)?\s*$/i, '').trim();
  const ask = steps.find((s) => typeof s.args.$ask === 'string');
  if (ask) return { steps: [], reply: String(ask.args.$ask) };
  // (a step its own tool declines for what the words ask of it, "colour-code the nuclei by their area, then track them": the
  // other steps run, and its line says what was not done and why; alone, the line is the answer)
  const declined = steps.filter((s) => typeof s.args.$decline === 'string');
  if (declined.length > 0 && declined.length === steps.length) return { steps: [], reply: [...new Set(declined.map((s) => String(s.args.$decline)))].join(' ') };
  if (declined.length > 0) steps.splice(0, steps.length, ...steps.filter((s) => !declined.includes(s)));
  // ("redo the segmentation with Li and compare the counts": a step run again answers with its comparison
  // with the step it replaced, so "compare" is done by it, never named as no tool's)
  // (a step that runs an earlier one again: its schema names the tool and takes the changes, filled in below)
  const compares = steps.some((s) => actsOnEarlierSteps(s.tool, catalogue) && 'changes' in (catalogue.get(s.tool)?.properties ?? {}));
  const notes = [...new Set(declined.map((s) => String(s.args.$decline)))];
  if (prepared.note) notes.push(prepared.note);
  // ("colour the cells by their mean intensity" planned as a measurement: the colouring no step does is said, never dropped)
  const colouredBy = colouredByAProperty(text);
  if (colouredBy && declined.length === 0 && !steps.some((s) => s.args.colorBy !== undefined)) notes.push(colouredByAPropertyLine(colouredBy));
  notes.push(...takeNotes(steps), ...(compares ? (understood.notDone ?? []).filter((n) => !/^compar/i.test(n.verb)).map(notDoneNote) : notDone), ...areas.notes);
  for (const step of steps) notes.push(...methodsNotHere(step, catalogue, undefined, valuesTakenByOthers(step, steps, catalogue)));
  for (const step of steps) switchesFromWords(step, catalogue);
  // "link the nuclei over time, and please disregard mitotic events": a yes/no setting, on by default, that is what a clause
  // turned down or left out ("Detect divisions") is off
  // (said with the other switches turned off, below)
  for (const step of steps) offByExclusion(step, understood.excludedSpans ?? [], text, catalogue);
  // ("these cells don't divide, track them": told, not asked, so it also overrides a switch the words turned on)
  for (const step of steps) offByExclusion(step, understood.toldNot ?? [], text, catalogue, true);
  for (const off of understood.resultsOff ?? []) {
    const step = steps.find((s) => s.tool === off.tool && s.args[off.arg] === undefined);
    if (step) step.args[off.arg] = false;
  }
  // "denoise the movie; no gaussian please", "segment the nuclei, no otsu": a value turned down never runs (the whole
  // request's words, when it has one step of that tool)
  const pixelSizeUm = requestPixelSizeUm(conversation, catalogue);
  for (const step of steps) statedArguments(step, catalogue, pixelSizeUm);
  sharedObjects(steps, catalogue);
  for (const step of steps) givenName(step, conversation.request, catalogue);
  // (after the values said by name are read: "avoid bicubic interpolation" names the value it turns down)
  for (const step of steps) notes.push(...avoidTurnedDown(step, steps.filter((st) => st.tool === step.tool).length === 1 ? text : step.clause, steps.filter((st) => st !== step), catalogue));
  for (const step of steps) notes.push(...lengthsInPixels(step, pixelSizeUm, notes));
  // "threshold at a fixed value of 850": a setting of one value of a choice (a manual threshold) takes that value when none was named
  for (const step of steps) notes.push(...impliedChoices(step, catalogue));
  // "leave the divisions alone": a switch the words turned off is said, never off in silence
  for (const step of steps) notes.push(...switchedOff(step, catalogue));
  // "project everything except the first 5 frames": the frames left, when the movie's length is known
  for (const step of steps) notes.push(...framesLeft(step, conversation, catalogue));
  for (const step of steps) notes.push(...aboutEarlierStep(step, text, conversation, catalogue));
  // "track again with a smaller linking distance": a setting changed by comparison, from the value the tool used last time
  for (const step of steps) {
    // (the microscope's changes are the acquisition language's: "a longer interval" changes the running plan)
    if (actsOnEarlierSteps(step.tool, catalogue) || runsMicroscope(step.tool, catalogue)) continue;
    for (const c of relativeChanges(step.tool, step.clause, conversation, catalogue)) {
      if (step.args[c.arg] !== undefined) continue;
      if (c.value !== undefined) step.args[c.arg] = c.value;
      if (c.value !== undefined && c.implies && step.args[c.implies.arg] === undefined) step.args[c.implies.arg] = c.implies.value;
      notes.push(c.note);
    }
  }
  // ("hmm, too many are merged. use Li instead": a fresh step of the tool a rerun of this request runs again, setting nothing, is the rerun's words)
  const covers = stepsARerunCovers(steps, catalogue);
  if (covers) {
    const said = [covers.rerun, ...covers.covered].sort((a, b) => steps.indexOf(a) - steps.indexOf(b));
    for (const c of covers.covered) steps.splice(steps.indexOf(c), 1);
    covers.rerun.clause = said.map((c) => c.clause).join(' ');
  }
  // ("the channels are offset, register them onto each other": a pronoun clause in the step before's own words says that step again)
  for (let j = steps.length - 1; j > 0; j--) if (restatesStepBefore(steps[j], steps[j - 1], catalogue)) steps.splice(j, 1);
  // after every argument is read: what is left of the words is named, never dropped
  // (a calibration read from the whole request's numbers holds those alone: the other words are the other steps')
  for (const step of steps) if (!toldSteps.has(step)) notes.push(...notApplied(measuredFor.has(step) ? { ...step, clause: measuredFor.get(step)! } : { ...step, clause: withoutEdgeLimitOfTheMaker(step, steps, conversation, catalogue) }, catalogue, notes));
  if (understood.excluded.length) notes.push(`Not run, as you asked: ${understood.excluded.join(', ')}.`);
  for (const left of understood.scopesLeftOut ?? []) if (steps.some((st) => st.tool === left.tool) && !notes.some((n) => n.includes(`"${left.text}"`))) notes.push(scopeNotLeftOut(left.tool, left.text));
  for (const kept of understood.resultsKept ?? []) notes.push(`Not applied: "${kept.text}" — \`${kept.tool}\` always writes what it makes (no option leaves it out); it ran as asked.`);
  // "After tracking, cluster the cells" with tracks open: the step named only as the point to start from is not run again
  for (let j = steps.length - 1; j >= 0; j--) {
    const made = producesOf(steps[j].tool, catalogue)[0];
    const said = Object.keys(steps[j].args).some((k) => !k.startsWith('$') && steps[j].args[k] !== undefined && typeof steps[j].args[k] !== 'object');
    // ("analyse the tracks: straightness and speed" with tracks open: the result named for the other step, under a verb none of its maker's)
    if (steps.length > 1 && made && made !== 'movie' && !said && (namesOnlyTheOrder(steps[j].clause) || namesHeldResultOnly(steps[j], steps, made, catalogue, (c) => namesInput(c, made))) && conversation.artifactsAtStart.some((a) => a.type === made && !isTruth(a))) steps.splice(j, 1);
  }
  // "track the nuclei, ignoring those touching the edge": a step said after the one that needs its result, when nothing
  // made that result yet, runs first (one segmentation with its border rule, then the tracking; not a second one after)
  for (let j = 1; j < steps.length; j++) {
    const made = producesOf(steps[j].tool, catalogue)[0];
    // (a step that writes copies of results makes none for another step to read: "plot the speeds and save them as csv"
    // draws first, then writes the file, in the order said)
    if (!made || made === 'movie' || writesCopies(steps[j].tool, catalogue) || conversation.artifactsAtStart.some((a) => a.type === made)) continue;
    const i = steps.findIndex((st, k) => k < j && (selfOf(st.tool, catalogue)?.consumes ?? [])[0] === made && !steps.slice(0, k).some((b) => producesOf(b.tool, catalogue).includes(made)));
    // (an order word on the later step keeps it after, "track them, then segment again", unless the step needing its result
    // was said as the point everything before it leads to: "before you track, register the frames and segment after that")
    if (i >= 0 && /\b(?:then|after|afterwards|next|finally|later)\b/i.test(steps[j].clause) && !/^\W*(?:but\s+|and\s+)?(?:before|prior\s+to|ahead\s+of)\b/i.test(steps[i].clause)) continue;
    if (i < 0 || steps.slice(i, j).some((b) => (selfOf(steps[j].tool, catalogue)?.consumes ?? []).some((t) => t !== 'movie' && producesOf(b.tool, catalogue).includes(t)))) continue;
    const [moved] = steps.splice(j, 1);
    steps.splice(i, 0, moved);
  }
  const withInputs = addInputs(steps, conversation, catalogue, understood.excluded);
  if ('reply' in withInputs) return { steps: [], reply: withInputs.reply };
  notes.push(...withInputs.notes);
  forAddedSteps(withInputs.steps.filter((st) => !steps.includes(st)), withInputs.steps, notes, text, conversation, catalogue);
  // (the request as said: a field named may be cut from the text read here, as a scope)
  const field = fieldNamedLine(conversation.request, withInputs.steps, notes, catalogue);
  if (field) notes.push(field);
  return { steps: withInputs.steps, question, ...(notes.length ? { notes } : {}) };
}

/**
 * "track the nuclei but ignore anything smaller than 30 px": a condition the step asked for could not apply, said in
 * the words of a step added to make its input (the segmentation the tracking needs), is that step's: applied there and
 * no longer named as not applied. Only the words of a note go to the added step, so nothing the asked step took is read twice.
 */
function forAddedSteps(added: PlannedStep[], all: PlannedStep[], notes: string[], text: string, conversation: Conversation, catalogue: Catalogue): void {
  for (const step of added) {
    // (what the added step's own reading says of the words, "ignore the tiny stuff": told, never dropped with its arguments)
    if (typeof step.args.$note === 'string' && !notes.includes(step.args.$note)) notes.push(step.args.$note);
    delete step.args.$note;
    // ("the cells found by a LoG filter and then tracked": a method the added step stands in for is its own, said as such)
    // (only a name said as a method: "a LoG filter", "with StarDist"; not "on a log scale")
    const taken = valuesTakenByOthers(step, all, catalogue);
    const names = standsInFor(step, catalogue).filter((name) => namedAsMethod(step.clause, name) && !taken.has(name.toLowerCase()));
    const instead = names.length ? methodsNotHere(step, catalogue, names).filter((n) => !notes.includes(n)) : [];
    if (instead.length) notes.splice(0, notes.length, ...withoutNamedBy(notes, names), ...instead);
    for (let k = 0; k < notes.length; k++) {
      if (!/^Not applied: "/.test(notes[k])) continue;
      // one note may hold several sentences ('Not applied: "radius" — ... Not applied: "8 px" — ...'): each is judged on its own
      const sentences = notes[k].split(/ (?=Not applied: ")/);
      const kept = sentences.filter((sentence) => !takenByAddedStep(step, sentence, text, conversation, catalogue));
      if (kept.length === sentences.length) continue;
      if (kept.length) notes[k] = kept.join(' ');
      else notes.splice(k--, 1);
    }
  }
}

/** One word of a measured quantity, with its article or pronoun at most ("sizes", "their areas"), never a thing measured ("the cells"). */
function isOneQuantityWord(phrase: string): boolean {
  const word = /^\s*(?:(?:their|its|the)\s+)?(\p{L}+)\s*$/u.exec(phrase)?.[1];
  return !!word && namesMeasuredQuantity(word) && !OBJECT_NOUNS.test(word);
}

/**
 * Whether the added step applies what one "Not applied" sentence names (and applies it now where it is new): every phrase
 * quoted before its dash gives the step an argument it lacks, one it already has with that value ("nuclei are about 8 px
 * in radius" after "track": the segmentation's objectRadiusPx 8), or names an argument the step carries ("radius").
 */
function takenByAddedStep(step: PlannedStep, sentence: string, text: string, conversation: Conversation, catalogue: Catalogue): boolean {
  const phrases = [...(sentence.split(' — ')[0] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  if (!phrases.length || !phrases.every((phrase) => step.clause.includes(phrase))) return false;
  // ("give me a spreadsheet with their sizes": the sizes are what the added measurement writes in the table exported)
  // (one word of a quantity, "sizes", "areas": never a subset, "the dividing cells only", whose words may be measured ones too)
  if (producesOf(step.tool, catalogue).includes('table') && phrases.every(isOneQuantityWord)) return true;
  const props = catalogue.get(step.tool)?.properties ?? {};
  const carried = Object.entries(step.args).filter(([key, v]) => v !== undefined && key in props && !INPUT_ARGS.has(key));
  // ("follow the cells but leave out the ones at the border": the added step's switch said by the words is applied there)
  const carriedNames = carried.map(([key, v]) => (typeof v === 'boolean' ? switchName(key) : nameWords(key)));
  const fresh: [string, unknown][] = [];
  for (const phrase of phrases) {
    // (read with the words before it in its clause: "leave out the tiny ones under 15 px" is a least area, "under 15 px" alone a most)
    const at = text.indexOf(phrase);
    const lead = at > 0 ? (text.slice(Math.max(0, at - 60), at).split(/[.;,:!?]|\b(?:but|and|then)\b/i).at(-1) ?? '') : '';
    const inPhrase = new Set((phrase.match(/\d+(?:\.\d+)?/g) ?? []).map(Number));
    // (what the lead says on its own is not the phrase's: "the nuclear area for frames 1, 10 and 20" gives the segmentation
    // its target from "nuclear", which does not take the frames)
    const fromLead = lead.trim() ? argsFor(step.tool, lead, text, conversation, catalogue) : {};
    const withLead = lead.trim() ? Object.entries(argsFor(step.tool, lead + phrase, text, conversation, catalogue)).filter(([key, v]) => (typeof v !== 'number' || inPhrase.has(v)) && JSON.stringify(fromLead[key]) !== JSON.stringify(v)) : [];
    const found = (withLead.length ? withLead : Object.entries(argsFor(step.tool, phrase, text, conversation, catalogue))).filter(([key, v]) => key in props && !INPUT_ARGS.has(key) && !isRef(v));
    // ("plot the speed of only the dividing cells": a setting at its default, divisions detected as always, restricts nothing)
    // (nor, for "only the migrating cells", a choice among values, measure's kind "tracks": it picks out no cells)
    const subset = /^(?:only|just)\b/i.test(phrase.trim());
    const restricting = found.filter(([key, v]) => JSON.stringify(props[key]?.default) !== JSON.stringify(v) && !(subset && typeof v === 'string'));
    const news = restricting.filter(([key]) => step.args[key] === undefined);
    const same = restricting.filter(([key, v]) => step.args[key] !== undefined && JSON.stringify(step.args[key]) === JSON.stringify(v));
    const words = tokenize(phrase).map((t) => meaning(t.stem)).filter((w) => w !== EXCLUDE_MEANING);
    const named = words.length > 0 && carriedNames.some((name) => words.every((w) => name.includes(w)));
    // ("8 px" of "about 8 px in radius": a number the step already carries, read there from the same words)
    const numbers = (phrase.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);
    const carriesNumbers = numbers.length > 0 && numbers.every((n) => carried.some(([, v]) => typeof v === 'number' && Math.abs(v - n) < 1e-9));
    if (news.length) fresh.push(...news);
    else if (!same.length && !named && !carriesNumbers) return false;
  }
  for (const [key, v] of fresh) step.args[key] = v;
  return true;
}

/** Arguments that name inputs, files or scopes of the whole request, never a condition said for one step. */
/** How near the next tool's score must come to a dropped reading's for the clause to name it instead ("end" 7.45, "division" 7.31). */
const NEARLY_AS_NAMED = 0.75;

const INPUT_ARGS = new Set(['movie', 'labels', 'tracks', 'table', 'output', 'frames', 'channel']);

/**
 * "realign the frames", "re-segment", "retrack them": a verb said again ("re" before a word of the tools) is that verb, when
 * the whole word is none of the tools' words nor an everyday word ("remove", "register", "resolve" stay as they are).
 * Same length, so positions hold.
 */
function withAgainVerbsPlain(text: string, catalogue: Catalogue): string {
  const index = indexFor(catalogue);
  return text.replace(/\b(re-?)(\p{L}{4,})\b/giu, (word: string, prefix: string, verb: string) => {
    const [whole] = tokenize(word.replace('-', ''));
    const [rest] = tokenize(verb);
    if (!whole || !rest || isEverydayWord(whole.word) || index.knows(meaning(whole.stem)) || index.recognizes(whole) || !index.knows(meaning(rest.stem))) return word;
    return ' '.repeat(prefix.length) + verb;
  });
}

/** "w/o" and "w/" written out ("without", "with"): lab shorthand that reads as a slash between steps otherwise. */
/**
 * "I'm new to image analysis. I would like to know how many cells there are in each frame": sentences of context before a
 * question, with no number in them, leave the question as asked (read with them, it was no question and its scope, each
 * frame, was lost); a sentence with a number ("we imaged every 5 min") stays, as it may tell the calibration.
 */
function questionAfterContext(text: string): string {
  const sentences = text.split(/(?<=[.!?])\s+/);
  if (sentences.length < 2) return text;
  // (nor one that tells a channel, a stain or cells dividing: the readers of those read them from the whole request)
  const kept = sentences.filter((s) => /\d|\bchannels?\b|\bch\b/i.test(s) || statesLabelling(s) || toldDividing(s) !== undefined || !isContext(s.replace(/[.!?]+$/, '')));
  if (kept.length === 0 || kept.length === sentences.length) return text;
  const rest = kept.join(' ');
  // (never before an ask for steps: "The stage drifted. Could you correct that?" reads "that" from the sentence before)
  return (isQuestion(rest) || isAskedForm(rest)) && !asksForAStep(rest) ? rest : text;
}

function withAbbreviationsWritten(text: string): string {
  // ("can u plot ...", "thank u": chat's "u" after a verb that asks is "you", never a unit)
  // ("n tracks longer than 3 frames?", "# nuclei per frame", "n of tracks ...", "no. of cells": lab shorthand for "number of" before the things counted;
  // "bg subtract", "subtract bg": the background)
  return text
    .replace(/(^|[.;:!?,(]\s*|\band\s+)(?:(?:n|#|nr\.?|num)\s*(?:of\s+(?:the\s+)?)?|no\.\s*of\s+(?:the\s+)?)(?=(?:tracks?|cells?|nuclei|nucleus|objects?|divisions?|spots?|trajector(?:y|ies))\b)/gi, '$1number of ')
    .replace(/\bbg\b(?=[\s-]*(?:subtract\w*|sub\b|remov\w*|correct\w*|corr\b|level|intensity))/gi, 'background')
    .replace(/\b(subtract\w*|remov\w*|correct\w*)\s+(?:the\s+)?bg\b/gi, '$1 background')
    .replace(/\bw\/o\b/gi, 'without').replace(/\bw\/(?=\s)/gi, 'with')
    // ("segmnt w otsu", "track w gap closing": chat's lone "w" between two words is "with"; "w 50" of a crop's width stays)
    .replace(/(?<=\b[a-z]{2,}\s+)w(?=\s+(?:the\s+|a\s+|an\s+)?[a-z]{2,})(?![\w-])/gi, 'with').replace(/\b(can|could|would|will|do|did|have|thank|thx)\s+u\b(?!\s*m\b)/gi, '$1 you')
    // ("max dist 8", "min. dist. 5 px"): "dist" after a bound is the distance
    .replace(/\b(max(?:imum)?|min(?:imum)?|link(?:ing)?|search|gap)(\.?\s+|[._-])dist\b\.?/gi, '$1 distance')
    // ("track em again", "segment 'em"): chat's "em" after a verb is "them"
    .replace(/(\b[a-z]{3,}\s+)'?em\b(?=\s+(?:again|too|all|both|now|please|pls|then|and|with|w\/|by|using|but|first|over|across|in|on|for)\b|\s*[.,;!?]|\s*$)/gi, '$1them');
}

/** A unit on one side of a slash ("µm/min", "px/frame", "dF/F0"): a rate or a ratio, never steps. */
const UNIT_WORD = /^(?:px|pix|pixels?|[µμu]m|nm|mm|min|mins|minutes?|s|sec|secs|seconds?|h|hr|hrs|hours?|ms|frames?|f0?|tp|timepoints?)$/i;

/**
 * "seg/trk/csv", "bleach corr / seg / measure": steps written with slashes between them,
 * read as arrows (same length, so positions hold) when every part holds a telling word of some
 * tool (a word fewer than GENERIC_SPREAD tools use, or a value such as "csv") and no unit touches
 * a slash. A path ("data/run3.tif"), a rate ("µm/min") or a ratio ("dF/F0") stays as written.
 */
export function slashedSteps(text: string, catalogue: Catalogue): string {
  if (!text.includes('/')) return text;
  const index = indexFor(catalogue);
  const telling = (part: string) => index.match(part).some((m) => m.named || m.nameWord || m.matched.some((w) => w.split(' ').every((stem) => index.spread(stem) < GENERIC_SPREAD)));
  // a run of letter words joined by slashes, within one clause
  return text.replace(/(?<![\w./~:-])[\p{L}][\p{L}-]*(?:\s+[\p{L}][\p{L}-]*){0,2}(?:\s*\/\s*[\p{L}][\p{L}-]*(?:\s+[\p{L}][\p{L}-]*){0,2})+(?![\w./-])/gu, (run, at: number) => {
    // "to results/ctc", "in data/raw": a folder written to or read from
    const firstSlash = at + run.indexOf('/');
    if (/\b(?:to|into|in|under|at|from|folder|directory|dir)\s+[\p{L}-]+\s*$/iu.test(text.slice(0, firstSlash))) return run;
    const parts = run.split('/');
    const words = parts.map((p) => p.trim().split(/\s+/));
    // "segment w/ otsu", "track w/o gap closing": "w/" is "with", "w/o" "without", never a step
    if (words.some((w, k) => k < words.length - 1 && /^w$/i.test(w.at(-1)!))) return run;
    // the words that touch a slash: a unit there makes a rate, not steps
    if (words.some((w, k) => (k > 0 && UNIT_WORD.test(w[0])) || (k < words.length - 1 && UNIT_WORD.test(w.at(-1)!)))) return run;
    // the first part is its last words (the run may start mid-clause: "please do dc/seg"), the last its first words
    // "export tracks csv/trackmate", "max/mean projection": values of one argument of one tool, a list of them (said with "and")
    const valuesOf = (word: string) => new Set([...catalogue.entries()].flatMap(([tool, info]) => Object.entries(info.properties).filter(([, p]) => (p.enum ?? []).length > 1).flatMap(([arg]) => {
      const value = findEnumValue(tool, arg, word, catalogue);
      return value === undefined ? [] : [`${tool}.${arg}=${value}`];
    })));
    // (a tool's name is a step, "segment/track", whatever argument also lists it)
    const sameChoice = (a: string, b: string) => {
      if ([a, b].some((w) => index.match(w).some((m) => m.named))) return false;
      const [x, y] = [valuesOf(a), valuesOf(b)];
      return [...x].some((v) => [...y].some((u) => u !== v && u.split('=')[0] === v.split('=')[0]));
    };
    if (words.every((w, k) => k === 0 || sameChoice(words[k - 1].at(-1)!, w[0]))) return parts.map((p) => p.trim()).join(' and ');
    const checked = words.map((w, k) => (k === 0 ? w.slice(-2) : k === words.length - 1 ? w.slice(0, 2) : w).join(' '));
    return checked.every(telling) ? parts.join('→') : run;
  });
}

/**
 * A request (no question) whose words, once its scope of frames is taken out, name no step: no tool matched by its own
 * words, only by a word of an argument's name or by nothing ("have a look at", "check", "go through").
 */
function scopeWithoutStep(text: string, conversation: Conversation, catalogue: Catalogue): boolean {
  if (isQuestion(text) || acquisitionRunning(conversation)) return false;
  // ("in the last 4 frames which cell is fastest", "eccentricity of each nucleus in frame 3": a question without its mark asks the data)
  if (/\b(?:which|what|how|who|whose|where|when|why|each|every|per)\b/i.test(text) || opensWithAnExtreme(text)) return false;
  const rest = withoutFrameScope(text);
  if (rest === text || /\d/.test(rest)) return false;
  const index = indexFor(catalogue);
  return onlyArgumentWords(rest, catalogue) && understand(rest, catalogue).mentions.every((m) => index.match(rest.slice(m.start, m.end)).every((x) => x.byArgument));
}

/** The words match tools only by their arguments' or values' words: no tool named, nor its own word said. */
function onlyArgumentWords(words: string, catalogue: Catalogue): boolean {
  return indexFor(catalogue).match(words).every((m) => m.byArgument && !m.named && !m.nameWord);
}

/** A request outside microscopy: most of its words are in no tool's description ("track my package from Amazon"). */
function outOfScope(text: string, catalogue: Catalogue): boolean {
  if (findArtifactIds(text).length || findPaths(text).length || findChannels(text).length) return false;
  // ("..., ditch the elongated ones": leaving some of the things found out is a filter, applied or named, never from elsewhere)
  const dropped = leavingOutAsDrop(text.trim());
  if (FILTERS_EARLIER.test(dropped) || LEFT_OUT_OBJECTS.test(dropped)) return false;
  // ("what are your capabilities?": a plea for help is about cellpilot itself)
  if (asksHowToUse(text)) return false;
  // (when it is due, "before group meeting on Monday", is no part of what is asked)
  const due = splitClauses(text).filter((c) => isContext(c.text) && /^(?:by|before|until|till|for|in\s+time|ahead)\b/i.test(c.text));
  const asked = due.reduce((t, c) => t.slice(0, c.start) + ' '.repeat(c.end - c.start) + t.slice(c.end), text);
  return isOutOfScope(maskNames(asked), indexFor(catalogue), catalogue);
}

/** The meaning of "write" (save, store) in the thesaurus. */
const WRITE_MEANING = meaning(normalizeWord('write'));

/** The meaning of "exclude" (drop, remove, ignore, without ...) in the thesaurus. */
const EXCLUDE_MEANING = meaning(normalizeWord('exclude'));
const ALLOW_MEANING = meaning(normalizeWord('allow'));

/** The meanings of the words of a yes/no argument's name ("excludeBorder" → exclude, edge). */
function switchName(arg: string): string[] {
  return tokenize(arg.replace(/([a-z])([A-Z])/g, '$1 $2')).map((t) => meaning(t.stem));
}

/**
 * The clause with its last word blanked when that word ends a sentence (a full stop, then a capital or the end) and is read
 * only as the start of another tool's word: a shorthand's full stop is followed by the rest of its phrase ("hier. clustering"),
 * so "..., gaps also allowed hier." ends with a word ("here"), not hierarchical clustering. Said with another tool's words
 * only: "then seg." alone is still the segmentation.
 */
function withoutShorthandAtSentenceEnd(clause: Clause, text: string, index: ToolIndex): string {
  const last = /([\p{L}]+)\s*$/u.exec(clause.text);
  if (!last || !/^\.(?:\s+\p{Lu}|\s*$)/u.test(text.slice(clause.end))) return clause.text;
  const token = tokenize(last[1])[0];
  // (read as a longer word it starts: "hier" as hierarchical, not a slip such as "thresholdd")
  const read = token ? index.meanings([token])[0] : '';
  if (!token || index.knows(meaning(token.stem)) || read === meaning(token.stem) || !read.startsWith(token.word)) return clause.text;
  const blanked = clause.text.slice(0, last.index) + ' '.repeat(last[1].length) + clause.text.slice(last.index + last[1].length);
  const [alone] = index.match(last[1]);
  const [other] = index.match(blanked);
  return alone && other && other.tool !== alone.tool ? blanked : clause.text;
}

/**
 * "train a Noise2Void model ... and call it n2v-hela": the name said for what the step makes, as its `name` argument when
 * the tool takes one (a string of the pattern its schema gives). The name is blanked for the matcher (maskNames).
 */
function givenName(step: PlannedStep, request: string, catalogue: Catalogue): void {
  const p = catalogue.get(step.tool)?.properties.name;
  if (!p || p.type !== 'string' || step.args.name !== undefined) return;
  const said = GIVEN_NAME.exec(request)?.[1];
  if (said && (!p.pattern || new RegExp(p.pattern).test(said))) step.args.name = said;
}

/** The tool's yes/no argument, on by default, named after writing one of the results said (`writeMovie` of "movie"). */
function resultSwitch(tool: string, said: string[], catalogue: Catalogue): string | undefined {
  const results = new Set(said.flatMap((m) => m.split(' ')));
  return Object.entries(catalogue.get(tool)?.properties ?? {}).find(([arg, p]) => isSwitch(p) && p.default === true && switchName(arg).some((w) => results.has(w)))?.[0];
}

/**
 * The tool (of those the clause's words touch, best first) one of whose yes/no arguments, on by default, the clause names
 * whole: "don't split touching cells" names segment's splitTouching (default true); "no gap closing" the tracker's
 * allowGapClosing only where "allow" is said, so it stays a setting of a step asked elsewhere.
 */
function defaultOnSwitchOwner(clause: Clause, tools: string[], catalogue: Catalogue): string | undefined {
  const said = new Set(tokenize(clause.text).map((t) => meaning(t.stem)));
  return tools.find((tool) => Object.entries(catalogue.get(tool)?.properties ?? {}).some(([arg, p]) => {
    if (!isSwitch(p) || p.default !== true) return false;
    const name = switchName(arg);
    return name.length >= 2 && !name.some((w) => INPUT_MEANINGS.has(w)) && name.every((w) => said.has(w));
  }));
}

function isSwitch(p: PropertyInfo): boolean {
  return p.type === 'boolean' || (p.anyOf ?? []).some((a) => a.type === 'boolean');
}

/**
 * Steps a negated clause excluded that the request keeps after all: one it asks for by its own name elsewhere while the
 * negation never named it ("I don't want to count cells, just segment": counting is no segmentation turned down), and one
 * the negation only matched by words that state a yes/no argument of a step the same sentence asks for ("No cut-off cells at
 * the image boundary please, segment the nuclei" is the segmentation's border rule, no acquisition turned down).
 */
function keptAfterAll(negations: { clause: number; tool: string; named: boolean; matched: string[] }[], picked: { clause: number; tool: string; named?: boolean }[], clauses: Clause[], catalogue: Catalogue): string[] {
  const kept: string[] = [];
  for (const n of negations) {
    if (n.named) continue;
    const askedByName = picked.some((p) => p.tool === n.tool && p.named && p.clause !== n.clause);
    const others = picked.filter((p) => p.tool !== n.tool && clauses[p.clause].sentence === clauses[n.clause].sentence);
    const said = new Set(tokenize(clauses[n.clause].text).map((t) => meaning(t.stem)).filter((w) => !INPUT_MEANINGS.has(w)));
    const matched = new Set(n.matched.flatMap((m) => m.split(' ')));
    // (more of the words are about how the other step runs, its arguments as described, than the excluded tool's own)
    const aboutAnother = others.some((p) => {
      const args = argumentMeanings(p.tool, catalogue, true);
      const overlap = [...said].filter((w) => args.has(w));
      return overlap.length >= 2 && overlap.filter((w) => !matched.has(w)).length > matched.size;
    });
    if (askedByName || aboutAnother || earlierSwitch(clauses[n.clause], others.map((p) => ({ tool: p.tool, sentence: clauses[p.clause].sentence })), catalogue)) kept.push(n.tool);
  }
  return kept;
}

/**
 * The tool of a step asked earlier in the clause's sentence (the latest first) one of whose yes/no
 * arguments the clause names whole, every word of its name said (with the thesaurus): "excluding
 * those at the border" names segment's excludeBorder; "don't split nuclei that touch" its
 * splitTouching, not the tracker's allowSplitting, whose "allow" is not said.
 */
function earlierSwitch(clause: Clause, earlier: { tool: string; sentence: number }[], catalogue: Catalogue): string | undefined {
  const said = new Set(tokenize(clause.text).map((t) => meaning(t.stem)));
  for (const step of [...earlier].reverse()) {
    if (step.sentence !== clause.sentence) continue;
    for (const [arg, p] of Object.entries(catalogue.get(step.tool)?.properties ?? {})) {
      if (!isSwitch(p)) continue;
      const name = switchName(arg);
      // (a switch named after what it writes, "writeMovie", is said by any words about that result: no telling name)
      if (name.length >= 2 && !name.some((w) => INPUT_MEANINGS.has(w)) && name.every((w) => said.has(w))) return step.tool;
    }
  }
  return undefined;
}

/**
 * Yes/no arguments said in words, read from the schema: every word of the argument's name
 * (with the thesaurus) in the step's words sets it, a negation just before clears it
 * ("leave out any that touch the edge" → excludeBorder: true; "don't split them" → splitTouching: false).
 */
function switchesFromWords(step: PlannedStep, catalogue: Catalogue): void {
  const props = catalogue.get(step.tool)?.properties ?? {};
  const tokens = tokenize(step.clause);
  const meanings = tokens.map((t) => meaning(t.stem));
  for (const [arg, p] of Object.entries(props)) {
    // (a copy per argument: a shorthand below is read as a word of this argument's name only)
    const said = [...meanings];
    if (!(p.type === 'boolean' || p.anyOf?.some((a) => a.type === 'boolean'))) continue;
    // (a leaving-out switch a reader set from its words is read again here only to see it turned down: "don't exclude the border ones")
    if (step.args[arg] !== undefined && step.args[arg] !== true) continue;
    const setBefore = step.args[arg] === true;
    const nameTokens = tokenize(arg.replace(/([a-z])([A-Z])/g, '$1 $2'));
    const whole = nameTokens.map((t) => meaning(t.stem));
    // (lab shorthand of a word of the name, its first letters: "excl border" is excludeBorder)
    for (const [k, t] of tokens.entries()) {
      const full = nameTokens.find((n) => t.word.length >= 3 && n.word.length > t.word.length + 1 && n.word.startsWith(t.word));
      if (full && !said.includes(meaning(full.stem))) said[k] = meaning(full.stem);
    }
    // "no gap closing" names allowGapClosing by its object: the leading verb of a longer name may go unsaid
    // "no border objects" names excludeBorder by its object after a negation: leaving things out, said the other way round
    const excluding = whole.length === 2 && whole[0] === EXCLUDE_MEANING && !said.includes(whole[0]);
    // "no corrected movie please", "no new movie": a switch that writes a result (writeMovie) is turned down by "no" before that result
    if (step.args[arg] === undefined && whole.length === 2 && whole[0] === WRITE_MEANING && !said.includes(whole[0])) {
      const at = said.indexOf(whole[1]);
      if (at >= 0 && /\b(?:no|without|w\/o)\s+(?:[\w-]+\s+)?$/i.test(step.clause.slice(Math.max(0, tokens[at].start - 24), tokens[at].start))) {
        step.args[arg] = false;
        continue;
      }
    }
    // ("no merging" names allowMerging: a name that opens with "allow" is said by its object too)
    let name = whole.every((w) => said.includes(w)) || (whole.length < 3 && !excluding && whole[0] !== ALLOW_MEANING) ? whole : whole.slice(1);
    // ("don't allow gaps", "gaps not allowed": a name "allow X closing" is said by its verb and its object, the last word unsaid)
    if (!name.every((w) => said.includes(w)) && whole.length === 3 && whole[0] === ALLOW_MEANING && said.includes(whole[0]) && said.includes(whole[1])) name = whole.slice(0, 2);
    if (name.length === 0 || !name.every((w) => said.includes(w))) continue;
    if (setBefore && !excluding && whole[0] !== EXCLUDE_MEANING) continue;
    // (the object left alone must tell: "over time" is no "repair over time", whatever tool reads it)
    if (name.length < whole.length && name.every((w) => indexFor(catalogue).spread(w) >= GENERIC_SPREAD)) continue;
    const first = tokens[Math.min(...name.map((w) => said.indexOf(w)))];
    const before = step.clause.slice(Math.max(0, first.start - 24), first.start);
    // ("gap closing switched off", "with splitting disabled": the negation after the words)
    const last = tokens[Math.max(...name.map((w) => said.indexOf(w)))];
    const after = step.clause.slice(last.end, last.end + 24);
    const negated = /(?:\bw\/o|\b(?:no|not|don't|dont|never|without|skip(?:ping)?|omit(?:ting)?|leave\s+(?:out|off)|leaving\s+(?:out|off)|disable|turn\s+off|switch\s+off|no\s+need\s+for|forget(?:\s+about)?))\s+(?:\w+\s+)?$/i.test(before) || /^\s+(?:(?:is|are|be|being)\s+)?(?:(?:switched|turned|set|toggled|left)\s+off|off|disabled|deactivated)\b/i.test(after)
      // ("gaps not allowed", "gaps are not allowed": the negation between the name's words)
      || (name.length > 1 && /\b(?:not|never)\b|n't\b/i.test(step.clause.slice(first.end, last.start)));
    // ("every nucleus apart from those at the edges", "all but the ones on the border": the things left out, a few words after the cue)
    // ("no cut-off cells at the image boundary", "without any nuclei on the edge": the things said not wanted, where they are)
    const leftOut = excluding && (/\b(?:apart\s+from|other\s+than|but\s+not|all\s+but|except(?:\s+for)?|excluding|minus)\s+(?:[\w'-]+\s+){0,5}$/i.test(step.clause.slice(0, first.start))
      || /\b(?:no|without(?:\s+any)?|none\s+of\s+the)\s+(?:[\w'-]+\s+){0,2}(?:cells?|nuclei|nucleus|objects?|ones|blobs?|spots?)\s+(?:(?:that\s+(?:are|is)\s+)?(?:at|on|touching|near|along|by|against|cut\s+off\s+(?:at|by))\s+)(?:the\s+)?(?:[\w-]+\s+)?$/i.test(step.clause.slice(0, first.start))
      // ("don't keep cells cut by the edge", "I don't want nuclei touching the border": keeping or wanting them turned down)
      || /\b(?:not|don'?t|do\s+not|never|no\s+need\s+to)\s+(?:keep|include|retain|want|count|need)\s+(?:[\w'-]+\s+){0,5}$/i.test(step.clause.slice(0, first.start)));
    // ("don't drop the border ones", "keep the nuclei at the edge": leaving out turned down, or keeping, is the switch off:
    // left to the tool where it has no default (its description's default keeps them), else false)
    if (whole[0] === EXCLUDE_MEANING && keptNotLeftOut(step.clause, tokens, said, first)) {
      if (p.default === undefined) delete step.args[arg];
      else step.args[arg] = false;
      continue;
    }
    if (setBefore || (excluding && !negated && !leftOut)) continue;
    step.args[arg] = excluding ? true : !negated;
  }
  keptFilters(step, catalogue);
}

/** Words that keep what a filter would leave out ("keep", "retain", "include"). */
const KEEPING = /^(?:keep|keeping|kept|retain|retaining|include|including|preserve|preserving)$/i;
/** A negation just before a word ("don't", "do not", "never", "without", "no need to"). */
const NEGATION_BEFORE = /(?:\b(?:not|don't|dont|do\s+not|never|without|no\s+need\s+to)\s+(?:\w+\s+)?)$/i;

/**
 * The words ask to keep the things a leaving-out switch names: its verb of leaving out turned down
 * ("don't drop the border objects") or a verb of keeping before them ("keep the nuclei at the edge").
 */
function keptNotLeftOut(clause: string, tokens: Tokens, said: string[], first: Readonly<Token>): boolean {
  const verb = said.findIndex((m, k) => m === EXCLUDE_MEANING && tokens[k].start <= first.start);
  if (verb >= 0) return NEGATION_BEFORE.test(clause.slice(Math.max(0, tokens[verb].start - 24), tokens[verb].start));
  // ("keep only those away from the border": keeping some only is leaving the others out)
  return tokens.some((t) => t.start < first.start && KEEPING.test(t.word) && !NEGATION_BEFORE.test(clause.slice(Math.max(0, t.start - 24), t.start)) && !/\b(?:only|just|solely|away|not|no|none|apart)\b/i.test(clause.slice(t.end, first.start)));
}

/**
 * A size filter turned down ("don't drop small objects", "keep even the tiny ones"): the tool's
 * lower bound on size (the numeric argument named "min" + a word of size) is 0, nothing left out.
 * An upper bound has no value that means none, and is left to the tool.
 */
function keptFilters(step: PlannedStep, catalogue: Catalogue): void {
  const m = /\b(?:(?:not|don'?t|do\s+not|never|without|no\s+need\s+to)\s+(?:\w+\s+)?(?:drop|remov|exclud|discard|filter|throw|toss|reject|ignor|omit|los|get\s+rid)\w*|keep(?:ing)?|retain(?:ing)?|includ(?:e|ing))\s+(?:\w+\s+){0,3}?(small|tiny|little|mini\w*)\b(?!\s+than)/i.exec(step.clause);
  if (!m) return;
  const size = meaning(normalizeWord('size'));
  for (const [arg, p] of Object.entries(catalogue.get(step.tool)?.properties ?? {})) {
    if (step.args[arg] !== undefined || (p.type !== 'number' && p.type !== 'integer')) continue;
    const name = switchName(arg);
    if (/^min/.test(arg) && name.includes(size)) step.args[arg] = 0;
  }
}

/**
 * A step about an earlier step (undo, run again with changes): its schema takes the `tool`
 * whose step it acts on and, for a rerun, the `changes`, read from the words as that tool's
 * own arguments ("redo the tracking with a max distance of 12 px" → tool track,
 * changes {maxLinkingDistancePx: 12}; "use triangle instead" → segment, {method: triangle}).
 */
function aboutEarlierStep(step: PlannedStep, text: string, conversation: Conversation, catalogue: Catalogue): string[] {
  const props = catalogue.get(step.tool)?.properties ?? {};
  if (!actsOnEarlierSteps(step.tool, catalogue) || step.args.tool !== undefined) return [];
  const id = /\bs(\d+)\b/.exec(step.clause);
  if (id && 'step' in props) step.args.step = `s${id[1]}`;
  const ran = [...conversation.earlier].reverse().filter((r) => r.ok && (selfOf(r.tool, catalogue)?.consumes ?? []).length > 0).map((r) => r.tool);
  const named = indexFor(catalogue).match(step.clause).map((m) => m.tool).find((t) => t !== step.tool && ran.includes(t));
  if (named) step.args.tool = named;
  const target = named ?? ran[0];
  if (!('changes' in props) || !target || id) return [];
  const changesIn = (words: string) => settingsSaid(target, words, text, conversation, catalogue);
  let changes = changesIn(step.clause);
  // "redo that with a bigger radius, 9 px": a value set off by a comma is the value of the words before it
  if (Object.keys(changes).length === 0 && /[\p{L}]\s*[,:–—-]\s+\d/u.test(step.clause)) changes = changesIn(step.clause.replace(/([\p{L}])\s*[,:–—-]\s+(?=\d)/gu, '$1 of '));
  // "redo the segmentation with a larger radius": a setting changed by comparison, from the value used last time, and said
  const relative = relativeChanges(target, step.clause, conversation, catalogue).filter((c) => changes[c.arg] === undefined);
  for (const c of relative) if (c.value !== undefined) Object.assign(changes, { [c.arg]: c.value }, c.implies && changes[c.implies.arg] === undefined ? { [c.implies.arg]: c.implies.value } : {});
  // ("redo it with 60" after "rolling ball 15": one bare number is the one number set on that step before, bareNumberSetting.ts)
  if (Object.keys(changes).length === 0 && relative.length === 0) {
    const before = [...conversation.earlier].reverse().find((r) => r.ok && r.tool === target);
    const props = catalogue.get(target)?.properties ?? {};
    const bare = before ? bareNumberSetting(findQuantities(step.clause), Object.fromEntries(Object.entries(before.args).filter(([k]) => k in props && !NOT_SETTINGS.has(k))), (arg) => /Px$/.test(arg) ? 'px' : /Um$/.test(arg) ? 'um' : /Ms$/.test(arg) ? 'ms' : /S$/.test(arg) ? 's' : undefined) : undefined;
    if (bare) {
      step.args.tool = target;
      step.args.changes = { [bare.arg]: bare.value };
      return [bare.note];
    }
  }
  // ("refine the segmentation", "tweak the tracking": run again with nothing said to change, never in silence: the settings
  // it used are named, to say which to change; a plain repeat, "redo it", is what it asked)
  if (Object.keys(changes).length === 0 && relative.length === 0 && !REPEAT.test(step.clause) && !/\b(?:again|re-?run|repeat)\b/i.test(step.clause)) {
    const used = settingsUsed(target, conversation, catalogue);
    const first = used[0]?.split(' ')[0];
    return [`Not applied: "${step.clause.trim()}" — no setting to change was said, so \`${target}\` runs again with the settings it used${used.length ? ` (${used.join(', ')})` : ''}; say which to change${first ? `, e.g. "a smaller ${first}" or "${first} 12"` : ' and to what'}.`];
  }
  if (Object.keys(changes).length === 0) return relative.map((c) => c.note);
  step.args.tool = target;
  step.args.changes = adaptArgs(changes, catalogue.get(target));
  return relative.map((c) => c.note);
}

/**
 * "they are dark" right after segment stopped to ask whether the objects are dark or bright: a reply that names no tool
 * and states settings of the step that just failed runs that step again with them (its earlier arguments kept), rather
 * than a new step its words match loosely ("darker" read as bleaching).
 */
function answerToFailedStep(text: string, conversation: Conversation, catalogue: Catalogue): Plan | undefined {
  // (or a step that ran but asked in its summary: 'Say which the cells are: objects "dark" ... or objects "bright"')
  const failed = conversation.earlier.at(-1);
  const asked = failed && (failed.ok ? /\bSay which\b[^.]*"[^"]+"/.test(failed.summary) : true);
  if (!failed || !asked || isQuestion(text) || !catalogue.get(failed.tool)) return undefined;
  if (indexFor(catalogue).match(text).some((m) => m.named || m.nameWord)) return undefined;
  const again = (changes: Record<string, unknown>): Plan => ({ steps: [{ tool: failed.tool, args: { ...failed.args, ...adaptArgs(changes, catalogue.get(failed.tool)) }, clause: text }] });
  // one of the values the step's question offered, quoted in its error ('objects "dark" or objects "bright"'), said by its word ("darker")
  const offered = new Set([...((failed.ok ? failed.summary : failed.error) ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]));
  const chosen = Object.entries(catalogue.get(failed.tool)!.properties).flatMap(([name, p]) =>
    allowedValues(p).filter((v) => offered.has(v) && new RegExp(`\\b${v.replace(/\W/g, '')}(?:er)?\\b`, 'i').test(text)).map((v) => [name, v] as const),
  );
  if (chosen.length === 1) return again({ [chosen[0][0]]: chosen[0][1] });
  const changes = Object.fromEntries(Object.entries(settingsSaid(failed.tool, text, text, conversation, catalogue, false)).filter(([k, v]) => failed.args[k] !== v));
  return Object.keys(changes).length > 0 ? again(changes) : undefined;
}

/**
 * "bigger search radius, say 20 px", "a bit stronger, sigma 3": a setting with its number said alone after steps ran, naming
 * no step of its own (no tool's name, no tool's own verb at its start, no question), runs the latest earlier step that reads
 * it again with it (the tool that reruns steps), rather than a new step its words match loosely.
 */
function settingAlonePlan(text: string, mentions: Mention[], conversation: Conversation, catalogue: Catalogue): Plan | undefined {
  // (a repeat, "do it again with sigma 1", is the repeat's: the step itself again)
  // (nor words of the microscope: "every 2 min now" changes the acquisition)
  // (a number said as one, not a digit of a name: "a protocol named n2v-otsu")
  // ("drop the tiny ones", "get rid of the small specks" after a segmentation: a vague size word is a setting too, read by
  // the step that made the objects)
  const vague = VAGUE_SIZE_LEFT_OUT.test(text);
  // ("can you get rid of the small specks?": a request asked politely)
  const asksToDo = vague && /^\W*(?:(?:can|could|would|will)\s+(?:you|u)|please|pls)\b/i.test(text);
  if ((findQuantities(text).length === 0 && !vague) || (isQuestion(text) && !asksToDo) || REPEAT.test(text) || SAME_FOR.test(text) || MICROSCOPE_CUE.test(text) || mentions.some((m) => runsMicroscope(m.tool, catalogue)) || mentions.some((m) => actsOnEarlierSteps(m.tool, catalogue) || opensWithOwnWord(text.slice(m.start, m.end), m.tool, catalogue))) return undefined;
  const rerun = rerunnerOf(catalogue);
  const index = indexFor(catalogue);
  if (!rerun || index.match(text).some((m) => m.named || m.nameWord)) return undefined;
  const ran = [...new Set([...conversation.earlier].reverse().filter((r) => r.ok && (selfOf(r.tool, catalogue)?.consumes ?? []).length > 0).map((r) => r.tool))];
  for (const target of ran) {
    const changesIn = (words: string) => settingsSaid(target, words, text, conversation, catalogue);
    let changes = changesIn(text);
    // ("a bigger radius, 9 px": a value set off by a comma or "say" is the value of the words before it)
    if (Object.keys(changes).length === 0 && /[\p{L}]\s*(?:[,:–—-]\s*(?:say\s+|maybe\s+|about\s+|like\s+)?|\s+say\s+)\d/u.test(text)) changes = changesIn(text.replace(/([\p{L}])\s*(?:[,:–—-]\s*(?:say\s+|maybe\s+|about\s+|like\s+)?|\s+say\s+)(?=\d)/gu, '$1 of '));
    if (Object.keys(changes).length === 0) continue;
    // (what the tool's reading said of the words goes with it: "objects smaller than a third of a typical object's area are left out")
    const told = vague ? argsFor(target, text, text, conversation, catalogue).$note : undefined;
    return { steps: [{ tool: rerun, args: { tool: target, changes: adaptArgs(changes, catalogue.get(target)) }, clause: text }], ...(typeof told === 'string' ? { notes: [told] } : {}) };
  }
  return undefined;
}

/** Arguments that name inputs and outputs, never a setting to change. */
const NOT_SETTINGS = new Set(['movie', 'labels', 'tracks', 'table', 'output']);

/**
 * The settings of `tool` the words state, read as that tool's own arguments: no inputs, outputs, references or notes;
 * with `namedOnly` (the default) a choice only where the words name its value.
 */
function settingsSaid(tool: string, words: string, text: string, conversation: Conversation, catalogue: Catalogue, namedOnly = true): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(argsFor(tool, words, text, conversation, catalogue)).filter(([k, v]) => !k.startsWith('$') && !NOT_SETTINGS.has(k) && !isRef(v) && !(namedOnly && unnamedChoice(tool, k, words, catalogue))),
  );
}

/** A tool's arguments from the words of one clause, as a step of its own would get them. */
function argsFor(tool: string, clause: string, text: string, conversation: Conversation, catalogue: Catalogue): Record<string, unknown> {
  const step: PlannedStep = { tool, args: buildArgs(tool, { clause, text: clause, conversation, catalogue, single: true }), clause };
  switchesFromWords(step, catalogue);
  statedArguments(step, catalogue);
  return step.args;
}

/**
 * The arguments the schema alone lets the words state (numbers with units by the
 * argument's words, allowed values named), where the tool's reading left them unset.
 */
function statedArguments(step: PlannedStep, catalogue: Catalogue, pixelSizeUm?: number): void {
  const info = catalogue.get(step.tool);
  if (!info) return;
  const adapted = adaptArgs(step.args, info);
  // "topic drift", "kind links", "linkage average": a value said by its argument's name holds over one the tool's reading inferred
  for (const [arg, value] of Object.entries(valuesByName(step.tool, step.clause, catalogue))) {
    // (the value nearest the name: of "measure objects, kind links" the kind is links)
    if (adapted[arg] !== value) {
      for (const k of Object.keys(step.args)) if (k !== arg && adaptArgs({ [k]: step.args[k] }, info)[arg] !== undefined) delete step.args[k];
      step.args[arg] = value;
      adapted[arg] = value;
    }
  }
  const given = new Set(Object.keys(adapted));
  // a tool given the words themselves (help's question) reads its options from them
  if (Object.values(adapted).some((v) => typeof v === 'string' && v.length > 12 && step.clause.includes(v))) return;
  const index = indexFor(catalogue);
  // "in frames 1 to 5", "the first 10 frames": the frame range of a tool that takes one
  const range = 'frames' in info.properties && !given.has('frames') ? findFrames(step.clause) : undefined;
  if (range) step.args.frames = range;
  // a number the tool's own reading gave to another argument goes where more of an argument's name words stand by it
  // ("a gap closing max distance of 5 px" is gapClosingMaxDistancePx, not the linking distance)
  for (const [arg, { value, score }] of Object.entries(statedNumbersScored(step.tool, withAppositiveValues(step.clause), catalogue, new Set(), pixelSizeUm))) {
    // ("detrend degree 5": a number said by every word of its argument's name beats a value the tool's reading inferred without one)
    const inferred = given.has(arg) && typeof adapted[arg] === 'number' && adapted[arg] !== value && score >= 2 * nameWords(arg).length
      && !new RegExp(`(?<![\\d.])${String(adapted[arg]).replace('.', '\\.')}(?![\\d])`).test(step.clause);
    if (given.has(arg) && !inferred) continue;
    const taken = Object.entries(adapted).find(([, v]) => v === value);
    if (taken) {
      // a number tied to no word of its own ("a demo movie, 128 px": standing alone in a list) leaves the tool's own reading be
      if (score === 0) continue;
      const theirs = statedNumbersScored(step.tool, step.clause, { get: () => ({ ...info, properties: { [taken[0]]: info.properties[taken[0]] } }) } as unknown as Catalogue)[taken[0]];
      // only by a whole name word more: the tool's own reading wins a close call
      if (theirs && theirs.score + 2 > score) continue;
      for (const k of Object.keys(step.args)) if (step.args[k] === value) delete step.args[k];
    }
    step.args[arg] = value;
  }
  for (const [arg, value] of Object.entries(statedValues(step.tool, step.clause, catalogue, (stem) => index.spread(stem) <= 2))) if (!given.has(arg)) step.args[arg] = value;
  numbersAfterValues(step, info.properties);
}

/** A value's pattern for numbersAfterValues, built once per value (no `g` flag: exec keeps no state between texts). */
const NUMBER_AFTER_VALUE = new Map<string, RegExp>();
function numberAfterValuePattern(value: string): RegExp {
  let pattern = NUMBER_AFTER_VALUE.get(value);
  if (!pattern) NUMBER_AFTER_VALUE.set(value, (pattern = new RegExp(`\\b${value.replace(/[_-]/g, '[\\s_-]?')}(?:\\s+[\\p{L}]+)?\\s*[:=]?\\s*(\\d+(?:\\.\\d+)?)\\b(?!\\s*(?:-|–|to)\\s*\\d)`, 'iu')));
  return pattern;
}

/**
 * "kmeans 4", "gaussian blur 1.5": a number right after a value of one of the tool's choices (and a noun of its), with no
 * word of its own, is the one number argument whose description names that value or its choice in its first words ("Number of clusters" of
 * cluster, "Gaussian sigma" of gaussian); the value is set too. Never where two arguments fit, or the number is taken.
 */
function numbersAfterValues(step: PlannedStep, props: Record<string, PropertyInfo>): void {
  // (no digit in the clause, no number after a value: the pattern of each value below, built per value, is not tried)
  if (!/\d/.test(step.clause)) return;
  // (named in the first few words of its description: what the number is about, "Number of clusters", "Gaussian sigma")
  const names = (text: string, word: string) => new RegExp(`\\b${word.replace(/[_-]/g, '[\\s_-]?')}`, 'i').test(text.split(/\s+/).slice(0, 3).join(' '));
  const numeric = (p: PropertyInfo) => [p.type, ...(p.anyOf ?? []).map((a) => a.type)].flat().some((t) => t === 'number' || t === 'integer');
  const taken = new Set(Object.values(step.args).filter((v) => typeof v === 'number'));
  for (const [choice, p] of Object.entries(props)) {
    for (const value of allowedValues(p).filter((v) => v.length > 2)) {
      const said = numberAfterValuePattern(value).exec(step.clause);
      // (a comparison between them, "intensity above 300", is a condition on measured values, no setting)
      if (!said) continue;
      const between = said[0].slice(value.length).trim().split(/\s+/)[0] ?? '';
      if (taken.has(Number(said[1])) || isStopWord(between.toLowerCase()) || /^(?:above|below|over|under|than|less|more|greater|smaller|larger|bigger|higher|lower|at|of|from|to|by|in|on|with|and|or|is|are|>|<|=)$/i.test(between)) continue;
      const fits = Object.entries(props).filter(([arg, q]) => arg !== choice && numeric(q) && step.args[arg] === undefined && (names(q.description ?? '', value) || names(q.description ?? '', choice)));
      if (fits.length !== 1) continue;
      step.args[fits[0][0]] = Number(said[1]);
      // ("cut-off intensity 1200": a setting its description ties to a value of another choice, 'Intensity threshold for method
      // "manual"', takes the number, but the word that named it is the quantity it is on, no value of this choice: splitBy stays)
      const tied = choiceOfSetting(fits[0][0], props);
      if (!tied || tied.arg === choice) step.args[choice] ??= value;
      taken.add(Number(said[1]));
    }
  }
}

/**
 * "a gaussian with sigma 0.5 µm": a length in pixels (an argument named ...Px) that the tool's reading took as written,
 * said in µm, is counted in pixels at the pixel size known, and said so; with none known it stays as written, and said so.
 */
function lengthsInPixels(step: PlannedStep, pixelSizeUm: number | undefined, said: string[] = []): string[] {
  const lengths = findQuantities(step.clause).filter((q) => q.unit === 'um' && q.per === undefined);
  const notes: string[] = [];
  for (const [arg, value] of Object.entries(step.args)) {
    const length = lengths.find((q) => q.value === value);
    if (!/Px$/.test(arg) || typeof value !== 'number' || !length) continue;
    // (the tool's own reading said it already: "the maximum linking distance of 6 µm was used as 6 px")
    if (said.some((n) => n.includes(`${formatNumber(value)} µm`))) continue;
    // (an area, "50 square microns", is converted before the plan is read, at the pixel size squared; with none, said as an area)
    const [umUnit, pxUnit] = length.squared ? ['µm²', 'px²'] : ['µm', 'px'];
    if (pixelSizeUm === undefined || !(pixelSizeUm > 0)) {
      notes.push(`The movie does not record its pixel size, so ${formatNumber(value)} ${umUnit} was used as ${formatNumber(value)} ${pxUnit} (\`${step.tool}\` ${arg}).`);
      continue;
    }
    if (length.squared) continue;
    const px = Math.round((value / pixelSizeUm) * 1000) / 1000;
    step.args[arg] = px;
    notes.push(`${formatNumber(value)} µm is ${formatNumber(px)} px at ${formatNumber(pixelSizeUm)} µm/px (\`${step.tool}\` ${arg}).`);
  }
  return notes;
}

/** A tool whose schema names the tool of an earlier step to act on (undo, rerun_step). */
function actsOnEarlierSteps(tool: string, catalogue: Catalogue): boolean {
  return 'tool' in (catalogue.get(tool)?.properties ?? {});
}

/** "ignoring the first 2 and the last 2 frames", "skip the last 3 and first 5 time points": both ends left out. */
const BOTH_ENDS_LEFT_OUT = /\b(?:not|except(?:\s+for)?|excluding|without|other\s+than|skip(?:ping)?|leave\s+out|leaving\s+out|ignor(?:e|ing)|drop(?:ping)?|trim(?:ming)?)\s+(?:the\s+)?(first|last)\s+(\d+)(?:\s+(?:frames?|time ?points?|timepoints?))?\s*(?:,\s*)?(?:and|&|\+|as\s+well\s+as|plus)?\s*(?:the\s+)?(first|last)\s+(\d+)\s+(?:frames?|time ?points?|timepoints?)\b/i;
/** "except the first 5 frames", "skip the last 3 time points": the first or last frames left out. */
const FRAMES_LEFT_OUT = /\b(?:not|except(?:\s+for)?|excluding|without|other\s+than|skip(?:ping)?|leave\s+out|leaving\s+out|ignor(?:e|ing)|drop(?:ping)?)\s+(?:the\s+)?(first|last)\s+(\d+)\s+(?:frames?|time ?points?|timepoints?)\b/i;

/**
 * The frame range of a step whose words leave the first or last frames out, from the movie's
 * length in its header (the recording at hand); one line says which frames ran. Nothing when
 * the length is unknown: the words are then named as not applied.
 */
function framesLeft(step: PlannedStep, conversation: Conversation, catalogue: Catalogue): string[] {
  if (!('frames' in (catalogue.get(step.tool)?.properties ?? {}))) return [];
  const total = [...conversation.artifactsAtStart].reverse().find((a) => a.type === 'movie' && typeof a.frames === 'number')?.frames;
  // ("ignoring the first 2 and the last 2 frames": both ends left out, whatever range the words "the last 2 frames" gave alone)
  const both = BOTH_ENDS_LEFT_OUT.exec(step.clause);
  if (both && total !== undefined && both[1].toLowerCase() !== both[3].toLowerCase()) {
    const [first, last] = both[1].toLowerCase() === 'first' ? [Number(both[2]), Number(both[4])] : [Number(both[4]), Number(both[2])];
    const range = { first: first + 1, last: total - last };
    if (range.first > range.last) return [];
    step.args.frames = range;
    step.clause = step.clause.replace(both[0], ' '.repeat(both[0].length));
    return [`Frames ${range.first}-${range.last} of ${total}: the first ${first} and the last ${last} left out, as you asked.`];
  }
  if (step.args.frames !== undefined) return [];
  const m = FRAMES_LEFT_OUT.exec(step.clause);
  if (!m || total === undefined) return [];
  const n = Number(m[2]);
  const range = m[1].toLowerCase() === 'first' ? { first: n + 1, last: total } : { first: 1, last: total - n };
  if (range.first > range.last) return [];
  step.args.frames = range;
  step.clause = step.clause.replace(m[0], ' '.repeat(m[0].length));
  return [`Frames ${range.first}-${range.last} of ${total}: the ${m[1].toLowerCase()} ${n} left out, as you asked.`];
}

/** A clause that is a verb on the result before and nothing else ("and plot it", "then export them"). */
const POINTS_AT_RESULT = /^\W*(?:(?:and|then|also|please|pls|now|finally)\s+)*[a-z][\w-]*\s+(?:it|them|that|those|these|this)(?:\s+(?:too|as well|please|for me))?\s*[.!]*$/i;

/**
 * The allowed values a step's own declared value words name in the words of the step before
 * ("over time" names plot's timeseries), for arguments its own words left unset.
 */
function valuesFromEarlierWords(tool: string, args: Record<string, unknown>, before: PlannedStep, catalogue: Catalogue): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // (the earlier step's own name is what it did, not what its result is like: "track the cells and plot them" says no kind of plot)
  const named = new Set(tokenize(before.tool.replace(/_/g, ' ')).map((t) => meaning(t.stem)));
  const earlier = tokenize(before.clause).filter((t) => named.has(meaning(t.stem))).reduce((c, t) => c.slice(0, t.start) + ' '.repeat(t.end - t.start) + c.slice(t.end), before.clause);
  for (const arg of Object.keys(selfOf(tool, catalogue)?.valueWords ?? {})) {
    if (args[arg] !== undefined || !(arg in (catalogue.get(tool)?.properties ?? {}))) continue;
    const value = findEnumValue(tool, arg, earlier, catalogue);
    if (value !== undefined) out[arg] = value;
  }
  // the thing the earlier words name, as the tool's own reader reads it ("how many nuclei per frame, and plot it": the count);
  // names only, never a number said for the earlier step
  for (const [arg, value] of namesRead(tool, earlier, catalogue)) if (!(arg in out) && args[arg] === undefined) out[arg] = value;
  // (but an image the earlier step made is the thing shown: "make a kymograph ... and plot it" plots the kymograph, a value named by that step's name)
  if (madeFor(before.tool, catalogue)[0] === 'movie') {
    for (const [arg, p] of Object.entries(catalogue.get(tool)?.properties ?? {})) {
      if (args[arg] !== undefined || arg in out || allowedValues(p).length < 2) continue;
      const value = allowedValues(p).find((v) => v.toLowerCase() === before.tool.toLowerCase());
      if (value !== undefined) out[arg] = value;
    }
    // ("it" is that image: the step reads the movie that step made, not a table measured on it nor the recording;
    // "denoise this movie and save it" writes the denoised movie, no tracks made for it)
    if (Object.keys(out).length && acceptedInputs(tool, catalogue.get(tool)).includes('movie')) Object.assign(out, { movie: { $ref: 'movie', mode: 'producer', producers: [before.tool] } satisfies Ref, $needs: ['movie'] });
  }
  return out;
}

/** The names (string values of its own arguments, never a number) the tool's own reader takes from some words. */
function namesRead(tool: string, words: string, catalogue: Catalogue): [string, string][] {
  const own = selfOf(tool, catalogue)?.fromRequest?.(clauseForTool(tool, words, {}, catalogue)) ?? {};
  const properties = catalogue.get(tool)?.properties ?? {};
  return Object.entries(own).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] in properties);
}

/** How a request is asked before its verb: "please", "can you", "I'd like to", "we need you to", "let's". */
const ASKED_BEFORE_THE_VERB = /^\s*(?:(?:please|pls|plz|kindly|just|(?:can|could|would|will)\s+(?:you|u)|(?:i|we)(?:'d|\s+would)?\s+(?:like|want|need|love)(?:\s+(?:you|u))?\s+to|let'?s)\s+)+/iu;

/**
 * "segment and track the nuclei": a step said by its verb alone shares the object of the verb joined to it,
 * as its own reader reads that object ("the nuclei" gives the segmentation its target). Only the noun phrase
 * is shared (up to a preposition or a comma), and only the names the reader takes, never a number.
 */
function sharedObjects(steps: PlannedStep[], catalogue: Catalogue): void {
  for (let i = 0; i + 1 < steps.length; i++) {
    const step = steps[i];
    // (the verb alone after the way it is asked: "please segment", "I'd like to segment", "can you segment and track the nuclei?")
    const verb = step.clause.replace(ASKED_BEFORE_THE_VERB, '');
    if (!/^\s*[\p{L}-]+[\s,]*$/u.test(verb)) continue;
    const object = /^\s*(?:and|&|\+|then)?\s*[\p{L}-]+\s+((?:the|these|those|my|our|all|its|their)\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)(?=\s+(?:in|on|of|with|using|by|over|across|from|for|at|and|then|but)\b|\s*[,.;:!?]|\s*$)/iu.exec(steps[i + 1].clause)?.[1];
    if (!object) continue;
    for (const [arg, value] of namesRead(step.tool, `${verb.trim()} ${object}`, catalogue)) if (step.args[arg] === undefined) step.args[arg] = value;
  }
}

/**
 * "measure mean GFP in nuclei not touching the border": objects at the image edge left out, in the words of a step whose
 * input a step added to make it (the segmentation) reads them from (addInputs gives it the same words): applied there, so
 * not named as not applied at this step. The words without them; as they were otherwise.
 */
function withoutEdgeLimitOfTheMaker(step: PlannedStep, steps: PlannedStep[], conversation: Conversation, catalogue: Catalogue): string {
  const edge = edgeSubsetOf(step.clause);
  if (!edge?.negated || !step.clause.includes(edge.phrase)) return step.clause;
  const available = new Set<string>(conversation.artifactsAtStart.map((a) => a.type));
  for (const type of requiredInputs(step.tool, catalogue.get(step.tool))) {
    const maker = makerOf(type, catalogue);
    if (!maker || available.has(type) || steps.some((s) => s.tool === maker)) continue;
    const base = { text: step.clause, conversation, catalogue, single: true };
    const withIt = buildArgs(maker, { ...base, clause: step.clause });
    const without = buildArgs(maker, { ...base, clause: step.clause.replace(edge.phrase, ' ') });
    if (Object.keys(withIt).some((k) => withIt[k] === true && without[k] !== true)) return step.clause.replace(edge.phrase, ' '.repeat(edge.phrase.length));
  }
  return step.clause;
}

/** A condition in the step's words that no tool knows: named in the answer, never dropped silently. */
function notApplied(step: PlannedStep, catalogue: Catalogue, notes: string[]): string[] {
  // a rerun's words are read as the tool it runs again, with the changes as its arguments
  const changes = step.args.changes;
  if (actsOnEarlierSteps(step.tool, catalogue) && typeof step.args.tool === 'string' && catalogue.has(step.args.tool) && changes && typeof changes === 'object' && Object.keys(changes).length) {
    // (a question closing its words, "do we get more or fewer nuclei?", is what its comparison with the replaced step answers)
    return notApplied({ ...step, clause: withoutQuestionAfterChange(step.clause), tool: step.args.tool, args: { ...(changes as Record<string, unknown>) } }, catalogue, notes);
  }
  const instead = new Set(Object.keys(selfOf(step.tool, catalogue)?.insteadOf ?? {}).map((w) => w.toLowerCase()));
  // frames the step took ("the second half of the movie" → frames 21-40) are applied, whatever words said them
  const takesFrames = 'frames' in (catalogue.get(step.tool)?.properties ?? {});
  // ("the movie from Tuesday (20x, 3 channels, 100 frames)": what the data is, in brackets after its noun, is no condition)
  // ("... each nucleus segmented on DAPI": the channel the masks were made on is the segmenting step's, no condition of this one)
  // ("segment the nuclei, we washed 3 times before imaging": a part that only tells, toldParts.ts, asks no step for anything)
  const named = withoutToldParts(maskNames(withoutChannelOfTheMasks(step.clause, step.tool, catalogue))).replace(DATA_DESCRIBED, (m, lead: string, aside: string) => lead + ' '.repeat(aside.length));
  // "the first half of the movie" with no frame count known: its frames cannot be worked out
  const fraction = takesFrames && step.args.frames === undefined ? FRACTION_SCOPE.exec(named) : null;
  // "frames 20 onwards", "from frame 5 to the end" with no frame count known: its last frame cannot be worked out either
  const openRange = takesFrames && step.args.frames === undefined && !fraction ? OPEN_RANGE.exec(named) : null;
  const unknownLength = openRange ? [`Not applied: "${openRange[0].trim()}" — I do not know how many frames the movie has, so \`${step.tool}\` ran on all of them; say the frames instead (e.g. "frames ${openRange[1] ?? openRange[2]}-${Number(openRange[1] ?? openRange[2]) + 20}").`] : fraction ? [`Not applied: "${fraction[0].trim()}" — I do not know how many frames the movie has, so \`${step.tool}\` ran on all of them; say the frames instead (e.g. "frames 1-20").`] : [];
  // "the nuclear area for frames 1, 10 and 20": a list of single frames, which no range takes; said, never run on all in silence
  const frameList = takesFrames && step.args.frames === undefined ? FRAME_LIST.exec(named) : null;
  if (frameList) unknownLength.push(`Not applied: "${frameList[0].trim()}" — \`${step.tool}\` takes one range of frames, not a list, so it ran on all of them; ask for a range (e.g. "frames ${frameList[1]}-${frameList[2]}") or one frame at a time.`);
  // "whichever channel is brightest": a channel chosen by how it looks, which no argument takes; the channel used is said
  const takesChannel = 'channel' in (catalogue.get(step.tool)?.properties ?? {});
  const byLook = takesChannel && step.args.channel === undefined ? CHANNEL_BY_LOOK.exec(named) : null;
  // "only the cells in the centre of the image", "inside the top-left quadrant": a region of the field, which no argument takes
  const regionSaid = REGION.exec(named);
  const region = regionSaid && !/^\s+(?:frames?|time\s*points?|timepoints?|of\s+the\s+(?:movie|time-?lapse|acquisition|experiment|recording|video|run))\b/i.test(named.slice((regionSaid.index ?? 0) + regionSaid[0].length)) ? regionSaid : null;
  if (region && !Object.keys(catalogue.get(step.tool)?.properties ?? {}).some((k) => /roi|region|crop/i.test(k))) unknownLength.push(`Not applied: "${region[0].trim()}" — \`${step.tool}\` cannot restrict itself to a region of the image, so it ran on the whole field.`);
  if (byLook) unknownLength.push(`Not applied: "${byLook[0].trim()}" — \`${step.tool}\` cannot choose a channel by how bright or clear it looks, so it used its default channel; name the channel instead (e.g. "channel 2").`);
  const masked = (takesFrames && step.args.frames !== undefined) || fraction ? withoutFrameScope(named) : named;
  // (the words of a question asked after the step, "... and tell me the frame with the fewest", are the answer's to read;
  // a number or scope there is still named, as it may have been meant for the step)
  const askedFrom = askedPart(step.clause)?.from ?? step.clause.length;
  const found = unappliedConstraints(step, catalogue, indexFor(catalogue), notes, masked).filter((item) => item.start < askedFrom || (item.kind !== 'method' && item.kind !== 'format'));
  // unknown words after a condition word that no phrase above covers
  // a word the tool's own note says how it applied ("a horizontal line at y = 65 px (the middle)") was not dropped
  const told = notes.filter((n) => !/^Not (?:applied|run)\b/.test(n)).join(' ').toLowerCase();
  // (words of a few other tools only, named where they stand beside a choice given: "on a log scale" of a histogram)
  const rare: string[] = [];
  const unknown = unappliedWords(step.clause, indexFor(catalogue), maskRejected(masked), (t) => toolDeclares(step.tool, t, catalogue, indexFor(catalogue)), rare);
  const items = withWords(step, found, unknown, catalogue, indexFor(catalogue), (w) => instead.has(w.toLowerCase().replace(/-/g, '')) || told.includes(w.toLowerCase()) || (asksForAnAnswer(step.clause) && isNotQuantityWord(w)) || step.clause.indexOf(w) >= askedFrom, rare);
  // (words of the region or the frames named above are not named again)
  const phrases = [region?.[0], openRange?.[0], fraction?.[0]].filter((p): p is string => !!p).map((p) => p.trim().toLowerCase());
  const inRegion = (t: string) => phrases.some((p) => p.includes(t.toLowerCase()) || t.toLowerCase().includes(p));
  // ("..., just the mean": a constraint that is an allowed value of one unset choice of the tool sets it, never named as missing)
  const kept = items.filter((i) => !told.includes(i.text.toLowerCase()) && !inRegion(i.text) && !setsAChoice(step, i.text, catalogue));
  // "denoise, but not the first channel": no tool leaves a channel or frames out; said, never run on them silently
  // ("segment on DAPI, not GFP", "channel 1, not channel 2": a channel left out beside the one said to use is left out by using it)
  const channelSaid = findChannel(step.clause) !== undefined;
  const leftOut = excludedScopes(step.clause).filter((phrase) => !(channelSaid && isChannelScope(phrase)));
  // (a scope left out is said once, by its own line: "except DAPI" is no restriction the step could not make besides)
  const note = unappliedNote(step, kept.filter((i) => !(i.kind === 'scope' && leftOut.some((p) => p.includes(i.text) || i.text.includes(p)))), catalogue);
  const excluded = leftOut.map((phrase) => scopeNotLeftOut(step.tool, phrase));
  return [...(note ? [note] : []), ...excluded, ...unknownLength];
}

/**
 * Sets the one unset choice of the step one of whose allowed values the words are, with only words of
 * scope or filler beside it ("just the mean" → summary: mean); true when it did.
 */
function setsAChoice(step: PlannedStep, words: string, catalogue: Catalogue): boolean {
  const said = words.toLowerCase().replace(/\b(?:just|only|the|a|an|simply|please)\b/g, ' ').trim().replace(/[\s-]+/g, '_');
  if (!said) return false;
  const props = catalogue.get(step.tool)?.properties ?? {};
  // ("but not with a gaussian": a value turned down sets nothing; avoidTurnedDown picks another and says so)
  if (turnsDown(step.clause, said.replace(/_/g, ' '))) return Object.values(props).some((p) => allowedValues(p).some((v) => String(v).toLowerCase() === said));
  const choices = Object.entries(props).filter(([arg, p]) => step.args[arg] === undefined && allowedValues(p).some((v) => String(v).toLowerCase() === said));
  if (choices.length !== 1) return false;
  step.args[choices[0][0]] = allowedValues(choices[0][1]).find((v) => String(v).toLowerCase() === said);
  return true;
}

/** A channel picked by how it looks ("the brightest channel", "whichever channel is clearest", "the channel with the most signal"). */
/** The channels a clause names for one step: "channels 1 and 3", "channel 1, 2 and 4", "ch1+ch2", "both channels" (unless every channel is the default). */
function severalChannels(clause: string, allByDefault: boolean): number[] {
  const m = /\b(?:channels?|ch|c)\s*(\d)((?:\s*(?:,|and|&|\+|\/)\s*(?:(?:channel|ch|c)\s*)?\d\b)+)/i.exec(withoutExcludedScope(clause));
  if (m) return [...new Set([m[1], ...(m[2].match(/\d/g) ?? [])].map(Number))];
  if (!allByDefault && /\b(?:both|the\s+two)\s+channels\b/i.test(clause)) return [1, 2];
  return [];
}

/** A description of the data in brackets after its noun ("the movie from Tuesday (20x, 3 channels, 100 frames)"). */
const DATA_DESCRIBED = /(\b(?:movies?|stacks?|data(?:set)?|images?|recordings?|time-?lapses?|files?|videos?|acquisitions?)\b[^()]{0,30})(\([^()]*\))/gi;

/** Single frames listed ("frames 1, 10 and 20", "time points 3, 6, 9"): the first and the last number. */
const FRAME_LIST = /\b(?:frames?|time ?points?|timepoints?)\s+#?(\d+)(?:\s*,\s*\d+)*(?:\s*,?\s*(?:and|&)\s*|\s*,\s*)(\d+)\b(?!\s*(?:-|–|to|through)\s*\d)/i;

/** A range of frames open at its end: "from frame 20 onwards", "frames 20 onwards", "frame 5 to the end", "starting at frame 3". */
const OPEN_RANGE = /\b(?:(?:from|starting\s+(?:at|from|with)|since|after)\s+(?:the\s+)?(?:frame|time ?point|timepoint)\s*#?(\d+)(?:\s*(?:on(?:wards?)?\b|to\s+the\s+(?:end|last(?:\s+frame)?)|till\s+the\s+end|until\s+the\s+end))?|(?:frames?|time ?points?|timepoints?)\s*#?(\d+)\s*(?:onwards?|on\b|and\s+(?:after|later|beyond)|\+|to\s+the\s+end))/i;

/** A region of the field of view: "in the centre of the image", "inside the top-left quadrant", "the upper half of the field", "the ROI". */

const CHANNEL_BY_LOOK = /\b(?:(?:whichever|which(?:ever)?|the|a)\s+channel\s+(?:is|that\s+is|looks?|seems?|has|with)\s+(?:the\s+)?(?:most\s+\w+|brightest|dimmest|strongest|weakest|clearest|best|sharpest|least\s+noisy|noisiest)|(?:the\s+)?(?:brightest|dimmest|strongest|weakest|clearest|best|sharpest|least\s+noisy|noisiest)\s+(?:channel|one\s+of\s+the\s+channels))\b/i;

/** The names of methods the step's tool stands in for that its words say ("log", "dog"). */
function standsInFor(step: PlannedStep, catalogue: Catalogue): string[] {
  const said = new Set(tokenize(step.clause).map((t) => t.word.replace(/-/g, '')));
  return Object.keys(selfOf(step.tool, catalogue)?.insteadOf ?? {}).filter((w) => said.has(w.toLowerCase()));
}

/** A name said as a method: after "with", "using", "via", "by" or "in", or before a method's noun ("a LoG filter", "StarDist's model"). */
function namedAsMethod(clause: string, name: string): boolean {
  // ("in log scale", "a log-transformed axis": the word of a scale, no method)
  const word = String.raw`${name.replace(/[^a-z0-9]/gi, '')}(?:'s|’s)?(?![\s-]+(?:scale|axis|axes|transform\w*|space|units?|ratio|fold|plot))`;
  const cue = new RegExp(String.raw`\b(?:with|using|via|by|through|in)\s+(?:[\w-]+\s+){0,2}${word}\b`, 'i');
  const head = new RegExp(String.raw`\b${word}[\s-]+(?:[\w-]+\s+){0,2}(?:filters?|filtering|detectors?|detection|blobs?|spots?|models?|networks?|segment\w*|trackers?|tracking|methods?|algorithms?|registration|plugins?)\b`, 'i');
  return cue.test(clause) || head.test(clause);
}

/** The notes less each 'Not applied: "..."' sentence whose quoted words hold one of `names` (said again by the step that stands in). */
function withoutNamedBy(notes: string[], names: string[]): string[] {
  const holds = (sentence: string) => {
    const quoted = /^Not applied: "([^"]+)"/.exec(sentence)?.[1];
    return !!quoted && tokenize(quoted).some((t) => names.includes(t.word.replace(/-/g, '').toLowerCase()));
  };
  return notes.map((n) => n.split(/ (?=Not applied: ")/).filter((s) => !holds(s)).join(' ')).filter((n) => n.length > 0);
}

/**
 * The names other steps of the plan took as the value of one of their choices, written as the value or as one of its
 * declared words ("trackmate" of export's format in "save the tracks so I can open them in TrackMate"): such a name says
 * where the result goes, not a method asked of this step, so this step's stand-in for it is not named.
 */
function valuesTakenByOthers(step: PlannedStep, steps: PlannedStep[], catalogue: Catalogue): Set<string> {
  const taken = new Set<string>();
  for (const other of steps) {
    if (other === step) continue;
    const valueWords = selfOf(other.tool, catalogue)?.valueWords ?? {};
    for (const [arg, value] of Object.entries(other.args)) {
      if (typeof value !== 'string' || !allowedValues(catalogue.get(other.tool)?.properties[arg] ?? {}).includes(value)) continue;
      taken.add(value.toLowerCase());
      for (const word of valueWords[arg]?.[value] ?? []) taken.add(word.toLowerCase());
    }
  }
  return taken;
}

/** The methods the step's words ask for that its tool does not have: the stand-in is applied and named. */
function methodsNotHere(step: PlannedStep, catalogue: Catalogue, only?: string[], takenByOthers: Set<string> = new Set()): string[] {
  const notes: string[] = [];
  const insteadOf = selfOf(step.tool, catalogue)?.insteadOf ?? {};
  for (const word of standsInFor(step, catalogue)) {
    if (takenByOthers.has(word.toLowerCase())) continue;
    const instead = insteadOf[word];
    // ("walk the dog": a short name or an everyday word stands for a method only when said as one)
    if ((only && !only.includes(word)) || ((word.length <= 3 || isEverydayWord(word)) && !namedAsMethod(step.clause, word))) continue;
    Object.assign(step.args, instead.args);
    notes.push(instead.size ? `${instead.say}${sizeOfStandIn(step, instead.size, catalogue)}` : instead.say);
  }
  return notes;
}

/**
 * The size said for a method the tool stands in for ("median filter 3x3", "a 5 px median") given to the stand-in's
 * argument for it, and the arguments read from the same words that do not apply to the stand-in dropped: the words
 * that say so, or '' when no size was said.
 */
function sizeOfStandIn(step: PlannedStep, arg: string, catalogue: Catalogue): string {
  const m = /\b(\d{1,2})\s*[x×]\s*(\d{1,2})\b/i.exec(step.clause) ?? /\b(\d{1,2})\s*(?:px|pixels?)\b/i.exec(step.clause);
  if (!m) return '';
  const size = Number(m[1]);
  const inapplicable = selfOf(step.tool, catalogue)?.inapplicable ?? {};
  for (const [name, why] of Object.entries(inapplicable)) if (name !== arg && typeof step.args[name] === 'number' && step.args[name] === size && why(step.args)) delete step.args[name];
  step.args[arg] = size;
  return ` The ${m[2] ? `${m[1]}x${m[2]}` : `${m[1]} px`} size is its ${arg}: ${size}.`;
}

/**
 * "why did you choose this threshold?": the step the question is about, explained from
 * what it recorded (its method and arguments, the values it found, the model it used),
 * without running anything.
 */
function explainChoice(text: string, conversation: Conversation, catalogue: Catalogue): string | undefined {
  // ("why are the speeds in px/frame?": the units come from the calibration known, not from a step's choices)
  const units = conversation.earlier.some((r) => r.ok) ? whyTheseUnits(text, conversation) : undefined;
  if (units) return units;
  return explainStep(text, conversation.earlier, indexFor(catalogue), (tool) => catalogue.get(tool)?.properties ?? {}, conversation.earlierRequests);
}

/**
 * A switch that is on by default and the request's words turned off ("track them, leave the
 * divisions alone" → allowSplitting: false): one line says what was turned off, from the
 * schema's own description of the argument.
 */
export function switchedOff(step: PlannedStep, catalogue: Catalogue): string[] {
  const props = catalogue.get(step.tool)?.properties ?? {};
  const said = new Set(tokenize(step.clause).map((t) => meaning(t.stem)));
  return Object.entries(step.args)
    .filter(([k, v]) => v === false && props[k]?.default === true)
    // "without gap closing" names the switch itself: plain enough
    .filter(([k]) => !nameWords(k).filter((w) => !nameWords('allow').includes(w)).every((w) => said.has(w)))
    .map(([k]) => {
      // (its first sentence, without "(default true)" and what false does after a semicolon)
      const what = (props[k].description ?? k).replace(/^[\p{L}\d ]{1,20}:\s+/u, '').replace(/\s*\(default[^)]*\)/i, '').split(/(?<=\))\.|\.\s|;\s/)[0].replace(/\.$/, '').trim();
      return `Turned off, as you asked: ${what.charAt(0).toLowerCase()}${what.slice(1)} (\`${step.tool}\` ${k}: false).`;
    });
}

/** Removes the builders' notes for the answer ("8 µm = 16 px at 0.5 µm/px") from the arguments. */
function takeNotes(steps: PlannedStep[]): string[] {
  const notes: string[] = [];
  for (const step of steps) {
    if (typeof step.args.$note === 'string') notes.push(step.args.$note);
    delete step.args.$note;
  }
  return notes;
}

const AFFIRMATIVE = /^(?:yes|yep|yeah|ok|okay|sure|confirm\w*|do it|go ahead|activate it|sounds (?:good|right)|correct|please do|that's right|right|looks (?:good|right|fine|ok)|perfect|great|agreed|all good|let'?s do (?:it|that)|(?:please )?activate(?: (?:it|that|the rule))?$)\b/i;
const SAME_FOR = /\bsame (?:thing )?(?:for|with|on|in|using)\b/i;
const REPEAT = /\b(?:try (?:it |that )?again|redo|re-?run (?:it|that)|repeat (?:it|that|the last step)|same (?:thing )?(?:again|but)|do (?:it|that) again|once more(?!\s+than\b)|again with|again on|again for)\b/i;

/** "try again with a sigma of 3": the last step again, with the new values. */
function repeatPlan(text: string, conversation: Conversation, catalogue: Catalogue): Plan | undefined {
  const last = [...conversation.earlier].reverse().find((r) => !plays(r.tool, 'advice', catalogue));
  if (!last) return undefined;
  const fresh = buildArgs(last.tool, { clause: text, text, conversation, catalogue, single: true });
  delete fresh.$needs;
  delete fresh.$ask;
  const args: Record<string, unknown> = { ...last.args };
  for (const [k, v] of Object.entries(fresh)) if (!(k in last.args && unnamedChoice(last.tool, k, text, catalogue))) args[k] = v;
  const ids = findArtifactIds(text);
  for (const id of ids) {
    const type = id.replace(/-\d+$/, '');
    if (type in args) args[type] = id;
  }
  // only canonical names were rebuilt: map them onto the tool's schema like the previous call
  return { steps: [{ tool: last.tool, args: adaptArgs(args, catalogue.get(last.tool)), clause: text }] };
}

/**
 * A choice (an enum argument) none of whose values the words name: a reader's default, no
 * request to change it ("again with frames 1-5" keeps the mean projection).
 */
function unnamedChoice(tool: string, arg: string, text: string, catalogue: Catalogue): boolean {
  const p = catalogue.get(tool)?.properties[arg];
  return !!(p?.enum ?? p?.anyOf?.some((a) => a.enum)) && !findEnumValue(tool, arg, text, catalogue);
}

/** While an acquisition runs, words the acquisition language reads as a command are in scope, whatever else they say ("can we go on for another day"). */
/**
 * While imaging, an advice question ("what interval should I use to catch mitosis?", "how often should we refocus?") that
 * the acquisition language would only answer with a report of the run (a tool whose role is status: its state or its dose): advice is asked, not the
 * run's state, so the adviser answers. A command worded as advice ("should I drop DAPI?") is not this: it changes the run.
 */
function adviceOverReport(text: string, conversation: Conversation, catalogue: Catalogue): boolean {
  // (advice beside a question on the run itself, "what's the GFP power, and should I lower it?", is the run's report)
  if (!asksAdvice(text) || /\b(?:what(?:'s|’s|\s+is|\s+are)\s+(?:the|my|our|its)|how\s+(?:much|long|many)\s+(?:is|are|has|have|did|do)|where\s+(?:is|are))\b/i.test(text) || microscopeLanguage().findChannels(text).length) return false;
  const routed = microscopeLanguage().routeMicroscopeRequest(text, { acquisitionRunning: true, earlier: conversation.earlier.filter((r) => r.ok).map((r) => ({ tool: r.tool, args: r.args })) });
  return routed?.tool !== undefined && plays(routed.tool, 'status', catalogue);
}

function commandWhileImaging(text: string, conversation: Conversation): boolean {
  if (!acquisitionRunning(conversation)) return false;
  const routed = microscopeLanguage().routeMicroscopeRequest(text, { acquisitionRunning: true, earlier: conversation.earlier.filter((r) => r.ok).map((r) => ({ tool: r.tool, args: r.args })) });
  return (routed?.tool !== undefined && !routed.fallback) || (routed?.tool === undefined && routed?.command === true);
}

/**
 * The words the acquisition language reads: all of them while imaging, or when the sentences of
 * context name the channels ("These are H2B-GFP cells. Image them every 5 min for 2 h."): it reads
 * observations and pronouns itself; the words without their context otherwise.
 */
/** The acquisition language's readers of a turn said to the running acquisition, for microscopeThingsNamed.ts. */
function runTurnReaders(conversation: Conversation, catalogue: Catalogue): RunTurnReaders {
  const earlier = conversation.earlier.filter((r) => r.ok).map((r) => ({ tool: r.tool, args: r.args, values: r.values }));
  return {
    isMicroscopeTool: (tool) => runsMicroscope(tool, catalogue),
    heardByTheMicroscope: (words) => {
      const routed = microscopeLanguage().routeMicroscopeRequest(words, { acquisitionRunning: true, earlier });
      return routed !== undefined && !('fallback' in routed && routed.fallback);
    },
    microscopeAsks: (words) => {
      const routed = microscopeLanguage().routeMicroscopeRequest(words, { acquisitionRunning: true, earlier });
      return routed?.tool === undefined && routed?.command === true ? routed.ask : undefined;
    },
    askBack: (words) => microscopeLanguage().runThingsAskedBack(words, earlier),
    commandApart: (words) => microscopeLanguage().runOnCommandApart(words),
    replan: (words) => planRequestOnce({ ...conversation, request: words }, catalogue),
  };
}

function microscopeWords(text: string, conversation: Conversation): string {
  const plain = withoutContext(text);
  if (plain === text || acquisitionRunning(conversation)) return text;
  return microscopeLanguage().findChannels(plain).length < microscopeLanguage().findChannels(text).length ? text : plain;
}

/**
 * "the interval is 2 minutes", "pixels are 0.65 µm": a calibration told and nothing else, the recording's (while no
 * acquisition runs), whatever setting of an acquisition its words could also be.
 */
function onlyTellsCalibration(text: string): boolean {
  // ("is the pixel size 0.5 µm?" asks, it tells nothing)
  return !isQuestion(text) && Object.keys(statedCalibration(text)).length > 0 && tokenize(withoutToldCalibration(text)).every((t) => isStopWord(t.word));
}

/** Words only the microscope has a meaning for ("move 2 mm to the right", "switch to the 40x"): in scope without a movie. */
function microscopeOnlyWords(text: string): boolean {
  const routed = microscopeLanguage().routeMicroscopeRequest(text, { acquisitionRunning: false });
  return !!routed && 'sure' in routed && routed.sure === true;
}

/** The acquisition language reads the words as one of its commands or questions ("how much longer?"), not only as something to ask back. */
/**
 * The words make a whole acquisition plan to start (channels and a time plan with its interval), nothing running:
 * "set up a time-lapse of Hoechst, every 15 min for 12 hours?" asks for it politely, it asks nothing of the movie open.
 */
function plansAnAcquisition(text: string, conversation: Conversation, catalogue: Catalogue): boolean {
  if (acquisitionRunning(conversation)) return false;
  const routed = microscopeLanguage().routeMicroscopeRequest(microscopeWords(text, conversation), { acquisitionRunning: false });
  // ("how much disk space would GFP every 2 min for 24 h need?": a question about a plan not started is the plan's, answered)
  if (routed?.tool === undefined && routed?.answered) return true;
  if (routed?.tool === undefined || routed.fallback || !plays(routed.tool, 'start', catalogue)) return false;
  const timePlan = (routed.args.plan as { timePlan?: { intervalS?: number } } | undefined)?.timePlan;
  return typeof timePlan?.intervalS === 'number';
}

function readsAsMicroscope(text: string, conversation: Conversation): boolean {
  const routed = microscopeLanguage().routeMicroscopeRequest(microscopeWords(text, conversation), { acquisitionRunning: acquisitionRunning(conversation), earlier: conversation.earlier.filter((r) => r.ok).map((r) => ({ tool: r.tool, args: r.args })) });
  return routed?.tool !== undefined;
}

/**
 * The words name a recording the session already has ("the stack", "this movie", "my
 * time-lapse" with a movie loaded), with nothing that only the microscope has a meaning for
 * and no acquisition running: they are about that data.
 */
/**
 * "can you follow the little things that move around in there": a place pointed at ("in there", "in it", "in here") with
 * a movie open is that movie, so the vague things in it ("things", "stuff") are what it shows, in scope.
 */
function pointsIntoTheMovieOpen(text: string, conversation: Conversation): boolean {
  // (the vague words for what is seen, a closed class: "things", "stuff", "bits", "dots")
  return conversation.artifactsAtStart.some((a) => a.type === 'movie') && /\b(?:things?|stuff|bits|dots|blobs|ones)\b/i.test(text) && /\b(?:in|inside|within)\s+(?:there|here|it|this(?:\s+one)?)\s*[.!?]*$/i.test(text.trim());
}

function pointsAtTheRecording(text: string, conversation: Conversation): boolean {
  // "the time-lapse", "this time series": the recording, not a microscope cue
  // ("I have a 2D time-lapse of nuclei": a recording the person has is theirs, said with an article)
  const recording = /\b(?:the|this|that|my|our|whole|entire)\s+(?:(?:whole|entire|full)\s+)?time[- ]?(?:lapse|series)\b|\b(?:i|we)(?:\s+have|'ve|\s+have\s+got|\s+got)\s+(?:a|an|some|two|three|several)\s+(?:[\p{L}\d-]+\s+){0,3}?time[- ]?(?:lapses?|series)\b/giu;
  if (acquisitionRunning(conversation) || MICROSCOPE_CUE.test(text.replace(recording, ''))) return false;
  if (!conversation.artifactsAtStart.some((a) => a.type === 'movie')) return false;
  const movie = meaning(tokenize('movie')[0].stem);
  return recording.test(text) || [...text.matchAll(/\b(?:the|this|that|my|our|whole|entire)\s+(?:(?:whole|entire|full)\s+)?([\p{L}-]+)/giu)].some((m) => tokenize(m[1]).some((t) => meaning(t.stem) === movie));
}

/** A question about how far an acquisition has got ("how long till it finishes?", "when will it be done?", "is it finished yet?"), not a polite command. */
function questionAboutTheRun(said: string): boolean {
  // ("How long is left? Extend it by 2 h.": the last sentence asks)
  const text = said.trim().split(/(?<=[.!?])\s+/).at(-1) ?? said;
  // ("when it is done, stop" is a command: a "when" without a question mark is no question)
  return isQuestion(text) && (/\?\s*$/.test(text) || /^\W*how\b/i.test(text)) && /^(?:(?:so|and|ok(?:ay)?|hey)[,\s]+)*(?:how\s+(?:long|many|much|far)|when\b|what\s+time\b|(?:is|are|has|have|will)\s+(?:it|we|this|the\s+\w+)\b(?!\s+(?:be\s+)?possible\b))/i.test(text.trim());
}

/** A question asked about something ("do any cells stop?", "which track ...?"), not a polite command ("can you stop it?"). */
function asksAboutTheData(text: string): boolean {
  return /^(?:(?:so|and|ok(?:ay)?|hey)[,\s]+)*(?:do|does|did|are|is|was|were|which|what|how|who|whose)\s+(?!you\b|u\b)/i.test(text.trim()) && /\?\s*$/.test(text) && /\b(?:cells?|nucle(?:us|i)|objects?|tracks?|trajector(?:y|ies)|they|them|any)\b/i.test(text);
}

/** True when an acquisition was started in this conversation and not stopped since. */
function acquisitionRunning(conversation: Conversation): boolean {
  const events = [...conversation.earlier].filter((r) => r.ok && (plays(r.tool, 'start') || plays(r.tool, 'stop')));
  return plays(events.at(-1)?.tool, 'start') && events.at(-1)?.values.state !== 'done';
}

function clauseOf(text: string, mentions: Mention[], i: number): string {
  // the first step's words start with the request, the last's run to its end, less the sentences of context around them ("I imaged HeLa cells overnight", "cheers")
  // (a sentence that opens with context is context to its end, unless a step is asked in it: "I've got HeLa cells (H2B-mCherry and a GFP reporter).")
  const all = splitClauses(text);
  const asks = (sentence: number) => mentions.some((m) => all.some((c) => c.sentence === sentence && c.start <= m.start && m.start < c.end + 1));
  const told = all.filter((c) => !isContext(c.text) && !(isContext(all.find((d) => d.sentence === c.sentence)!.text) && !asks(c.sentence)));
  const start = i === 0 ? Math.min(mentions[0].start, told[0]?.start ?? 0) : mentions[i].start;
  const end = i + 1 < mentions.length ? mentions[i + 1].start : Math.max(mentions[i].end, told.at(-1)?.end ?? text.length);
  // ("Step 2: segment nuclei (triangle) Step 3: track": the next item's marker is no number of this step)
  return withoutListMarkers(text).slice(start, end);
}

/**
 * "track; max 10 px per frame; then measure speeds", "segment the nuclei; pixel size is 0.65 µm, nuclei about 10 µm wide,
 * then measure": a setting said as a clause of its own, with no verb, lies in the words of the step said after it (each
 * step's words run to the next step's). Where that step takes nothing from it and the step said just before does (a
 * number of its own), it is the step before's setting: moved to its words, so it is applied there and never named as
 * not applied to a step that has no such option. Only where the later step has words of its own besides it.
 */
/** "only", "just"; or a verb of leaving out, or "of" / "for", before a bound ("excluding objects under", "ignore anything smaller than", "of cells bigger than"). */
const ONLY_OR_LEAVING_OUT_BY_A_BOUND = /^(?:only|just|solely)\s+|^(?:of|for|on|in|from|with|those|these|ones|the\s+ones|exclud(?:e|ing)|ignor(?:e|ing)|leav(?:e|ing)\s+out|skip(?:ping)?|drop(?:ping)?|discard(?:ing)?|remov(?:e|ing)|disregard(?:ing)?|filter(?:ing)?\s+out|throw(?:ing)?\s+out|omit(?:ting)?|without|except(?:\s+for)?)\s+(?=(?:[\w-]+\s+){0,3}?(?:(?:(?:smaller|bigger|larger|greater|more|less|fewer|tinier)\s+than|under|below|over|above|beneath)\s+|[<>]=?\s*|[≥≤]\s*)\d)/i;

/**
 * "measure mean intensity excluding objects below 30 px", "measure the area of cells bigger than 50 px", "then track only
 * objects larger than 40 px": a limit on which objects, with a unit, said inside a step's clause with no comma before it
 * (a verb of leaving out, "only", or "of/for the cells ..." before the bound, up to its number and unit and a second
 * bound after "and"/"or"). It is read as a clause of its own, as it is after a comma.
 */
const SIZE_UNIT = String.raw`(?:(?:square|sq\.?)\s+)?(?:[µu]m|px|pixels?|microns?|micrometers?|micrometres?)(?:²|\^?2|\s+squared)?`;
const SIZE_BOUND = String.raw`(?:(?:(?:no|not)\s+)?(?:smaller|bigger|larger|greater|more|less|fewer|tinier|wider)\s+than|under|below|over|above|beneath|at\s+(?:least|most)|between|[<>]=?|[≥≤])\s*~?\d[\d.,]*\s*(?:${SIZE_UNIT}(?:\s*(?:and|to|-|–)\s*\d[\d.,]*\s*(?:${SIZE_UNIT})?)?|(?:and|to|-|–)\s*\d[\d.,]*\s*${SIZE_UNIT})`;
const BOUND_INSIDE_A_CLAUSE = new RegExp(
  String.raw`\s((?:(?:only|just|solely|exclud(?:e|ing)|ignor(?:e|ing)|leav(?:e|ing)\s+out|skip(?:ping)?|discard(?:ing)?|disregard(?:ing)?|omit(?:ting)?|without|except(?:\s+for)?)\s+(?:[\w-]+\s+){0,3}?|(?:of|for|on|in|from)\s+(?:the\s+|all\s+|any\s+|those\s+)?(?:[\w-]+\s+)?(?:cells?|nucle(?:i|us)|objects?|ones|blobs?|spots?|particles?|things|anything|everything)\s+(?:(?:that|which)\s+(?:are|is)\s+)?(?:with\s+(?:an?\s+)?(?:area|size)\s+(?:of\s+)?)?|with\s+(?:an?\s+)?(?:area|size)\s+(?:of\s+)?|(?:those|these|ones|the\s+ones|(?:the\s+|all\s+)?(?:cells|nuclei|objects|blobs|spots|particles))\s+(?:(?:that|which)\s+(?:are|is)\s+)?(?:sized\s+)?)${SIZE_BOUND}(?:\s+(?:and|or)\s+${SIZE_BOUND})?)(?=\s*(?:$|[,;.!?)]|\b(?:and|then|please|pls|in|on|at|over|during|across|from)\b))`,
  'i',
);

/** "track the larger nuclei (at least 60 px)": a limit said in brackets after the things it limits. */
const BOUND_IN_BRACKETS = new RegExp(String.raw`\s(\(\s*${SIZE_BOUND}\s*\))`, 'i');

function settingClausesToTheStepBefore(steps: PlannedStep[], text: string, conversation: Conversation, catalogue: Catalogue): void {
  const argsText = (args: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(args).filter(([k]) => !k.startsWith('$'))));
  const holds = (args: Record<string, unknown>, numbers: number[]) => Object.values(args).some((v) => typeof v === 'number' && numbers.includes(v));
  const base = { text, conversation, catalogue, single: false };
  const moveTo = (before: PlannedStep, later: PlannedStep, said: string, taken: Record<string, unknown>) => {
    if (argsText(taken) !== argsText(before.args)) before.args = taken;
    before.clause = `${before.clause}, ${said}`;
    later.clause = later.clause.replace(said, ' ').replace(/\s{2,}/g, ' ');
  };
  for (let i = 1; i < steps.length; i++) {
    const later = steps[i];
    // ("segment, track and plot the speed of cells over 60 px": the nearest step before that takes it, not only the one just before)
    const earlier = steps.slice(0, i).map((step, j) => ({ step, previous: steps[j - 1] })).reverse();
    // ("measure area for cells not touching the edges", "track the nuclei away from the border": objects at the image edge left
    // out, said in a later step's words, limit what a step before finds, where that step reads them and the later one does not)
    const edge = edgeSubsetOf(later.clause);
    if (edge?.negated && later.clause.includes(edge.phrase)) {
      const without = later.clause.replace(edge.phrase, ' ');
      const own = argsText(buildArgs(later.tool, { ...base, clause: later.clause, previous: steps[i - 1] })) !== argsText(buildArgs(later.tool, { ...base, clause: without, previous: steps[i - 1] }));
      for (const { step: before, previous } of own ? [] : earlier) {
        const taken = buildArgs(before.tool, { ...base, clause: `${before.clause}, ${edge.phrase}`, previous });
        if (!Object.keys(taken).some((k) => !k.startsWith('$') && before.args[k] === undefined && taken[k] !== undefined)) continue;
        moveTo(before, later, edge.phrase, taken);
        break;
      }
    }
    // ("excluding objects under 50 px and over 2000 px": a bare bound after "and"/"or" goes on the limit before it)
    const parts = splitClauses(later.clause).reduce<{ text: string; negated: boolean }[]>((out, c) => {
      if (out.length && /^\s*(?:and|or)\s+(?:(?:smaller|bigger|larger|greater|more|less|fewer)\s+than|under|below|over|above|beneath)\s+\d/i.test(c.text) && /\d/.test(out.at(-1)!.text)) out.at(-1)!.text += ` ${c.text.trim()}`;
      else {
        // (a limit on which objects inside the clause, with no comma before it: a part of its own)
        const inside = BOUND_INSIDE_A_CLAUSE.exec(c.text) ?? BOUND_IN_BRACKETS.exec(c.text);
        // (the words before it ask for the step: not a verb of leaving out or "only" alone, "excluding nuclei smaller than 40 px")
        const head = c.text.slice(0, inside?.index ?? 0).replace(/\b(?:only|just|solely|exclud\w*|ignor\w*|leav\w*\s+out|skip\w*|discard\w*|disregard\w*|omit\w*|without|except|drop\w*|remov\w*|filter\w*\s+out|get\s+rid\s+of|but|and|then|also|the|any|all|those|these)\b/gi, ' ');
        if (inside && /[\p{L}]{3,}/u.test(head)) {
          out.push({ text: c.text.slice(0, inside.index) + c.text.slice(inside.index + inside[0].length), negated: c.negated });
          out.push({ text: inside[1], negated: splitClauses(inside[1])[0]?.negated ?? false });
        } else out.push({ text: c.text, negated: c.negated });
      }
      return out;
    }, []);
    if (parts.length < 2) continue;
    for (const part of parts) {
      const said = part.text.replace(/^[\s,;:-]*(?:and|then|but|also)?\s*/i, '').replace(/[\s,;:.-]+$/, '');
      // ("only cells larger than 100 px": "only" opens no action; nor does a verb of leaving out before a bound,
      // "excluding objects under 50 px", "but skip anything smaller than 40 px": that is a limit on what is found)
      if (!said || !/\d/.test(said) || opensWithAnAction(said.replace(ONLY_OR_LEAVING_OUT_BY_A_BOUND, ''))) continue;
      const numbers = findQuantities(said).filter((q) => q.unit !== '').map((q) => q.value);
      if (!numbers.length) continue;
      // (the later step has other words: the clause that asks for it)
      if (!parts.some((p) => p !== part && /[\p{L}]{3,}/u.test(p.text.replace(/\b(?:and|then|but|also|please|pls)\b/gi, '')))) continue;
      // the later step takes nothing from it: no number of its, by its own reading or by its settings' words
      // ("track those between 50 and 400 px": a bound said of the things found is the later step's only by a word of its setting's name)
      const ofThings = /\b(?:those|these|ones|cells?|nucle(?:i|us)|objects?|anything|things|blobs?|spots?|particles?)\b/i.test(said);
      const laterReads = Object.values(statedNumbersScored(later.tool, said, catalogue)).filter((n) => !ofThings || n.score >= 2);
      // (a number of the things the later step's reading took with no word of its setting's is given back: its default stands)
      if ((!ofThings && holds(later.args, numbers)) || laterReads.length > 0) continue;
      // the nearest step before that takes it: by its own reading (a number of its arguments), by its settings' words, or took it already
      for (const { step: before, previous } of earlier) {
        const taken = buildArgs(before.tool, { ...base, clause: `${before.clause}, ${said}`, previous });
        const gained = Object.keys(taken).filter((k) => !k.startsWith('$') && JSON.stringify(taken[k]) !== JSON.stringify(before.args[k]));
        if (gained.some((k) => before.args[k] !== undefined)) continue;
        const byWords = Object.keys(statedNumbers(before.tool, said, catalogue)).filter((k) => before.args[k] === undefined);
        // (a clause that leaves things out, "excluding objects under 50 px", only by a setting's words: never a step turned down)
        if (part.negated ? !byWords.length : !gained.length && !byWords.length && !holds(before.args, numbers)) continue;
        moveTo(before, later, said, taken);
        for (const [k, v] of Object.entries(later.args)) if (typeof v === 'number' && numbers.includes(v)) delete later.args[k];
        break;
      }
    }
  }
}

/** The words name an input of this type ("the tracks", "the masks", "the table"). */
function namesInput(clause: string, type: string): boolean {
  const words: Record<string, RegExp> = {
    tracks: /\b(?:tracks?|trajector\w*|tracking|lineages?|tracked)\b/i,
    labels: /\b(?:labels?|label image|masks?|segmentation|segmented|objects)\b/i,
    table: /\b(?:tables?|measurements?|measured|values|features|speeds?|areas?|intensit\w+)\b/i,
    movie: /\b(?:movie|stack|video|images?|frames|time-?lapse|recording)\b/i,
  };
  // ("the track statistics", "the track table": "track" before what is measured of the tracks names the table, not the tracks)
  const said = type === 'tracks' ? clause.replace(/\btrack[\s-]+([\p{L}]+)/giu, (m, next: string) => (namesTableQuantity(next) || /^(?:tables?|data)$/i.test(next) ? ' '.repeat(m.length) : m)) : clause;
  return (words[type]?.test(said) ?? false) || (type === 'table' && namesTableQuantity(clause));
}

let tableWords: Set<string> | undefined;

/**
 * "save the MSD as a CSV", "the track statistics as csv": a quantity in the one-word words of the usual maker of
 * tables (measure's "msd", "straightness", "circularity"), which names its table.
 */
function namesTableQuantity(clause: string): boolean {
  tableWords ??= new Set(ALL_TOOLS.filter((t) => t.makes?.includes('table')).flatMap((t) => [...(t.words ?? []), ...Object.values(t.valueWords ?? {}).flatMap((v) => Object.values(v).flat())]).filter((w) => /^[\p{L}]{3,}$/u.test(w)).map((w) => meaning(normalizeWord(w))));
  return tokenize(clause).some((t) => tableWords!.has(meaning(t.stem)));
}

/** Tools whose table input must be measurements (not a drift table). */
/** Tools whose main result is a table of measurements (not, say, a drift table beside a movie). */
function measurementTools(catalogue: Catalogue): Set<string> {
  const names = catalogue.size ? [...catalogue.keys()] : ALL_TOOLS.map((t) => t.name);
  return new Set(names.filter((t) => producesOf(t, catalogue)[0] === 'table'));
}

/**
 * A tool that makes a table of its own from a table it reads (an embedding, a time-series analysis), by its
 * declarations; not one that writes copies of what it reads (an export).
 */
function derivesTable(tool: string, catalogue: Catalogue): boolean {
  return readsMeasurements(tool, catalogue) && producesOf(tool, catalogue).includes('table') && !writesCopies(tool);
}

/** Words that point at the table a step before made: "of that", "on it", "from those". */
const OF_THAT = /\b(?:of|on|from|for|with)\s+(?:that|it|this|those|these|them)\b(?!\s+(?:cells?|nucle\w*|objects?|tracks?|movie|frames?)\b)/i;

/**
 * The measurements a step reads: the newest table a measuring tool made. A step that derives a table from a table
 * ("show me a UMAP and a t-SNE") reads the measurements, never the table another such step made before it, unless the
 * words point at that one ("a UMAP, and a t-SNE of that", "cluster the UMAP coordinates", "a t-SNE of the UMAP").
 */
function tableOfMeasurements(step: PlannedStep, before: PlannedStep[], measurers: Set<string>, catalogue: Catalogue): Ref {
  if (!derivesTable(step.tool, catalogue)) return { $ref: 'table', mode: 'producer', producers: [...measurers] };
  const derivedBefore = before.filter((s) => derivesTable(s.tool, catalogue));
  const clause = withoutRejected(step.clause);
  // ("of the UMAP": a value a step before was set to names it)
  const ofNamed = derivedBefore.filter((s) => Object.values(s.args).some((v) => typeof v === 'string' && /^[\w-]+$/.test(v) && new RegExp(String.raw`\b(?:of|on|from|with)\s+(?:the|that|this|my)\s+${v}\b`, 'i').test(clause)));
  if (ofNamed.length) return { $ref: 'table', mode: 'producer', producers: [ofNamed.at(-1)!.tool] };
  if (derivedBefore.length && OF_THAT.test(clause)) return { $ref: 'table', mode: 'producer', producers: [derivedBefore.at(-1)!.tool] };
  return { $ref: 'table', mode: 'producer', producers: [...measurers].filter((t) => !derivesTable(t, catalogue) && !writesCopies(t)) };
}

/** Tools that read a table: it must be measurements. */
function readsMeasurements(tool: string, catalogue: Catalogue): boolean {
  return (selfOf(tool, catalogue)?.consumes ?? []).includes('table');
}

/** Adds the input references each step needs, inserting the steps that make missing inputs (labels ← segment, tracks ← track). */
function addInputs(steps: PlannedStep[], conversation: Conversation, catalogue: Catalogue, excluded: string[] = []): { steps: PlannedStep[]; notes: string[] } | { reply: string } {
  let notes: string[] = [];
  const available = new Set<string>(conversation.artifactsAtStart.filter((a) => !isTruth(a)).map((a) => a.type));
  const measurers = measurementTools(catalogue);
  let measured = conversation.artifactsAtStart.some((a) => a.type === 'table' && measurers.has(a.producedBy ?? ''));
  const out: PlannedStep[] = [];
  // (the inputs the request's other steps read or make: "plot the tracks and give me a csv too" writes those tracks)
  const laterTakes = (step: PlannedStep) => new Set(steps.filter((s) => s !== step).flatMap((s) => [...requiredInputs(s.tool, catalogue.get(s.tool), s.args.$needs as InputType[] | undefined), ...madeFor(s.tool, catalogue)]));
  // "on the denoised movie, count the cells", "using the background-subtracted frames, segment": a movie named by the
  // step that makes it, which neither the session nor any step of this request makes, is made first by that step (its
  // settings from the same words), never a reference to nothing; true when made, an error, or false
  const makeNamedMovie = (step: PlannedStep, depth: number, needsTime: boolean): boolean | string => {
    const makers = producersNamed(withoutRejected(step.clause), catalogue);
    const unmade = makers?.length === 1 ? makers[0] : undefined;
    // (not the picture the step makes itself from the movie: "plot the tracks on the max projection" is plot's own projection)
    if (!unmade || unmade === step.tool || unmade === '(input)' || !preparesMovie(unmade, catalogue) || valueOfMaker(step.args, unmade) || excluded.includes(unmade) || depth > 3
      || sessionArtifacts(conversation).some((a) => a.producedBy === unmade) || out.some((s) => s.tool === unmade) || steps.some((s) => s.tool === unmade)) return false;
    const { output: _named, ...makerArgs } = buildArgs(unmade, { clause: step.clause, text: step.clause, request: conversation.request, conversation, catalogue });
    const error = insert({ tool: unmade, args: makerArgs, clause: step.clause }, depth + 1, needsTime);
    if (error) return error;
    step.args.movie = { $ref: 'movie', mode: 'chain', ...(needsTime ? { multiFrame: true } : {}) } satisfies Ref;
    // ("count the nuclei on channel 2's max projection": the channel named is the made movie's, which holds only it)
    if (makerArgs.channel !== undefined && step.args.channel === makerArgs.channel) delete step.args.channel;
    return true;
  };
  // (the tools of steps added to make another step's input)
  const madeForInput = new Set<string>();
  const insert = (step: PlannedStep, depth: number, forTimeStep = false): string | undefined => {
    if (depth > 0) madeForInput.add(step.tool);
    const info = catalogue.get(step.tool);
    // a time step, and the steps inserted to feed it, take the time-lapse, never a 1-frame projection
    const needsTime = forTimeStep || needsFrames(step.tool, catalogue, step.args);
    let preferred = step.args.$needs as InputType[] | undefined;
    const wordsChose = preferred !== undefined;
    delete step.args.$needs;
    // "measure the areas, then export as csv": with optional inputs and words that name none, what the step just before made, when the usual input does not exist
    // ("denoise it and save it": words that say nothing of the step's own arguments take the movie too)
    // "..., and the measurements as csv": the one input the step's words name, made first when missing
    let namedTypes = acceptedInputs(step.tool, info).filter((t) => t !== 'movie' && namesInput(withoutRejected(step.clause), t));
    // ("export the speed of each track as CSV": a measured quantity with a scope over the tracks names a table, no tracks file)
    const unscoped = withoutRowScope(withoutRejected(step.clause));
    if (namedTypes.length > 1 && asksAMeasuredQuantity(unscoped)) {
      const named = acceptedInputs(step.tool, info).filter((t) => t !== 'movie' && namesInput(unscoped, t));
      if (named.length === 1 && named[0] === 'table') namedTypes = named;
    }
    if (!preferred && namedTypes.length === 1 && /^(?:and\s+|,\s*)?(?:also\s+)?(?:the|my|our|all)\s/i.test(step.clause.trim()) && out.at(-1)?.tool === step.tool) preferred = namedTypes;
    // "measure speeds, then export them to speeds.csv": "them" is what the step just before made, when the step takes it
    // ("..., and keep the result", "then save the output": the result is the step before's too)
    if (!preferred && out.length && out.at(-1)!.tool !== step.tool && /^\W*(?:(?:and|then|also|please|pls|now|finally)\s+)*[a-z][\w-]*\s+(?:it|them|those|these|the\s+(?:results?|outputs?)\s*[.!]*$)/i.test(step.clause.trim())) {
      // (its main result, a movie too, for a step that takes a movie but needs none: "correct the drift and save it" writes the corrected
      // movie, not its drift table; a step that needs a movie reads the latest one anyway)
      const main = madeFor(out.at(-1)!.tool, catalogue)[0];
      const takesMovieFreely = main === 'movie' && acceptedInputs(step.tool, info).includes('movie') && !requiredInputs(step.tool, info).includes('movie');
      const last = madeFor(out.at(-1)!.tool, catalogue).filter((t) => (t !== 'movie' || takesMovieFreely) && acceptedInputs(step.tool, info).includes(t as InputType));
      if (last.length) preferred = [last[0] as InputType];
    }
    // "masks -> TIFF": an arrow from the step before hands its result on
    // (over the input the step's own reading guessed, when its words name none: "TIFF" alone is no movie)
    if (out.length && out.at(-1)!.tool !== step.tool && /(?:-+>|→|=>)\s*$/.test(out.at(-1)!.clause) && !acceptedInputs(step.tool, info).some((t) => namesInput(withoutRejected(step.clause), t))) {
      const handed = madeFor(out.at(-1)!.tool, catalogue).filter((t) => t !== 'movie' && acceptedInputs(step.tool, info).includes(t as InputType));
      if (handed.length) preferred = [handed[0] as InputType];
    }
    // ("csv of the speeds", "export the areas to a spreadsheet" with tracks open: the quantity named is a table of measurements, made first when missing)
    const quantityChose = !preferred && measuredTableAsked(step, namedTypes, measured, catalogue, asksAMeasuredQuantity);
    if (quantityChose) preferred = ['table'];
    // "get me the nuclear areas as a csv": with nothing made yet that the step takes, the one input its words name is made for it
    if (!preferred && namedTypes.length === 1 && out.length === 0 && acceptedInputs(step.tool, info).every((t) => t === 'movie' || !available.has(t))) preferred = namedTypes;
    const saysHow = Object.keys(step.args).some((k) => !k.startsWith('$'));
    const made = out.length && out.at(-1)!.tool !== step.tool ? madeFor(out.at(-1)!.tool, catalogue).filter((t) => (t !== 'movie' || !saysHow) && acceptedInputs(step.tool, info).includes(t as InputType)) : [];
    // ("(2) segment the nuclei with Li and (3) send me the areas as a csv": the one input the words name, other than what the step
    // before made, is made for it: the areas are a table of measurements, not the masks; a drift table made on the way is none)
    if (!preferred && namedTypes.length === 1 && made.length && !made.includes(namedTypes[0]) && !(namedTypes[0] === 'table' ? measured : available.has(namedTypes[0]))) preferred = namedTypes;
    if (!preferred && made.length && requiredInputs(step.tool, info).every((t) => !available.has(t) && !(info?.required ?? []).includes(t))) preferred = [made[0] as InputType];
    // "measure the speed and save it as csv": a step whose words name none of its inputs takes what the step just before made
    if (!preferred && made.length && made[0] !== 'movie' && !acceptedInputs(step.tool, info).some((t) => namesInput(step.clause, t))) preferred = [made[0] as InputType];
    // "save the results so I can open them in Excel": the usual input missing and unnamed, the newest result the session has that the tool takes
    if (!preferred && !out.length && requiredInputs(step.tool, info).every((t) => !available.has(t) && !(info?.required ?? []).includes(t) && !namesInput(step.clause, t))) {
      const newest = [...conversation.artifactsAtStart].reverse().find((a) => a.type !== 'movie' && !isTruth(a) && acceptedInputs(step.tool, info).includes(a.type as InputType));
      if (newest) preferred = [newest.type as InputType];
    }
    // "find the divisions from the masks, no tracking": an input whose only maker was excluded gives way to another the tool accepts and the session has
    const unmakeable = (t: InputType) => !available.has(t) && excluded.includes(makerOf(t, catalogue) ?? '');
    const wanted = requiredInputs(step.tool, info, preferred);
    if (wanted.some(unmakeable) && !wanted.some((t) => (info?.required ?? []).includes(t))) {
      const other = acceptedInputs(step.tool, info).find((t) => t !== 'movie' && !wanted.includes(t) && available.has(t));
      if (other) preferred = [other];
    }
    // ("outline the nuclei, then hand me a CSV": a format that cannot write what the step would read reads what fits, made first)
    // ("correct the drift and export a csv": the drift table the step before made, nothing measured for it)
    const side = wordsChose ? undefined : sideTableWritten(step, out.at(-1), catalogue, namesInput);
    if (side) [preferred, notes, step.args.table] = [['table'], [...notes, side], { $ref: 'table', mode: 'chain' } satisfies Ref];
    const fitted = side ? undefined : fittedInput(step, requiredInputs(step.tool, info, preferred), (t) => (t === 'table' ? measured : available.has(t)), catalogue, wordsChose || quantityChose, laterTakes(step));
    if (fitted) [preferred, notes] = [[fitted.type], fitted.note ? [...notes, fitted.note] : notes];
    const before = out.length;
    for (const type of requiredInputs(step.tool, info, preferred)) {
      if (step.args[type] !== undefined) continue;
      // ("the average projection rather than the max one": what is rejected names no input)
      const named = referenceFor(type, withoutRejected(step.clause), conversation, step.tool, catalogue, out.map((s) => s.tool), step.args);
      const unmadeError = type === 'movie' && (named === undefined || (typeof named === 'object' && named.mode === 'producer')) ? makeNamedMovie(step, depth, needsTime) : false;
      if (typeof unmadeError === 'string') return unmadeError;
      if (unmadeError) continue;
      if (named) {
        step.args[type] = named;
        continue;
      }
      // ("save ... the measurements as csv": a table named as measurements is one, not a drift or count table made on the way)
      const ofMeasurements = type === 'table' && (quantityChose || readsMeasurements(step.tool, catalogue) || /\b(?:measurements?|measured\s+values|features)\b/i.test(withoutRejected(step.clause)));
      const missing = ofMeasurements ? !measured : !available.has(type);
      if (missing) {
        const maker = makerOf(type, catalogue);
        if (type === 'movie' || !maker || depth > 3) return missingInput(type, step.tool);
        if (excluded.includes(maker)) return `To ${verbFor(step.tool)} I need ${type}, which only ${maker} makes, and you asked me not to run ${maker}; I ran nothing.`;
        // (a step added to make an input writes no file the words name: "save the tracks to results/tracks.csv" is the export's)
        const { output: _named, ...makerArgs } = buildArgs(maker, { clause: step.clause, text: step.clause, request: conversation.request, conversation, catalogue });
        objectsChannelSaidElsewhere(maker, makerArgs, conversation, catalogue);
        // "track the nuclei but skip the ones touching the border": a switch of the added step said whole in the words is that step's
        // (the constraint is meant for the step that makes the input, which the words did not name)
        switchesFromWords({ tool: maker, args: makerArgs, clause: step.clause }, catalogue);
        // ("Tracking: no splitting": a yes/no the step itself took from the words is not the added step's too, whose switch shares a word of its name)
        const taken = Object.entries(step.args).filter(([, v]) => typeof v === 'boolean').flatMap(([k]) => switchName(k));
        for (const [k, v] of Object.entries(makerArgs)) if (typeof v === 'boolean' && switchName(k).some((w) => taken.includes(w))) delete makerArgs[k];
        // ("track the nuclei with a search radius of 12 px": a number the step itself took is not the added step's object radius too)
        // (the same setting of both, "channel 2", stays both's)
        const tookAs = (v: number) => Object.entries(step.args).filter(([, x]) => x === v).map(([key]) => key);
        for (const [k, v] of Object.entries(makerArgs)) if (typeof v === 'number' && tookAs(v).length > 0 && !tookAs(v).includes(k)) delete makerArgs[k];
        // ("Analyze Particles with size 50-500 px": a bound said by the words of a setting only the added step has, and that
        // the step asked for took no part of, is the added step's; never a number the step took, nor one tied to no word)
        const ownSettings = catalogue.get(step.tool)?.properties ?? {};
        for (const [k, { value, score }] of Object.entries(statedNumbersScored(maker, step.clause, catalogue))) {
          if (score > 0 && makerArgs[k] === undefined && !(k in ownSettings) && tookAs(value).length === 0 && !Object.values(step.args).includes(value)) makerArgs[k] = value;
        }
        const error = insert({ tool: maker, args: makerArgs, clause: step.clause }, depth + 1, needsTime);
        if (error) return error;
      }
      // "a max and a mean projection", "as csv and as tiff": the same tool again with another value works on what the first one did, not on its result
      let first = out.length;
      while (first > 0 && out[first - 1].tool === step.tool) first--;
      const parallel = first < out.length && madeFor(step.tool, catalogue).includes(type);
      step.args[type] = ofMeasurements
        ? tableOfMeasurements(step, out, measurers, catalogue)
        : ({ $ref: type, mode: 'chain', ...(needsTime && (type === 'movie' || type === 'labels') ? { multiFrame: true } : {}), ...(parallel ? { before: first } : {}) } satisfies Ref);
    }
    if (quantityChose && out.length > before) notes = [...notes, measuredFirstNote(step, out.slice(before).map((s) => s.tool), catalogue)];
    // optional inputs that help (measure's intensity movie, plot's tracks), as each tool declares them: only when they exist
    const uses = selfOf(step.tool, catalogue)?.alsoUses?.(step.args) ?? {};
    for (const type of acceptedInputs(step.tool, info)) {
      // ("measure the intensities on the background-subtracted movie": a movie the step reads by choice, named by its maker, is made first too)
      if (type === 'movie' && step.args.movie === undefined && uses.movie) {
        const made = makeNamedMovie(step, depth, needsTime);
        if (typeof made === 'string') return made;
        if (made) continue;
      }
      if (step.args[type] !== undefined || !available.has(type) || !uses[type]) continue;
      step.args[type] = uses[type] === 'recording'
        ? ({ $ref: type, mode: 'producer', producers: ['(input)', ...recordingMakers(catalogue)] } satisfies Ref)
        : ({ $ref: type, mode: 'chain' } satisfies Ref);
    }
    out.push(step);
    // (a simulation's ground-truth masks are no labels to track: segmenting its movie makes those)
    for (const t of madeFor(step.tool, catalogue)) available.add(t);
    // (a step that reads a table and writes one, an export, measures nothing: "the label image as tiff and the measurements as csv")
    if (measurers.has(step.tool) && !readsMeasurements(step.tool, catalogue)) measured = true;
    return undefined;
  };
  for (const step of steps) {
    // ("the reviewers asked us to quantify migration, so ... the mean speed per track in a CSV": an aim, run last, already
    // reached by a step of its tool added to make another step's input, is not run again)
    if ((AIM.test(step.clause) || isReportedAim(step.clause)) && madeForInput.has(step.tool)) continue;
    const error = insert(step, 0);
    if (error) return { reply: error };
  }
  // ("segment and track the nuclei in movie-1": a movie named once for a chain of steps is read by its first step that
  // reads a movie, though named in a later step's clause; before, the chain read the newest movie)
  const namedMovies = [...new Set(findArtifactIds(conversation.request).filter((id) => id.startsWith('movie-')))];
  if (namedMovies.length === 1 && !out.some((s) => typeof s.args.movie === 'string' || (s.args.movie as Ref | undefined)?.mode === 'id')) {
    const first = out.findIndex((s) => (s.args.movie as Ref | undefined)?.mode === 'chain');
    if (first >= 0 && !out.slice(0, first).some((s) => producesOf(s.tool, catalogue)[0] === 'movie')) out[first].args.movie = { $ref: 'movie', mode: 'id', id: namedMovies[0] } satisfies Ref;
  }
  return { steps: out, notes };
}

/** What a step makes for later steps to work on: what it produces, less its declared ground truth. */
function madeFor(tool: string, catalogue: Catalogue): string[] {
  const truth: string[] = selfOf(tool, catalogue)?.truth ?? [];
  return producesOf(tool, catalogue).filter((t) => !truth.includes(t));
}

/** The tools whose movie is the recording itself (opened, simulated, or only moved or corrected), by their declarations. */
function recordingMakers(catalogue: Catalogue): string[] {
  const names = catalogue.size ? [...catalogue.keys()] : ALL_TOOLS.map((t) => t.name);
  return names.filter((name) => selfOf(name, catalogue)?.keepsRecording === true);
}

/** An input the clause names: an artifact id, a file path, or a description ("the denoised one"). */
function referenceFor(type: InputType, clause: string, conversation: Conversation, tool: string, catalogue: Catalogue, plannedTools: string[] = [], ownArgs: Record<string, unknown> = {}): Ref | string | undefined {
  const ids = findArtifactIds(clause).filter((id) => id.startsWith(`${type}-`));
  if (ids.length) return { $ref: type, mode: 'id', id: ids[0] };
  // ("segment the other file too", "now the second movie": another of the person's movies by its place, repeatedRequest.ts)
  const other = type === 'movie' ? otherMovieNamed(clause, conversation) : undefined;
  if (other) return { $ref: 'movie', mode: 'id', id: other };
  if (type === 'movie' && !plays(tool, 'open', catalogue)) {
    // ("using my measured PSF psf_488.tif": a file said as what it is for, other than the data, is no movie to run on)
    const paths = findPaths(clause).filter((p) => isMoviePath(p) && !fileOfAnotherRole(clause, p));
    const output = findOutput(clause);
    const input = paths.find((p) => p !== output);
    if (input) return input;
  }
  if (type === 'table' || type === 'tracks') {
    const paths = findPaths(clause).filter((p) => (type === 'table' ? /\.csv$/i : /\.(xml|json)$/i).test(p));
    if (paths.length && paths[0] !== findOutput(clause)) return paths[0];
  }
  if (type === 'table') {
    const maker = tableMakerNamed(clause, conversation, tool, catalogue, plannedTools);
    if (maker) return { $ref: 'table', mode: 'producer', producers: [maker] };
  }
  if (type === 'movie') {
    const producers = producersNamed(clause, catalogue);
    // ("have the average projection": the step's own product, not its input, while the session has none of it yet)
    const made = (p: string) => sessionArtifacts(conversation).some((a) => a.producedBy === p);
    // ("draw the paths on top of the max projection": plot's kind "projection" makes that picture itself; words that
    // name a value the step took name no earlier product while neither the session nor this plan has one)
    const madeHere = (p: string) => made(p) || plannedTools.includes(p);
    // ("plot the tracks on the MIP": the value the step took, "projection", is what the named maker, project, makes)
    if (producers && !producers.some(madeHere) && (namesOwnValue(ownArgs, clause) || producers.some((p) => valueOfMaker(ownArgs, p)))) return undefined;
    if (producers && !(producers.every((p) => p === tool) && !made(tool))) return { $ref: 'movie', mode: 'producer', producers };
  }
  return undefined;
}

/** A word value the step took ("projection" of plot's kind) is said in the clause. */
/** A value the step took that is named by the maker's own name ("projection" of project): the step makes that thing itself. */
function valueOfMaker(args: Record<string, unknown>, maker: string): boolean {
  // (by meaning, or one word the other's root: "projection" of project)
  const makerWords = tokenize(maker.replace(/_/g, ' ')).map((t) => meaning(t.stem)).filter((w) => w.length >= 4);
  const sameWord = (w: string) => makerWords.some((m) => w === m || w.startsWith(m) || m.startsWith(w));
  return Object.values(args).some((v) => typeof v === 'string' && /^[a-z_]{4,}$/.test(v) && tokenize(v.replace(/_/g, ' ')).some((t) => sameWord(meaning(t.stem))));
}

function namesOwnValue(args: Record<string, unknown>, clause: string): boolean {
  const said = new Set(tokenize(clause).map((t) => meaning(t.stem)));
  return Object.values(args).some((v) => typeof v === 'string' && /^[a-z_]{4,}$/.test(v) && tokenize(v.replace(/_/g, ' ')).every((t) => said.has(meaning(t.stem))));
}

/** Every artifact the session holds: those at the start of this turn and those earlier turns made. */
function sessionArtifacts(conversation: Conversation): KnownArtifact[] {
  return [...conversation.artifactsAtStart, ...conversation.earlier.flatMap((r) => r.artifacts)];
}

/**
 * The step whose table the words name by that step's own words ("export the drift table as csv" → correct_drift),
 * where that step has made a table in this session or makes one earlier in this plan ("correct the drift and export the
 * drift table"): that table, not a measurement made for the purpose.
 */
function tableMakerNamed(text: string, conversation: Conversation, tool: string, catalogue: Catalogue, plannedTools: string[] = []): string | undefined {
  const made = new Set<string | undefined>([
    ...sessionArtifacts(conversation).filter((a) => a.type === 'table').map((a) => a.producedBy),
    ...plannedTools.filter((t) => madeFor(t, catalogue).includes('table')),
  ]);
  if (made.size === 0) return undefined;
  const index = indexFor(catalogue);
  for (const m of text.matchAll(/\b((?:[\w-]+\s+){0,1}[\w-]+)\s+(?:table|csv|values|offsets|numbers)\b/gi)) {
    // (by a word few tools use: "the drift table" is correct_drift's, "the final table" names no maker)
    const found = index.match(m[1]).filter((t) => t.tool !== tool && made.has(t.tool) && t.matched.some((w) => w.split(' ').every((stem) => index.spread(stem) < GENERIC_SPREAD)));
    if (found.length) return found[0].tool;
  }
  return undefined;
}

/**
 * The tools whose movie the words refer to ("the denoised one" → denoise, "the registered
 * movie" → correct_drift, "the MIP" → project), by the tools' own words; '(input)' for the
 * movie as recorded ("the original", "the raw data"). Only in a reference phrase.
 */
function producersNamed(text: string, catalogue: Catalogue): string[] | undefined {
  const index = indexFor(catalogue);
  // (each article opens its own phrase, read ahead without taking its words: in "the nuclei in the stabilised one" the
  // second "the" opens "stabilised one", which the first phrase's three words would otherwise have swallowed)
  // ("channel 2's max projection": a possessive opens the phrase as an article does)
  for (const m of text.matchAll(/\b(?:the|that|this|those|these|my|our|on|use|'s)\s+(?=((?:[\w-]+\s+){0,2}[\w-]+))/gi)) {
    if (/\b(?:original|raw|input|unprocessed|uncorrected|recorded)\b/i.test(m[1])) return ['(input)'];
    // ("the most crowded", "the least blurred": a superlative describes what is in the data, no movie made (brief s18/Q))
    if (/^(?:most|least|more|less)\b/i.test(m[1])) continue;
    // a participle ("denoised", "drift-corrected") or a word only a few tools use ("mip", "synthetic")
    // (all of a hyphenated word: "drift-corrected" is drift and corrected)
    const tokens = tokenize(m[1]);
    const telling = tokens.filter((t) => /(?:[^e]ed|ied|\bmip|kymograph|projection|synthetic|demo)$/i.test(m[1].slice(t.start, t.end)));
    if (telling.length === 0) continue;
    // (with the word before a participle, which says what it did: "the drift corrected movie" is correct_drift's, written
    // apart as much as "drift-corrected")
    const said = tokens.filter((t, i) => telling.includes(t) || (telling.includes(tokens[i + 1]) && !/(?:[^e]ed|ied)$/i.test(t.word)));
    // (by a word few tools use: "the frames stacked" names no maker of movies by "stack")
    const found = index.match(said.map((t) => t.word).join(' ')).filter((t) => producesOf(t.tool, catalogue)[0] === 'movie' && t.matched.some((w) => w.split(' ').every((stem) => index.spread(stem) < GENERIC_SPREAD)));
    // the tools that fit best (a tie: "the registered movie" may be either registration)
    const tools = found.filter((t) => t.score >= 0.9 * (found[0]?.score ?? 0)).map((t) => t.tool);
    if (tools.length) return tools;
  }
  return undefined;
}

function missingInput(type: InputType, tool: string): string {
  if (type === 'movie') return `I understood that you want to ${verbFor(tool)}, but no movie is open yet. Name a file (e.g. "open cells.tif" or cellpilot ask --movie cells.tif), or say "simulate a movie with 30 dividing nuclei".`;
  return `I understood that you want to ${verbFor(tool)}, but there are no ${type} in this session yet.`;
}

/** A question about one frame, one track or an extreme: whole-movie values do not answer it. */
/** "what have you done so far?", "where are the results?": answered from the session's record. */
function aboutTheSession(text: string): boolean {
  // ("where are the biggest nuclei?" asks where objects are in the image, not where the files are)
  return asksForTheSteps(text) || asksAboutFiles(text);
}


/**
 * The tool whose declared result values the question asks about (their names and what
 * they are), ties broken by the tool's own words: "how far did it drift?" → correct_drift.
 */
function toolForQuestion(text: string, catalogue: Catalogue): string | undefined {
  const asked = askedMeanings(text, catalogue);
  // (things analysed, counted or measured: "which channel has the nuclear stain?" is still the file's)
  const analysed = aboutTheAnalysis(text, catalogue) && (countsThings(text) || countsDividingCells(text) || asksAMeasuredQuantity(text));
  const byWords = new Map(indexFor(catalogue).match(text).map((m) => [m.tool, m.score]));
  let best: { tool: string; score: number } | undefined;
  for (const name of catalogue.size ? catalogue.keys() : ALL_TOOLS.map((t) => t.name)) {
    const self = selfOf(name, catalogue);
    if (!self?.results || (self.consumes ?? []).length === 0) continue;
    // (a question about things analysed, "how many cells divide during the experiment?", is never the file's reporter's)
    if (analysed && onlyReports(name, catalogue)) continue;
    // a telling word of a result, or two that most tools use ("objects per frame"); one such word alone ("cells") is no match
    const hits = resultHits(name, asked, catalogue);
    if (hits < 0.5) continue;
    const score = hits + 0.01 * (byWords.get(name) ?? 0);
    if (!best || score > best.score) best = { tool: name, score };
  }
  return best?.tool;
}

/**
 * A question about the data: at a scope (a frame, a cell, an extreme, a comparison), or
 * about a quantity the table's usual maker measures by its own words ("how straight are
 * the trajectories?", "how much did the cells move?"). The tables answer it; else, for an
 * unscoped question, the values earlier steps reported; else the maker runs first, its
 * inputs made, on the words without the scope (the answer applies it). Undefined for
 * anything else.
 */
/** A table asked as what the answer is given in ("as a table", "in a spreadsheet", "tabulated", "a CSV of"). */
const TABLE_WANTED = /\b(?:tables?|tabulat\w*|tabular|spreadsheets?|csv)\b/i;
/** Things counted, said with "number of" or "count" ("the number of nuclei", "nucleus count"). */
const countsAsked = (text: string) => /\b(?:number|count|counts|how\s+many)\b/i.test(text);

function dataQuestionPlan(text: string, conversation: Conversation, catalogue: Catalogue, aboutTheMicroscope: boolean): Plan | undefined {
  if (!isAskedForm(text) || aboutTheSession(text)) return undefined;
  const maker = makerOf('table', catalogue);
  const self = maker ? selfOf(maker, catalogue) : undefined;
  const words = [...(self?.words ?? []), ...Object.values(self?.valueWords ?? {}).flatMap((v) => Object.values(v).flat())].join(' ');
  const own = [words, catalogue.get(maker ?? '')?.description ?? self?.summary ?? '', ...Object.values(catalogue.get(maker ?? '')?.properties ?? {}).map((p) => p.description ?? '')].join(' ');
  const scoped = asksTheData(text);
  // "how many cells (per frame)?": a count of the things themselves, which the table's maker counts too
  // ("how many cells move?", "how many stay for the whole movie?": tracks counted by what each did, from a table of whole tracks)
  // ("how many tracks start after frame 1?", "which track ends first?": tracks by when they start or end, from a table of whole tracks)
  const tracksCounted = countsMovingCells(text) || countsWholeTracks(text) || trackEndsAsked(text) !== undefined;
  // ("count the nuclei, ignoring anything under 40 px": a count with a condition counts the rows of a table that meet it)
  // ("how many cells touch the border?", "which nuclei are cut by the edge?": the objects a column of the objects table keeps,
  // counted or listed from it, never an earlier step's count of all of them)
  const byColumn = keepsRowsByAColumn(text);
  // ("how many nuclei per frame on average?" with labels made: the objects' table of those labels counts them, never a
  // segmentation run again for its own count; with none, the segmentation's count answers, as it did)
  const labelsHeld = conversation.artifactsAtStart.some((a) => a.type === 'labels' && !isTruth(a));
  const counts = countsThings(text) || tracksCounted || countsWithACondition(text) || byColumn || asksCountPerRegion(text) || (labelsHeld && asksTheMeanCount(text));
  // ("whats the typical nucleus diameter?": a size across is the areas' equivalent diameter, measured by the table's maker, never
  // the scale another step read for its settings, the tracker's object size)
  // ("give me the number of nuclei in every frame as a table": counts at a scope asked as a table are the table maker's rows,
  // never a segmentation's count said in the answer alone)
  const asTable = scoped && countsAsked(text) && TABLE_WANTED.test(text);
  const measured = !!maker && ((asksAMeasuredQuantity(text) && (namesQuantity(text, words) || asksASizeAcross(text) || ((asksHowMuch(text) || scoped) && namesQuantity(text, own)))) || counts || asTable);
  if (!scoped && !measured) return undefined;
  // ("the mean speed in the second half?": a stretch the table reading would drop is measured, frameScope.ts)
  if (!frameScopeTheTableMisses(text, conversation) && answerFromTable(text, conversation)) return { steps: [], question: text };
  if (aboutTheMicroscope) return undefined;
  // a value an earlier step reported, when it is the quantity asked (its name says so)
  const value = (scoped && !counts) || tracksCounted || byColumn ? undefined : answerFromValues(withoutUnits(text), conversation, [...conversation.earlier], catalogue);
  if (value && (!measured || counts || namesQuantity(text, value.split(' (from ')[0]))) return { steps: [], question: text };
  if (!measured) return questionPlan(text, conversation, catalogue, !asksAMeasuredQuantity(text));
  const clause = measuringWords(text, own);
  const withInputs = addInputs([{ tool: maker!, args: buildArgs(maker!, { clause, text: clause, conversation, catalogue, single: true }), clause }], conversation, catalogue);
  if ('reply' in withInputs) return { steps: [], reply: withInputs.reply };
  return { steps: withInputs.steps, question: text };
}

/** The plan of a question that names a step done before it: that step (one that makes a movie from the movie), then the question's own steps. */
function stepDoneBeforePlan(text: string, conversation: Conversation, catalogue: Catalogue): Plan | undefined {
  const named = stepDoneBefore(text);
  if (!named) return undefined;
  const head = planOnce({ ...conversation, request: named.step, current: [] }, catalogue);
  if (head.reply || head.steps.length === 0 || !head.steps.every((s) => preparesMovie(s.tool, catalogue))) return undefined;
  const asked = planOnce({ ...conversation, request: named.question, current: [] }, catalogue);
  if (asked.reply) return undefined;
  const notes = [...(head.notes ?? []), ...(asked.notes ?? [])];
  return { steps: sameStepsOnce([...head.steps, ...asked.steps]), question: asked.question ?? named.question, ...(notes.length ? { notes: [...new Set(notes)] } : {}) };
}

/** The parts of a question asked after steps ("track them and tell me their speed and how many divide"), or undefined. */
function partsAfterSteps(text: string): string[] | undefined {
  const asked = askedPart(text);
  return asked && asked.from > 0 ? questionPartsOf(asked.text) : undefined;
}

/**
 * A question about the data whose words name only steps that change or make images
 * (denoise, correct_bleach, predict_label ...): what those steps declare they find is
 * measured instead ("is there photobleaching?" → is intensity lost from the first to the
 * last frame?), or one line says nothing measures it; the image step never runs to answer.
 */
function imageStepsQuestioned(text: string, mentions: Mention[], conversation: Conversation, catalogue: Catalogue): Plan | undefined {
  if (!questionsTheData(text, conversation)) return undefined;
  const making = mentions.filter((m) => makesImages(m.tool, catalogue));
  if (making.length === 0 || making.length < mentions.length) return undefined;
  // ("is it bleaching?", "how much did it bleach?": a step that can measure without writing its result, correct_bleach's
  // writeMovie false, answers by its own values and leaves the movie as recorded, measuredOnly.ts)
  const measuring = measuringOnly(making[0].tool, text, conversation, catalogue);
  if (measuring) return measuring;
  for (const asked of measuredInstead(making[0].tool, text, catalogue)) {
    const plan = dataQuestionPlan(asked, conversation, catalogue, false);
    if (plan && !plan.reply && plan.steps.every((s) => !makesImages(s.tool, catalogue))) return { ...plan, question: asked };
  }
  return undefined;
}

/**
 * The image step itself, run only to measure, for a question about what it measures: its switches that write its result
 * turned off (`writesAResult`), when it has such a switch and declares a measured value ("is it bleaching?" →
 * correct_bleach writeMovie false, its loss and half-life); undefined otherwise.
 */
function measuringOnly(tool: string, text: string, conversation: Conversation, catalogue: Catalogue): Plan | undefined {
  const switches = Object.entries(catalogue.get(tool)?.properties ?? {}).filter(([name, p]) => writesAResult(name, p)).map(([name]) => name);
  if (switches.length === 0 || measuredInstead(tool, text, catalogue).length === 0) return undefined;
  const args = { ...buildArgs(tool, { clause: text, text, conversation, catalogue }), ...Object.fromEntries(switches.map((name) => [name, false])) };
  const withInputs = addInputs([{ tool, args, clause: text }], conversation, catalogue);
  if ('reply' in withInputs) return { steps: [], reply: withInputs.reply };
  return { steps: withInputs.steps, question: text };
}

/** A question that asks for a value or a verdict about the data (not a request worded as one, "can it be made smoother?", "might I ask for a kymograph?"; not advice, not about a running acquisition). */
function questionsTheData(text: string, conversation: Conversation): boolean {
  return (isQuestion(text) || isQuestion(plainQuestion(text))) && asksAValue(text) && !isAdviceQuestion(text) && !acquisitionRunning(conversation) && !asksForAStep(text);
}

/**
 * A question about a quantity that a tool which only reports declares ("is this a z-stack?",
 * "is the movie calibrated?"): that tool answers it, never one the words name that makes or
 * changes data (project, set_calibration), unless that one's own results name it as well.
 */
/** A question for a value a step declares by its own words: answered from an earlier run of the step, else the step runs for it. */
function declaredResultPlan(text: string, conversation: Conversation, catalogue: Catalogue): Plan | undefined {
  const asked = askedDeclaredResult(text, [...catalogue.keys()].map((tool): [string, DeclaringTool | undefined] => [tool, selfOf(tool, catalogue)]));
  if (!asked) return undefined;
  if (conversation.earlier.some((r) => r.ok && r.tool === asked.tool && asked.key in r.values)) return { steps: [], question: text };
  const withInputs = addInputs([{ tool: asked.tool, args: buildArgs(asked.tool, { clause: text, text, conversation, catalogue }), clause: text }], conversation, catalogue);
  if ('reply' in withInputs) return { steps: [], reply: withInputs.reply };
  return { steps: withInputs.steps, question: text };
}

/** The question asks, by its declared words, for a result of a step that ran in this session (declaredResults.ts). */
function askedOfAStepThatRan(text: string, conversation: Conversation, catalogue: Catalogue): boolean {
  const ran = new Set(conversation.earlier.filter((r) => r.ok).map((r) => r.tool));
  return !!askedDeclaredResult(text, [...ran].map((tool): [string, DeclaringTool | undefined] => [tool, selfOf(tool, catalogue)]));
}

function reportedQuantityPlan(text: string, named: string[], conversation: Conversation, catalogue: Catalogue): Plan | undefined {
  if (!isQuestion(text) || !isAskedForm(text) || acquisitionRunning(conversation) || aboutTheAnalysis(text, catalogue)) return undefined;
  // a microscope tool that reports the quantity itself keeps it ("how many positions are there?")
  const asked = askedMeanings(text, catalogue);
  if (named.some((tool) => runsMicroscope(tool, catalogue) && resultHits(tool, asked, catalogue) > 0)) return undefined;
  const reporter = reporterFor(text, named, catalogue);
  if (!reporter) return undefined;
  if (answerFromValues(text, conversation, [...conversation.earlier], catalogue)) return { steps: [], question: text };
  const withInputs = addInputs([{ tool: reporter, args: buildArgs(reporter, { clause: text, text, conversation, catalogue }), clause: text }], conversation, catalogue);
  if ('reply' in withInputs) return { steps: [], reply: withInputs.reply };
  return { steps: withInputs.steps, question: text };
}

/**
 * A question about the recording itself (its channels, frames, duration, size, calibration,
 * z, positions, bit depth, file): the tool that reports them runs on it, never an analysis.
 * While an acquisition runs, "how many frames?" and "how long?" are about its progress.
 */
/** Words for the present moment: a setting asked "now" is the instrument's, not one a recording keeps. */
const NOW = /\b(?:current(?:ly)?|right now|at the moment|at present|presently|as (?:it|we) (?:is|are|stands?) now)\b/i;

/**
 * "time between frames pls", "pixel size please", "frame interval?": a property of the recording named alone, a short
 * phrase with no value and no verb that sets, asks for it as a question does (a value told, "interval 5 min", sets it).
 */
function namesAPropertyAlone(text: string, catalogue: Catalogue): boolean {
  const plain = plainQuestion(text);
  if (/\d/.test(plain) || plain.split(/\s+/).length > 8 || /\b(?:set|use|change|make|assume|take|treat|put|is|are|be|was|were|should|to)\b|[:=]/i.test(plain)) return false;
  const asked = recordingQuestion(text, catalogue);
  if (!asked || asked.loose || (asked.score ?? 0) < 1) return false;
  // (every word is the property's own phrase or politeness: "average the channels together" asks for a step)
  const results = selfOf(asked.tool, catalogue)?.results ?? {};
  const own = new Set(asked.keys.flatMap((k) => results[k]?.words ?? []).join(' ').toLowerCase().match(/[\p{L}]+/gu) ?? []);
  const words = plain.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  return words.every((w) => own.has(w) || /^(?:pls|plz|please|thx|thanks|ta|cheers|btw|again|quick|q|the|a|an|of|this|that|my|our|its|movie|film|file|stack|recording|video|data|and|plus|s)$/.test(w));
}

function recordingPlan(text: string, conversation: Conversation, catalogue: Catalogue): Plan | undefined {
  // (a question, not a request worded as one: "show me a colour-coded time projection" asks for a step)
  if (acquisitionRunning(conversation) || !(isQuestion(text) || isQuestion(plainQuestion(text)) || pointsAtTheMovie(text) || namesAPropertyAlone(text, catalogue))) return undefined;
  // "pixel size: 0.65 um", "frame rate 2 fps": a value stated with a unit that calibrates, no question mark, tells; it does not ask
  if (!isQuestion(text) && Object.keys(statedCalibration(text)).length > 0) return undefined;
  if (!conversation.artifactsAtStart.some((a) => a.type === 'movie') && findPaths(text).length === 0) return undefined;
  // "can you register it to the first frame?" asks for a step; "how much light has the sample had?" is the microscope's alone
  if (asksForAStep(text) || microscopeOnlyWords(text)) return undefined;
  // "set up a time-lapse of Hoechst, every 15 min for 12 hours?": a whole plan to start is asked for, whatever the question mark
  if (plansAnAcquisition(text, conversation, catalogue)) return undefined;
  // "what is the current interval?": a setting as it is now is the microscope's; the recording's were set when it was made
  if (NOW.test(text) && readsAsMicroscope(text, conversation)) return undefined;
  const asked = recordingQuestion(text, catalogue);
  if (!asked) return undefined;
  // ("which z slice was the sharpest?" after best focus: a value a step that ran declares, asked by its words, is that step's, never the header's)
  if (askedOfAStepThatRan(text, conversation, catalogue)) return undefined;
  // ("whats the mean duration in min" with tracks held: the tracks' durations, never the movie's length)
  const held = [...conversation.artifactsAtStart, ...conversation.earlier.flatMap((r) => r.artifacts)].map((a) => a.type);
  if (heldTableHasIt(text, asked, held, catalogue)) return undefined;
  // (once steps have worked on the movie, the header facts they used answer it without reading the file again; a first
  // question in a fresh session reads the header with the reporting tool, whose call the answer cites)
  if (findPaths(text).length === 0 && conversation.earlier.some((r) => r.ok) && answerFromHeader(text, conversation.artifactsAtStart, catalogue)) return { steps: [], question: text };
  // the movie at hand, whatever participle the words use ("this was filmed" names no step's movie)
  const args = buildArgs(asked.tool, { clause: text, text, conversation, catalogue });
  if (args.movie === undefined && findPaths(text).length === 0) args.movie = { $ref: 'movie', mode: 'chain' } satisfies Ref;
  const withInputs = addInputs([{ tool: asked.tool, args, clause: text }], conversation, catalogue);
  if ('reply' in withInputs) return { steps: [], reply: withInputs.reply };
  return { steps: withInputs.steps, question: text };
}

function questionPlan(text: string, conversation: Conversation, catalogue: Catalogue, fromValues = true): Plan {
  if (aboutTheSession(text)) return { steps: [], question: text };
  const all = [...conversation.earlier];
  // ("the mean speed in the second half?": a stretch the table reading would drop is measured, frameScope.ts)
  if (!frameScopeTheTableMisses(text, conversation) && answerFromTable(text, conversation)) return { steps: [], question: text };
  if (fromValues && answerFromValues(text, conversation, all, catalogue)) return { steps: [], question: text };
  const tool = toolForQuestion(text, catalogue);
  // a question never runs a step that changes images to answer itself: said in one line
  if (tool && makesImages(tool, catalogue) && questionsTheData(text, conversation)) return { steps: [], reply: changesImagesReply(tool, text, catalogue) };
  if (tool) {
    const step: PlannedStep = { tool, args: buildArgs(tool, { clause: text, text, conversation, catalogue }), clause: text };
    const withInputs = addInputs([step], conversation, catalogue);
    if ('reply' in withInputs) return { steps: [], reply: withInputs.reply };
    return { steps: withInputs.steps, question: text };
  }
  return { steps: [], reply: notUnderstood(text, catalogue) };
}

/** What the planner does with the conversation so far: the next tool call, or the answer. */
export function nextAction(said: Conversation, catalogue: Catalogue): Action {
  // (typography, a request in capitals, units spelt out, slips of words: one form before any reader, normalise.ts)
  const conversation = { ...said, request: normalisedRequest(said.request, catalogue) };
  const plan = withConditionsDecided(planRequest(conversation, catalogue), conversation, composeAnswer);
  if (plan.reply) return { kind: 'answer', text: plan.reply };
  const done = conversation.current;
  const failed = done.find((r) => !r.ok);
  if (failed) return { kind: 'answer', text: failureAnswer(failed, done) };
  const k = done.length;
  if (k < plan.steps.length) {
    const step = plan.steps[k];
    const resolved = resolveRefs(step.args, conversation, step.tool);
    if (typeof resolved === 'string') return { kind: 'answer', text: resolved };
    return { kind: 'call', tool: step.tool, args: adaptArgs(resolved, catalogue.get(step.tool)) };
  }
  return { kind: 'answer', text: composeAnswer(plan, conversation) };
}

/**
 * A movie that is a view of another (one frame: a projection over time, a kymograph), by its maker's declaration; a movie
 * its header says has several frames is none (a z projection or the best-focused slice of each frame is the movie to
 * analyse: "now segment the cells on it").
 */
function makesAView(movie: KnownArtifact, frames: number | undefined): boolean {
  const out = movie.producedBy ? selfOf(movie.producedBy)?.framesOut : undefined;
  return out !== undefined && out !== 'same' && !(frames !== undefined && frames > 1);
}

/**
 * A tool whose result is an output for the user, by its declaration: a copy written for the user (an export, saved masks:
 * `writesCopies`) or a main product no step takes as input (a figure, a saved pipeline). Asked beside a question, it is
 * never dropped. (Wider than writesCopies, which alone decides what is never a later step's input: a figure is an
 * output, but it writes no copy of a result.)
 */
function givesTheUserAnOutput(tool: string, catalogue: Catalogue): boolean {
  const main = producesOf(tool, catalogue)[0];
  return writesCopies(tool, catalogue) || (main !== undefined && !(INPUT_TYPES as readonly string[]).includes(main));
}

/** A step giving the user an output (givesTheUserAnOutput) said outside the question's own words. */
function outputAskedBeside(text: string, asked: string, mentions: readonly { tool: string; start: number; end: number }[], catalogue: Catalogue): boolean {
  const at = text.lastIndexOf(asked);
  // (the question's words are those of its span that a question mark closes: "which is biggest? and plot the areas" asks for the plot)
  const sentences = [...text.matchAll(/[^.;!?]+[.;!?]*/g)].map((s) => ({ start: s.index, end: s.index + s[0].length, asks: /\?\s*$/.test(s[0]) }));
  const asks = (m: { start: number }) => sentences.length < 2 || (sentences.find((s) => m.start >= s.start && m.start < s.end)?.asks ?? true);
  const inQuestion = (m: { start: number; end: number }) => at >= 0 && m.start >= at && m.end <= at + asked.length && asks(m);
  return mentions.some((m) => !inQuestion(m) && givesTheUserAnOutput(m.tool, catalogue) && namedByItsWords(m.tool, text.slice(m.start, m.end), catalogue));
}

/**
 * The words of a mention name its tool outright, by one of the words the tool declares ("plot", "export", "save"): an
 * output is asked for only so, never by a clause that merely leans towards the tool ("my supervisor prefers medians
 * because of outliers" is no figure asked for).
 */
function namedByItsWords(tool: string, span: string, catalogue: Catalogue): boolean {
  const words = selfOf(tool, catalogue)?.words ?? [];
  return words.some((w) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i').test(span));
}

/** An input the tool only also reads when there is one (its `alsoUses`): without it the step still runs. */
function alsoUsed(tool: string, type: string, args: Record<string, unknown>): boolean {
  return !!selfOf(tool)?.alsoUses?.(args)?.[type as InputType];
}

/** Replaces Ref objects by artifact ids; a string is an explanation when something cannot be found. */
function resolveRefs(args: Record<string, unknown>, conversation: Conversation, tool: string): Record<string, unknown> | string {
  const out: Record<string, unknown> = {};
  const allCurrent = conversation.current.flatMap((r) => r.artifacts);
  const all: KnownArtifact[] = [...conversation.artifactsAtStart, ...allCurrent];
  const counts = frameCounts(conversation);
  for (const [key, value] of Object.entries(args)) {
    // (references inside an object of settings: rerun_step's changes, { movie: the movie this request makes })
    if (value && typeof value === 'object' && !Array.isArray(value) && !('$ref' in value) && Object.values(value).some((v) => !!v && typeof v === 'object' && '$ref' in v)) {
      const inner = resolveRefs(value as Record<string, unknown>, conversation, tool);
      if (typeof inner === 'string') return inner;
      out[key] = inner;
      continue;
    }
    if (!value || typeof value !== 'object' || !('$ref' in value)) {
      out[key] = value;
      continue;
    }
    const ref = value as Ref;
    let found: KnownArtifact | undefined;
    if (ref.mode === 'id') {
      found = all.find((a) => a.id === ref.id);
      if (!found) return `There is no ${ref.id} in this session (known: ${all.map((a) => a.id).join(', ') || 'none'}).`;
    } else if (ref.mode === 'producer') {
      const wanted = new Set(ref.producers);
      found = [...all].reverse().find((a) => a.type === ref.$ref && (wanted.has(a.producedBy ?? '') || (wanted.has('(input)') && (!a.producedBy || a.producedBy === 'user'))));
      if (!found && key === 'movie' && !alsoUsed(tool, 'movie', args)) {
        const what = ref.producers?.[0] === '(input)' ? 'original' : `${ref.producers?.[0]}`;
        return `I could not find the ${what} movie in this session (movies: ${all.filter((a) => a.type === 'movie').map((a) => `${a.id} ${a.description ?? ''}`).join('; ') || 'none'}).`;
      }
      found ??= [...all].reverse().find((a) => a.type === ref.$ref);
    } else {
      // chain: this request's newest suitable output (of its first `before` steps, when said), then the session's
      const ran = (ref.before === undefined ? conversation.current : conversation.current.slice(0, ref.before)).filter((_, i) => !(ref.aside ?? []).includes(i));
      const currentArtifacts = ref.before === undefined && !ref.aside ? allCurrent : ran.flatMap((r) => r.artifacts);
      const suitable = (list: KnownArtifact[]) => [...list].reverse().filter((a) => a.type === ref.$ref && !isTruth(a));
      // (an export's file is an output for the user, never the next step's input: "export the tracks for TrackMate, then evaluate them" reads the tracks)
      const made = (list: KnownArtifact[]) => suitable(list).filter((a) => !writesCopies(a.producedBy));
      const results = ref.multiFrame ? (list: KnownArtifact[]) => multiFrame(made(list), counts) : made;
      found = results(currentArtifacts)[0]
        ?? results(conversation.artifactsAtStart).find((a) => !(ref.$ref === 'movie' && makesAView(a, a.frames ?? counts.get(a.id))))
        ?? results(all)[0]
        ?? suitable(all)[0];
    }
    if (!found) {
      // an input it only also reads when the session has one (measure's tracks) is no reason to stop
      if (key === ref.$ref && ['tracks', 'labels', 'table'].includes(key) && !alsoUsed(tool, key, args)) return `There are no ${ref.$ref} in this session yet for ${tool}.`;
      continue;
    }
    out[key] = found.id;
  }
  // a feature drawn or read from a table is one of its columns: another table that has it, else the step's other inputs (brief s19/Q)
  if (typeof args.feature === 'string' && typeof out.table === 'string') {
    const table = tableWithFeature(args.feature, out.table, all);
    if (table) out.table = table;
    else if (table === null && typeof out.tracks === 'string') delete out.table;
  }
  // never pair a label movie with a movie of another length (a projection's labels with the time-lapse)
  if (typeof out.movie === 'string' && typeof out.labels === 'string' && /^movie-\d+$/.test(out.movie)) {
    const movie = matchingMovie(out.movie, out.labels, conversation, counts);
    if (movie) out.movie = movie;
    else if (alsoUsed(tool, 'movie', args)) delete out.movie;
  }
  return out;
}
