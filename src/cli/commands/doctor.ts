/**
 * `stacklens doctor --cloud NAME (--instance ID | --project P | --all)`: why an instance cannot get
 * its metadata, with evidence and the fix; or every instance of a scope with its verdict.
 */
import { parseArgs } from 'node:util';
import { SYMPTOMS, type Symptom } from '@shared/models/doctor';
import { novaAccess } from '@main/doctor/nova-probe';
import { diagnoseLive, fleetLive } from '@main/doctor/run-doctor';
import { AppError } from '@main/errors';
import { suggestNovaMetadataUrl } from '@main/metadata/metadata-lookup';
import { DEFAULT_NOVA_TIMEOUT_MS } from '@main/metadata/nova-metadata-client';
import type { CliCommand, CliOption } from '../cli-io';
import { cloudArg } from '../cloud-arg';
import { openCloud } from '../cloud-session';
import { resolveId, resolveOptionalId } from '../find-name';
import { FINDING_COLUMNS, FLEET_COLUMNS, findingRows, fleetRows, formatDiagnosis, formatFleet } from '../doctor-format';
import { OUTPUT_ARGS, outputOptions, renderList } from '../output';
import { readMetadataSecret, refuseSecretArgument, SECRET_ENV } from '../secret';
import { UsageError } from '../usage-error';
import { NOVA_URL_ENV } from './metadata';

/** At least one instance has a blocking finding. */
export const EXIT_BLOCKING = 7;

const options = {
  cloud: { type: 'string' },
  instance: { type: 'string' },
  project: { type: 'string' },
  all: { type: 'boolean' },
  symptom: { type: 'string' },
  'nova-url': { type: 'string' },
  'secret-file': { type: 'string' },
  verbose: { type: 'boolean' },
  json: { type: 'boolean' },
  ...OUTPUT_ARGS,
} as const satisfies Record<string, CliOption>;

/** -f/-c, when given, for the rows this run prints (findings of one instance, or the fleet). */
function tableOutput(values: { format?: string; column?: string[]; json?: boolean }, columns: readonly string[]) {
  if (values.format === undefined && values.column === undefined) return undefined;
  if (values.json) throw new UsageError('Give --json or -f/-c, not both.');
  return outputOptions(values, columns);
}

export const doctorCommand: CliCommand = {
  options,
  optionValues: { symptom: SYMPTOMS },
  summary: 'Diagnose why instances cannot get their metadata (one instance, a project, or all)',
  columns: [...new Set([...FLEET_COLUMNS, ...FINDING_COLUMNS])],
  usage: `stacklens doctor [--cloud NAME] (--instance NAME|ID | --project NAME|ID | --all) [options]

  --cloud NAME      a clouds.yaml cloud (default $OS_CLOUD)
  --instance ID     one instance: every finding with its evidence and fix
  --project P       every instance of project P (id or name; admins)
  --all             every instance of every project (admins); without --project/--all
                    and --instance: the session's own project
  --symptom S       what the instance sees: ${SYMPTOMS.join(', ')}
                    (orders the below-the-API suspects; an unexplained failure is blocking)
  --nova-url URL    nova-api-metadata (default $${NOVA_URL_ENV}, else compute host:8775)
  --secret-file F   metadata_proxy_shared_secret (else $${SECRET_ENV}); without it nova
                    is not asked and the doctor says so
  --verbose         list the checks that passed too
  --json            the Diagnosis / FleetReport as JSON
  -f table|value|json, -c COLUMN
                    rows like openstackclient: per finding with --instance
                    (${FINDING_COLUMNS.join(', ')}), else per instance
                    (${FLEET_COLUMNS.join(', ')})
Exit: 0 no blocking finding, ${EXIT_BLOCKING} at least one instance blocked, else as other commands.`,
  async run(args, io) {
    refuseSecretArgument(args);
    const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
    if ([values.instance, values.project, values.all].filter(Boolean).length > 1)
      throw new UsageError('Give one of --instance, --project, --all.');
    const output = tableOutput(values, values.instance ? FINDING_COLUMNS : FLEET_COLUMNS);
    const symptom = values.symptom as Symptom | undefined;
    if (symptom !== undefined && !SYMPTOMS.includes(symptom))
      throw new UsageError(`--symptom is one of ${SYMPTOMS.join(', ')}.`);
    const cloudName = cloudArg(values, io);
    const { client, isAdmin, session } = await openCloud(cloudName, io);
    try {
      const { secret, warning } = readMetadataSecret(io.env, values['secret-file']);
      if (warning) io.stderr(`warning: ${warning}\n`);
      const url = values['nova-url'] ?? io.env[NOVA_URL_ENV] ?? suggestNovaMetadataUrl(client);
      const nova = novaAccess(() => {
        if (secret === undefined) throw new AppError('SECRET_MISSING', 'no secret');
        if (!url)
          throw new AppError('CONFIG_INVALID', `No nova-api-metadata URL: pass --nova-url or set ${NOVA_URL_ENV}.`);
        return { url, secret, timeoutMs: DEFAULT_NOVA_TIMEOUT_MS };
      });
      const auth = session.auth;
      const project = auth.scope.kind === 'project' ? auth.scope : undefined;
      const gs = {
        cloudId: cloudName,
        client,
        isAdmin,
        cloudName,
        sessionProjectId: project?.id,
        sessionProjectName: project?.name,
      };
      if (values.instance) {
        const instanceId = await resolveId(client, 'instance', values.instance, isAdmin);
        const d = await diagnoseLive(gs, instanceId, { nova, symptom });
        const verbose = values.verbose === true;
        if (output) io.stdout(`${renderList(FINDING_COLUMNS, findingRows(d, verbose), output)}\n`);
        else io.stdout(values.json ? `${JSON.stringify(d, null, 2)}\n` : `${formatDiagnosis(d, verbose)}\n`);
        return d.verdict === 'blocking' ? EXIT_BLOCKING : 0;
      }
      const projectId = await resolveOptionalId(client, 'project', values.project, isAdmin);
      const allProjects = values.all === true || projectId !== undefined;
      const { report } = await fleetLive(gs, { allProjects, projectId }, nova);
      if (output) io.stdout(`${renderList(FLEET_COLUMNS, fleetRows(report), output)}\n`);
      else io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatFleet(report)}\n`);
      return report.rows.some((r) => r.verdict === 'blocking') ? EXIT_BLOCKING : 0;
    } finally {
      await session.close();
    }
  },
};
