// The offline planner over every tool, as the planner tests call it: one request, the movie
// (or the artifacts given) already open, nothing run before. Call `loadAcquisitionWords` in a
// beforeAll first: the microscope words are loaded lazily.
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { catalogueFromTools } from '../../../src/agent/planner/catalogue.ts';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';

export const catalogue = catalogueFromTools(ALL_TOOLS);
export const movie: KnownArtifact = { id: 'movie-1', type: 'movie' };

export async function loadAcquisitionWords(): Promise<void> {
  const { loadMicroscopeLanguage } = await import('../../../src/agent/planner/microscopeLanguage.ts');
  await loadMicroscopeLanguage();
}

export const plan = (request: string, artifactsAtStart: KnownArtifact[] = [movie]) =>
  planRequest({ request, artifactsAtStart, earlier: [], current: [], earlierRequests: [] }, catalogue);
