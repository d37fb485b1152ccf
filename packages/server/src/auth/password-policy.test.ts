import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

describe('the password policy', () => {
  it('wants 12 characters', () => {
    expect(passwordProblem('short-pw')).toMatch(/12 characters/);
    expect(passwordProblem('eleven-char')).toMatch(/12 characters/);
  });

  it('refuses common passwords, also stretched with digits or symbols', () => {
    for (const p of [
      'qwerty123456',
      '1q2w3e4r5t6y',
      'password2024!',
      'Sunshine12345',
      '!!monkey!!1234',
      'aaaaaaaaaaaa',
    ])
      expect(passwordProblem(p), p).toMatch(/most common/);
  });

  it('accepts a long uncommon one', () => {
    expect(passwordProblem('owner-password-1')).toBeNull();
    expect(passwordProblem('violet tractor harbour')).toBeNull();
  });
});
