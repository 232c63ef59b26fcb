/** The known name closest to `input` (ignoring case, `-` and `_`), if it is close enough to be a likely typo. */
export function didYouMean(input: string, known: readonly string[]): string | null {
  const wanted = normalize(input);
  let best: {name: string; distance: number} | null = null;
  for (const name of known) {
    const distance = editDistance(wanted, normalize(name));
    if (best === null || distance < best.distance) best = {name, distance};
  }
  if (best === null) return null;
  return best.distance <= Math.max(2, Math.floor(wanted.length / 3)) ? best.name : null;
}

function normalize(name: string): string {
  return name.replace(/[-_]/g, '').toLowerCase();
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
