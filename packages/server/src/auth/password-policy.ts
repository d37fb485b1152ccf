// What a password must be: at least 12 characters, and not one of the 49,000 most common passwords
// (the list @zxcvbn-ts/language-common ships, built from leaked-password corpora), nor one of them
// with digits or symbols added at either end ("password2024!", "1qwerty..."), which is how people
// stretch a common password to a length rule.
import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

let common: Set<string> | null = null;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common']));

/** Null when the password may be used; else a sentence saying what to change. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return `expected at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `expected at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  const list = commonPasswords();
  if (list.has(lower) || (core.length >= 4 && list.has(core)) || /^(.)\1*$/.test(lower))
    return 'this password is among the most common ones; choose another (a few unrelated words work well)';
  return null;
}

/** A new password at an edge (API body, environment): the policy's sentence as the zod message. */
export const NewPasswordSchema = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
