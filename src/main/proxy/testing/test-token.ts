/** A fixed listener token for the proxy's unit tests (a real listener gets a random one). */
export const testToken = `slt-${'test'.repeat(8)}`;
export const tokenHeader = { 'X-StackLens-Token': testToken };
