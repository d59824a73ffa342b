import type { ComponentType } from 'react';
import { DiagnosisPanel } from '../features/doctor/DiagnosisPanel';

/**
 * What one feature shows inside another's page, wired here (like the pages and welcome actions)
 * so that features never import each other.
 */

/** The diagnosis at the top of an instance's metadata page (the doctor feature). */
export const InstanceDiagnosis: ComponentType<{ cloudId: string; instanceId: string }> = DiagnosisPanel;
