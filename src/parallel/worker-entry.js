// Worker bootstrap (plain JS so it starts under any runner): imports the task module named
// by the parent (from the command bundle when it is fresh, else from the sources through
// tsx's loader, registered only then: src/bundle/sourceImport.mjs), then runs tasks as they arrive.
import { parentPort, workerData } from 'node:worker_threads';
import { importSource } from '../bundle/sourceImport.mjs';

const mod = await importSource(workerData.moduleUrl);
const fn = mod[workerData.exportName];
if (typeof fn !== 'function') {
  throw new Error(`worker module ${workerData.moduleUrl} has no exported function "${workerData.exportName}"`);
}
parentPort.on('message', async ({ id, input }) => {
  try {
    const output = await fn(input);
    const transfer = collectTransferables(output);
    parentPort.postMessage({ id, output }, transfer);
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
parentPort.postMessage({ ready: true });

function collectTransferables(value) {
  const out = [];
  const visit = (v) => {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) {
      if (!out.includes(v.buffer)) out.push(v.buffer);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object' && !(v instanceof ArrayBuffer)) Object.values(v).forEach(visit);
  };
  visit(value);
  return out;
}
