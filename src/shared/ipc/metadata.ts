/** Resolver and metadata lookups. Owned by the metadata feature; extend freely. */
export const metadataChannels = [] as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MetadataContract {}
