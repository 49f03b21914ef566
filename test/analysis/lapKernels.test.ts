import { describe, expect, it } from 'vitest';
import { LAP_KERNEL_MODULE_BASE64, lapKernelModuleBytes } from '../../src/analysis/lapKernels.ts';

describe('the LAP kernels module', () => {
  it('kept as base64 is what the kernel functions assemble (regenerate it when they change)', () => {
    expect(LAP_KERNEL_MODULE_BASE64).toBe(Buffer.from(lapKernelModuleBytes()).toString('base64'));
  });
});
