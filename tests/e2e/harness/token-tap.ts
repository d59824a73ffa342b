import diagnostics from 'node:diagnostics_channel';

/**
 * Collects every Keystone token (X-Subject-Token) that main receives in this process, from Node's
 * diagnostics channels (undici and node:http both publish there), whatever client main uses.
 * The e2e specs then check that none of these real tokens reached the renderer.
 */
export class TokenTap {
  readonly tokens = new Set<string>();
  private readonly onUndici = (message: unknown) => {
    const headers = (message as { response?: { headers?: Array<Buffer | string> } }).response?.headers ?? [];
    for (let i = 0; i + 1 < headers.length; i += 2) {
      if (String(headers[i]).toLowerCase() === 'x-subject-token') this.tokens.add(String(headers[i + 1]));
    }
  };
  private readonly onHttp = (message: unknown) => {
    const token = (message as { response?: { headers?: Record<string, unknown> } }).response?.headers?.[
      'x-subject-token'
    ];
    if (typeof token === 'string') this.tokens.add(token);
  };

  start(): this {
    diagnostics.subscribe('undici:request:headers', this.onUndici);
    diagnostics.subscribe('http.client.response.finish', this.onHttp);
    return this;
  }

  stop(): void {
    diagnostics.unsubscribe('undici:request:headers', this.onUndici);
    diagnostics.unsubscribe('http.client.response.finish', this.onHttp);
  }
}
