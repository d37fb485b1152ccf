// The error answers a route can give, for its OpenAPI entry: every one has the same shape
// ({ error: { code, message, details? } }, errors.ts), so a client handles them in one place.
import { ErrorBodySchema } from '@parley/sync';

const described = (what: string) => ErrorBodySchema.describe(what);

export const errorResponses = {
  400: described('The request is not valid: error.details names each field and what it expects'),
  401: described('Log in, or send a valid bearer token'),
  403: described('Your role does not allow this, or a session is missing its x-csrf-token'),
  404: described('No such thing is visible to you (also what another tenant’s ids answer)'),
  409: described('It conflicts with the current state (a name, email or number already taken)'),
  429: described('Too many attempts: wait a minute'),
} as const;
