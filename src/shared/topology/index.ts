/** The topology model: pure functions shared by main, the renderer, the CLI and the benchmark. */
export * from './entity';
export * from './device-owner';
export * from './build-model';
export * from './tree';
export * from './router-tree';
export * from './network-tree';
export * from './search-index';
export * from './graph-model';
export * from './locate';
export * from './graph-overview';
export * from './pick';
