import type { CloudSummary } from '@shared/models/cloud';

/** Clouds whose name, auth URL, project or region contains every word of the filter (any case). */
export function filterClouds(clouds: CloudSummary[], filter: string): CloudSummary[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return clouds;
  return clouds.filter((c) => {
    const text = [c.name, c.authUrl, c.projectName, c.projectId, c.domainName, c.regionName, ...(c.regions ?? [])]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
