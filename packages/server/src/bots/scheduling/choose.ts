// Which service and which staff member a message names: by the words of their names, the
// synonyms the business gave a service, and a few everyday words of salons and clinics ("cabelo"
// for a haircut, "nails" for a manicure). A name's own words weigh more than a synonym, so
// "corte de cabelo" picks "Corte de cabelo" over "Corte de barba"; a tie picks nothing (the bot
// asks).
import { normalise } from './read-text.ts';

export interface Named {
  id: string;
  name: string;
  synonyms?: string[];
}

const STOP = new Set([
  'de',
  'do',
  'da',
  'dos',
  'das',
  'e',
  'com',
  'a',
  'o',
  'the',
  'and',
  'of',
  'with',
  'para',
]);

const EVERYDAY: string[][] = [
  ['corte', 'cortar', 'cabelo', 'haircut', 'cut', 'hair'],
  ['barba', 'barbear', 'beard', 'shave'],
  ['unha', 'manicure', 'pedicure', 'nail', 'mao', 'pe'],
  ['escova', 'escovar', 'blowout', 'blow'],
  ['sobrancelha', 'eyebrow', 'brow'],
  ['coloracao', 'tintura', 'pintar', 'luzes', 'mechas', 'color', 'colour', 'dye', 'highlights'],
  ['hidratacao', 'tratamento', 'treatment'],
  ['massagem', 'massage'],
  ['depilacao', 'cera', 'waxing', 'wax'],
  ['limpeza', 'cleaning', 'facial'],
  ['consulta', 'consultation', 'avaliacao', 'checkup'],
];

// Plural and singular read alike ("unhas", "nails").
const stem = (w: string) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);
const words = (text: string) =>
  normalise(text)
    .trim()
    .split(' ')
    .filter((w) => w && !STOP.has(w))
    .map(stem);

function score(item: Named, said: Set<string>): number {
  const own = words(item.name);
  const synonyms = (item.synonyms ?? []).flatMap(words);
  const everyday = EVERYDAY.filter((g) => g.some((w) => own.includes(w))).flat();
  let s = 0;
  for (const w of said) {
    if (own.includes(w)) s += 3;
    else if (synonyms.includes(w)) s += 2;
    else if (everyday.includes(w)) s += 1;
  }
  return s;
}

/** The one item the text names best, or null when it names none or several equally. */
export function chooseNamed<T extends Named>(text: string, items: T[]): T | null {
  const said = new Set(words(text));
  const scored = items.map((item) => ({ item, s: score(item, said) })).sort((a, b) => b.s - a.s);
  const [best, second] = scored;
  if (!best || best.s === 0 || (second && second.s === best.s)) return null;
  return best.item;
}

/** A staff member named in the text ("com a Ana", "with John"): by their first name only. */
export function chooseStaff<T extends { id: string; name: string }>(text: string, staff: T[]): T | null {
  const said = new Set(words(text));
  const named = staff.filter((st) => {
    const first = words(st.name)[0];
    return first !== undefined && said.has(first);
  });
  return named.length === 1 ? named[0]! : null;
}
