// Reading and writing NumPy .npy files (format versions 1.0 to 3.0), the format of
// bioimage.io test tensors. Only C-ordered, little-endian numeric arrays; that is what
// numpy.save writes on every common machine.
// Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
import { InputError } from '../errors.ts';

export type NpyDType = 'float32' | 'float64' | 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'int64' | 'uint64' | 'bool';

export type NpyData = Float32Array | Float64Array | Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | BigInt64Array | BigUint64Array;

export interface NpyArray {
  shape: number[];
  dtype: NpyDType;
  data: NpyData;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const DESCR_TO_DTYPE: Record<string, NpyDType> = {
  '<f4': 'float32',
  '<f8': 'float64',
  '|u1': 'uint8',
  '<u1': 'uint8',
  '|i1': 'int8',
  '<i1': 'int8',
  '<u2': 'uint16',
  '<i2': 'int16',
  '<u4': 'uint32',
  '<i4': 'int32',
  '<i8': 'int64',
  '<u8': 'uint64',
  '|b1': 'bool',
};

const DTYPE_TO_DESCR: Record<NpyDType, string> = {
  float32: '<f4',
  float64: '<f8',
  uint8: '|u1',
  int8: '|i1',
  uint16: '<u2',
  int16: '<i2',
  uint32: '<u4',
  int32: '<i4',
  int64: '<i8',
  uint64: '<u8',
  bool: '|b1',
};

const BYTES: Record<NpyDType, number> = {
  float32: 4,
  float64: 8,
  uint8: 1,
  int8: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  int64: 8,
  uint64: 8,
  bool: 1,
};

/** Parses a .npy file. `name` appears in error messages. */
export function readNpy(bytes: Uint8Array, name = '.npy file'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new InputError(`${name} is not a NumPy .npy file (bad magic bytes)`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw new InputError(`${name} has an unreadable .npy header: ${header.trim()}`);
  const dtype = DESCR_TO_DTYPE[descr];
  if (!dtype) throw new InputError(`${name} has dtype ${descr}; supported are little-endian ${Object.keys(DESCR_TO_DTYPE).join(', ')}`);
  if (fortran === 'True') throw new InputError(`${name} is stored in Fortran order; save it with numpy.ascontiguousarray first`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = headerStart + headerLength;
  const byteLength = count * BYTES[dtype];
  if (bytes.length < dataStart + byteLength) throw new InputError(`${name} is truncated: shape (${shape.join(', ')}) needs ${byteLength} bytes of data`);
  // Copy so the typed array is aligned whatever the header length was.
  const buffer = new Uint8Array(bytes.subarray(dataStart, dataStart + byteLength)).buffer;
  return { shape, dtype, data: typedArray(dtype, buffer) };
}

function typedArray(dtype: NpyDType, buffer: ArrayBuffer): NpyData {
  switch (dtype) {
    case 'float32':
      return new Float32Array(buffer);
    case 'float64':
      return new Float64Array(buffer);
    case 'uint8':
    case 'bool':
      return new Uint8Array(buffer);
    case 'int8':
      return new Int8Array(buffer);
    case 'uint16':
      return new Uint16Array(buffer);
    case 'int16':
      return new Int16Array(buffer);
    case 'uint32':
      return new Uint32Array(buffer);
    case 'int32':
      return new Int32Array(buffer);
    case 'int64':
      return new BigInt64Array(buffer);
    case 'uint64':
      return new BigUint64Array(buffer);
  }
}

/** Serialises an array as a version 1.0 .npy file (what numpy.save writes). */
export function writeNpy(array: NpyArray): Uint8Array {
  const shapeText = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '${DTYPE_TO_DESCR[array.dtype]}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // Pad with spaces so that magic + lengths + header + '\n' is a multiple of 64.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const data = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  const out = new Uint8Array(10 + header.length + data.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(data, 10 + header.length);
  return out;
}

/** The array's values as float32 (bigint types converted through Number). */
export function npyToFloat32(array: NpyArray): Float32Array {
  const { data } = array;
  if (data instanceof Float32Array) return data;
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Number(data[i]);
  return out;
}
