import { newTraceId } from './ids.ts';
import type { WebhookError } from './webhook-types.ts';

// One catalogue of the Meta errors the simulator produces, with the HTTP status Meta pairs them with
// (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).

export interface MetaErrorSpec {
  code: number;
  httpStatus: number;
  title: string;
  type: string;
  subcode?: number;
}

export const META_ERRORS = {
  invalidToken: {
    code: 190,
    httpStatus: 401,
    title: 'Invalid OAuth access token - Cannot parse access token',
    type: 'OAuthException',
  },
  invalidParameter: { code: 100, httpStatus: 400, title: 'Invalid parameter', type: 'OAuthException' },
  unknownObject: {
    code: 100,
    httpStatus: 400,
    title: 'Unsupported post request',
    type: 'GraphMethodException',
    subcode: 33,
  },
  unknownPath: { code: 2500, httpStatus: 400, title: 'Unknown path components', type: 'OAuthException' },
  rateLimit: { code: 130429, httpStatus: 400, title: 'Rate limit hit', type: 'OAuthException' },
  reengagement: { code: 131047, httpStatus: 400, title: 'Re-engagement message', type: 'OAuthException' },
  unsupportedType: {
    code: 131051,
    httpStatus: 400,
    title: 'Unsupported message type',
    type: 'OAuthException',
  },
  undeliverable: { code: 131026, httpStatus: 400, title: 'Message undeliverable', type: 'OAuthException' },
  paramCount: {
    code: 132000,
    httpStatus: 400,
    title: 'Number of parameters does not match the expected number of params',
    type: 'OAuthException',
  },
  templateMissing: {
    code: 132001,
    httpStatus: 404,
    title: 'Template name does not exist in the translation',
    type: 'OAuthException',
  },
  mediaMissing: { code: 131053, httpStatus: 400, title: 'Media upload error', type: 'OAuthException' },
  /** Meta's answer when something broke on its side, whether or not the message was taken. */
  unknownError: {
    code: 131000,
    httpStatus: 500,
    title: 'Something went wrong',
    type: 'OAuthException',
  },
} as const satisfies Record<string, MetaErrorSpec>;

export type MetaErrorName = keyof typeof META_ERRORS;

export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_data?: { messaging_product: 'whatsapp'; details: string };
    fbtrace_id: string;
  };
}

/** The synchronous Graph API error: `{ error: { message, type, code, error_subcode?, error_data?, fbtrace_id } }`. */
export function graphError(name: MetaErrorName, details?: string): { status: number; body: GraphErrorBody } {
  const spec: MetaErrorSpec = META_ERRORS[name];
  // Meta prefixes the message with "(#code)" for platform errors, but not for token errors.
  const message = spec.code === 190 ? spec.title : `(#${spec.code}) ${spec.title}`;
  return {
    status: spec.httpStatus,
    body: {
      error: {
        message,
        type: spec.type,
        code: spec.code,
        ...(spec.subcode !== undefined && { error_subcode: spec.subcode }),
        ...(details !== undefined && { error_data: { messaging_product: 'whatsapp' as const, details } }),
        fbtrace_id: newTraceId(),
      },
    },
  };
}

/** The asynchronous form, as it appears in `statuses[].errors[]` and `value.errors[]`. */
export function webhookError(name: MetaErrorName, details: string): WebhookError {
  const spec: MetaErrorSpec = META_ERRORS[name];
  return {
    code: spec.code,
    title: spec.title,
    message: spec.title,
    error_data: { details },
    href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
  };
}

export const REENGAGEMENT_DETAILS =
  'Message failed to send because more than 24 hours have passed since the customer last replied to this number.';
