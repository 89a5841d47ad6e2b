const NUMBER = new Intl.NumberFormat('fr-FR');

/**
 * "1 appareil", "3 appareils", "0 appareil" (French puts 0 and 1 in the singular), the number
 * written the French way ("1 250 appareils"). Instead of "appareil(s)" in what users read.
 */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${NUMBER.format(count)} ${Math.abs(count) >= 2 ? plural : singular}`;
}

/** One of two wordings by number: `byCount(n, 'n’a pas été scanné', 'n’ont pas été scannés')`. */
export function byCount<T>(count: number, singular: T, plural: T): T {
  return Math.abs(count) >= 2 ? plural : singular;
}
