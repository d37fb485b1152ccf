// Identifiers of Parley's seeded channel, taken from the repository's fixtures/whatsapp/, so that a fresh
// Parley and a fresh simulator talk to each other with no configuration.
export const DEFAULT_PHONE_NUMBER_ID = '106540352242922';
export const DEFAULT_DISPLAY_PHONE_NUMBER = '15550783881';
export const DEFAULT_WABA_ID = '102290129340398';
export const DEFAULT_TOKEN = 'sim-token';
export const DEFAULT_APP_ID = 'sim-app';
export const DEFAULT_GRAPH_VERSION = 'v21.0';
/** Cloud API's default throughput per business number (messages a second). */
export const DEFAULT_RATE_LIMIT = 80;
/** Meta's customer service window. */
export const DEFAULT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Meta's media URLs expire after five minutes. */
export const MEDIA_URL_TTL_MS = 5 * 60 * 1000;
