/**
 * A fresh id for one message, so a retried send is stored once. `crypto.randomUUID` exists only
 * in secure contexts (https or localhost); plain http on a LAN falls back to random digits.
 */
export function newClientMessageId(): string {
  if (typeof globalThis.crypto?.randomUUID === 'function') return globalThis.crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
