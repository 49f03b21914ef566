// Secrets never reach disk: everything the session writes (provenance, transcript,
// pipelines) passes through redact(). Keys that name a secret are blanked, and any
// string that contains the value of a secret-looking environment variable is masked.
const SECRET_KEY = /(api[_-]?key|token|secret|password|passwd|authorization|bearer|credential)/i;
const SECRET_VALUE = /\b(sk-[A-Za-z0-9_-]{8,}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abp]-[A-Za-z0-9-]{10,})\b|\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]{8,}=*/g;

function secretValuesFromEnv(): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(process.env)) {
    if (value && value.length >= 6 && SECRET_KEY.test(name)) values.push(value);
  }
  return values;
}

export function redactText(text: string, secrets = secretValuesFromEnv()): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[redacted]');
  return out.replace(SECRET_VALUE, '[redacted]');
}

/** A deep copy with secrets removed. */
export function redact<T>(value: T, secrets = secretValuesFromEnv()): T {
  const walk = (v: unknown, key?: string): unknown => {
    if (key !== undefined && SECRET_KEY.test(key) && v !== undefined && v !== null && typeof v !== 'object') return '[redacted]';
    if (typeof v === 'string') return redactText(v, secrets);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x, k)]));
    }
    return v;
  };
  return walk(value) as T;
}
