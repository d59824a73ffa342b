import type { Dialogs } from '../../../src/main/ports';

/** Native dialogs replaced by answers a test sets up front; null (or none left) = cancelled. */
export class PresetDialogs implements Dialogs {
  readonly asked: Array<{ kind: 'open' | 'save' | 'confirm'; title: string }> = [];

  private readonly openAnswers: Array<string | null>;
  private readonly saveAnswers: Array<string | null>;
  private readonly confirmAnswers: boolean[];

  /** Copies the answers: a spec's `test.use` arrays are shared by its tests, and each test uses them up. */
  constructor(open: Array<string | null> = [], save: Array<string | null> = [], confirm: boolean[] = []) {
    this.openAnswers = [...open];
    this.saveAnswers = [...save];
    this.confirmAnswers = [...confirm];
  }

  /** Queues answers for the next confirmations (a page object answers the dialog its click will raise). */
  willConfirm(...answers: boolean[]): void {
    this.confirmAnswers.push(...answers);
  }

  async confirm({ title }: { title: string }): Promise<boolean> {
    this.asked.push({ kind: 'confirm', title });
    return this.confirmAnswers.shift() ?? false;
  }

  async openFile({ title }: { title: string }): Promise<string | null> {
    this.asked.push({ kind: 'open', title });
    return this.openAnswers.shift() ?? null;
  }

  async saveFile({ title }: { title: string }): Promise<string | null> {
    this.asked.push({ kind: 'save', title });
    return this.saveAnswers.shift() ?? null;
  }
}
