// The one normal form every rule of the reader matches against: no accents, lower case, words
// and the few signs dates and times are written with (":" and "/"), single spaces. "Às 15h,
// terça-feira!" and "as 15h terca feira" read the same.
export function normalise(text: string): string {
  return ` ${text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/ª/g, 'a')
    .replace(/[º°]/g, 'o')
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9:/\p{Extended_Pictographic}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

/** Small numbers customers spell out ("às duas da tarde", "at three"). */
export const NUMBER_WORDS: Record<string, number> = {
  uma: 1,
  um: 1,
  duas: 2,
  dois: 2,
  tres: 3,
  quatro: 4,
  cinco: 5,
  seis: 6,
  sete: 7,
  oito: 8,
  nove: 9,
  dez: 10,
  onze: 11,
  doze: 12,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

export const numberOf = (word: string): number | null => {
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word] ?? null;
};

/** Blanks a matched span so later rules do not read the same words again. */
export const blank = (text: string, index: number, length: number) =>
  text.slice(0, index) + ' '.repeat(length) + text.slice(index + length);
