// Which language a message is written in, when it says so. Short replies ("ok", "10h", "👍")
// carry no evidence and answer null: the dialogue keeps the contact's language then, instead of
// guessing per message (the customer who wrote Portuguese yesterday is answered in Portuguese
// after tapping a list row today).
export type Language = 'pt' | 'en';

const PT =
  / (?:quero|queria|gostaria|marcar|agendar|remarcar|desmarcar|cancelar|amanha|hoje|hj|horario|horarios|segunda|terca|quarta|quinta|sexta|sabado|domingo|seg|qua|qui|sxta|sab|dom|feira|obrigad\w*|obg|valeu|vlw|ola|oi|voce|vc|tarde|manha|noite|nao|sim|proxima|semana|dia|tem|pode|ser|da|do|de|para|pra|por|favor|minhas?|meus?|com|uma|eu|tudo|bem|bom|boa|isso|esse|essa|falar|dono|dona|ate|depois|mais|meio|vou|consigo|preciso|as|corte|cabelo|unha|barba|marcacao|marcacoes|beleza|blz|tchau|qual|quais|quando|onde|livre|vaga)(?= )/g;
const EN =
  / (?:i|want|would|like|book|booking|tomorrow|today|tonight|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday|thanks|thank|you|hello|hi|hey|please|the|to|at|on|my|me|can|is|any|free|available|appointment|appointments|cancel|move|next|week|morning|afternoon|evening|yes|what|how|talk|person|need|have|get|do|for|with|haircut|nails|bye|when|where|slot|slots)(?= )/g;

export function languageScores(normalised: string): Record<Language, number> {
  return {
    pt: normalised.match(PT)?.length ?? 0,
    en: normalised.match(EN)?.length ?? 0,
  };
}

/** The language the words show, or null when they show neither more than the other. */
export function readLanguage(normalised: string): Language | null {
  const s = languageScores(normalised);
  if (s.pt === s.en) return null;
  return s.pt > s.en ? 'pt' : 'en';
}

/**
 * The contact's language after this message: the first message that shows one sets it; later it
 * changes only when a message is clearly in the other language (two of its words, none of ours).
 */
export function keepLanguage(kept: Language | null, normalised: string, fallback: Language): Language {
  const s = languageScores(normalised);
  if (!kept) return readLanguage(normalised) ?? fallback;
  const other: Language = kept === 'pt' ? 'en' : 'pt';
  return s[other] >= 2 && s[kept] === 0 ? other : kept;
}

/** A first guess from the phone number before the customer wrote anything telling. */
export function languageOfPhone(waId: string | null): Language {
  return waId && /^(55|351|244|258|238|239|245|670)/.test(waId) ? 'pt' : 'en';
}
