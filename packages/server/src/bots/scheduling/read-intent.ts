// What the customer wants, from the normalised text (read-text.ts). Ordered: the first rule that
// matches wins, so a complaint or "falar com o dono" beats everything, "cancel" beats "book" in
// "quero cancelar a marcação", and a reply that starts with yes or no is read as that answer.
export type Intent =
  | 'book'
  | 'availability'
  | 'reschedule'
  | 'cancel'
  | 'human'
  | 'complaint'
  | 'yes'
  | 'no'
  | 'list'
  | 'thanks'
  | 'greeting'
  | 'unknown';

const RULES: [Intent, RegExp][] = [
  [
    'complaint',
    / (?:reclam\w*|pessim\w*|horrivel|horriveis|absurdo|ridicul\w*|vergonha|lixo|insatisfeit\w*|decepcion\w*|nao gostei|odiei|desrespeito|descaso|palhacada|procon|complain\w*|terrible|awful|worst|disappointed|unacceptable|rude|ridiculous|disgusting|refund|reembolso)(?= )/,
  ],
  [
    'human',
    / (?:human[oa]?|atendente|(?:uma|outra) pessoa|pessoa (?:real|de verdade)|falar com|conversar com|dono|dona|proprietari[oa]|gerente|responsavel|recepcao|operator|agent|a person|real person|someone|somebody|talk to|speak to|speak with|talk with|manager|owner|a human)(?= )/,
  ],
  [
    'cancel',
    / (?:cancel\w*|desmarc\w*|nao vou (?:poder|conseguir) (?:ir|comparecer)|nao posso (?:ir|mais)|call off|cant make it|can not make it|cannot make it)(?= )/,
  ],
  [
    'reschedule',
    / (?:remarc\w*|reagend\w*|mudar|muda|trocar|troca|adiar|antecipar|passar (?:para|pra)|move|moving|reschedul\w*|change|postpone|push (?:it )?back|bring (?:it )?forward)(?= )/,
  ],
  [
    'list',
    / (?:minhas? (?:marcac\w*|consultas?|agendamentos?|reservas?)|meus? (?:horarios?|agendamentos?)|quando e (?:o )?meu|tenho (?:algum )?(?:horario|hora|marcacao) marcad\w*|o que (?:eu )?marquei|my (?:appointments?|bookings?|reservations?)|when is my|do i have (?:an? )?(?:appointment|booking))(?= )/,
  ],
  [
    'yes',
    /^ (?:sim|s|ss|sii+m|isso|isso mesmo|pode ser|pode|pode sim|confirm\w*|ok|okay|okk|blz|beleza|claro|fechado|combinado|certo|perfeito|otimo|show|bora|yes|y|yeah|yep|yup|ya|sure|perfect|great|correct|right|sounds good|of course|👍|✅)(?= )/u,
  ],
  ['no', /^ (?:nao|n|nn|no|nope|nah|outro|outra|other|another|negativo|prefiro outro|👎)(?= )/u],
  [
    'thanks',
    / (?:obrigad\w*|obg|brigad\w*|valeu|vlw|agradec\w*|grat[oa]|thanks|thank you|thank u|thx|ty|cheers|much appreciated)(?= )/,
  ],
  [
    'availability',
    / (?:livres?|disponi\w*|vagas?|tem (?:algum |um )?(?:horario|hora|vaga)|(?:quais|que|qual) (?:os )?(?:horarios?|horas)|quando (?:tem|voces tem|da)|free|available|availability|openings?|any (?:slots?|times?|space)|what times?|when can)(?= )/,
  ],
  [
    'book',
    / (?:marc\w*|agend\w*|reserv\w*|horario|book\w*|appointment|schedule|reserve|encaix\w*|quero (?:um|uma|fazer)|queria (?:um|uma|fazer)|gostaria de|preciso de (?:um|uma)|i need a|can i get|i want a|i would like|id like)(?= )/,
  ],
  [
    'greeting',
    /^ (?:oi+|ola|opa|eai|e ai|bom dia|boa tarde|boa noite|hi|hello|hey|hiya|good (?:morning|afternoon|evening)|hola)(?= )/,
  ],
];

/** The intent of normalised text (see normalise in read-text.ts). */
export function readIntent(normalised: string): Intent {
  for (const [intent, re] of RULES) if (re.test(normalised)) return intent;
  return 'unknown';
}
