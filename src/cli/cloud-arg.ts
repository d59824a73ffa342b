/** The cloud a command runs against: --cloud, else $OS_CLOUD (as openstackclient does). */
import type { CliIo } from './cli-io';
import { UsageError } from './usage-error';

export function cloudArg(values: { cloud?: string }, io: Pick<CliIo, 'env'>): string {
  const name = values.cloud ?? io.env.OS_CLOUD;
  if (!name) throw new UsageError('This command needs --cloud NAME, or OS_CLOUD set.');
  return name;
}
