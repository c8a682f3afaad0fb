// Parsing of the request headers the public status answers depend on (Accept-Language,
// Accept-Encoding, Host): their lists of values with q-values, and a bounded memo, since readers
// send a handful of distinct headers and the answers must stay off the hot path.

/** One member of a list such as `gzip;q=0.8` or `zh-CN`: the value as sent (untrimmed), its q-value (1 when none). */
export interface Weighted {
  value: string;
  q: number;
}

/** The members of a comma-separated list with RFC 9110 q-values, the first `maxMembers` of them. */
export function weightedList(header: string, maxMembers: number): Weighted[] {
  return header.split(',', maxMembers).map((member) => {
    const [value = '', ...params] = member.split(';');
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(param);
      if (match?.[1] !== undefined) q = Math.min(1, Number(match[1]));
    }
    return { value, q };
  });
}

/**
 * `compute` remembered for up to `size` distinct keys. When full the memo is emptied at once (no
 * LRU bookkeeping on the hot path): hostile headers only churn it.
 */
export function memoised<V>(size: number, compute: (key: string) => V): (key: string) => V {
  const memo = new Map<string, { value: V }>();
  return (key) => {
    let found = memo.get(key);
    if (found === undefined) {
      found = { value: compute(key) };
      if (memo.size >= size) memo.clear();
      memo.set(key, found);
    }
    return found.value;
  };
}
