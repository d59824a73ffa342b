/** One payload that crossed the bridge. */
export interface Recorded {
  direction: 'request' | 'response' | 'event';
  channel: string;
  payload: unknown;
}

/** A Keystone Fernet token (base64url of a Fernet message, version byte 0x80 -> "gAAAAA"). */
const FERNET_TOKEN = /gAAAAA[A-Za-z0-9_-]{40,}/;

/**
 * Records every payload both ways (requests, responses, events) so a test can prove that no secret
 * ever reached the renderer: passwords typed by the user travel renderer -> main and are allowed
 * there only, so requests are checked separately from what main sends back.
 */
export class PayloadRecorder {
  readonly entries: Recorded[] = [];

  record(entry: Recorded): void {
    // Stored as JSON text: exactly what crossed, and immune to later mutation.
    this.entries.push({ ...entry, payload: JSON.parse(JSON.stringify(entry.payload ?? null)) });
  }

  /** Payloads main sent to the renderer (responses and events). */
  toRenderer(): Recorded[] {
    return this.entries.filter((e) => e.direction !== 'request');
  }

  /**
   * Which of `secrets` appear in which payloads; also any Fernet-token-shaped string. `where`
   * picks the direction ('toRenderer' by default; 'all' includes requests).
   */
  leaks(secrets: string[], where: 'toRenderer' | 'all' = 'toRenderer'): string[] {
    const entries = where === 'all' ? this.entries : this.toRenderer();
    const found: string[] = [];
    for (const entry of entries) {
      const text = JSON.stringify(entry.payload);
      for (const secret of secrets) {
        if (secret && text.includes(secret))
          found.push(`${entry.direction} ${entry.channel} contains a secret (${secret.length} chars)`);
      }
      if (FERNET_TOKEN.test(text)) found.push(`${entry.direction} ${entry.channel} contains a Fernet token`);
    }
    return found;
  }

  channels(direction: Recorded['direction']): string[] {
    return this.entries.filter((e) => e.direction === direction).map((e) => e.channel);
  }
}
