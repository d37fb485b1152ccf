// @parley/wa-sim: a WhatsApp Cloud API stand-in (webhooks out, Graph API in) and a load generator.

export { DEFAULT_RETRY, type RetryPolicy, retryDelay } from './backoff.ts';
export {
  type CapturedRequest,
  type CaptureServer,
  type Responder,
  startCaptureServer,
} from './capture-server.ts';
export { tenantPhoneNumberIds, toChannel } from './channels.ts';
export { type ChaosOptions, type PlannedPost, planPosts } from './chaos.ts';
export * from './defaults.ts';
export { type HandshakeResult, verifyHandshake } from './handshake.ts';
export { newWamid } from './ids.ts';
export {
  buildInbound,
  INBOUND_TYPES,
  type InboundInput,
  type InboundType,
  isInboundType,
} from './inbound-messages.ts';
export { formatLatencyTable } from './latency-table.ts';
export { type LoadOptions, type LoadStats, runLoad } from './load.ts';
export { samplePdf, samplePng } from './media-samples.ts';
export { graphError, META_ERRORS, type MetaErrorName, webhookError } from './meta-errors.ts';
export type { SignupResult } from './onboarding.ts';
export * from './payload-builders.ts';
export { seededRandom } from './rng.ts';
export { signBody, verifySignature } from './sign.ts';
export type { GraphCall, ReadReceipt, ReceivedMessage } from './sim-state.ts';
export {
  createSimulator,
  type InboundOptions,
  type SentInbound,
  type Simulator,
  type SimulatorOptions,
  type StatusOptions,
} from './simulator.ts';
export { conversationFor, pricingFor } from './status-details.ts';
export { DEFAULT_STATUS_TIMING, type StatusTiming } from './status-lifecycle.ts';
export { defaultTemplates, type Template } from './templates.ts';
export { webhookEnvelopeSchema } from './webhook-schema.ts';
export {
  createWebhookSender,
  type DeliveryRecord,
  type WebhookSender,
  type WebhookSenderOptions,
} from './webhook-sender.ts';
export * from './webhook-types.ts';
