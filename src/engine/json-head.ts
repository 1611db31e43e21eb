// The start of a value's JSON text, written without recursion: a dead letter's payload when the
// source has no text of the message (a tape's message given as a JSON value), where
// JSON.stringify would overflow the stack on a value nested some thousand levels deep.

interface Frame {
  value: unknown[] | Record<string, unknown>;
  /** An object's keys; null for an array. */
  keys: string[] | null;
  next: number;
}

/** JSON.stringify(value) for values JSON.parse made, cut once it is `limit` characters or more. */
export function jsonHead(value: unknown, limit: number): string {
  let out = '';
  const stack: Frame[] = [];
  let item: unknown = value;
  let pending = true;
  while (out.length < limit) {
    if (pending) {
      pending = false;
      if (item !== null && typeof item === 'object') {
        const keys = Array.isArray(item) ? null : Object.keys(item);
        out += keys === null ? '[' : '{';
        stack.push({ value: item as Frame['value'], keys, next: 0 });
      } else {
        out += JSON.stringify(item) ?? 'null';
      }
      continue;
    }
    const f = stack[stack.length - 1];
    if (f === undefined) break;
    const keys = f.keys;
    if (f.next === (keys === null ? (f.value as unknown[]).length : keys.length)) {
      out += keys === null ? ']' : '}';
      stack.pop();
      continue;
    }
    if (f.next > 0) out += ',';
    if (keys === null) item = (f.value as unknown[])[f.next];
    else {
      const k = keys[f.next]!;
      out += `${JSON.stringify(k)}:`;
      item = (f.value as Record<string, unknown>)[k];
    }
    f.next++;
    pending = true;
  }
  return out;
}
