// Encodes one little-endian TIFF / BigTIFF image file directory with its out-of-line values.

export const FieldType = { BYTE: 1, ASCII: 2, SHORT: 3, LONG: 4, RATIONAL: 5, UNDEFINED: 7, LONG8: 16 } as const;
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

const SIZE: Record<FieldType, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 16: 8 };

export interface Field {
  tag: number;
  type: FieldType;
  /** Numbers (RATIONAL: [num, den] pairs flattened) or raw bytes (BYTE/ASCII/UNDEFINED). */
  value: number[] | Buffer;
}

export interface EncodedIfd {
  bytes: Buffer;
  /** Absolute offset of each field's value bytes. */
  valueOffsets: Map<number, number>;
  /** Absolute offset of the next-IFD pointer. */
  nextPointerOffset: number;
}

export function ifdSize(fields: Field[], bigTiff: boolean): number {
  const { head, ext } = sizes(fields, bigTiff);
  return head + ext;
}

function valueBytes(f: Field): number {
  return Buffer.isBuffer(f.value) ? f.value.length : (f.type === FieldType.RATIONAL ? f.value.length / 2 : f.value.length) * SIZE[f.type];
}

function sizes(fields: Field[], bigTiff: boolean): { head: number; ext: number } {
  const inlineMax = bigTiff ? 8 : 4;
  const head = bigTiff ? 8 + fields.length * 20 + 8 : 2 + fields.length * 12 + 4;
  let ext = 0;
  for (const f of fields) {
    const n = valueBytes(f);
    if (n > inlineMax) ext += n + (n % 2); // keep word alignment
  }
  return { head, ext };
}

/** Encodes `fields` (any order; written sorted by tag) as an IFD at `offset`, values right after it. */
export function encodeIfd(fields: Field[], offset: number, bigTiff: boolean, nextOffset = 0): EncodedIfd {
  const sorted = [...fields].sort((a, b) => a.tag - b.tag);
  const { head, ext } = sizes(sorted, bigTiff);
  const bytes = Buffer.alloc(head + ext);
  const inlineMax = bigTiff ? 8 : 4;
  const entrySize = bigTiff ? 20 : 12;
  const valueOffsets = new Map<number, number>();
  let p = 0;
  if (bigTiff) {
    bytes.writeBigUInt64LE(BigInt(sorted.length), 0);
    p = 8;
  } else {
    bytes.writeUInt16LE(sorted.length, 0);
    p = 2;
  }
  let extPos = head;
  for (const f of sorted) {
    const n = valueBytes(f);
    const count = Buffer.isBuffer(f.value) ? f.value.length : f.type === FieldType.RATIONAL ? f.value.length / 2 : f.value.length;
    bytes.writeUInt16LE(f.tag, p);
    bytes.writeUInt16LE(f.type, p + 2);
    if (bigTiff) bytes.writeBigUInt64LE(BigInt(count), p + 4);
    else bytes.writeUInt32LE(count, p + 4);
    const fieldPos = p + (bigTiff ? 12 : 8);
    let at: number;
    if (n <= inlineMax) {
      at = fieldPos;
    } else {
      at = extPos;
      if (bigTiff) bytes.writeBigUInt64LE(BigInt(offset + extPos), fieldPos);
      else bytes.writeUInt32LE(offset + extPos, fieldPos);
      extPos += n + (n % 2);
    }
    writeValue(bytes, at, f);
    valueOffsets.set(f.tag, offset + at);
    p += entrySize;
  }
  if (bigTiff) bytes.writeBigUInt64LE(BigInt(nextOffset), p);
  else bytes.writeUInt32LE(nextOffset, p);
  return { bytes, valueOffsets, nextPointerOffset: offset + p };
}

function writeValue(bytes: Buffer, at: number, f: Field): void {
  if (Buffer.isBuffer(f.value)) {
    f.value.copy(bytes, at);
    return;
  }
  const size = SIZE[f.type];
  f.value.forEach((v, i) => {
    const pos = at + i * (f.type === FieldType.RATIONAL ? 4 : size);
    switch (f.type) {
      case FieldType.SHORT: bytes.writeUInt16LE(v, pos); break;
      case FieldType.LONG: case FieldType.RATIONAL: bytes.writeUInt32LE(v, pos); break;
      case FieldType.LONG8: bytes.writeBigUInt64LE(BigInt(v), pos); break;
      default: bytes.writeUInt8(v, pos);
    }
  });
}

/** A positive number as a TIFF RATIONAL [numerator, denominator] with 32-bit parts. */
export function toRational(value: number): [number, number] {
  if (!(value > 0) || !Number.isFinite(value)) return [0, 1];
  let den = 1_000_000;
  while (den > 1 && value * den > 0xffffffff) den = Math.floor(den / 10);
  return [Math.min(0xffffffff, Math.round(value * den)), den];
}
