/** The local metadata proxy. Owned by the proxy feature; extend freely. */
export const proxyChannels = [] as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProxyContract {}
