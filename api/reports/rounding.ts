/** Rounds to `digits` decimals (2: euros; 3: kg; 4: shares and ratios). */
export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** numerator ÷ denominator to 4 decimals, or null when there is nothing to divide by. */
export const ratio = (numerator: number, denominator: number) => (denominator > 0 ? round(numerator / denominator, 4) : null);
