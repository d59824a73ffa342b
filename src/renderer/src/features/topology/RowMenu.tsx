/**
 * The context menu of a tree row (right click, Shift+F10 or the Menu key): details, copy the id,
 * IPs, MAC or the openstack command, and the row's actions (metadata lookup, resolve here).
 */
import { Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconFileSearch, IconInfoCircle, IconRoute, IconTerminal2 } from '@tabler/icons-react';
import type { EntityRef, TopologyModel, TreeNode } from '@shared/topology';
import { copyItems } from './row-actions';

export interface RowMenuState {
  node: TreeNode;
  x: number;
  y: number;
}

export interface RowMenuProps {
  model: TopologyModel;
  menu: RowMenuState | null;
  onClose: () => void;
  onDetails: (node: TreeNode) => void;
  onInstanceLookup?: (instanceId: string) => void;
  /** A router or network row: resolve an address through it on the metadata page. */
  onResolveHere?: (ref: EntityRef) => void;
}

function copy(label: string, value: string): void {
  navigator.clipboard.writeText(value).then(
    () => notifications.show({ message: `${label.replace(/^Copy /, '')} copied: ${value}`, color: 'teal' }),
    () => notifications.show({ message: 'The clipboard refused the text', color: 'red' }),
  );
}

export function RowMenu({ model, menu, onClose, onDetails, onInstanceLookup, onResolveHere }: RowMenuProps) {
  const ref = menu?.node.ref;
  return (
    <Menu
      opened={!!menu && !!ref}
      onChange={(opened) => !opened && onClose()}
      position="bottom-start"
      offset={2}
      shadow="md"
      width={240}
      withinPortal
      returnFocus={false}
    >
      <Menu.Target>
        <div style={{ position: 'fixed', left: menu?.x ?? 0, top: menu?.y ?? 0, width: 1, height: 1 }} />
      </Menu.Target>
      {menu && ref && (
        <Menu.Dropdown aria-label={`Actions of ${menu.node.label}`}>
          <Menu.Item leftSection={<IconInfoCircle size={16} />} onClick={() => onDetails(menu.node)}>
            Show details
          </Menu.Item>
          <Menu.Divider />
          {copyItems(model, ref).map((item) => (
            <Menu.Item
              key={item.label}
              leftSection={item.label === 'Copy CLI command' ? <IconTerminal2 size={16} /> : <IconCopy size={16} />}
              onClick={() => copy(item.label, item.value)}
              title={item.value}
            >
              {item.label}
            </Menu.Item>
          ))}
          {ref.kind === 'server' && onInstanceLookup && (
            <>
              <Menu.Divider />
              <Menu.Item leftSection={<IconFileSearch size={16} />} onClick={() => onInstanceLookup(ref.id)}>
                Metadata lookup
              </Menu.Item>
            </>
          )}
          {(ref.kind === 'router' || ref.kind === 'network') && onResolveHere && (
            <>
              <Menu.Divider />
              <Menu.Item leftSection={<IconRoute size={16} />} onClick={() => onResolveHere(ref)}>
                Resolve here
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      )}
    </Menu>
  );
}
