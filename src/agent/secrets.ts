// Secrets never reach disk: everything the session writes (provenance, transcript,
// pipelines) passes through redact(). Keys that name a secret are blanked, and any
// string that contains the value of a secret-looking environment variable is masked.
const SECRET_KEY = /(api[_-]?key|token|secret|password|passwd|authorization|bearer|credential)/i;
const SECRET_VALUE = /\b(sk-[A-Za-z0-9_-]{8,}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abp]-[A-Za-z0-9-]{10,})\b|\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]{8,}=*/g;

/** Whether each environment variable name met so far names a secret (names are few and tested on every write). */
const namesASecret = new Map<string, boolean>();

function secretValuesFromEnv(): string[] {
  // the names first, then the values of those that name a secret only: reading every value of process.env
  // (a call into the environment each) cost a tenth of a millisecond per write, on every transcript line
  const values: string[] = [];
  for (const name of Object.keys(process.env)) {
    let secret = namesASecret.get(name);
    if (secret === undefined) namesASecret.set(name, (secret = SECRET_KEY.test(name)));
    if (!secret) continue;
    const value = process.env[name];
    if (value && value.length >= 6) values.push(value);
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
