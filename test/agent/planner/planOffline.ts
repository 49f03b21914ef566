// The offline planner over every tool, as the planner tests call it: one request, the movie
// (or the artifacts given) already open, nothing run before. Call `loadAcquisitionWords` in a
// beforeAll first: the microscope words are loaded lazily.
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { catalogueFromTools } from '../../../src/agent/planner/catalogue.ts';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { normalisedRequest } from '../../../src/agent/planner/normalise.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';

export const catalogue = catalogueFromTools(ALL_TOOLS);
export const movie: KnownArtifact = { id: 'movie-1', type: 'movie' };

export async function loadAcquisitionWords(): Promise<void> {
  const { loadMicroscopeLanguage } = await import('../../../src/agent/planner/microscopeLanguage.ts');
  await loadMicroscopeLanguage();
}

export const plan = (request: string, artifactsAtStart: KnownArtifact[] = [movie]) =>
  planRequest({ request, artifactsAtStart, earlier: [], current: [], earlierRequests: [] }, catalogue);

/** The tools a request plans, in order. */
export const toolsOf = (request: string, artifacts?: KnownArtifact[]) => plan(request, artifacts).steps.map((s) => s.tool);
/** The arguments of the request's first step of `tool` ({} when none). */
export const argsOf = (request: string, tool: string, artifacts?: KnownArtifact[]) => plan(request, artifacts).steps.find((s) => s.tool === tool)?.args ?? {};
/** Everything the answer says before running: its notes and its reply. */
export const said = (request: string, artifacts?: KnownArtifact[]) => {
  const p = plan(request, artifacts);
  return [...(p.notes ?? []), p.reply ?? ''].join(' ');
};
/** A movie open and its labels made by segment. */
export const movieAndLabels: KnownArtifact[] = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }];

/** The same four, on the request in the one form the planner reads (as nextAction gives it: normalised first). */
export const asSaid = {
  plan: (request: string, artifacts?: KnownArtifact[]) => plan(normalisedRequest(request, catalogue), artifacts),
  toolsOf: (request: string, artifacts?: KnownArtifact[]) => toolsOf(normalisedRequest(request, catalogue), artifacts),
  argsOf: (request: string, tool: string, artifacts?: KnownArtifact[]) => argsOf(normalisedRequest(request, catalogue), tool, artifacts),
  said: (request: string, artifacts?: KnownArtifact[]) => said(normalisedRequest(request, catalogue), artifacts),
};
