/**
 * The context menu of a tree row (right click, Shift+F10 or the Menu key): details, copy the id,
 * IPs, MAC or the openstack command, and the row's actions (metadata lookup, serve as the
 * instance, resolve here, start a namespace listener).
 */
import { Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCopy,
  IconFileSearch,
  IconInfoCircle,
  IconPlugConnected,
  IconRoute,
  IconServer2,
  IconTerminal2,
} from '@tabler/icons-react';
import type { EntityRef, TopologyModel, TreeNode } from '@shared/topology';
import { copyItems } from './row-actions';
import { actionEntries, type RowActionEntry, type RowActions } from './row-menu-actions';

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
  actions: RowActions;
}

function copy(label: string, value: string): void {
  navigator.clipboard.writeText(value).then(
    () => notifications.show({ message: `${label.replace(/^Copy /, '')} copied: ${value}`, color: 'teal' }),
    () => notifications.show({ message: 'The clipboard refused the text', color: 'red' }),
  );
}

const ACTION_ICON: Record<RowActionEntry['label'], typeof IconCopy> = {
  'Metadata lookup': IconFileSearch,
  'Serve as this instance': IconServer2,
  'Resolve here': IconRoute,
  'Start namespace listener': IconPlugConnected,
};

function MenuEntries({ model, node, refOf, onDetails, actions }: RowMenuProps & { node: TreeNode; refOf: EntityRef }) {
  const entries = actionEntries(refOf, actions);
  return (
    <>
      <Menu.Item leftSection={<IconInfoCircle size={16} />} onClick={() => onDetails(node)}>
        Show details
      </Menu.Item>
      <Menu.Divider />
      {copyItems(model, refOf).map((item) => (
        <Menu.Item
          key={item.label}
          leftSection={item.label === 'Copy CLI command' ? <IconTerminal2 size={16} /> : <IconCopy size={16} />}
          onClick={() => copy(item.label, item.value)}
          title={item.value}
        >
          {item.label}
        </Menu.Item>
      ))}
      {entries.length > 0 && <Menu.Divider />}
      {entries.map(({ label, run }) => {
        const Icon = ACTION_ICON[label];
        return (
          <Menu.Item key={label} leftSection={<Icon size={16} />} onClick={run}>
            {label}
          </Menu.Item>
        );
      })}
    </>
  );
}

export function RowMenu(props: RowMenuProps) {
  const { menu, onClose } = props;
  const ref = menu?.node.ref;
  return (
    <Menu
      opened={!!menu && !!ref}
      onChange={(opened) => !opened && onClose()}
      position="bottom-start"
      offset={2}
      shadow="md"
      width={250}
      withinPortal
      returnFocus={false}
      // The target is a 1-pixel anchor at the row or pointer: never "detached", always shown.
      hideDetached={false}
      // Menu's default also closes on "keydown outside": the Shift+F10 that opened it, still bubbling.
      clickOutsideEvents={['mousedown', 'touchstart']}
    >
      <Menu.Target>
        {/* A positioning anchor, not a control (the row opens the menu): hidden from assistive tech. */}
        <div aria-hidden style={{ position: 'fixed', left: menu?.x ?? 0, top: menu?.y ?? 0, width: 1, height: 1 }} />
      </Menu.Target>
      {menu && ref && (
        // Named by its row, not by the (empty) anchor Mantine would point aria-labelledby at.
        <Menu.Dropdown aria-label={`Actions of ${menu.node.label}`} aria-labelledby={undefined}>
          <MenuEntries {...props} node={menu.node} refOf={ref} />
        </Menu.Dropdown>
      )}
    </Menu>
  );
}
