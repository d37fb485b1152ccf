// WhatsApp's limit on a text message's body. Counted in UTF-16 code units, as the Graph API counts
// (an emoji may count as two).
export const TEXT_LIMIT = 4096;
/** The counter shows from here on, so the agent sees the limit coming. */
const SHOW_FROM = 3500;

export const tooLong = (text: string): boolean => text.length > TEXT_LIMIT;
export const nearLimit = (text: string): boolean => text.length >= SHOW_FROM;
export const lengthLabel = (text: string): string =>
  `${text.length.toLocaleString()} / ${TEXT_LIMIT.toLocaleString()}`;
export const tooLongMessage = (text: string): string =>
  `This reply is ${(text.length - TEXT_LIMIT).toLocaleString()} characters over WhatsApp's limit of ${TEXT_LIMIT.toLocaleString()}: shorten it or split it in two. Nothing was sent, and your text is kept.`;
