/** The renderer's only door to main: hooks over window.api, errors as ApiError. */
export * from './client';
export * from './keys';
export * from './clouds';
export * from './sessions';
export * from './events';
export * from './proxy';
export * from './metadata';
export * from './topology';
export * from './doctor';
