import { describe, expect, it } from 'vitest';
import type { CloudSummary, SessionInfo } from '@shared/models/cloud';
import { currentCloudId } from './current-cloud';

const cloud = (id: string) => ({ id, name: id }) as CloudSummary;
const session = (cloudId: string) => ({ cloudId }) as SessionInfo;

describe('currentCloudId', () => {
  const clouds = [cloud('a'), cloud('b'), cloud('c')];
  it('is the picked cloud, connected or not', () => {
    expect(currentCloudId('c', clouds, [session('b')])).toBe('c');
  });
  it('without a pick (or a removed one): the first connected, else the first configured', () => {
    expect(currentCloudId(null, clouds, [session('b'), session('a')])).toBe('b');
    expect(currentCloudId('gone', clouds, [])).toBe('a');
    expect(currentCloudId(null, [], [])).toBeNull();
  });
});
