import type { ComponentType } from 'react';
import { OpenSampleButton } from '../features/topology/OpenSampleButton';

/**
 * Extra actions on the welcome screen (no cloud configured yet), after "Import" and "Add".
 * The topology feature registers "Open the sample snapshot" here. Each entry renders one button.
 */
export interface WelcomeAction {
  id: string;
  component: ComponentType;
}

export const welcomeActions: WelcomeAction[] = [{ id: 'topology-sample', component: OpenSampleButton }];
