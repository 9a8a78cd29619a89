/**
 * What every chat platform does when an article it posted changes (`Platform.updateBriefing`).
 *
 * The channel message is edited in place, so the channel shows the new version where the old one was.
 * The thread's quotes and people are then the old version's: a note in the thread says the story
 * changed and the new details follow it, which also tells whoever follows the thread. When the message
 * cannot be edited (deleted, too old, no permission), the whole new briefing is posted in its thread
 * under a note instead. A failure that a retry may fix is thrown, so the app retries the update later.
 */
import type { Delivered } from '../contracts/index.js';

export interface UpdateSteps {
  /** Edits the channel message in place; throws when it cannot. */
  edit(): Promise<void>;
  /** Whether a failed edit should go to the thread instead (else the error is thrown, to retry later). */
  fallsBack(error: unknown): boolean;
  /** Posts the whole new briefing under an "updated" note in the thread; what was posted. */
  replaceInThread(editError: unknown): Promise<Delivered>;
  /** After an edit: posts the "updated" note and the new quotes and people in the thread. */
  refreshThread(): Promise<void>;
}

export async function updatePost(previous: Delivered, steps: UpdateSteps): Promise<Delivered> {
  try {
    await steps.edit();
  } catch (error) {
    if (!steps.fallsBack(error)) throw error;
    return steps.replaceInThread(error);
  }
  await steps.refreshThread();
  return previous;
}
