import { dictionary } from '@zxcvbn-ts/language-common';

/** Shortest password a person may choose. */
export const PASSWORD_MIN_LENGTH = 10;
/** Longest (argon2 takes any length; a bound keeps a request from hashing megabytes). */
export const PASSWORD_MAX_LENGTH = 200;

// The 49,000 most common passwords of the zxcvbn-ts project (@zxcvbn-ts/language-common), lower-case.
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/**
 * Why a password may not be chosen, in Vietnamese, or null when it may: at least
 * {@link PASSWORD_MIN_LENGTH} characters, not the username (in any case, with or without the
 * organization prefix), not one of the common passwords.
 */
export function passwordRefusal(password: string, username: string): string | null {
  if (typeof password !== 'string' || [...password].length < PASSWORD_MIN_LENGTH) {
    return `Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) return `Mật khẩu dài quá ${PASSWORD_MAX_LENGTH} ký tự.`;
  const lowered = password.trim().toLowerCase();
  const name = username.trim().toLowerCase();
  if (lowered === name || lowered === name.split('.').slice(1).join('.') || lowered.includes(name)) {
    return 'Mật khẩu không được là tên đăng nhập.';
  }
  if (commonPasswords().has(lowered)) return 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.';
  return null;
}
