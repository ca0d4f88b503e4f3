// POSIX path arithmetic on guest paths (no host path module in the core).

/** Normalize an absolute path: collapse "//", resolve "." and ".." lexically ("/.." is "/"). */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** `rel` resolved against the absolute directory `base` (an absolute `rel` stands alone), normalized. */
export function joinPath(base: string, rel: string): string {
  return normalizePath(rel.startsWith('/') ? rel : `${base}/${rel}`);
}

/** `rel` against `base` without lexical clean-up, so the host sees "a/../b" and "dir/" exactly as given. */
export function joinRaw(base: string, rel: string): string {
  if (rel.startsWith('/')) return rel;
  return base.endsWith('/') ? base + rel : `${base}/${rel}`;
}
