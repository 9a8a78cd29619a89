/** Choosing an adapter's renderer for an answer by its kind, so that each adapter lists them once. */
import type { AnswerView } from '../contracts/index.js';

/** One renderer per kind of answer view. */
export type AnswerRenderers<M> = {
  [K in AnswerView['kind']]: (view: Extract<AnswerView, { kind: K }>) => M;
};

export function answerRenderer<M>(renderers: AnswerRenderers<M>): (view: AnswerView) => M {
  return (view) => (renderers[view.kind] as (v: AnswerView) => M)(view);
}
