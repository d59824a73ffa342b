import type { Dialogs } from '../../../src/main/services';

/** Native dialogs replaced by answers a test sets up front; null (or none left) = cancelled. */
export class PresetDialogs implements Dialogs {
  readonly asked: Array<{ kind: 'open' | 'save'; title: string }> = [];

  constructor(
    private readonly openAnswers: Array<string | null> = [],
    private readonly saveAnswers: Array<string | null> = [],
  ) {}

  async openFile({ title }: { title: string }): Promise<string | null> {
    this.asked.push({ kind: 'open', title });
    return this.openAnswers.shift() ?? null;
  }

  async saveFile({ title }: { title: string }): Promise<string | null> {
    this.asked.push({ kind: 'save', title });
    return this.saveAnswers.shift() ?? null;
  }
}
