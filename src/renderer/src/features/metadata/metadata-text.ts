/** HTTP status colour: 2xx green, 404 yellow, other 4xx orange, 5xx red. */
export function statusColor(status: number): string {
  if (status >= 200 && status < 300) return 'green';
  if (status === 404) return 'yellow';
  if (status < 500) return 'orange';
  return 'red';
}
