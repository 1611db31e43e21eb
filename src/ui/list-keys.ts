import type { Key } from 'ink';

/**
 * Where a list navigation key moves the selection (↑↓, j/k, PgUp/PgDn by a page, g/G and
 * Home/End to the ends), or null for any other key.
 */
export function navigate(input: string, key: Key, index: number, count: number, page: number): number | null {
  if (key.upArrow || input === 'k') return index - 1;
  if (key.downArrow || input === 'j') return index + 1;
  if (key.pageUp) return index - Math.max(1, page);
  if (key.pageDown) return index + Math.max(1, page);
  if (key.home || input === 'g') return 0;
  if (key.end || input === 'G') return count - 1;
  return null;
}
