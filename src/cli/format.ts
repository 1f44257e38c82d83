/** Numbers as people read them in hubcat's output: thousands separated, whatever the machine's locale. */
const LOCALE = 'en-US';

export const count = (value: number): string => value.toLocaleString(LOCALE);

export const decimal = (value: number, digits = 1): string =>
  value.toLocaleString(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const percent = (ratio: number): string => `${decimal(ratio * 100)}%`;

/** `1 request`, `2 requests`, `1,000 requests`. */
export const plural = (value: number, word: string, wordPlural = `${word}s`): string =>
  `${count(value)} ${value === 1 ? word : wordPlural}`;
