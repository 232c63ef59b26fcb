// kiro API keys start `ksk_` (REFERENCE §6); anything shaped like one is hidden even when nobody listed it.
const KIRO_KEY = /ksk_[A-Za-z0-9_-]{4,}/g;
// Shorter values are too common as ordinary words to replace safely.
const MIN_SECRET_LENGTH = 4;
// Showing 8 characters of a short key would give most of it away.
const MIN_MASKABLE_LENGTH = 16;

/** Hides secrets in text that leaves kiro-x (stderr tails, messages, argv, logs): each listed secret and every `ksk_…` key. */
export function redact(text: string, secrets: readonly string[]): string {
  const unique = [...new Set(secrets)].filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  // Longest first, so a secret that contains another is replaced whole.
  unique.sort((a, b) => b.length - a.length);
  let result = text;
  for (const secret of unique) {
    result = result.split(secret).join(secret.startsWith('ksk_') ? 'ksk_***' : '***');
  }
  return result.replace(KIRO_KEY, 'ksk_***');
}

/** A key shortened for display (`ksk_…1a2b`), so a user can tell keys apart without seeing one. */
export function maskKey(key: string): string {
  if (key.length < MIN_MASKABLE_LENGTH) return '***';
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}
