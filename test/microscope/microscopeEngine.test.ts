import { GuardedMicroscope } from '../../src/microscope/guard.ts';
import { MicroscopeEngine } from '../../src/microscope/microscopeEngine.ts';
import { engineContract } from './engineContract.ts';
import { simulatedScope } from './fixtures.ts';

engineContract('MicroscopeEngine on the simulated microscope', (limits, ledger) => {
  const { clock, microscope } = simulatedScope({ sizePx: 64 });
  const guarded = new GuardedMicroscope(microscope, limits, () => undefined);
  return { engine: new MicroscopeEngine(guarded, ledger, limits), microscope: guarded, clock };
});
