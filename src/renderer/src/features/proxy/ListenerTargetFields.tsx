/**
 * The listener form's "who is it for" fields: the instance, router or network picked by name, IP,
 * MAC or ID prefix over the loaded topology (project filled in), never typed as a raw UUID.
 */
import { useEffect, useEffectEvent } from 'react';
import { Fieldset, Input, SegmentedControl, Select, SimpleGrid, TagsInput, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { pickOption } from '@shared/topology';
import { ShortId } from '../../components/ShortId';
import { EntityPicker } from '../../components/EntityPicker';
import { modelName } from '../../components/model-names';
import type { ListenerFormValues, ScopeKind } from './listener-form';
import type { CloudModel } from './use-cloud-model';

type Form = UseFormReturnType<ListenerFormValues>;

/** The project nova checks: filled in from the picked instance; typed only for an instance outside the topology. */
function ProjectField({ form, names, known }: { form: Form; names: CloudModel; known: boolean }) {
  const { projectId, instanceId } = form.values;
  if (instanceId && !known && !names.loading) {
    return (
      <TextInput
        label="Project ID"
        description="The instance is not in the loaded topology: nova answers 404 unless it is its project"
        {...form.getInputProps('projectId')}
      />
    );
  }
  return (
    <Input.Wrapper
      label="Project"
      description="The instance's, filled in (nova checks it)"
      error={form.errors.projectId}
    >
      <div style={{ minHeight: 36, display: 'flex', alignItems: 'center' }}>
        {projectId ? (
          <ShortId value={projectId} name={modelName(names.model, 'project', projectId)} noun="project" />
        ) : (
          <Text size="sm" c="dimmed">
            Pick the instance first
          </Text>
        )}
      </div>
    </Input.Wrapper>
  );
}

function InstancePick({ form, names }: { form: Form; names: CloudModel }) {
  const { instanceId, projectId } = form.values;
  const option = names.model && instanceId ? pickOption(names.model, 'server', instanceId) : undefined;
  // A prefill without the project (a topology row action) gets it once the topology is here.
  const fillProject = useEffectEvent((id: string) => {
    if (!form.values.projectId) form.setFieldValue('projectId', id);
  });
  useEffect(() => {
    if (option?.projectId && !projectId) fillProject(option.projectId);
  }, [option?.projectId, projectId]);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <EntityPicker
        kind="server"
        label="Instance"
        model={names.model}
        loading={names.loading}
        onUse={names.want}
        description={names.hint ?? 'Every request is answered as this server'}
        error={form.errors.instanceId}
        value={instanceId || null}
        onChange={(id, picked) => {
          form.setFieldValue('instanceId', id ?? '');
          form.setFieldValue('projectId', picked?.projectId ?? '');
        }}
      />
      <ProjectField form={form} names={names} known={option !== undefined} />
    </SimpleGrid>
  );
}

/** Instance mode: who every request is answered as. */
export function InstanceSection({ form, names }: { form: Form; names: CloudModel }) {
  const values = form.values;
  return (
    <Fieldset legend="Answer as">
      <SegmentedControl
        mb="sm"
        aria-label="Instance given by"
        data={[
          { value: 'instance', label: 'Instance' },
          { value: 'address', label: 'Address + router/network' },
        ]}
        value={values.instanceKind}
        onChange={(k) => form.setFieldValue('instanceKind', k as 'instance' | 'address')}
      />
      {values.instanceKind === 'instance' ? (
        <InstancePick form={form} names={names} />
      ) : (
        <TextInput
          label="Instance address"
          placeholder="10.0.0.10"
          description="Resolved through Neutron on every request"
          {...form.getInputProps('instanceIp')}
        />
      )}
    </Fieldset>
  );
}

const scopeChoices = {
  ovn: [{ value: 'network', label: 'Network (ovnmeta- namespace)' }],
  ml2: [
    { value: 'router', label: 'Router (l3-agent namespace)' },
    { value: 'network', label: 'Network (DHCP namespace)' },
  ],
};

/** The router or network a namespace listener (or an address) is looked up on. */
export function ScopeSection({ form, names }: { form: Form; names: CloudModel }) {
  const values = form.values;
  return (
    <Fieldset legend={values.mode === 'namespace' ? 'Namespace' : 'Looked up on'}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Scope"
          allowDeselect={false}
          data={scopeChoices[values.backend]}
          {...form.getInputProps('scopeKind')}
          onChange={(kind) => form.setValues({ scopeKind: (kind ?? 'router') as ScopeKind, scopeId: '' })}
        />
        <EntityPicker
          key={values.scopeKind}
          kind={values.scopeKind}
          label={values.scopeKind === 'router' ? 'Router' : 'Network'}
          model={names.model}
          loading={names.loading}
          onUse={names.want}
          description={names.hint}
          error={form.errors.scopeId}
          value={values.scopeId || null}
          onChange={(id) => form.setFieldValue('scopeId', id ?? '')}
        />
      </SimpleGrid>
      {values.mode === 'namespace' && (
        <TagsInput
          mt="sm"
          label="Trusted upstreams"
          description="Only these (IPs or CIDRs) may pass the instance address in X-Forwarded-For; everyone else is taken by their own address"
          placeholder="e.g. 127.0.0.1"
          {...form.getInputProps('trustedProxies')}
        />
      )}
    </Fieldset>
  );
}
