/** The stored shape of one encrypted personal value (see pii.ts); type-only, safe anywhere. */
export interface EncryptedValue {
  /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts (AES-256-GCM). */
  c: string;
  /** HMAC-SHA256 of the normalised value, hex: equality lookup only. */
  h: string;
}
