/**
 * A word-level diff of two texts (longest common subsequence over words and whitespace), for the
 * glossary's history: what each version changed. Plain and small: glossary texts are at most a
 * few thousand characters; beyond MAX_TOKENS words the diff falls back to "all removed, all
 * added" rather than spend quadratic time.
 */
export type DiffPart = { op: "same" | "add" | "del"; text: string };

const MAX_TOKENS = 1_500;

function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Merges neighbouring parts of the same kind. */
function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && last.op === p.op) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

export function diffWords(before: string, after: string): DiffPart[] {
  if (before === after) return before === "" ? [] : [{ op: "same", text: before }];
  const a = tokens(before);
  const b = tokens(after);
  if (a.length > MAX_TOKENS || b.length > MAX_TOKENS) {
    return [...(before ? [{ op: "del" as const, text: before }] : []), ...(after ? [{ op: "add" as const, text: after }] : [])];
  }
  // lcs[i][j] = length of the LCS of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      parts.push({ op: "same", text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      parts.push({ op: "del", text: a[i]! });
      i++;
    } else {
      parts.push({ op: "add", text: b[j]! });
      j++;
    }
  }
  while (i < a.length) parts.push({ op: "del", text: a[i++]! });
  while (j < b.length) parts.push({ op: "add", text: b[j++]! });
  return group(merge(parts));
}

/**
 * Readable changes: a run of removals and additions separated only by whitespace becomes one
 * removal and one addition ("a first conversation" → "a discovery call"), not word by word.
 */
function group(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let k = 0;
  while (k < parts.length) {
    const p = parts[k]!;
    if (p.op === "same") {
      out.push(p);
      k++;
      continue;
    }
    let del = "";
    let add = "";
    while (k < parts.length) {
      const q = parts[k]!;
      if (q.op === "del") del += q.text;
      else if (q.op === "add") add += q.text;
      else if (/^\s+$/.test(q.text) && k + 1 < parts.length && parts[k + 1]!.op !== "same") {
        del += q.text;
        add += q.text;
      } else break;
      k++;
    }
    if (del) out.push({ op: "del", text: del });
    if (add) out.push({ op: "add", text: add });
  }
  return out;
}
