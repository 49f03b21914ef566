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
// Outputs are copied back, not transferred: transferring detaches an ArrayBuffer, and the first
// detach in a thread makes V8 drop the optimised code that assumed none ever is (its "array buffer
// detaching" protector) and check every later typed-array access: the segmentation kernels ran
// ~20% slower in a worker for the rest of its life (57 against 69 ms of CPU per 512² plane, even
// for one 8-byte buffer transferred per plane), while copying a 1 MB label plane costs ~3 ms.
// A task module whose thread runs no typed-array kernels (e.g. onnxruntime sessions) can export
// `transferOutputs = true` to hand its output buffers over instead.
const transferOutputs = mod.transferOutputs === true;
parentPort.on('message', async ({ id, input }) => {
  try {
    const output = await fn(input);
    const transfer = transferOutputs ? collectTransferables(output) : [];
    parentPort.postMessage({ id, output }, transfer);
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
// A module whose tasks run native code says so (`nativeTasks = true`): the pool then never
// terminates this thread mid-task (see pool.ts).
parentPort.postMessage({ ready: true, nativeTasks: mod.nativeTasks === true });

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
